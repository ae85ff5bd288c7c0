// Hostile programs against the real `gradscope` binary: each is contained by
// the sandbox process (Node's permission model, memory cap, hard kill), the
// CLI exits by itself with code 1, and the message says where.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Snapshot } from '../../common/snapshot.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'dist/engine/node/cli.js');
const linux = process.platform === 'linux';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gradscope-sandbox-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Largest resident memory of the CLI and its descendants, summed, in MB (Linux; 0 elsewhere). */
  peakMb: number;
}

/** Resident memory (MB) of `pid` and every process below it, read from /proc. */
function treeMb(pid: number): number {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  const inTree = (p: number): boolean => p === pid || (parent.has(p) && p > 1 && inTree(parent.get(p)!));
  let kb = 0;
  for (const p of parent.keys()) {
    if (!inTree(p)) continue;
    try {
      kb += Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

function gradscope(args: string[]): Promise<Run> {
  const started = Date.now();
  const child = spawn('node', [cli, ...args], { cwd: root });
  let stdout = '';
  let stderr = '';
  let peakMb = 0;
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const sample = linux ? setInterval(() => (peakMb = Math.max(peakMb, treeMb(child.pid!))), 40) : undefined;
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearInterval(sample);
      resolve({ code, stdout, stderr, ms: Date.now() - started, peakMb });
    });
  });
}

