// The derivative explorer: finite differences of a recorded call's root.

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { run } from '../runner/run.js';
import { checkAllGradients, exploreLeaf } from '../explore.js';
import type { Snapshot } from '../../common/snapshot.js';

const neuron = `
const x1 = new Value(2.0); const x2 = new Value(0.0);
const w1 = new Value(-3.0); const w2 = new Value(1.0);
const b = new Value(6.8813735870195432);
const o = x1.mul(w1).add(x2.mul(w2)).add(b).tanh();
o.backward();
`;

function idOf(snapshot: Snapshot, label: string): number {
  const node = snapshot.nodes.find((n) => n.label === label);
  if (node === undefined) throw new Error(`no node labelled ${label}`);
  return node.id;
}

describe('derivative explorer', () => {
  test('slopes converge to the lecture neuron grads (x1 -1.5, w1 1.0, x2 0.5)', () => {
    const snapshot = run(neuron);
    for (const [label, expected] of [['x1', -1.5], ['w1', 1.0], ['x2', 0.5]] as const) {
      const check = exploreLeaf(snapshot, 0, idOf(snapshot, label));
      expect(check.grad).toBeCloseTo(expected, 10);
      // The lecture's values, independent of the engine: the best h agrees to 1e-5 relative.
      expect(Math.abs(check.best.slope - expected) / Math.abs(expected)).toBeLessThan(1e-5);
      // h = 0.1 is visibly off: the table shows convergence, not a constant.
      expect(check.slopes[0].h).toBe(0.1);
      expect(Math.abs(check.slopes[0].slope - expected)).toBeGreaterThan(1e-4);
    }
  });

  test('a slope is (f(x+h) - f(x))/h with f evaluated by hand', () => {
    // f = a² · 3 at a = 1.5: f(a+h) - f(a) = 3(2ah + h²)
    const snapshot = run('const a = new Value(1.5); const f = a.pow(2).mul(3); f.backward();');
    const check = exploreLeaf(snapshot, 0, idOf(snapshot, 'a'), [0.1, 0.01]);
    expect(check.slopes[0].slope).toBeCloseTo(3 * (2 * 1.5 + 0.1), 10);
    expect(check.slopes[1].slope).toBeCloseTo(3 * (2 * 1.5 + 0.01), 10);
    expect(check.grad).toBe(9);
  });

  test('uses the leaves as they were at the call, not after a training step changed them', () => {
    const snapshot = run(`
      const w = new Value(2.0);
      const loss = w.mul(w);
      loss.backward();        // d loss / dw = 2w = 4 at w = 2
      w.data -= 0.5 * w.grad; // w is now 0
    `);
    const check = exploreLeaf(snapshot, 0, idOf(snapshot, 'w'));
    expect(check.grad).toBe(4);
    expect(Math.abs(check.best.slope - 4)).toBeLessThan(1e-5);
  });

  test('"check all gradients" reports the largest relative error over every leaf', () => {
    const snapshot = run(`
      const a = new Value(0.7); const b = new Value(-1.3); const c = new Value(2.1);
      const out = a.mul(b).add(c.exp()).div(a.sigmoid()).log().add(b.tanh().pow(3));
      out.backward();
    `);
    const report = checkAllGradients(snapshot, 0);
    const leaves = snapshot.nodes.filter((n) => n.op === null).map((n) => n.id);
    expect(report.leaves.map((l) => l.leaf).sort()).toEqual(leaves.sort());
    expect(report.worst).not.toBeNull();
    const largest = Math.max(...report.leaves.map((l) => l.best.relError));
    expect(report.worst!.best.relError).toBe(largest);
    expect(largest).toBeLessThan(1e-5);
  });

  test('h goes down to 1e-15, where rounding error has taken over again (3x² − 4x + 5 at x = 3)', () => {
    const snapshot = run('const x = new Value(3); const y = x.pow(2).mul(3).sub(x.mul(4)).add(5); y.backward();');
    const check = exploreLeaf(snapshot, 0, idOf(snapshot, 'x'));
    expect(check.grad).toBe(14);
    expect(check.slopes.map((s) => s.h)).toEqual([1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-12, 1e-13, 1e-14, 1e-15]);
    // Truncation error 3h at large h, cancellation at tiny h: the best h lies between.
    expect(check.best.h).toBeLessThan(1e-4);
    expect(check.best.h).toBeGreaterThan(1e-12);
    expect(check.slopes.at(-1)!.relError).toBeGreaterThan(1e3 * Math.max(check.best.relError, 1e-12));
  });

  test('a wrong gradient shows up as a large error', () => {
    // Tamper with the recorded delta, as a buggy _backward would: the check must notice.
    const snapshot = run('const a = new Value(3); const y = a.mul(a); y.backward();');
    snapshot.backward[0].steps[0].deltas[0][1] += 1;
    expect(checkAllGradients(snapshot, 0).worst!.best.relError).toBeGreaterThan(0.1);
  });
});

