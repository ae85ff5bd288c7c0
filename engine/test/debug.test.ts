// debug(root) on the program's OWN autograd class, through the real runner:
// three classes written here as a student would (correct; `=` instead of `+=`
// in `+`'s _backward; `*`'s _backward using the wrong operand). The findings
// must name the right node and line; the correct class must have none and the
// same grads as Gradscope's own Value on the same expression.

import { describe, expect, test } from 'vitest';
import { run } from '../runner/run.js';
import { formatTable } from '../node/table.js';
import { debug } from '../debug.js';
import type { Snapshot } from '../../common/snapshot.js';

interface Bugs {
  /** `+`'s _backward sets the grads (`=`) instead of adding to them. */
  assignInAdd?: boolean;
  /** `*`'s _backward multiplies each input's grad by its own data. */
  wrongOperandInMul?: boolean;
  /** `*`'s forward adds. */
  addInMul?: boolean;
}

/** A micrograd Value class in TypeScript, as a student ports it, with the chosen bugs. */
function ownClass(bugs: Bugs = {}): string {
  const eq = bugs.assignInAdd ? '=' : '+=';
  const [mulA, mulB] = bugs.wrongOperandInMul ? ['this.data', 'o.data'] : ['o.data', 'this.data'];
  return `class Value {
  data: number;
  grad = 0;
  _backward = () => {};
  _prev: Set<Value>;
  _op: string;
  label: string;
  constructor(data: number, children: Value[] = [], op = '', label = '') {
    this.data = data;
    this._prev = new Set(children);
    this._op = op;
    this.label = label;
  }
  add(other: Value | number): Value {
    const o = other instanceof Value ? other : new Value(other);
    const out = new Value(this.data + o.data, [this, o], '+');
    out._backward = () => {
      this.grad ${eq} out.grad;
      o.grad ${eq} out.grad;
    };
    return out;
  }
  mul(other: Value | number): Value {
    const o = other instanceof Value ? other : new Value(other);
    const out = new Value(this.data ${bugs.addInMul ? '+' : '*'} o.data, [this, o], '*');
    out._backward = () => {
      this.grad += ${mulA} * out.grad;
      o.grad += ${mulB} * out.grad;
    };
    return out;
  }
  pow(k: number): Value {
    const out = new Value(this.data ** k, [this], \`**\${k}\`);
    out._backward = () => {
      this.grad += k * this.data ** (k - 1) * out.grad;
    };
    return out;
  }
  tanh(): Value {
    const x = this.data;
    const t = (Math.exp(2 * x) - 1) / (Math.exp(2 * x) + 1);
    const out = new Value(t, [this], 'tanh');
    out._backward = () => {
      this.grad += (1 - t ** 2) * out.grad;
    };
    return out;
  }
}
`;
}

// `a` is used twice (by `d` and by `e`): `+`'s `=` overwrites what `*` gave it.
const expression = `const a = new Value(2.0);
const b = new Value(-3.0);
const c = new Value(10.0);
const d = a.add(b);
const e = d.mul(a);
const f = e.add(c);
const g = f.pow(2).mul(0.01);
const L = g.tanh();
`;

const program = (bugs: Bugs = {}) => `${ownClass(bugs)}${expression}debug(L);\n`;

/** 1-based line and column of the first `needle` in `source`. */
function where(source: string, needle: string): { line: number; column: number } {
  const lines = source.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return { line: line + 1, column: lines[line]!.indexOf(needle) + 1 };
}

function runOk(source: string): Snapshot {
  const s = run(source);
  expect(s.error).toBeNull();
  return s;
}

const node = (s: Snapshot, label: string) => s.nodes.find((n) => n.label === label)!;