function program(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

/** The 1-based column of `text` on 1-based `line` of `source` (a call is located at its method's name). */
function columnOf(source: string, line: number, text: string): number {
  return source.split('\n')[line - 1]!.indexOf(text) + 1;
}

const escapeToProcess = "const p = ({}).constructor.constructor('return process')();\n";

describe('a program cannot leave the sandbox', { timeout: 60_000 }, () => {
  test('writing a file is refused at its line; no file appears', async () => {
    const target = join(dir, 'pwned.txt');
    const source = `${escapeToProcess}p.getBuiltinModule('fs').writeFileSync(${JSON.stringify(target)}, 'x');\n`;
    const file = program('write.ts', source);
    const r = await gradscope(['eval', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:2:${columnOf(source, 2, 'writeFileSync')}: Error: Access to this API has been restricted`);
    expect(existsSync(target)).toBe(false);
  });

  test('reading a file outside the engine is refused', async () => {
    const source = `${escapeToProcess}console.log(p.getBuiltinModule('fs').readFileSync('/etc/passwd', 'utf8'));\n`;
    const file = program('read.ts', source);
    const r = await gradscope(['eval', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${file}:2:\\d+: Error: Access to this API has been restricted`));
    expect(r.stdout).not.toContain('root:');
  });

  test('running a command is refused; the command never runs', async () => {
    const marker = join(dir, 'ran.txt');
    const source = `const p = (0, eval)('process');\np.getBuiltinModule('child_process').execSync('touch ${marker}');\n`;
    const file = program('cmd.ts', source);
    const r = await gradscope(['eval', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${file}:2:\\d+: Error: Access to this API has been restricted`));
    expect(existsSync(marker)).toBe(false);
  });

  test('process.exit is an error at its line, not a silent exit or a timeout; the values made before it are kept', async () => {
    const source = `const a = new Value(2);\n${escapeToProcess}p.exit(0);\n`;
    const file = program('exit.ts', source);
    const r = await gradscope(['eval', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${file}:3:${columnOf(source, 3, 'exit')}: Error: process.exit is not available to programs\n`);
    expect(r.stdout).toMatch(/#0\s+a\s+leaf\s+2\.0000/);
  });

  test('killing the CLI (or itself) is an error at its line; the CLI lives and exits by itself', async () => {
    const source = `${escapeToProcess}p.kill(p.ppid, 'SIGKILL');\np.kill(p.pid, 'SIGKILL');\n`;
    const file = program('kill.ts', source);
    const r = await gradscope(['eval', file, '--json']);
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout) as Snapshot;
    expect(s.error).toMatchObject({ kind: 'runtime', line: 2, message: 'Error: process.kill is not available to programs' });
  });

  test('the network is refused', async () => {
    const source = `${escapeToProcess}p.getBuiltinModule('net').connect(9, '127.0.0.1');\n`;
    const file = program('net.ts', source);
    const r = await gradscope(['eval', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${file}:2:\\d+: Error: the network is not available to programs`));
  });
});

describe('memory and time are bounded', { timeout: 90_000 }, () => {
  // --max-memory 400 keeps these tests light on a shared machine; the default is 2,560 MB.
  test.each([
    ['new Array(1e9).fill(0)', 'const a = new Value(1);\nconst big = new Array(1e9).fill(0);\n'],
    ['five 1 GiB Float64Arrays', 'const keep = [];\nfor (let i = 0; i < 5; i++) {\n  const x = new Float64Array(2 ** 27);\n  x.fill(1);\n  keep.push(x);\n}\n'],
  ])('%s is stopped (near --max-memory, or at the time limit), with exit 1 and a message that says so', async (_name, source) => {
    const file = program('bomb.ts', source);
    const r = await gradscope(['eval', file, '--max-memory', '400']);
    expect(r.code).toBe(1);
    // On a slow machine the sparse fill can reach the 10 s limit before 400 MB: stopped either way.
    expect(r.stderr).toMatch(
      new RegExp(`^${file}(:\\d+:\\d+)?: stopped(: the program (used more than 400 MB of memory|ran out of memory)| after 10 s: the program ran too long)`),
    );
    expect(r.ms).toBeLessThan(30_000);
    if (linux) expect(r.peakMb).toBeLessThan(400 + 250); // the cap, one 50 ms sample of growth, and the CLI itself
  });

  test('a call stuck in V8 (a backtracking regular expression) is interrupted after the limit, at its line, keeping the output so far', async () => {
    const source = "console.log('before');\nconst a = new Value(1);\nconst stuck = /(a+)+$/.test('a'.repeat(40) + 'b');\n";
    const file = program('regex.ts', source);
    const r = await gradscope(['eval', file, '--timeout', '1', '--json']);
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout) as Snapshot;
    expect(s.error).toMatchObject({ kind: 'timeout', line: 3, column: columnOf(source, 3, 'test(') });
    expect(s.error!.message).toMatch(/^stopped after 1 s/);
    expect(s.console).toEqual(['before']);
    expect(s.nodes).toHaveLength(1);
    expect(r.ms).toBeLessThan(10_000);
  });

  test('a call V8 cannot interrupt is killed at the deadline; the CLI still exits by itself', async () => {
    // Filling a sparse array of 1e9 elements runs in one C++ loop; 4 GB lets it run past the deadline.
    const file = program('fill.ts', 'const big = new Array(1e9).fill(0);\n');
    const r = await gradscope(['eval', file, '--timeout', '1', '--max-memory', '4000']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/stopped (after 1 s: the program ran too long|: the program (used more than|ran out of memory))/);
    expect(r.ms).toBeLessThan(20_000);
  });

  test("compiling a large program does not count against the program's time", async () => {
    // Code that type stripping and instrumenting take seconds over (more than the limit and the
    // hard kill's grace together); the run itself is instant.
    const lines = Array.from({ length: 8_000 }, (_, i) => `const v${i}: number = ${i} * 2;`);
    const file = program('large.ts', `${lines.join('\n')}\nconsole.log('done');\n`);
    const r = await gradscope(['eval', file, '--timeout', '0.5']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('done');
  });
});

describe('limits are checked as arguments', { timeout: 30_000 }, () => {
  test.each([
    ['--timeout 3000000 (past what a timer holds)', ['--timeout', '3000000'], /--timeout needs a number of seconds from 0\.001 to 86400/],
    ['--timeout 0', ['--timeout', '0'], /--timeout needs/],
    ["--seed ''", ['--seed', ''], /--seed needs an integer ≥ 0/],
    ["--max-nodes ' '", ['--max-nodes', ' '], /--max-nodes needs an integer ≥ 1/],
    ['--max-memory 10', ['--max-memory', '10'], /--max-memory needs an integer ≥ 64/],
  ])('%s exits 2', async (_name, flags, message) => {
    const r = await gradscope(['eval', 'examples/tanh-neuron.ts', ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});
