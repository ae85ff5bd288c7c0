// The runner: program text in, snapshot out. Imports, the sandboxed scope, the
// console, labels and source locations, and every kind of failure, each
// located in the user's source, with the runner usable afterwards.
// Expected lines and columns are computed from the program text in the test.

import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { run } from '../runner/run.js';
import { toJSON, type GraphNode, type Snapshot } from '../../common/snapshot.js';

const readme = readFileSync(new URL('../../examples/micrograd-readme.ts', import.meta.url), 'utf8');

/** 1-based line and column of the first `needle` on `line` (1-based) of `source`. */
function at(source: string, line: number, needle: string, nth = 0): { line: number; column: number } {
  const text = source.split('\n')[line - 1];
  let index = -1;
  for (let i = 0; i <= nth; i++) index = text.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`'${needle}' is not on line ${line}: ${text}`);
  return { line, column: index + 1 };
}

function runOk(source: string, options = {}): Snapshot {
  const snapshot = run(source, { timeoutMs: 5_000, ...options });
  expect(snapshot.error).toBeNull();
  return snapshot;
}

const labelled = (s: Snapshot, label: string): GraphNode[] => s.nodes.filter((n) => n.label === label);
const one = (s: Snapshot, label: string): GraphNode => {
  const found = labelled(s, label);
  expect(found.length, `values labelled ${label}`).toBe(1);
  return found[0];
};

/** The README example still gives micrograd's numbers: the runner works. */
function expectRunnerWorks(): void {
  const s = runOk(readme);
  expect(s.console).toEqual(['g.data = 24.7041', 'a.grad = 138.8338', 'b.grad = 645.5773']);
}

describe('running a program', () => {
  test("micrograd's README example prints its three numbers and returns the whole graph", () => {
    const s = runOk(readme);
    expect(s.format).toBe('gradscope.graph/1');
    expect(s.console).toEqual(['g.data = 24.7041', 'a.grad = 138.8338', 'b.grad = 645.5773']);
    expect(s.nodes.map((n) => n.id)).toEqual(s.nodes.map((_, i) => i)); // creation order
    for (const n of s.nodes) for (const input of n.inputs) expect(input).toBeLessThan(n.id);
    expect(one(s, 'a').grad.toFixed(4)).toBe('138.8338');
    expect(labelled(s, 'g').at(-1)!.data.toFixed(4)).toBe('24.7041');
    const pows = s.nodes.filter((n) => n.op === 'pow');
    expect(pows.map((n) => n.k)).toEqual([3, 2]);
    expect(s.nodes.filter((n) => n.op !== 'pow').every((n) => !('k' in n))).toBe(true);
    expect(s.warnings).toEqual([]);
  });

  test("`import { Value, MLP } from 'gradscope'` works", () => {
    const s = runOk(`import { Value, MLP } from 'gradscope';
const model = new MLP(2, [3, 1]);
const out = model.forward([new Value(1), 2]) as Value;
console.log(model.parameters().length, out instanceof Value);`);
    expect(s.console).toEqual(['13 true']);
  });

  test('namespace and renamed imports from gradscope work, and Value is in scope without an import', () => {
    const s = runOk(`import * as gs from 'gradscope';
import { Value as V } from 'gradscope';
console.log(new gs.Value(1).add(new V(2)).data, new Value(4).data);`);
    expect(s.console).toEqual(['3 4']);
  });

  test("`import fs from 'fs'` is an import error at its line", () => {
    const source = `import { Value } from 'gradscope';\nimport fs from 'fs';\nconst a = new Value(1);`;
    const s = run(source);
    expect(s.error).toMatchObject({ kind: 'import', line: 2 });
    expect(s.error!.message).toMatch(/'fs'/);
    expect(s.nodes).toEqual([]); // nothing ran
  });

  test('a dynamic import() is rejected where it is written', () => {
    const source = `const a = new Value(1);\nconst n: number = 1; const m = import('x');`;
    const s = run(source);
    expect(s.error).toMatchObject({ kind: 'import', ...at(source, 2, 'import(') });
  });

  test('process, require, globalThis, fetch and setTimeout are undefined inside a program', () => {
    const s = runOk(
      'console.log(typeof process, typeof require, typeof globalThis, typeof fetch, typeof setTimeout, typeof Math.sqrt);',
    );
    expect(s.console).toEqual(['undefined undefined undefined undefined undefined function']);
  });
});

