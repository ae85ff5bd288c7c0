// The tape behind Value: backward's written-out arithmetic for the common ops
// adds exactly what the op table's local derivatives say; values reached
// through the graph are stable objects; and a training loop's steps do not
// chain their tape segments together, so old steps can be freed.

import { describe, expect, test } from 'vitest';
import { ops, opNames, type Op } from '../../common/ops.js';
import { apply, topologicalOrder, Value } from '../value.js';
import { MLP } from '../nn.js';
import { makeMoons } from '../data.js';
import { mulberry32, seed } from '../random.js';
import type { Segment } from '../tape.js';
import { Trace, withTrace } from '../trace.js';
import type { CallRecord } from '../record.js';

describe('backward adds the op table’s local derivative × out.grad, bit for bit', () => {
  const rand = mulberry32(9);
  const inputs = [0, -0, 1, -1, 0.5, -2.25, 3, NaN, ...Array.from({ length: 40 }, () => rand() * 8 - 4)];
  test.each(opNames)('%s', (op: Op) => {
    const spec = ops[op];
    const k = op === 'pow' ? 3 : op === 'leakyRelu' ? 0.2 : 0;
    for (const x of inputs) {
      const y = inputs[Math.floor(rand() * inputs.length)];
      const g = rand() * 6 - 3;
      const a = new Value(x);
      const b = new Value(y);
      const out = apply(op, a, spec.arity === 2 ? b : null, k);
      expect(out.data).toBe(spec.forward(x, spec.arity === 2 ? y : 0, k));
      // out.grad becomes exactly g: the product's local derivative is g × 1.
      out.mul(new Value(g)).backward();
      expect(out.grad).toBe(g);
      // Grads start at 0 and accumulate: 0 + delta (which turns −0 into 0).
      const bData = spec.arity === 2 ? y : 0;
      expect(a.grad).toBe(0 + spec.grads[0](x, bData, out.data, k) * g);
      if (spec.arity === 2) expect(b.grad).toBe(0 + spec.grads[1](x, bData, out.data, k) * g);
      else expect(b.grad).toBe(0);
    }
  });
});

describe('values reached through the graph', () => {
  test('are the same object each time, and the program’s own for leaves and the root', () => {
    const a = new Value(2, 'a');
    const b = new Value(-3, 'b');
    const c = a.mul(b).add(a).tanh();
    const order = topologicalOrder(c);
    expect(order.at(-1)).toBe(c);
    expect(order.filter((v) => v.op === null)).toEqual([a, b]);
    expect(order[0]).toBe(a);
    expect(c.inputs[0]).toBe(c.inputs[0]);
    expect(c.inputs[0]!.inputs[1]).toBe(a);
    expect(order).toContain(c.inputs[0]);
    expect(c.inputs[0]!.label).toBeNull();
  });

  test('read and write the same numbers as the program’s handle', () => {
    const a = new Value(1.5);
    const h = a.mul(2);
    const out = h.add(1);
    const seen = out.inputs[0]!;
    expect(seen.data).toBe(3);
    seen.label = 'h';
    expect(h.label).toBe('h');
    h.grad = 7;
    expect(seen.grad).toBe(7);
  });
});

