// micrograd's operators in programs: `a * b`, `2 * a`, `b ** 3`, `-a`, `c += x`
// on Values run as the Value methods, numbers stay numbers, and a Value where a
// number is needed is a located error. Expected numbers come from micrograd's
// README (reference) or from the same program written with methods.

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { run } from '../runner/run.js';
import { instrument } from '../runner/instrument.js';
import { Value } from '../value.js';
import type { Snapshot } from '../../common/snapshot.js';

const methods = readFileSync(new URL('../../examples/micrograd-readme.ts', import.meta.url), 'utf8');

// micrograd's README example as written there, with `new` and `const`/`let` added
// (shared with the editor's test of the same program, renderer/test/value-operators.test.ts).
const readmeOperators = readFileSync(new URL('./fixtures/micrograd-readme-operators.txt', import.meta.url), 'utf8');
const withOperators = `import { Value } from 'gradscope';\n${readmeOperators}console.log(g.data, a.grad, b.grad);\n`;

function runOk(source: string): Snapshot {
  const s = run(source, { timeoutMs: 5_000 });
  expect(s.error).toBeNull();
  return s;
}

/** 1-based line and column of `needle` in `source`. */
function where(source: string, needle: string): { line: number; column: number } {
  const lines = source.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`no ${needle}`);
  return { line: line + 1, column: lines[line].indexOf(needle) + 1 };
}

