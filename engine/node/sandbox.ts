// Runs a program for the CLI in a separate Node process (sandbox-child.ts)
// under Node's permission model, with a V8 heap limit, a cap on resident
// memory, and a hard kill at the deadline. Whatever the program does, the
// CLI gets a result: the program's own, or a located error saying why it
// was stopped.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultTimeoutMs } from '../runner/run.js';
import { failedSnapshot, type RunError } from '../../common/snapshot.js';
import { render } from './render.js';
import type { SandboxJob, SandboxMessage } from './sandbox-child.js';
import { compileLimitMs, defaultMemoryMb, heapLimitMb, killGraceMs, rssPollMs, sandboxNodeFlags } from './sandbox-limits.js';

export interface SandboxResult {
  /** The output, rendered in the sandbox: text crosses processes far faster than a large graph's JSON. */
  text: string;
  error: RunError | null;
}

const childPath = fileURLToPath(new URL('./sandbox-child.js', import.meta.url));
/** dist/engine: everything the sandbox imports of the engine. */
const engineDir = fileURLToPath(new URL('..', import.meta.url));
// The common layer the engine imports is built beside it (dist/common).
const commonDir = fileURLToPath(new URL('../../common', import.meta.url));

/** The directory of an installed package, resolved from `fromDir`. */
function packageDir(name: string, fromDir: string): string {
  const require = createRequire(join(fromDir, 'noop.js'));
  let dir = dirname(require.resolve(name));
  while (!isPackageRoot(dir, name)) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the package directory of ${name}`);
    dir = up;
  }
  return realpathSync(dir);
}

function isPackageRoot(dir: string, name: string): boolean {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === name;
  } catch {
    return false;
  }
}

function dependenciesOf(dir: string): string[] {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return Object.keys(pkg.dependencies ?? {});
}

let readable: string[] | null = null;

/** What the sandbox may read: the engine's files, its package.json (module type) and its runtime dependencies, transitively. */
export function sandboxReadPaths(): string[] {
  if (readable !== null) return readable;
  const root = realpathSync(join(engineDir, '..', '..'));
  const paths = new Set<string>([realpathSync(engineDir), realpathSync(commonDir), join(root, 'package.json')]);
  const queue: [string, string][] = dependenciesOf(root).map((name) => [name, root]);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const [name, from] = queue.shift()!;
    let dir: string;
    try {
      dir = packageDir(name, from);
    } catch {
      continue; // an optional dependency that is not installed
    }
    if (seen.has(dir)) continue;
    seen.add(dir);
    paths.add(dir);
    for (const dep of dependenciesOf(dir)) queue.push([dep, dir]);
  }
  readable = [...paths];
  return readable;
}

/** Resident memory of a process in MB, or null where /proc cannot tell (not Linux, or it has exited). */
function residentMb(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? null : Number(match[1]) / 1024;
  } catch {
    return null;
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

type Stop = 'timeout' | 'memory' | 'compile';

/** Runs `job` in a sandbox process whose resident memory may reach `memoryMb`. */
export function runSandboxed(job: SandboxJob, memoryMb = defaultMemoryMb): Promise<SandboxResult> {
  const timeoutMs = job.options.timeoutMs ?? defaultTimeoutMs;
  const args = [...sandboxNodeFlags(memoryMb), ...sandboxReadPaths().map((p) => `--allow-fs-read=${p}`), childPath];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let result: SandboxResult | null = null;
  let at: { line: number; column: number } | null = null;
  let stop: Stop | null = null;
  let stderr = '';
  let pending = '';

  const kill = (why: Stop) => {
    if (stop !== null || result !== null) return;
    stop = why;
    child.kill('SIGKILL');
  };
  let deadline = setTimeout(() => kill('compile'), compileLimitMs);
  const memory = setInterval(() => {
    const mb = child.pid === undefined ? null : residentMb(child.pid);
    if (mb !== null && mb > memoryMb) kill('memory');
  }, rssPollMs);

  const receive = (line: string) => {
    let message: SandboxMessage;
    try {
      message = JSON.parse(line) as SandboxMessage;
    } catch {
      return; // not ours: a program that reached the real stdout
    }
    if (message.t === 'started') {
      clearTimeout(deadline);
      deadline = setTimeout(() => kill('timeout'), timeoutMs + killGraceMs);
    } else if (message.t === 'at') {
      at = { line: message.line, column: message.column };
    } else if (message.t === 'result') {
      result = { text: message.text, error: message.error };
    }
  };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop()!;
    for (const line of lines) receive(line);
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < 64_000) stderr += chunk;
  });
  // A program that ends its process early closes stdin under us: not an error of the CLI.
  child.stdin.on('error', () => {});
  child.stdin.end(JSON.stringify(job));

  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(deadline);
      clearInterval(memory);
      if (pending !== '') receive(pending);
      if (result !== null) {
        resolve(result);
        return;
      }
      const error: RunError = { ...stopMessage(stop, code, signal, stderr, timeoutMs, memoryMb), line: at?.line ?? null, column: at?.column ?? null };
      resolve({ text: render(failedSnapshot(error), job.format), error });
    });
  });
}

function stopMessage(
  stop: Stop | null,
  code: number | null,
  signal: NodeJS.Signals | null,
  stderr: string,
  timeoutMs: number,
  memoryMb: number,
): Pick<RunError, 'message' | 'kind'> {
  if (stop === 'timeout') {
    return { message: `stopped after ${seconds(timeoutMs)}: the program ran too long (killed in one long call)`, kind: 'timeout' };
  }
  if (stop === 'memory') return { message: `stopped: the program used more than ${memoryMb} MB of memory (--max-memory)`, kind: 'limit' };
  if (stop === 'compile') return { message: `stopped: preparing the program took over ${seconds(compileLimitMs)}`, kind: 'internal' };
  if (/heap out of memory|Reached heap limit|Allocation failed/i.test(stderr)) {
    return { message: `stopped: the program ran out of memory (its heap limit is ${heapLimitMb(memoryMb)} MB of --max-memory ${memoryMb})`, kind: 'limit' };
  }
  const how = signal !== null ? `by signal ${signal}` : `with exit code ${code}`;
  const detail = stderr.trim().split('\n').find((l) => l.trim() !== '');
  return { message: `the program's process ended ${how} before it finished${detail ? `: ${detail.trim()}` : ''}`, kind: 'internal' };
}