describe('topologicalOrder is micrograd’s build_topo order', () => {
  /** micrograd's build_topo, recursively, as in its engine.py (inputs a, then b). */
  function buildTopo(root: Value): number[] {
    const topo: number[] = [];
    const visited = new Set<number>();
    const visit = (v: Value) => {
      if (visited.has(v.id)) return;
      visited.add(v.id);
      for (const input of v.inputs) visit(input);
      topo.push(v.id);
    };
    visit(root);
    return topo;
  }

  test.each([1, 2, 3, 4, 5, 6, 7, 8])('random graph %i: shared inputs, x∘x, leaves, constants, older segments', (n) => {
    const rand = mulberry32(100 + n);
    const pick = (pool: Value[]) => pool[pool.length - 1 - Math.floor(rand() ** 2 * pool.length)];
    const pool: Value[] = Array.from({ length: 4 }, () => new Value(rand()));
    for (let i = 0; i < 1500; i++) {
      const r = rand();
      const a = pick(pool);
      if (r < 0.1) pool.push(new Value(rand()));
      else if (r < 0.2) pool.push(a.relu());
      else if (r < 0.25) pool.push(a.tanh());
      else if (r < 0.3) pool.push(a.mul(a));
      else if (r < 0.4) pool.push(a.add(rand()));
      else if (r < 0.7) pool.push(a.mul(pick(pool)));
      else pool.push(pick(pool).add(a));
      // A backward() now and then makes later values start a new segment.
      if (i % 400 === 399) pool[pool.length - 1].backward();
    }
    const root = pool.reduce((sum, v, i) => (i % 7 === 0 ? sum.add(v) : sum), pool[pool.length - 1]);
    expect(topologicalOrder(root).map((v) => v.id)).toEqual(buildTopo(root));
  });

  test('a step shaped like the last reuses its order; a step with one input swapped or one op changed does not', () => {
    const rand = mulberry32(7);
    const params = Array.from({ length: 6 }, () => new Value(rand()));
    // 200 terms summed into a chain; `swap` adds term i as h + total instead of
    // total + h, `tanh` makes term i's op tanh instead of relu: same length.
    const step = (change: 'swap' | 'tanh' | null, at: number) => {
      let total = new Value(0);
      for (let i = 0; i < 200; i++) {
        const w = params[i % params.length];
        const pre = w.mul(new Value(rand())).add(params[(i * 5) % 6]);
        const h = change === 'tanh' && i === at ? pre.tanh() : pre.relu();
        total = change === 'swap' && i === at ? h.add(total) : total.add(h);
      }
      return total;
    };
    const trace = new Trace();
    const orders: number[][] = [];
    // The first step shares a segment with the parameters: its shape is its own.
    const changes = [[null, 0], [null, 0], [null, 0], ['swap', 120], ['swap', 120], [null, 0], ['tanh', 3], [null, 0], ['swap', 199]] as const;
    withTrace(trace, () => {
      for (const [change, at] of changes) {
        const loss = step(change, at);
        loss.backward(); // each step starts a segment of its own
        const order = topologicalOrder(loss).map((v) => v.id);
        expect(order).toEqual(buildTopo(loss));
        orders.push(order);
      }
    });
    // The swapped steps' orders differ from the plain ones (so the check above can fail).
    expect(orders[3].map((id) => id - orders[3][0])).not.toEqual(orders[2].map((id) => id - orders[2][0]));
    // Records of same-shaped consecutive steps share one order; the others do not.
    const calls = trace.log.calls as CallRecord[];
    const shared = calls.slice(1).map((call, k) => call.graph.index === calls[k].graph.index);
    expect(shared).toEqual([false, true, false, true, false, false, false, false]);
    // Each record's nodes are its own step's: the root's segment is the step's.
    for (let k = 1; k < calls.length; k++) expect(calls[k].graph.segments[0]).not.toBe(calls[k - 1].graph.segments[0]);
  });
});

