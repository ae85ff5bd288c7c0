#!/usr/bin/env node
// gradscope eval FILE.ts [--json] [options]
// gradscope export FILE.ts --format dot|json|svg|png|gif [-o OUT] [options]

import { readFileSync } from 'node:fs';
import { resolveTarget, writeFileAtomic } from './atomic-write.js';
import type { RunOptions } from '../../common/protocol.js';
import type { OutputFormat } from './render.js';
import { runSandboxed } from './sandbox.js';
import { defaultMemoryMb } from './sandbox-limits.js';
import type { FigureJob } from './export-figure.js';

const usage = `usage: gradscope eval FILE.ts [--json] [options]
       gradscope export FILE.ts --format dot|json [-o OUT] [options]
       gradscope export FILE.ts --format svg|png|gif [--step N] [--direction lr|tb] [--scale K] [-o OUT] [options]

  eval           run the program; print its console output and a table of the graph
  export         run the program; write the graph as Graphviz DOT (micrograd's
                 draw_dot look) or as gradscope.graph/1 JSON, to OUT or stdout;
                 or as a figure (SVG, PNG) or an animation of backward (GIF), to
                 OUT, to stdout with -o -, or by default to a name from the file
                 and step (tanh-neuron.call1.step5.png)
  --json         (eval) print gradscope.graph/1 JSON instead of the table
figures (export --format svg|png|gif):
  --call N       the Nth backward() call (default: the last)
  --step N       the stepper position, 0 … the call's steps (default: the end)
  --as-shown     the step's marks, deltas and explanation (default: a clean figure)
  --direction D  lr (left to right, default) or tb (top to bottom)
  --scale K      PNG/GIF pixels per SVG pixel (default 2 for PNG, 1 for GIF)
  --margin PX    space around the graph (default 16)
  --theme T      light (default) or dark
  --background B theme (default), white or transparent
  --every K      (gif) a frame for every Kth step (default 1)
  --delay MS     (gif) time each frame shows (default 900)
options:
  --max-nodes N  stop the program when it creates more than N values (default 1000000)
  --timeout S    stop the program after S seconds (default 10)
  --seed N       seed of Math.random and of nn's initial weights (default 1337)
  --max-memory MB  stop the program when its process uses more than MB megabytes (default 2560)`;

/** setTimeout's longest delay is 2^31 − 1 ms (24.8 days); a day is plenty. */
const maxTimeoutS = 86_400;

class UsageError extends Error {}

interface Command {
  file: string;
  format: OutputFormat;
  out: string | null;
  options: RunOptions;
  memoryMb: number;
  /** Set for --format svg, png or gif. */
  figure: FigureJob | null;
}

function parseArgs(args: string[]): Command {
  const [verb, ...rest] = args;
  if (verb !== 'eval' && verb !== 'export') {
    throw new UsageError(verb === undefined ? 'missing command' : `unknown command '${verb}'`);
  }
  const command: Command = { file: '', format: 'table', out: null, options: {}, memoryMb: defaultMemoryMb, figure: null };
  let format: string | null = null;
  const figure: Partial<FigureJob> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (verb === 'export' && parseFigureOption(figure, arg, () => rest[++i])) continue;
    if (arg === '--json' && verb === 'eval') command.format = 'json';
    else if (arg === '--format' && verb === 'export') format = rest[++i] ?? '';
    else if ((arg === '-o' || arg === '--out') && verb === 'export') command.out = nonEmpty(arg, rest[++i]);
    else if (arg === '--max-nodes') command.options.maxNodes = integer(arg, rest[++i], 1);
    else if (arg === '--timeout') command.options.timeoutMs = milliseconds(arg, rest[++i]);
    else if (arg === '--seed') command.options.seed = integer(arg, rest[++i], 0);
    else if (arg === '--max-memory') command.memoryMb = integer(arg, rest[++i], 64);
    else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}' for ${verb}`);
    else if (command.file === '') command.file = arg;
    else throw new UsageError(`unexpected argument '${arg}'`);
  }
  if (command.file === '') throw new UsageError('missing FILE.ts');
  if (verb === 'export') {
    if (format === 'svg' || format === 'png' || format === 'gif') {
      command.figure = { ...figure, format, program: command.file };
      command.format = 'json';
      return command;
    }
    if (Object.keys(figure).length > 0) throw new UsageError(`${Object.keys(figure).join(', ')}: for --format svg, png or gif`);
    if (format !== 'dot' && format !== 'json') throw new UsageError('export needs --format dot, json, svg, png or gif');
    command.format = format;
  }
  return command;
}

