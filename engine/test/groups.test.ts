// Groups, through the real runner: each call of an nn module's forward, calls
// of the user's functions that make many values, and folded chains of adds or
// muls. Expected trees are derived from the programs' structure: a neuron with
// n inputs makes n muls and n adds, one leaf per plain-number input and a relu
// when it is nonlinear; its weights and bias are parameters, in no group.

import { describe, expect, test } from 'vitest';
import { run } from '../runner/run.js';
import type { GraphNode, Group, Snapshot } from '../../common/snapshot.js';

function runOk(source: string): Snapshot {
  const snapshot = run(source, { timeoutMs: 10_000 });
  expect(snapshot.error).toBeNull();
  return snapshot;
}

const one = (s: Snapshot, label: string): GraphNode => {
  const found = s.nodes.filter((n) => n.label === label);
  expect(found, `nodes labelled ${label}`).toHaveLength(1);
  return found[0];
};

/** Values one neuron's forward makes. */
const neuronSize = (nin: number, numberInputs: boolean, nonlin: boolean) =>
  nin * (numberInputs ? 3 : 2) + (nonlin ? 1 : 0);

/** A group without its id, and its parent by label, for comparing trees. */
const shape = (groups: Group[]) =>
  groups.map((g) => ({ label: g.label, kind: g.kind, parent: g.parent === null ? null : groups[g.parent].label, size: g.size }));

describe('module calls', () => {
  const twoSamples = `
const model = new MLP(2, [2, 1]);
const y0 = model.forward([1, 2]);
const y1 = model.forward([3, -1]);
const loss = y0.sub(1).pow(2).add(y1.add(1).pow(2));
loss.backward();
`;

  test('each forward call of MLP(2, [2, 1]) is a group, nested as the calls nest', () => {
    const s = runOk(twoSamples);
    const hidden = neuronSize(2, true, true); // layer0: numbers in, relu
    const last = neuronSize(2, false, false); // layer1: Values in, linear
    const expected = [1, 2].flatMap((k) => [
      { label: `MLP.forward #${k}`, kind: 'module', parent: null, size: 2 * hidden + last },
      { label: `layer0 #${k}`, kind: 'module', parent: `MLP.forward #${k}`, size: 2 * hidden },
      { label: `layer0.neuron0 #${k}`, kind: 'module', parent: `layer0 #${k}`, size: hidden },
      { label: `layer0.neuron1 #${k}`, kind: 'module', parent: `layer0 #${k}`, size: hidden },
      { label: `layer1 #${k}`, kind: 'module', parent: `MLP.forward #${k}`, size: last },
      { label: `layer1.neuron0 #${k}`, kind: 'module', parent: `layer1 #${k}`, size: last },
    ]);
    expect(shape(s.groups!)).toEqual(expected);
    expect(s.groups!.map((g) => g.id)).toEqual(expected.map((_, i) => i));
  });

  test("a call's output is what it returned; a layer of two neurons returns no single value", () => {
    const s = runOk(twoSamples);
    const group = (label: string) => s.groups!.find((g) => g.label === label)!;
    for (const [k, y] of [[1, 'y0'], [2, 'y1']] as const) {
      expect(group(`MLP.forward #${k}`).output).toBe(one(s, y).id);
      expect(group(`layer1 #${k}`).output).toBe(one(s, y).id);
      expect(group(`layer1.neuron0 #${k}`).output).toBe(one(s, y).id);
      expect(group(`layer0 #${k}`).output).toBeNull();
      const relu = s.nodes.find((n) => n.id === group(`layer0.neuron1 #${k}`).output)!;
      expect(relu.op).toBe('relu');
      expect(relu.module).toBe('layer0.neuron1');
    }
  });

  test('every value is in the innermost call that made it; the loss outside every group', () => {
    const s = runOk(twoSamples);
    const sizes = new Map<number, number>();
    for (const node of s.nodes) {
      if (node.group === null || node.group === undefined) continue;
      const group = s.groups![node.group];
      // A neuron's values carry its module path; its call's label starts with it.
      expect(group.label.startsWith(`${node.module} #`), `#${node.id} in ${group.label}`).toBe(true);
      sizes.set(group.id, (sizes.get(group.id) ?? 0) + 1);
    }
    // Only neurons hold values of their own; a size counts nested groups' values too.
    for (const g of s.groups!) {
      const own = sizes.get(g.id) ?? 0;
      const nested = s.groups!.filter((c) => c.parent === g.id).reduce((total, c) => total + c.size, 0);
      expect(own + nested, g.label).toBe(g.size);
    }
    expect(one(s, 'loss').group).toBeNull();
  });

  test('a parameter used by two forward calls is in no group and appears once', () => {
    const s = runOk(twoSamples);
    const parameters = s.nodes.filter((n) => n.op === null && /\.(w\d+|b)$/.test(n.module ?? ''));
    expect(parameters).toHaveLength(3 * 3); // three neurons of two weights and a bias
    for (const p of parameters) {
      expect(p.group, p.module!).toBeNull();
      expect(s.nodes.filter((n) => n.module === p.module)).toHaveLength(1);
    }
    const w0 = parameters.find((p) => p.module === 'layer0.neuron0.w0')!;
    const usedIn = s.nodes.filter((n) => n.inputs.includes(w0.id)).map((n) => s.groups![n.group!].label);
    expect(usedIn).toEqual(['layer0.neuron0 #1', 'layer0.neuron0 #2']);
  });
});