describe('backward outside a trace (creation order, over several segments)', () => {
  /** micrograd's backward, from the op table: each node's local derivatives
   *  × its grad, in reverse build_topo order, into a map of its own. */
  function micrograd(root: Value): Map<Value, number> {
    const grads = new Map<Value, number>([[root, 1]]);
    const topo = topologicalOrder(root);
    for (let n = topo.length - 1; n >= 0; n--) {
      const v = topo[n];
      if (v.op === null) continue;
      const g = grads.get(v) ?? 0;
      const [a, b] = v.inputs;
      const spec = ops[v.op];
      grads.set(a, (grads.get(a) ?? 0) + spec.grads[0](a.data, b?.data ?? 0, v.data, v.k) * g);
      if (b !== undefined) grads.set(b, (grads.get(b) ?? 0) + spec.grads[1]!(a.data, b.data, v.data, v.k) * g);
    }
    return grads;
  }

  test.each([1, 2, 3, 4, 5, 6])('random graph %i: every grad as micrograd’s, stale grads off the graph left alone', (n) => {
    const rand = mulberry32(300 + n);
    // Weights made first, so most products take one input from an older segment, as in a network.
    const weights = Array.from({ length: 12 }, () => new Value(rand() * 2 - 1));
    const pick = (pool: Value[]) => pool[pool.length - 1 - Math.floor(rand() ** 2 * pool.length)];
    const pool: Value[] = Array.from({ length: 4 }, () => new Value(rand()));
    for (let i = 0; i < 3000; i++) {
      const r = rand();
      const a = pick(pool);
      const w = weights[Math.floor(rand() * weights.length)];
      if (r < 0.05) pool.push(new Value(rand()));
      else if (r < 0.15) pool.push(a.relu());
      else if (r < 0.2) pool.push(a.tanh());
      else if (r < 0.25) pool.push(a.mul(a));
      else if (r < 0.3) pool.push(a.add(rand()));
      else if (r < 0.5) pool.push(w.mul(a));
      else if (r < 0.55) pool.push(a.mul(w));
      else if (r < 0.6) pool.push(w.add(a));
      else if (r < 0.65) pool.push(a.sub(w));
      else if (r < 0.8) pool.push(a.mul(pick(pool)));
      else pool.push(pick(pool).add(a));
      // A backward() now and then makes later values start a new segment,
      // and leaves grads behind on values the root below may not reach.
      if (i % 500 === 499) pool[pool.length - 1].backward();
    }
    const root = pool.reduce((sum, v, i) => (i % 5 === 0 ? sum.add(v) : sum), pool[pool.length - 1]);
    const topo = topologicalOrder(root);
    for (const v of topo) v.grad = 0;
    const expected = micrograd(root);
    root.backward();
    for (const v of topo) {
      const want = expected.get(v)!;
      expect(Math.abs(v.grad - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
    }
  });
});

describe('module paths', () => {
  test('each value keeps the nn module it was made in, over thousands of runs in a segment', () => {
    seed(2);
    const model = new MLP(3, [8, 8, 1]);
    const points = Array.from({ length: 40 }, (_, i) => [i / 40, -i / 80, 1]);
    let loss = new Value(0);
    for (const x of points) loss = loss.add(model.forward(x));
    // Every value made inside a neuron carries its path (its weights' without
    // the `.wi`); the sum of the outputs, made outside, carries none.
    let checked = 0;
    for (const v of topologicalOrder(loss)) {
      if (v.op === 'relu' || (v.op === 'add' && v.inputs[1]!.op === 'mul')) {
        const w = v.op === 'relu' ? v.inputs[0]!.inputs[1]!.inputs[0]! : v.inputs[1]!.inputs[0]!;
        expect(v.module).toBe(w.module!.replace(/\.w\d+$/, ''));
        checked++;
      }
    }
    // Per point: each neuron's adds of a product (one per input) and its relu (none in the last layer).
    expect(checked).toBe(40 * (8 * 4 + 8 * 9 + 1 * 8));
    expect(loss.module).toBeNull();
  });
});

describe('memory', () => {
  /** Every segment reachable from S through the inputs its values take from older ones. */
  function reachable(S: Segment): Set<Segment> {
    const seen = new Set([S]);
    const stack = [S];
    while (stack.length > 0) {
      for (const older of stack.pop()!.ext) {
        if (!seen.has(older)) {
          seen.add(older);
          stack.push(older);
        }
      }
    }
    return seen;
  }

  test('a training loop’s later steps do not hold on to its earlier ones', () => {
    seed(1);
    const model = new MLP(2, [16, 16, 1]);
    const { X, y } = makeMoons(10, 0.1);
    const losses: Value[] = [];
    for (let step = 0; step < 30; step++) {
      const scores = X.map((row) => model.forward(row));
      let loss = new Value(0);
      scores.forEach((s, i) => (loss = loss.add(s.mul(-y[i]).add(1).relu())));
      model.zeroGrad();
      loss.backward();
      for (const p of model.parameters()) p.data -= 0.05 * p.grad;
      losses.push(loss);
    }
    const last = reachable(losses[29].s);
    // The parameters' segment stays (every step uses them); step 20's does not.
    expect(last.has(model.parameters()[0].s)).toBe(true);
    expect(losses[20].s).not.toBe(losses[29].s);
    expect(last.has(losses[20].s)).toBe(false);
  });
});