/** Reads one figure option into `job`; false when `arg` is not one. */
function parseFigureOption(job: Partial<FigureJob>, arg: string, value: () => string | undefined): boolean {
  const oneOf = <T extends string>(flag: string, v: string | undefined, choices: readonly T[]): T => {
    if (!choices.includes(v as T)) throw new UsageError(`${flag} needs ${choices.join(' or ')}`);
    return v as T;
  };
  if (arg === '--call') job.call = integer(arg, value(), 1);
  else if (arg === '--step') job.step = integer(arg, value(), 0);
  else if (arg === '--as-shown') job.asShown = true;
  else if (arg === '--direction') job.direction = oneOf(arg, value(), ['lr', 'tb'] as const);
  else if (arg === '--scale') {
    const k = Number(value());
    if (!(k > 0 && k <= 8)) throw new UsageError(`${arg} needs a number from 0 to 8 (e.g. 1, 2, 4)`);
    job.scale = k;
  }
  else if (arg === '--margin') job.margin = integer(arg, value(), 0);
  else if (arg === '--theme') job.theme = oneOf(arg, value(), ['light', 'dark'] as const);
  else if (arg === '--background') job.background = oneOf(arg, value(), ['theme', 'white', 'transparent'] as const);
  else if (arg === '--every') job.every = integer(arg, value(), 1);
  else if (arg === '--delay') job.delayMs = integer(arg, value(), 10);
  else return false;
  return true;
}

function integer(flag: string, value: string | undefined, min: number): number {
  // Number('') and Number(' ') are 0: an empty argument is not a number.
  const n = value === undefined || value.trim() === '' ? NaN : Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`${flag} needs an integer ≥ ${min}`);
  return n;
}

function milliseconds(flag: string, value: string | undefined): number {
  const n = value === undefined || value.trim() === '' ? NaN : Number(value);
  const ms = Math.round(n * 1000);
  if (!(ms >= 1 && n <= maxTimeoutS)) throw new UsageError(`${flag} needs a number of seconds from 0.001 to ${maxTimeoutS}`);
  return ms;
}

function nonEmpty(flag: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new UsageError(`${flag} needs a file name`);
  return value;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  let command: Command;
  try {
    command = parseArgs(args);
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
  if (command.out !== null && (await resolveTarget(command.out)) === (await resolveTarget(command.file))) {
    process.stderr.write(`gradscope: -o ${command.out} is the program itself; choose another output file\n`);
    return 2;
  }
  const { text, error } = await runSandboxed({ source, options: command.options, format: command.format }, command.memoryMb);
  // Loaded only for figures: ELK and resvg take a while to load.
  if (command.figure !== null) return (await import('./export-figure.js')).writeFigure(text, error, command.figure, command.out);
  if (command.out === null) {
    process.stdout.write(text);
  } else if (error === null) {
    try {
      await writeFileAtomic(command.out, text);
    } catch (e) {
      process.stderr.write(`gradscope: cannot write ${command.out}: ${(e as Error).message}\n`);
      return 2;
    }
  } else {
    // A failed run's graph is not what OUT should hold: keep the file as it was.
    process.stderr.write(`gradscope: ${command.out} left unchanged: the program failed\n`);
  }
  if (error !== null && command.format !== 'json') {
    const at = error.line === null ? '' : `:${error.line}:${error.column}`;
    process.stderr.write(`${command.file}${at}: ${error.message}\n`);
  }
  return error === null ? 0 : 1;
}

process.exitCode = await main();
