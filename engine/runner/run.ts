// The runner: a TypeScript program's text in, a snapshot out. It strips types,
// instruments the code (source positions, variable names, loop guards), and
// runs it with the engine API in scope and the host's globals out of reach.
// Every failure becomes a located error in the snapshot; nothing is thrown.

import * as api from '../api.js';
import { Value } from '../value.js';
import { Trace, withTrace, snapshotOf } from '../trace.js';
import { diagnose } from '../diagnose.js';
import { enterFunction, exitFunction } from '../group/calls.js';
import { groupsOf } from '../group/groups.js';
import { defaultSeed, mulberry32, seed } from '../random.js';
import type { RunOptions } from '../../common/protocol.js';
import type { Loc, RunError, RunProgress, Snapshot } from '../../common/snapshot.js';
import { stripTypes } from './strip.js';
import { hooks, instrument } from './instrument.js';
import { SourceError } from './source-error.js';
import { captureConsole } from './console.js';
import { firstPythonLine, pythonHint, undefinedNameHint } from './python.js';
import { operatorScope, withValueCoercionErrors } from './operators.js';
import { CallableValue } from './callable-value.js';

// What a program has in scope, and what its `import … from 'gradscope'` gives:
// the engine's API with a Value that also works without `new`, as in micrograd.
const programApi = { ...api, Value: CallableValue };

export const defaultTimeoutMs = 10_000;

// The program sees these names as undefined. Not a security boundary (the
// worker that runs programs is one); it keeps programs from leaning on a host.
const hidden = [
  'globalThis', 'self', 'window', 'document', 'global', 'process', 'require', 'module', 'exports',
  'Buffer', 'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'postMessage',
  'close', 'navigator', 'location', 'indexedDB', 'caches', 'localStorage', 'sessionStorage',
  'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'queueMicrotask',
  'Worker', 'SharedArrayBuffer', 'Atomics', 'WebAssembly',
];

// Code lines start on line 3 of the function V8 builds: "function anonymous(…\n) {\n".
// The block lets the program declare names the scope also passes in (`Value`).
const prologue = '"use strict"; {\n';
const epilogue = '\n}';
const firstLineOffset = 3;
const sourceURL = 'gradscope-program.js';

/** `onProgress` hears how a long run is going, about four times a second.
 *  `around`, when given, is called once compiling is done, with the function
 *  that runs the program: a host can time the run alone, or stop a program
 *  stuck in one long call (the CLI's sandbox does both). */
export function run(
  text: string,
  options: RunOptions = {},
  onProgress?: (progress: RunProgress) => void,
  around?: (execute: () => RunError | null, trace: Trace) => RunError | null,
): Snapshot {
  // A UTF-8 byte-order mark is not part of line 1: with it, every column there would be one off.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const output = captureConsole();
  const trace = new Trace({ maxNodes: options.maxNodes, maxRecordedDeltas: options.maxRecordedDeltas });
  trace.onProgress = onProgress ?? null;
  let error: RunError | null = null;
  try {
    const program = compile(source);
    trace.sites.push(...program.sites);
    const go = () => execute(program, trace, output.console, options);
    error = around ? around(go, trace) : go();
  } catch (e) {
    error = e instanceof SourceError ? e.toRunError() : internalError(e);
  }
  const snapshot = snapshotOf(trace, output.lines, error);
  trace.calls.closeAll();
  snapshot.groups = groupsOf(snapshot.nodes, trace.calls);
  snapshot.diagnostics = [...trace.ownFindings, ...diagnose(snapshot)];
  const overflow = output.overflow();
  if (overflow !== null) snapshot.warnings.push(overflow);
  return snapshot;
}

interface Program {
  /** The user's program, as written. */
  source: string;
  code: string;
  sites: Loc[];
  /** The user's named functions, by the index the instrumented code passes. */
  functions: string[];
  /** Maps a 1-based position of `code` to the user's source. */
  toSource(line: number, column: number): Loc;
}

function compile(source: string): Program {
  try {
    return compileTypeScript(source);
  } catch (e) {
    const python = e instanceof SourceError && e.kind === 'syntax' ? firstPythonLine(source) : null;
    if (python !== null) throw new SourceError(pythonHint, python.line, python.column, 'syntax');
    throw e;
  }
}

function compileTypeScript(source: string): Program {
  const stripped = stripTypes(source);
  const instrumented = instrument(stripped.code, stripped.toSource);
  return {
    source,
    code: instrumented.code,
    sites: instrumented.sites,
    functions: instrumented.functions,
    toSource(line, column) {
      const input = instrumented.toInput(line, column);
      return stripped.toSource(input.line, input.column);
    },
  };
}