describe('debug() on your own Value class', () => {
  test("the correct class: its graph as Gradscope's, no findings, grads equal to Gradscope's Value", () => {
    const source = program();
    const s = runOk(source);
    expect(s.diagnostics).toEqual([]);
    // The graph: 3 leaves, d e f, the 0.01 constant, g's two nodes, L.
    // micrograd's topological order: a b d e c f (f**2) 0.01 g L.
    expect(s.nodes.map((n) => n.op)).toEqual([null, null, 'add', 'mul', null, 'add', 'pow', null, 'mul', 'tanh']);
    expect(s.nodes.map((n) => n.label)).toEqual(['a', 'b', 'd', 'e', 'c', 'f', null, null, 'g', 'L']);
    expect(node(s, 'e')).toMatchObject({ op: 'mul', userOp: '*', loc: where(source, 'mul(a)') });
    expect(s.nodes.find((n) => n.op === 'pow')).toMatchObject({ k: 2, userOp: '**2' });
    expect(s.backward).toHaveLength(1);
    const call = s.backward[0]!;
    expect(call.root).toBe(node(s, 'L').id);
    expect(call.steps.map((st) => s.nodes.find((n) => n.id === st.node)!.op)).toEqual(['tanh', 'mul', 'pow', 'add', 'mul', 'add']);

    // Gradscope's own Value on the same expression.
    const mine = runOk(`${expression}L.backward();\n`);
    for (const label of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'L']) {
      const own = node(s, label);
      const theirs = node(mine, label);
      expect(own.data, label).toBeCloseTo(theirs.data, 12);
      expect(own.grad, `${label}.grad`).toBeCloseTo(theirs.grad, 12);
    }
    // Replaying the recorded deltas from the grads before gives the final grads.
    const grads = new Map<number, number>(call.gradsBefore);
    grads.set(call.root, 1);
    for (const st of call.steps) for (const [id, delta] of st.deltas) grads.set(id, (grads.get(id) ?? 0) + delta);
    for (const n of s.nodes) expect(grads.get(n.id) ?? 0, `#${n.id}`).toBe(n.grad);
  });

  test('`=` instead of `+=` in `+`: found at the `+` whose _backward overwrote a.grad, at its line', () => {
    const source = program({ assignInAdd: true });
    const s = runOk(source);
    expect(s.diagnostics).toHaveLength(1);
    const d = s.diagnostics![0]!;
    expect(d).toMatchObject({ kind: 'local-backward-mismatch', node: node(s, 'd').id, ...where(source, 'add(b)') });
    expect(d.message).toMatch(/^your `_backward` of `\+` \(d\) added -?\d+\.\d{4} to a\.grad; the chain rule gives d\.grad = -?\d+\.\d{4} — it set a\.grad instead of adding to it/);
    expect(node(s, 'd').flagged).toBe(true);
    expect(s.nodes.filter((n) => n.flagged).map((n) => n.label)).toEqual(['d']);
    const step = s.backward[0]!.steps.find((st) => st.node === node(s, 'd').id)!;
    expect(step.finding).toBe(d.message);
    // The user's own grads end as their own (buggy) backward leaves them: a.grad = d.grad.
    expect(node(s, 'a').grad).toBe(node(s, 'd').grad);
  });

  test("`*`'s _backward using the wrong operand: found at the `*` nodes, at their lines", () => {
    const source = program({ wrongOperandInMul: true });
    const s = runOk(source);
    const found = s.diagnostics!;
    expect(found.every((f) => f.kind === 'local-backward-mismatch')).toBe(true);
    // e = d * a (d = -1, a = 2), and g = f**2 * 0.01.
    expect(found.map((f) => f.node)).toEqual([node(s, 'g').id, node(s, 'e').id]);
    const e = found[1]!;
    expect(e).toMatchObject(where(source, 'mul(a)'));
    expect(e.message).toContain('your `_backward` of `*` (e) added ');
    expect(e.message).toMatch(/to d\.grad; the chain rule gives a\.data × e\.grad = -?\d+\.\d{4} — that is d\.data × e\.grad, the other input's term/);
    expect(formatTable(s)).toContain(`local-backward-mismatch at ${e.line}:${e.column}: your \`_backward\` of \`*\` (e)`);
  });

  test('forward-mismatch: a `*` that adds is found at its node; the correct class has none', () => {
    const source = program({ addInMul: true });
    const s = runOk(source);
    const f = s.diagnostics!.filter((x) => x.kind === 'forward-mismatch');
    expect(f.map((x) => x.node)).toEqual([node(s, 'g').id, node(s, 'e').id]);
    expect(f[1]).toMatchObject(where(source, 'mul(a)'));
    expect(f[1]!.message).toBe('e.data is 1.0000, but `*` of d.data = -1.0000, a.data = 2.0000 is -2.0000: the forward of your `*` disagrees with the op table');
    expect(runOk(program()).diagnostics!.some((x) => x.kind === 'forward-mismatch')).toBe(false);
  });

  test('micrograd spellings: ReLU, **-1, an op the table does not know is stepped but not checked', () => {
    const source = `class V {
  grad = 0;
  _backward = () => {};
  _children: V[];
  constructor(public data: number, children: V[] = [], public _op = '') {
    this._children = children;
  }
}
function relu(x: V): V {
  const out = new V(x.data < 0 ? 0 : x.data, [x], 'ReLU');
  out._backward = () => { x.grad += (out.data > 0 ? 1 : 0) * out.grad; };
  return out;
}
function inv(x: V): V {
  const out = new V(x.data ** -1, [x], '**-1');
  out._backward = () => { x.grad += -1 * x.data ** -2 * out.grad; };
  return out;
}
function twice(x: V): V {
  const out = new V(2 * x.data, [x], 'double');
  out._backward = () => { x.grad += 2 * out.grad; };
  return out;
}
const x = new V(4);
const y = inv(relu(x));
const z = twice(y);
debug(z);
`;
    const s = runOk(source);
    expect(s.diagnostics).toEqual([]);
    expect(s.nodes.map((n) => [n.label, n.op, n.k ?? null, n.userOp ?? null])).toEqual([
      ['x', null, null, null],
      ['out', 'relu', null, 'ReLU'], // named inside relu(), never outside
      ['y', 'pow', -1, '**-1'],
      ['z', null, null, 'double'],
    ]);
    expect(node(s, 'z').inputs).toEqual([node(s, 'y').id]);
    expect(s.backward[0]!.steps).toHaveLength(3);
    expect(node(s, 'x').grad).toBeCloseTo(2 * -1 / 16, 15);
    // The table shows the unknown op as the class spells it.
    expect(formatTable(s)).toMatch(/#3\s+z\s+double\s/);
  });

  test('a * a with a Set of inputs: one delta, the total, checked against both terms', () => {
    const source = `${ownClass()}const a = new Value(3.0);
const s = a.mul(a);
debug(s);
`;
    const snap = runOk(source);
    expect(snap.diagnostics).toEqual([]);
    const sq = node(snap, 's');
    expect(sq.inputs).toEqual([node(snap, 'a').id, node(snap, 'a').id]);
    expect(snap.backward[0]!.steps).toEqual([{ node: sq.id, deltas: [[node(snap, 'a').id, 6]] }]);
  });

  test('debug() twice without zeroing is grad-not-zero, as backward() twice is', () => {
    const s = runOk(`${program()}debug(L);\n`);
    expect(s.backward).toHaveLength(2);
    expect(s.diagnostics!.map((d) => d.kind)).toEqual(['grad-not-zero']);
    // The same objects are the same values in both calls.
    expect(s.nodes.filter((n) => n.label === 'a')).toHaveLength(1);
  });

  test("debug is also imported from 'gradscope'", () => {
    const s = runOk(`import { debug as check } from 'gradscope';\n${ownClass()}${expression}check(L);\n`);
    expect(s.backward).toHaveLength(1);
    expect(s.diagnostics).toEqual([]);
  });

  test('bad input is a located error that says what debug() takes', () => {
    const source = `const v = { data: 1 };
debug(v);`;
    const s = run(source);
    expect(s.error).toMatchObject({ line: 2, kind: 'runtime' });
    expect(s.error!.message).toMatch(/debug\(x\): x has no number grad, _backward: debug\(\) takes a value of your own Value class/);
    const own = run('const a = new Value(2);\nconst b = a.mul(3);\ndebug(b);');
    expect(own.error!.message).toMatch(/Gradscope's Value/);
  });

  test('outside a run, debug() still steps and returns its findings', () => {
    const leaf = (data: number) => ({ data, grad: 0, _prev: [] as object[], _op: '', _backward() {} });
    const a = leaf(2);
    const b = leaf(3);
    const out = { data: 6, grad: 0, _prev: [a, b], _op: '*', _backward() { a.grad += a.data * out.grad; b.grad += a.data * out.grad; } };
    const found = debug(out);
    expect(found.map((f) => f.kind)).toEqual(['local-backward-mismatch']);
    expect(found[0]!.message).toContain('added 2.0000 to #0.grad; the chain rule gives #1.data × #2.grad = 3.0000');
    expect([a.grad, b.grad, out.grad]).toEqual([2, 2, 1]);
  });
});