describe('folded chains', () => {
  test('sum() of 100 values is one chain Σ 100 terms, and the function around it no group of its own', () => {
    const s = runOk(`
const xs = Array.from({ length: 100 }, (_, i) => new Value(i / 10));
function sum(values: Value[]): Value {
  return values.reduce((total, v) => total.add(v));
}
const total = sum(xs);
total.backward();
`);
    expect(s.groups).toEqual([{ id: 0, label: 'Σ 100 terms', kind: 'chain', parent: null, size: 99, output: one(s, 'total').id }]);
    const adds = s.nodes.filter((n) => n.op === 'add');
    expect(adds).toHaveLength(99);
    for (const a of adds) expect(a.group).toBe(0);
    // The terms themselves stay outside: they are what flows into the chain.
    for (const leaf of s.nodes.filter((n) => n.op === null)) expect(leaf.group).toBeNull();
  });

  test("micrograd's sum from new Value(0): the zero is part of the chain, not a term; products fold as Π", () => {
    const s = runOk(`
const xs = Array.from({ length: 6 }, (_, i) => new Value(i + 1));
const s = xs.reduce((total, v) => total.add(v), new Value(0));
const p = xs.slice(0, 4).reduce((total, v) => total.mul(v), new Value(1));
const short = xs[0].add(xs[1]).add(xs[2]);
`);
    const zero = s.nodes.find((n) => n.op === null && n.data === 0)!;
    expect(shape(s.groups!)).toEqual([
      { label: 'Σ 6 terms', kind: 'chain', parent: null, size: 6 + 1 },
      { label: 'Π 4 factors', kind: 'chain', parent: null, size: 4 + 1 },
    ]);
    expect(zero.group).toBe(0);
    expect(s.groups![0].output).toBe(one(s, 's').id);
    expect(s.groups![1].output).toBe(one(s, 'p').id);
    // Three terms are too few to fold.
    expect(one(s, 'short').group).toBeNull();
  });

  test('a chain whose intermediate is used elsewhere is cut there', () => {
    const s = runOk(`
const v = Array.from({ length: 10 }, (_, i) => new Value(i));
let acc = v[0];
for (let i = 1; i < 10; i++) acc = acc.add(v[i]);
const a = v[0].add(v[1]).add(v[2]).add(v[3]);
const b = a.add(v[4]).add(v[5]).add(v[6]).add(v[7]);
const c = b.mul(a);
`);
    // acc: 9 adds, 10 terms. a: 3 adds (4 terms). b continues a, but a is also used by c.
    expect(shape(s.groups!)).toEqual([
      { label: 'Σ 10 terms', kind: 'chain', parent: null, size: 9 },
      { label: 'Σ 4 terms', kind: 'chain', parent: null, size: 3 },
      { label: 'Σ 5 terms', kind: 'chain', parent: null, size: 4 },
    ]);
  });
});

describe("the user's functions", () => {
  const program = `
const model = new MLP(2, [4, 1]);
function predict(x: number[]) {
  return model.forward(x);
}
const square = (v: Value) =>
  v.mul(v);
class Loss {
  of(points: number[][]) {
    return points.map((p) => square(predict(p)));
  }
}
function loss() {
  const scores = new Loss().of([[1, 2], [2, 3], [3, 4]]);
  return scores[0].add(scores[1]).add(scores[2]);
}
const total = loss();
total.backward();
`;

  test('a call that makes many values is a group named after the function; wrappers and small helpers are not', () => {
    const s = runOk(program);
    const perCall = 4 * neuronSize(2, true, true) + neuronSize(4, false, false);
    expect(perCall * 3).toBeGreaterThanOrEqual(50);
    const groups = shape(s.groups!);
    expect(groups.filter((g) => g.kind === 'function')).toEqual([
      { label: 'loss()', kind: 'function', parent: null, size: 3 * (perCall + 1) + 2 },
      { label: 'Loss.of()', kind: 'function', parent: 'loss()', size: 3 * (perCall + 1) },
    ]);
    // predict() only wraps one module call, square() makes one value.
    expect(groups.filter((g) => g.label.startsWith('MLP.forward')).map((g) => g.parent)).toEqual(['Loss.of()', 'Loss.of()', 'Loss.of()']);
    const squares = s.nodes.filter((n) => n.op === 'mul' && n.inputs[0] === n.inputs[1]);
    expect(squares).toHaveLength(3);
    for (const sq of squares) expect(s.groups![sq.group!].label).toBe('Loss.of()');
    const loss = s.groups!.find((g) => g.label === 'loss()')!;
    expect(loss.output).toBe(one(s, 'total').id);
  });

  test('watching functions changes nothing they compute, throw or return', () => {
    const s = runOk(`
const f = () => ({ a: new Value(2) });
const g = (x: Value) =>
  x
    .mul(3);
function h(n: number): number {
  if (n > 2) throw new Error('too big');
  return n;
}
class C { get v() { return 5; } *gen() { yield 1; } async later() { return 2; } m() { return this; } }
let caught = '';
try { h(3); } catch (e) { caught = (e as Error).message; }
const c = new C();
console.log(f().a.data, g(new Value(2)).data, h(1), caught, c.v, [...c.gen()].length, c.m() === c);
`);
    expect(s.console).toEqual(['2 6 1 too big 5 1 true']);
  });

  test('a runtime error inside a watched function is still located at its line', () => {
    const s = run(`function bad(v: Value) {
  return v.mul(undefined as any);
}
bad(new Value(1));
`);
    expect(s.error).toMatchObject({ line: 2, kind: 'runtime' });
  });
});

test('a small plain expression has no groups', () => {
  const s = runOk(`
const a = new Value(2);
const b = a.mul(3).add(1).tanh();
b.backward();
`);
  expect(s.groups).toEqual([]);
  for (const node of s.nodes) expect(node.group).toBeNull();
});
