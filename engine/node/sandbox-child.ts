// The sandbox process: runs one program for the CLI (engine/node/sandbox.ts
// starts it). Node's permission model confines the process: it may read only
// the engine's own files, and may not write files, start processes or
// workers. What a program could still reach through an escape from the
// runner's scope (the real `process`) is closed here before it runs: exiting,
// killing (itself or the CLI), loading native code and the network.
//
// Protocol, one JSON object a line on stdout:
//   {"t":"started"}                      compiled; the program's time starts
//   {"t":"at","line":L,"column":C}       where the program is, now and then
//   {"t":"result","text":…,"error":…}    the rendered output, last
// The job comes on stdin as one JSON object (source, options, format).

import { Socket } from 'node:net';
import dgram from 'node:dgram';
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import { runInThisContext } from 'node:vm';
import { run } from '../runner/run.js';
import type { Trace } from '../trace.js';
import type { RunOptions } from '../../common/protocol.js';
import type { RunError } from '../../common/snapshot.js';
import { defaultTimeoutMs } from '../runner/run.js';
import { killGraceMs } from './sandbox-limits.js';
import { render, type OutputFormat } from './render.js';

export interface SandboxJob {
  source: string;
  options: RunOptions;
  format: OutputFormat;
}

export type SandboxMessage =
  | { t: 'started' }
  | { t: 'at'; line: number; column: number }
  | { t: 'result'; text: string; error: RunError | null };

// Kept before a program can replace them.
const stdout = process.stdout;
const write = stdout.write.bind(stdout);
const exit = process.exit.bind(process);
const send = (message: SandboxMessage) => write(`${JSON.stringify(message)}\n`);

function refuse(what: string): () => never {
  return () => {
    throw new Error(`${what} is not available to programs`);
  };
}

function seal(target: object, name: string, what: string): void {
  Object.defineProperty(target, name, { value: refuse(what), writable: false, configurable: false });
}

/** Closes what the permission model leaves open. */
function harden(): void {
  for (const name of ['exit', 'reallyExit', 'abort', 'kill', '_kill', 'dlopen', 'chdir', 'setuid', 'setgid', 'umask']) {
    if (name in process) seal(process, name, `process.${name}`);
  }
  seal(Socket.prototype, 'connect', 'the network');
  for (const name of ['send', 'bind', 'connect']) seal(dgram.Socket.prototype, name, 'the network');
  for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']) {
    seal(dns, name, 'the network');
    seal(dns.promises, name, 'the network');
  }
  syncBuiltinESMExports();
  for (const name of ['fetch', 'WebSocket', 'EventSource']) delete (globalThis as Record<string, unknown>)[name];
}

async function readJob(): Promise<SandboxJob> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as SandboxJob;
}

/**
 * Runs the compiled program under V8's watchdog (vm's timeout): a program
 * stuck in one long call (a regular expression that backtracks for ever) is
 * interrupted there, a little after the engine's own time limit, and the
 * error is located at the call it was in. Calls that V8 cannot interrupt are
 * left to the CLI's hard kill.
 */
function stopStuck(execute: () => RunError | null, trace: Trace): RunError | null {
  running = trace;
  send({ t: 'started' });
  const timeoutMs = job.options.timeoutMs ?? defaultTimeoutMs;
  (globalThis as Record<string, unknown>).__gsExecute = execute;
  try {
    return runInThisContext('__gsExecute()', { timeout: timeoutMs + killGraceMs / 2 }) as RunError | null;
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw e;
    const loc = trace.loc(trace.site);
    const message = `stopped after ${timeoutMs / 1000} s: the program ran too long (stuck in one long call)`;
    return { message, line: loc?.line ?? null, column: loc?.column ?? null, kind: 'timeout' };
  } finally {
    delete (globalThis as Record<string, unknown>).__gsExecute;
  }
}

/** The trace of the program running now, for progress reports. */
let running: Trace | null = null;

const job = await readJob();
harden();
const snapshot = run(job.source, job.options, () => {
  // Progress comes about four times a second while the program runs: say where it is,
  // so a program killed in the middle of one long call is still located.
  const loc = running === null ? null : running.loc(running.site);
  if (loc !== null) send({ t: 'at', line: loc.line, column: loc.column });
}, stopStuck);
send({ t: 'result', text: render(snapshot, job.format), error: snapshot.error });
stdout.end(() => exit(0));