describe('console output', () => {
  afterEach(() => vi.restoreAllMocks());

  test('console.log output of strings, numbers, Values and arrays is captured, not printed', () => {
    const host = vi.spyOn(console, 'log');
    const s = runOk(`const v = new Value(2);
console.log('hello', 42, 1.5);
console.log(v);
console.log([1, 'a', v]);
v.backward();
console.log(v.grad, \`grad is \${v.grad}\`);`);
    expect(host).not.toHaveBeenCalled();
    expect(s.console[0]).toBe('hello 42 1.5');
    expect(s.console[1]).toBe('Value(data=2, grad=0)');
    expect(s.console[2]).toMatch(/^\[ *1, *["']a["'], *Value\(data=2, grad=0\) *\]$/);
    expect(s.console[3]).toBe('1 grad is 1');
  });

  test('console.warn and console.error lines are kept in order', () => {
    const s = runOk(`console.log('one');\nconsole.warn('two');\nconsole.error('three');`);
    expect(s.console.length).toBe(3);
    expect(s.console[0]).toBe('one');
    expect(s.console[1]).toMatch(/two$/);
    expect(s.console[2]).toMatch(/three$/);
  });

  test('a program that fails keeps what it printed before', () => {
    const s = run(`console.log('before');\nthrow new Error('x');`);
    expect(s.console).toEqual(['before']);
    expect(s.error).not.toBeNull();
  });
});

describe('labels', () => {
  test('`const a = new Value(2)` is labelled a and `const h = x.mul(w)` is labelled h', () => {
    const s = runOk(`const a = new Value(2);\nconst x = new Value(3);\nconst w = new Value(4);\nconst h = x.mul(w);`);
    expect(one(s, 'a').data).toBe(2);
    expect(one(s, 'h')).toMatchObject({ op: 'mul', data: 12, inputs: [one(s, 'x').id, one(s, 'w').id] });
  });

  test('explicit labels are kept: new Value(2, "x") and v.label = "y" after creation', () => {
    const s = runOk(`const a = new Value(2, 'x');\nconst v = a.mul(3);\nv.label = 'y';`);
    expect(labelled(s, 'a')).toEqual([]);
    expect(labelled(s, 'v')).toEqual([]);
    expect(one(s, 'x').data).toBe(2);
    expect(one(s, 'y')).toMatchObject({ op: 'mul', data: 6 });
  });

  test('only the value assigned gets the name; its unnamed parts stay unlabelled', () => {
    const s = runOk(`const a = new Value(2);\nconst y = a.mul(3).add(1);\nlet c = y.relu();\nc = c.add(a);`);
    const mul = s.nodes.find((n) => n.op === 'mul')!;
    expect(mul.label).toBeNull();
    expect(one(s, 'y')).toMatchObject({ op: 'add', data: 7 });
    expect(labelled(s, 'c').map((n) => n.op)).toEqual(['relu', 'add']);
    const constants = s.nodes.filter((n) => n.op === null && n.label === null);
    expect(constants.map((n) => n.data)).toEqual([3, 1]);
  });

  test('nn parameters are labelled w0…, b, with their module path', () => {
    const s = runOk(`const model = new MLP(2, [2, 1]);\nconst out = model.forward([1, 2]);`);
    const params = s.nodes.filter((n) => n.module !== null && n.op === null && n.label !== null);
    expect(params.map((n) => `${n.module}:${n.label}`).slice(0, 3)).toEqual([
      'layer0.neuron0.w0:w0',
      'layer0.neuron0.w1:w1',
      'layer0.neuron0.b:b',
    ]);
    expect(params.some((n) => n.module === 'layer1.neuron0.w1')).toBe(true);
    // Values made in forward carry their neuron's path.
    expect(s.nodes.filter((n) => n.op === 'relu').map((n) => n.module)).toEqual(['layer0.neuron0', 'layer0.neuron1']);
    expect(one(s, 'out').module).toBe('layer1.neuron0');
  });
});

describe('source locations', () => {
  test('each value points at the call that created it, even after type annotations on the same line', () => {
    const source = [
      "import { Value } from 'gradscope';",
      'const a: Value = new Value(2), b: Value = new Value(-3);',
      'const w: number = 0.5; const h: Value = a.mul(w);',
      'const out: Value = (h as Value).add(b!).tanh();',
      'function f(x: Value, y: number): Value { return x.pow(y); }',
      'const ys: Array<Value> = [f(out, 2)], zs = new Map<string, Value>();',
      'const z = a',
      '  .sub(b);',
      'new Value(7);',
    ].join('\n');
    const s = runOk(source);
    const locOf = (n: GraphNode) => n.loc;
    expect(locOf(one(s, 'a'))).toEqual(at(source, 2, 'new Value(2)'));
    expect(locOf(one(s, 'b'))).toEqual(at(source, 2, 'new Value(-3)'));
    expect(locOf(one(s, 'h'))).toEqual(at(source, 3, 'mul'));
    // The constant 0.5 is made by that same mul call.
    expect(locOf(s.nodes.find((n) => n.op === null && n.data === 0.5)!)).toEqual(at(source, 3, 'mul'));
    expect(locOf(s.nodes.find((n) => n.op === 'add')!)).toEqual(at(source, 4, 'add'));
    expect(locOf(one(s, 'out'))).toEqual(at(source, 4, 'tanh'));
    expect(locOf(s.nodes.find((n) => n.op === 'pow')!)).toEqual(at(source, 5, 'pow'));
    expect(locOf(one(s, 'z'))).toEqual(at(source, 8, 'sub'));
    expect(locOf(s.nodes.find((n) => n.data === 7)!)).toEqual({ line: 9, column: 1 });
  });

  test('columns count from 1 and follow multi-byte characters as the editor does', () => {
    const source = "const s: string = 'ααα😀'; const a = new Value(1);";
    const s = runOk(source);
    expect(one(s, 'a').loc).toEqual(at(source, 1, 'new'));
  });
});

describe('failing programs end in a located error', () => {
  test('a thrown Error is reported at its line and column', () => {
    const source = `const a = new Value(1);\nif (a.data > 0) {\n  const n: number = 3; throw new Error('too big');\n}`;
    const s = run(source);
    expect(s.error).toMatchObject({ kind: 'runtime', ...at(source, 3, 'new Error') });
    expect(s.error!.message).toMatch(/Error: too big/);
    expect(s.nodes.length).toBe(1); // what ran before the error is kept
  });

  test('an engine error is reported at the program call that caused it, inside a function', () => {
    const source = `function f(x: Value): Value {\n  const k: number = 2; return x.add('q' as any);\n}\nf(new Value(1));`;
    const s = run(source);
    expect(s.error).toMatchObject({ kind: 'runtime', ...at(source, 2, 'add') });
    expect(s.error!.message).toMatch(/add\(\) takes a Value or a number/);
  });

  test('reading a property of undefined is reported where it is read', () => {
    const source = `const v: any = undefined;\nconst n: number = 2; v.add(n);`;
    const s = run(source);
    expect(s.error).toMatchObject({ kind: 'runtime', ...at(source, 2, 'add') });
    expect(s.error!.message).toMatch(/TypeError/);
  });

  test('a TypeScript syntax error is reported at the offending token', () => {
    const source = `const a = new Value(1);\nconst x: = 1;`;
    const s = run(source);
    expect(s.error).toMatchObject({ kind: 'syntax', ...at(source, 2, '=') });
    expect(s.nodes).toEqual([]);
  });

  test("a syntax error says what is wrong in the user's terms: no type-stripping tool, no file name the user never gave", () => {
    // The shot's program: a `)` missing at line 6; the parser notices at the next token.
    const source = "const a = new Value(2.0, 'a');\nconst f = new Value(-2.0, 'f';\nconst L = a * f;\n";
    const s = run(source);
    expect(s.error).toMatchObject({ kind: 'syntax', message: 'syntax error: Unexpected token, expected ","', ...at(source, 2, ';') });
    const unterminated = run("const a = new Value(2.0, 'a);\n");
    expect(unterminated.error).toMatchObject({ kind: 'syntax', message: 'syntax error: Unterminated string constant', line: 1 });
  });

  test('a JavaScript syntax error is reported at the offending token', () => {
    const source = `const a = new Value(1);\nconst b = (a + ;`;
    const s = run(source);
    expect(s.error).toMatchObject({ kind: 'syntax', ...at(source, 2, ';') });
  });

  test('an early error of the JavaScript parser (a redeclaration) is reported at the name', () => {
    const source = `let a: number = 1;\nlet a = 2;`;
    const s = run(source);
    expect(s.error).toMatchObject({ kind: 'syntax', ...at(source, 2, 'a') });
    expect(s.error!.message).toMatch(/already been declared/);
  });

  test('a top-level await is a syntax error at its line and column', () => {
    const source = `const a = new Value(1);\nconst n: number = 1; await n;`;
    const s = run(source);
    expect(s.error).toMatchObject({ kind: 'syntax', ...at(source, 2, 'await') });
  });

  test('`while (true) {}` stops after the timeout with a timeout error at the loop', () => {
    const source = `const a = new Value(1);\nlet i: number = 0;\nwhile (true) {}`;
    const s = run(source, { timeoutMs: 300 });
    expect(s.error).toMatchObject({ kind: 'timeout', ...at(source, 3, 'while') });
    expect(s.error!.message).toMatch(/stopped after/);
    expect(s.error!.message).toMatch(/0\.3 s/);
  });

  test('a loop that swallows errors with try/catch still stops at the timeout', () => {
    const source = `const a = new Value(1);\nconst n: number = 1; for(;;){ try {} catch {} }`;
    const s = run(source, { timeoutMs: 300 });
    expect(s.error).toMatchObject({ kind: 'timeout', ...at(source, 2, 'for') });
    expect(s.error!.message).toMatch(/stopped after/);
  });

  test('an infinite loop inside try/catch inside a loop still stops at the timeout', () => {
    const source = `for (let i = 0; i < 10; i++) {\n  let j = 0;\n  try { while (true) { j++; } } catch (e) { console.log('caught'); }\n}`;
    const s = run(source, { timeoutMs: 300, maxNodes: 100_000_000 });
    expect(s.error).toMatchObject({ kind: 'timeout', ...at(source, 3, 'while') });
    // The catch runs once; the outer loop's next turn stops the program again.
    expect(s.console).toEqual(['caught']);
  });

  test('a program that catches the timeout and then finishes still ends with the timeout error', () => {
    const source = `let i = 0;\ntry { while (true) { i++; } } catch (e) {}\nconsole.log('after');`;
    const s = run(source, { timeoutMs: 300 });
    expect(s.error).toMatchObject({ kind: 'timeout', ...at(source, 2, 'while') });
  });

  test('creating more values than maxNodes is a limit error at the allocating call', () => {
    const source = `const xs: Value[] = [];\nfor (let i = 0; i < 2000; i++) {\n  const n: number = i; xs.push(new Value(n));\n}`;
    const s = run(source, { maxNodes: 1000 });
    expect(s.error).toMatchObject({ kind: 'limit', ...at(source, 3, 'new Value') });
    expect(s.error!.message).toMatch(/1,000/);
    expect(s.nodes.length).toBe(1000);
  });

  test('a program that catches the max-nodes error still ends with the limit error', () => {
    const source = `const xs: Value[] = [];\nfor (let i = 0; i < 2000; i++) {\n  try { xs.push(new Value(i)); } catch (e) {}\n}\nconsole.log('done', xs.length);`;
    const s = run(source, { maxNodes: 1000 });
    expect(s.error).toMatchObject({ kind: 'limit', ...at(source, 3, 'new Value') });
    expect(s.nodes.length).toBe(1000);
  });

  test('the runner stays usable after each failing program', () => {
    const bad: [string, object][] = [
      ['const x: = 1;', {}],
      ['const b = (;', {}],
      ['let a = 1;\nlet a = 2;', {}],
      ["import fs from 'fs';", {}],
      ["throw new Error('x');", {}],
      ['while (true) {}', { timeoutMs: 200 }],
      ['for (;;) new Value(1);', { maxNodes: 100 }],
      ['function f(): number { return f(); }\nf();', {}],
    ];
    for (const [source, options] of bad) {
      const s = run(source, options);
      expect(s.error, source).not.toBeNull();
      expect(s.error!.kind, source).not.toBe('internal');
      expectRunnerWorks();
    }
  });

  test('runaway recursion is a located error, not a crash', () => {
    const source = 'const n: number = 1;\nfunction f(x: number): number { return f(x + 1); }\nf(n);';
    const s = run(source);
    expect(s.error?.kind).toBe('runtime');
    expect(s.error!.message).toMatch(/call stack/);
    expect(s.error!.line).toBe(2);
  });
});

describe('determinism', () => {
  const program = `import { MLP, Value, makeMoons } from 'gradscope';
const { X, y } = makeMoons(10);
const model = new MLP(2, [4, 4, 1]);
for (let step = 0; step < 2; step++) {
  let loss = new Value(0);
  for (let i = 0; i < X.length; i++) {
    const score = model.forward(X[i].map((x) => x + Math.random() * 0.01)) as Value;
    loss = loss.add(new Value(1).sub(score.mul(y[i])).relu());
  }
  model.zeroGrad();
  loss.backward();
  for (const p of model.parameters()) p.data -= 0.1 * p.grad;
  console.log(loss.data);
}`;

  test('two identical runs give identical snapshots, step order included', () => {
    const first = runOk(program);
    const second = runOk(program);
    expect(second).toEqual(first);
    expect(toJSON(second)).toBe(toJSON(first));
    expect(first.backward.length).toBe(2);
    expect(first.backward[1].steps.length).toBeGreaterThan(100);
  });

  test('another seed gives another run', () => {
    expect(runOk(program, { seed: 99 }).console).not.toEqual(runOk(program).console);
  });
});

describe('non-finite values', () => {
  const source = `const neg = new Value(-1);
const zero = new Value(0);
const l = neg.log();
const m = zero.log();
const p = new Value(-2).pow(0.5);
const e = new Value(1000).exp();
const fine = new Value(3).mul(2);
const base = new Value(-8);
const r = base.pow(1 / 3);
r.backward();`;

  test('out-of-domain math does not throw; those nodes are flagged nonFinite', () => {
    const s = runOk(source);
    expect(one(s, 'l').data).toBeNaN();
    expect(one(s, 'm').data).toBe(-Infinity);
    expect(one(s, 'p').data).toBeNaN();
    expect(one(s, 'e').data).toBe(Infinity);
    for (const label of ['l', 'm', 'p', 'e', 'r']) expect(one(s, label).nonFinite, label).toBe(true);
    // A finite value whose grad is NaN is flagged too.
    expect(one(s, 'base').data).toBe(-8);
    expect(one(s, 'base').grad).toBeNaN();
    expect(one(s, 'base').nonFinite).toBe(true);
    for (const label of ['neg', 'zero', 'fine']) expect(one(s, label).nonFinite, label).toBe(false);
  });

  test('gradscope.graph/1 JSON writes non-finite numbers as "NaN", "Infinity", "-Infinity"', () => {
    const s = runOk(source);
    const parsed = JSON.parse(toJSON(s)) as Snapshot;
    const node = (label: string) => parsed.nodes.find((n) => n.label === label)!;
    expect(node('l').data).toBe('NaN');
    expect(node('m').data).toBe('-Infinity');
    expect(node('e').data).toBe('Infinity');
    expect(node('base').grad).toBe('NaN');
    expect(node('fine').data).toBe(6);
    expect(parsed.backward[0].steps.some((step) => step.deltas.some((d) => (d[1] as unknown) === 'NaN'))).toBe(true);
    // Indented output parses to the same thing.
    expect(JSON.parse(toJSON(s, 2))).toEqual(parsed);
  });

  test('a snapshot with only finite numbers round-trips through JSON unchanged', () => {
    const s = runOk(readme);
    expect(JSON.parse(toJSON(s))).toEqual(s);
  });
});

test("`import fs = require('fs')` is an import error at its line", () => {
  const src = "const a = new Value(1);\nimport fs = require('fs');\n";
  const { error } = run(src);
  expect(error?.kind).toBe('import');
  expect(error?.line).toBe(2);
  expect(error?.column).toBe(src.split('\n')[1].indexOf('require') + 1);
});

test('positions after a template literal with an interpolation are right (sucrase maps them tens of columns off)', () => {
  const src = `const k = 2;\nconst s: string = \`**\${k}\`;\nconst a = new Value(1);\nconst b = a.mul(s);\n`;
  const { error, nodes } = run(src);
  expect(nodes.find((n) => n.label === 'a')?.loc).toEqual({ line: 3, column: 11 });
  expect(error).toMatchObject({ line: 4, column: src.split('\n')[3]!.indexOf('mul') + 1 });
});