/** Runs the program; returns its error, or null when it finished. */
function execute(program: Program, trace: Trace, console: object, options: RunOptions): RunError | null {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const seedValue = options.seed ?? defaultSeed;
  seed(seedValue);
  trace.deadline = Date.now() + timeoutMs;
  trace.timeoutMessage = `stopped after ${formatSeconds(timeoutMs)}: the program ran too long`;
  let ticks = 0;
  const scope: Record<string, unknown> = {
    ...programApi,
    console,
    plot: trace.plotting.plot,
    Math: Object.create(Math, { random: { value: mulberry32(seedValue ^ 0x5eed) } }),
    [hooks.module]: programApi,
    [hooks.at]: <T>(site: number, value: T): T => {
      trace.site = site;
      return value;
    },
    [hooks.at0]: (site: number): [] => {
      trace.site = site;
      return [];
    },
    [hooks.name]: <T>(name: string, value: T, site = -1, depth = -1): T => {
      if (value instanceof Value) {
        if (value.label === null) value.label = name;
      } else if (depth >= 0 && typeof value === 'object' && value !== null && '_backward' in value) {
        // A value of the program's own autograd class, for debug(): its outermost name.
        const named = trace.ownNames.get(value);
        if (named === undefined || named.depth > depth) trace.ownNames.set(value, { name, site, depth });
      }
      return value;
    },
    ...operatorScope((site) => {
      trace.site = site;
    }),
    [hooks.enter]: (fn: number): number => enterFunction(program.functions[fn]),
    [hooks.exit]: exitFunction,
    [hooks.tick]: (site: number): void => {
      // Reading the clock costs ~30 ns, too much for every turn of a tight loop;
      // the trace also checks it every 4,096 values.
      if ((++ticks & 255) === 0 || trace.timedOutAt !== null) trace.checkTime(site);
    },
  };
  for (const name of hidden) if (!(name in scope)) scope[name] = undefined;
  const names = Object.keys(scope);
  let fn: (...args: unknown[]) => unknown;
  try {
    fn = new Function(...names, `${prologue}${program.code}${epilogue}\n//# sourceURL=${sourceURL}`) as typeof fn;
  } catch (e) {
    return { message: `syntax error: ${(e as Error).message}`, line: null, column: null, kind: 'syntax' };
  }
  try {
    withValueCoercionErrors(() => withTrace(trace, () => fn(...names.map((n) => scope[n]))));
    return stopOf(trace);
  } catch (e) {
    const stop = stopOf(trace);
    if (stop !== null) return stop;
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      return located('maximum call stack size exceeded (runaway recursion?)', frameOf(e, program) ?? trace.loc(trace.site), 'runtime');
    }
    const loc = frameOf(e, program) ?? trace.loc(trace.site);
    // `label='a'` in a call, or `a = …` for a new name: Python's, which runs as TypeScript until here.
    const python = e instanceof Error && e.name === 'ReferenceError' && loc !== null ? undefinedNameHint(program.source, e.message, loc.line, loc.column) : null;
    if (python !== null) return located(python.message, python, 'runtime');
    const message = e instanceof Error ? `${e.name}: ${e.message}` : `uncaught ${String(e)}`;
    return located(message, loc, 'runtime');
  }
}

/** The timeout or max-nodes error that stopped the program, even when the
 *  program caught it and went on (it cannot get past either), else null. */
function stopOf(trace: Trace): RunError | null {
  if (trace.timedOutAt !== null) return located(trace.timeoutMessage, trace.loc(trace.timedOutAt), 'timeout');
  if (trace.overLimit !== null) return located(trace.overLimit.error.message, trace.loc(trace.overLimit.site), 'limit');
  return null;
}

/** The innermost frame of the program in an error's stack, in the user's source. */
function frameOf(e: unknown, program: Program): Loc | null {
  const stack = e instanceof Error ? e.stack ?? '' : '';
  const match = new RegExp(`${sourceURL.replace('.', '\\.')}:(\\d+):(\\d+)`).exec(stack);
  if (match === null) return null;
  const line = Number(match[1]) - firstLineOffset;
  if (line < 1) return null;
  return program.toSource(line, Number(match[2]));
}

function located(message: string, loc: Loc | null, kind: RunError['kind']): RunError {
  return { message, line: loc?.line ?? null, column: loc?.column ?? null, kind };
}

function internalError(e: unknown): RunError {
  return { message: `internal error: ${e instanceof Error ? e.message : String(e)}`, line: null, column: null, kind: 'internal' };
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