describe("micrograd's operators", () => {
  test("the README example with operators gives micrograd's numbers and the method version's graph", () => {
    const ops = runOk(withOperators);
    expect(ops.console).toEqual(['24.70408163265306 138.83381924198252 645.5772594752186']);
    const m = runOk(`${methods}\nconsole.log(g.data, a.grad, b.grad);`);
    expect(m.console.at(-1)).toBe(ops.console[0]);
    // The same ops in the same numbers: one graph, whichever way it was written.
    const shape = (s: Snapshot) => s.nodes.map((n) => `${n.op ?? 'leaf'} ${n.data} ${n.grad}`).sort();
    expect(shape(ops)).toEqual(shape(m));
    // Variables name what the operators make, `c += …` included.
    expect(ops.nodes.filter((n) => n.label === 'c').length).toBe(3);
    expect(ops.nodes.filter((n) => n.label === 'g').at(-1)!.data).toBe(24.70408163265306);
  });

  test("the README example verbatim: Value(…) without new, as micrograd's Python writes it", () => {
    const withoutNew = readmeOperators.replace(/new Value\(/g, 'Value(');
    expect(withoutNew).not.toContain('new ');
    const s = runOk(`${withoutNew}console.log(g.data, a.grad, b.grad);\n`);
    expect(s.console).toEqual(['24.70408163265306 138.83381924198252 645.5772594752186']);
    expect(s.nodes.find((n) => n.label === 'a')!.grad).toBe(138.83381924198252);
    // Imported, called, constructed, tested and extended: it is the Value class all along.
    const t = runOk(`import { Value as V } from 'gradscope';
const x = V(2, 'x');
const y = new Value(3);
class Mine extends Value { twice() { return this.mul(2); } }
const m = new Mine(4);
console.log(x instanceof Value, y instanceof V, m instanceof Value, m.twice().data, x.label, Value(1).add(1).data);`);
    expect(t.console).toEqual(['true true true 8 x 2']);
  });

  test('each node made by an operator points at its operator in the source', () => {
    const s = runOk(withOperators);
    const f = s.nodes.find((n) => n.label === 'f')!;
    expect(f.op).toBe('pow');
    expect(f.loc).toEqual(where(withOperators, '** 2'));
  });

  test('precedence, parentheses, numbers on either side, unary minus', () => {
    const s = runOk(`const a = new Value(3);
const b = new Value(-2);
console.log((a + b * 2).data, ((a + b) * 2).data, (2 * a).data, (10 / a).data, (1 - a).data);
console.log((-a ** 2).data ?? 'x');`.replace('(-a ** 2)', '(-(a ** 2))') + `
console.log((a * b + a / b - -a).data, (a ** 2 ** 2 === undefined));
const t = 2 ** 3 ** 2;
console.log(t);`);
    expect(s.console).toEqual([
      '-1 2 6 3.3333333333333335 -2',
      '-9',
      `${3 * -2 + 3 / -2 + 3} false`,
      '512',
    ]);
  });

  test('compound assignment on Values, on members, and on numbers', () => {
    const s = runOk(`let x = new Value(2);
const start = x;
x += 1; x -= 0.5; x *= x; x /= 5; x **= 2;
x.backward();
console.log(x.data.toFixed(6), start.grad.toFixed(6));
const p = { w: new Value(1) };
p.w *= 3;
let n = 10; n += 2; n -= 1; n *= 3; n /= 11; n **= 2;
p.w.data -= 0.5 * p.w.data;
console.log(p.w.data, n, p.w.op);`);
    // x = ((2 + 1 - 0.5)²/5)² = 1.5625; dx/dstart = 2·(x²/5)·(2x/5) at x = 2.5 = 2.5
    expect(s.console).toEqual(['1.562500 2.500000', '1.5 9 mul']);
  });

  test('string concatenation and template literals with a Value read as text', () => {
    const s = runOk(`const a = new Value(2);
console.log('a is ' + a, \`\${a}\`, a + ' units');`);
    expect(s.console).toEqual(['a is Value(data=2, grad=0) Value(data=2, grad=0) Value(data=2, grad=0) units']);
  });

  test('code on numbers only comes out as before, operators aside, and computes the same', () => {
    const source = `let s = 0;
for (let i = 0; i < 1000; i++) s += i * 2 - i / 4 + (-i) ** 2 % 7;
const label = 'n' + 1 + \`x\` + [1] + 2;
console.log(s, label, 3 - 2 * 4 ** 0.5);`;
    const s = runOk(source);
    let expected = 0;
    for (let i = 0; i < 1000; i++) expected += i * 2 - i / 4 + (-i) ** 2 % 7;
    expect(s.console).toEqual([`${expected} n1x12 -1`]);
    // Literal-only arithmetic is left alone.
    const code = instrument('const k = 3 - 2 * 4 ** 0.5 + -1;', (line, column) => ({ line, column })).code;
    expect(code).toBe('const k = __gs_name("k", 3 - 2 * 4 ** 0.5 + -1, 0, 0);');
  });

  test('a Value exponent is an error at the ** expression that says to use a number', () => {
    const source = `const a = new Value(2);
const b = new Value(3);
const c = a ** b;`;
    const s = run(source);
    expect(s.error).toMatchObject({ kind: 'runtime', ...where(source, 'a ** b') });
    expect(s.error!.message).toMatch(/number exponent.*b\.data/);
    const s2 = run(`const b = new Value(3);\nconst c = 2 ** b;`);
    expect(s2.error).toMatchObject({ line: 2, column: 11 });
  });

  test('a Value in an if, or in Math.max, is an error at that line that says to use .data', () => {
    const source = `const a = new Value(2);
const b = a * 3;
if (a > 0) console.log('positive');`;
    const s = run(source);
    expect(s.error).toMatchObject({ kind: 'runtime', line: 3 });
    expect(s.error!.message).toMatch(/a Value is used as a number here: use a\.data/);
    expect(s.nodes.length).toBe(3); // the graph made before the error is kept
    const m = run(`const a = new Value(2);\nconst top = Math.max(a, 1);`);
    expect(m.error).toMatchObject({ kind: 'runtime', line: 2 });
    expect(m.error!.message).toMatch(/use a\.data/);
  });

  test('outside a run a Value converts as before (no error)', () => {
    runOk('const a = new Value(1);');
    expect(Number.isNaN(Number(new Value(1)))).toBe(true);
  });
});