describe('kinks: ReLU at 0 is not a gradient error', () => {
  test('a leaf whose nudge moves a ReLU input off 0 is a kink, not the worst error', () => {
    // relu'(0) = 0 by micrograd's convention, so backward gives b.grad = 0, while
    // (relu(0 + h) − relu(0)) / h = 1 for every h: a corner, not a wrong gradient.
    const snapshot = run(`
      const b = new Value(0); const w = new Value(3);
      const r = b.relu(); const y = r.add(w.mul(w));
      y.backward();
    `);
    const report = checkAllGradients(snapshot, 0);
    const b = report.leaves.find((l) => l.leaf === idOf(snapshot, 'b'))!;
    expect(b.grad).toBe(0);
    expect(b.best.slope).toBeCloseTo(1, 6);
    expect(b.verdict).toBe('kink');
    expect(b.kink).toBe(idOf(snapshot, 'r'));
    // w is checked as usual, and is the worst (the only non-kink leaf).
    expect(report.worst!.leaf).toBe(idOf(snapshot, 'w'));
    expect(report.worst!.verdict).toBe('ok');
  });

  test('a ReLU input further than h from 0 is no kink', () => {
    const snapshot = run('const b = new Value(0.01); const y = b.relu().mul(2); y.backward();');
    const check = checkAllGradients(snapshot, 0).leaves[0]!;
    expect(check).toMatchObject({ kink: null, verdict: 'ok', grad: 2 });
  });

  test('the tiny-MLP example: no error rows; its dead neuron is a kink in call 2', () => {
    const snapshot = run(readFileSync(new URL('../../examples/tiny-mlp.ts', import.meta.url), 'utf8'));
    expect(snapshot.error).toBeNull();
    for (const call of [1, 29]) {
      const report = checkAllGradients(snapshot, call);
      expect(report.leaves.filter((l) => l.verdict === 'error')).toEqual([]);
      expect(report.worst!.best.relError).toBeLessThan(1e-3);
    }
    // layer1.neuron2's input is all zeros and its bias is 0: its ReLU sits at 0, so
    // nudging the bias measures slope ≠ 0 where backward says 0 (the 8.9e+11 of old).
    const kinks = checkAllGradients(snapshot, 1).leaves.filter((l) => l.verdict === 'kink');
    expect(kinks.length).toBe(1);
    const leaf = snapshot.nodes.find((n) => n.id === kinks[0]!.leaf)!;
    expect(leaf.module).toBe('layer1.neuron2.b');
    const relu = snapshot.nodes.find((n) => n.id === kinks[0]!.kink)!;
    expect(relu.op).toBe('relu');
    expect(snapshot.nodes.find((n) => n.id === relu.inputs[0])!.data).toBe(0);
  });

  test('a tampered gradient is an error row', () => {
    const snapshot = run('const a = new Value(3); const y = a.mul(a); y.backward();');
    snapshot.backward[0].steps[0].deltas[0][1] += 1;
    expect(checkAllGradients(snapshot, 0).leaves[0]!.verdict).toBe('error');
  });
});
