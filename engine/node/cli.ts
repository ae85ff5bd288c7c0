#!/usr/bin/env node
// gradscope eval FILE.ts [--json] [--max-nodes N] [--timeout S] [--seed N]

import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { toJSON, type Snapshot } from '../snapshot.js';
import type { RunOptions } from '../protocol.js';
import { defaultTimeoutMs } from '../runner/run.js';
import { formatTable } from './table.js';
import type { CliResult } from './cli-worker.js';
import { cliWorkerLimits } from './worker-limits.js';

const usage = `usage: gradscope eval FILE.ts [--json] [--max-nodes N] [--timeout S] [--seed N]

  --json         print the graph as gradscope.graph/1 JSON
  --max-nodes N  stop the program when it creates more than N values (default 1000000)
  --timeout S    stop the program after S seconds (default 10)
  --seed N       seed of Math.random and of nn's initial weights (default 1337)`;

// A program that blocks the worker's thread past its own time check (a long
// builtin call) is terminated this long after the time limit.
const terminateGraceMs = 2_000;

class UsageError extends Error {}

interface Command {
  file: string;
  json: boolean;
  options: RunOptions;
}

function parseArgs(args: string[]): Command {
  if (args[0] === '--help' || args[0] === '-h') {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  if (args[0] !== 'eval') throw new UsageError(args.length === 0 ? 'missing command' : `unknown command '${args[0]}'`);
  const command: Command = { file: '', json: false, options: {} };
  for (let i = 1; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') command.json = true;
    else if (arg === '--max-nodes') command.options.maxNodes = count(arg, args[++i], 1);
    else if (arg === '--timeout') command.options.timeoutMs = Math.round(positive(arg, args[++i]) * 1000);
    else if (arg === '--seed') command.options.seed = count(arg, args[++i], 0);
    else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
    else if (command.file === '') command.file = arg;
    else throw new UsageError(`unexpected argument '${arg}'`);
  }
  if (command.file === '') throw new UsageError('missing FILE.ts');
  return command;
}

function count(flag: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min) throw new UsageError(`${flag} needs an integer ≥ ${min}`);
  return n;
}

function positive(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !(n > 0) || !Number.isFinite(n)) throw new UsageError(`${flag} needs a positive number of seconds`);
  return n;
}

/** Runs the program in a worker thread; resolves to the text to print and the error. */
function runInWorker(source: string, options: RunOptions, json: boolean): Promise<CliResult> {
  const worker = new Worker(new URL('./cli-worker.js', import.meta.url), {
    workerData: { source, options, json },
    resourceLimits: cliWorkerLimits,
  });
  const limitMs = (options.timeoutMs ?? defaultTimeoutMs) + terminateGraceMs;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      const snapshot = stoppedSnapshot(limitMs - terminateGraceMs);
      resolve({ text: json ? toJSON(snapshot) : formatTable(snapshot), error: snapshot.error });
    }, limitMs);
    worker.once('message', (result: CliResult) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

function stoppedSnapshot(timeoutMs: number): Snapshot {
  return {
    format: 'gradscope.graph/1',
    nodes: [],
    backward: [],
    console: [],
    error: { message: `stopped after ${timeoutMs / 1000} s: the program ran too long`, line: null, column: null, kind: 'timeout' },
    warnings: [],
  };
}

async function main(): Promise<number> {
  let command: Command;
  try {
    command = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`gradscope: ${e.message}\n${usage}\n`);
    return 2;
  }
  let source: string;
  try {
    source = readFileSync(command.file, 'utf8');
  } catch (e) {
    process.stderr.write(`gradscope: cannot read ${command.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  const { text, error } = await runInWorker(source, command.options, command.json);
  process.stdout.write(command.json ? `${text}\n` : text);
  if (error !== null && !command.json) {
    const at = error.line === null ? '' : `:${error.line}:${error.column}`;
    process.stderr.write(`${command.file}${at}: ${error.message}\n`);
  }
  return error === null ? 0 : 1;
}

process.exitCode = await main();
