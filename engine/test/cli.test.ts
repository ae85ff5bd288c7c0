// The real `gradscope` binary (dist/engine/node/cli.js, built by
// `npm run build:engine`): output, JSON, and exit codes 0, 1 and 2.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Snapshot } from '../../common/snapshot.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'dist/engine/node/cli.js');

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gradscope-cli-'));
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function gradscope(args: string[], command: [string, string[]] = ['node', [cli]]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(command[0], [...command[1], ...args], { cwd: root, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

function program(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

const readme = join(root, 'examples/micrograd-readme.ts');

describe('gradscope eval', { timeout: 30_000 }, () => {
  test("prints the README example's console and a table with a, b, g and micrograd's numbers", async () => {
    const r = await gradscope(['eval', readme]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual(['g.data = 24.7041', 'a.grad = 138.8338', 'b.grad = 645.5773']);
    // A row per value: id, label, op, data, grad, line:col.
    const row = (label: string) => lines.filter((l) => new RegExp(`^#\\d+\\s+${label}\\s`).test(l));
    expect(row('a')).toHaveLength(1);
    expect(row('a')[0]).toMatch(/\bleaf\s+-4\.0000\s+138\.8338\b/);
    expect(row('b')[0]).toMatch(/\bleaf\s+2\.0000\s+645\.5773\b/);
    expect(row('g').at(-1)).toMatch(/\badd\s+24\.7041\s+1\.0000\b/);
  });

  test('--json prints gradscope.graph/1 with nodes in creation order, the README values and the backward steps', async () => {
    const r = await gradscope(['eval', readme, '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as Snapshot;
    expect(s.format).toBe('gradscope.graph/1');
    expect(s.error).toBeNull();
    expect(s.nodes.map((n) => n.id)).toEqual(s.nodes.map((_, i) => i));
    for (const n of s.nodes) for (const input of n.inputs) expect(input).toBeLessThan(n.id);
    const a = s.nodes.find((n) => n.label === 'a')!;
    const b = s.nodes.find((n) => n.label === 'b')!;
    const g = s.nodes.filter((n) => n.label === 'g').at(-1)!;
    expect(a.data).toBe(-4);
    expect(Math.abs(a.grad - 138.83381924198252)).toBeLessThan(1e-9);
    expect(Math.abs(b.grad - 645.5772594752186)).toBeLessThan(1e-9);
    expect(Math.abs(g.data - 24.70408163265306)).toBeLessThan(1e-9);
    expect(s.backward).toHaveLength(1);
    expect(s.backward[0].root).toBe(g.id);
    expect(s.backward[0].steps).toHaveLength(s.nodes.filter((n) => n.op !== null).length);
    expect(s.backward[0].steps[0].node).toBe(g.id);
    expect(s.console).toEqual(['g.data = 24.7041', 'a.grad = 138.8338', 'b.grad = 645.5773']);
  });

  test("micrograd's README example verbatim, Value(…) without new and with operators, runs under the CLI", async () => {
    const fixture = readFileSync(join(root, 'engine/test/fixtures/micrograd-readme-operators.txt'), 'utf8');
    const source = `${fixture.replace(/new Value\(/g, 'Value(')}console.log(g.data, a.grad, b.grad);\n`;
    expect(source).not.toContain('new ');
    const r = await gradscope(['eval', program('readme-no-new.ts', source), '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as Snapshot;
    expect(s.console).toEqual(['24.70408163265306 138.83381924198252 645.5772594752186']);
    expect(s.diagnostics).toEqual([]);
  });

  test('a program that throws exits 1 with the error at its line and column, in the table and in JSON', async () => {
    const source = "const a = new Value(1);\nconst n: number = 2; throw new Error('boom');\n";
    const file = program('throws.ts', source);
    const column = source.split('\n')[1].indexOf('new Error') + 1;
    const text = await gradscope(['eval', file]);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain(`${file}:2:${column}: Error: boom`);
    const json = await gradscope(['eval', file, '--json']);
    expect(json.code).toBe(1);
    const s = JSON.parse(json.stdout) as Snapshot;
    expect(s.error).toMatchObject({ kind: 'runtime', line: 2, column });
    expect(s.nodes).toHaveLength(1);
  });

  test('a syntax error exits 1 with FILE:line:col and the parser\'s words alone', async () => {
    const file = program('syntax.ts', "const a = new Value(2.0, 'a');\nconst f = new Value(-2.0, 'f';\n");
    const r = await gradscope(['eval', file]);
    expect(r.code).toBe(1);
    const column = "const f = new Value(-2.0, 'f'".length + 1;
    expect(r.stderr).toContain(`${file}:2:${column}: syntax error: Unexpected token, expected ","\n`);
    expect(r.stderr).not.toMatch(/transforming|program\.ts/);
  });

  test('Python pasted: the keyword argument is named at its line, with the TypeScript to write', async () => {
    const file = program('python.ts', "a = Value(2.0, label='a')\n");
    const r = await gradscope(['eval', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:1:16: this looks like Python: \`label='a'\` is a keyword argument, and Gradscope runs TypeScript, which passes arguments by position: write \`new Value(2.0, 'a')\``);
  });

  test('--json carries the groups: each forward call of an MLP, nested, and its parameters in none', async () => {
    const file = program('groups.ts', 'const model = new MLP(2, [2, 1]);\nconst y = model.forward([1, 2]);\ny.backward();\n');
    const r = await gradscope(['eval', file, '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as Snapshot;
    expect(s.groups!.map((g) => [g.label, g.parent])).toEqual([
      ['MLP.forward #1', null], ['layer0 #1', 0], ['layer0.neuron0 #1', 1], ['layer0.neuron1 #1', 1], ['layer1 #1', 0], ['layer1.neuron0 #1', 4],
    ]);
    const y = s.nodes.find((n) => n.label === 'y')!;
    expect(s.groups![0].output).toBe(y.id);
    expect(s.nodes.filter((n) => n.module?.endsWith('.b')).map((n) => n.group)).toEqual([null, null, null]);
  });

  test('an infinite loop with --timeout 1 exits 1 with a timeout at the loop', async () => {
    const file = program('loop.ts', 'let i = 0;\nwhile (true) { i++; }\n');
    const r = await gradscope(['eval', file, '--json', '--timeout', '1']);
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout) as Snapshot;
    expect(s.error).toMatchObject({ kind: 'timeout', line: 2, column: 1 });
    expect(s.error!.message).toMatch(/stopped after 1 s/);
  });

  test('--max-nodes stops a program that makes too many values, exit 1', async () => {
    const file = program('many.ts', 'for (let i = 0; i < 1000; i++) {\n  new Value(i);\n}\n');
    const r = await gradscope(['eval', file, '--max-nodes', '100']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:2:3:`);
    expect(r.stderr).toMatch(/max-nodes/);
  });

  test('--seed changes what Math.random gives a program; the same seed repeats it', async () => {
    const file = program('random.ts', 'console.log(Math.random());\n');
    const [one, again, other] = await Promise.all([
      gradscope(['eval', file, '--seed', '1']),
      gradscope(['eval', file, '--seed', '1']),
      gradscope(['eval', file, '--seed', '2']),
    ]);
    expect(one.code).toBe(0);
    expect(again.stdout).toBe(one.stdout);
    expect(other.stdout).not.toBe(one.stdout);
  });

  test('non-finite values come out as "NaN" and "Infinity" strings in --json', async () => {
    const file = program('nan.ts', 'const l = new Value(-1).log();\nconst e = new Value(1000).exp();\n');
    const r = await gradscope(['eval', file, '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { nodes: { label: string | null; data: unknown; nonFinite: boolean }[] };
    expect(s.nodes.find((n) => n.label === 'l')).toMatchObject({ data: 'NaN', nonFinite: true });
    expect(s.nodes.find((n) => n.label === 'e')).toMatchObject({ data: 'Infinity', nonFinite: true });
  });

  test('`npx gradscope eval FILE` works from the project root', async () => {
    const r = await gradscope(['eval', 'examples/micrograd-readme.ts'], ['npx', ['--no-install', 'gradscope']]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('g.data = 24.7041');
  }, 90_000);
});

describe('bad usage exits 2 with a message on stderr', { timeout: 30_000 }, () => {
  test.each([
    ['no arguments', [], /missing command/],
    ['an unknown command', ['run', 'x.ts'], /unknown command 'run'/],
    ['an unknown flag', ['eval', 'examples/micrograd-readme.ts', '--fast'], /unknown option '--fast'/],
    ['a flag without its number', ['eval', 'examples/micrograd-readme.ts', '--max-nodes', 'lots'], /--max-nodes/],
    ['eval without a file', ['eval'], /missing FILE/],
  ] as [string, string[], RegExp][])('%s', async (_name, args, message) => {
    const r = await gradscope(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  test('a missing file', async () => {
    const r = await gradscope(['eval', join(dir, 'no-such-file.ts')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read .*no-such-file\.ts/);
    expect(r.stdout).toBe('');
  });
});

describe('the engine as a library', () => {
  test("`import { Value, MLP } from 'gradscope'` works under Node (package exports, built JS)", async () => {
    const script = [
      "import { Value, MLP } from 'gradscope';",
      'const a = new Value(3); const y = a.mul(a).add(a); y.backward();',
      'console.log(JSON.stringify([y.data, a.grad, new MLP(2, [16, 16, 1]).parameters().length]));',
    ].join('\n');
    const r = await new Promise<Result>((resolve) =>
      execFile('node', ['--input-type=module', '-e', script], { cwd: root }, (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : 1, stdout, stderr }),
      ),
    );
    expect(r.stderr).toBe('');
    // y = a² + a = 12, dy/da = 2a + 1 = 7; micrograd's MLP(2, [16, 16, 1]) has 337 parameters.
    expect(JSON.parse(r.stdout)).toEqual([12, 7, 337]);
  });
});
