// Finite-difference gradient checks on randomly generated programs, built
// through the Value API and run as program text. The expected gradients come
// from a central difference over the plain-number evaluator in programs.ts.

import { describe, expect, test } from 'vitest';
import { run } from '../runner/run.js';
import { testRng } from './helpers.js';
import { buildValues, evaluate, generate, leavesOf, ops, programText, type Node } from './programs.js';

/** d out / d leaf by a central difference with h = 1e-6. */
function centralDifference(nodes: Node[], leaf: number): number {
  const h = 1e-6;
  const x = nodes[leaf].data!;
  const last = nodes.length - 1;
  const plus = evaluate(nodes, new Map([[leaf, x + h]]))[last];
  const minus = evaluate(nodes, new Map([[leaf, x - h]]))[last];
  return (plus - minus) / (2 * h);
}

function checkGrad(actual: number, expected: number, what: string): string | null {
  return Math.abs(actual - expected) <= 1e-5 * Math.abs(expected) + 1e-7 ? null : `${what}: ${actual} vs finite difference ${expected}`;
}

const programs = Array.from({ length: 200 }, (_, i) => generate(testRng(1000 + i)));

describe('gradients agree with finite differences on 200 random programs', () => {
  test('the generated programs use every op, constants, and reach 30 ops', () => {
    const used = new Set(programs.flat().map((n) => n.op));
    for (const op of ops) expect(used).toContain(op);
    expect(programs.flat().some((n) => n.constant !== undefined)).toBe(true);
    expect(Math.max(...programs.map((p) => p.length - leavesOf(p).length))).toBeGreaterThanOrEqual(30);
  });

  test('built with the Value API', () => {
    const failures: string[] = [];
    programs.forEach((nodes, p) => {
      const vs = buildValues(nodes);
      const out = vs[vs.length - 1];
      out.backward();
      const expectedOut = evaluate(nodes)[nodes.length - 1];
      if (Math.abs(out.data - expectedOut) > 1e-12 * Math.max(1, Math.abs(expectedOut))) {
        failures.push(`program ${p}: out ${out.data} vs ${expectedOut}`);
      }
      for (const leaf of leavesOf(nodes)) {
        const failure = checkGrad(vs[leaf].grad, centralDifference(nodes, leaf), `program ${p} leaf x${leaf}`);
        if (failure !== null) failures.push(failure);
      }
    });
    expect(failures).toEqual([]);
  });

  test('run as TypeScript program text', () => {
    const failures: string[] = [];
    programs.forEach((nodes, p) => {
      const snapshot = run(programText(nodes), { timeoutMs: 5_000 });
      if (snapshot.error !== null) {
        failures.push(`program ${p}: ${snapshot.error.message}`);
        return;
      }
      const byLabel = new Map(snapshot.nodes.map((n) => [n.label, n]));
      const out = byLabel.get(`v${nodes.length - 1}`)!;
      const expectedOut = evaluate(nodes)[nodes.length - 1];
      if (Math.abs(out.data - expectedOut) > 1e-12 * Math.max(1, Math.abs(expectedOut))) {
        failures.push(`program ${p}: out ${out.data} vs ${expectedOut}`);
      }
      for (const leaf of leavesOf(nodes)) {
        const node = byLabel.get(`x${leaf}`)!;
        const failure = checkGrad(node.grad, centralDifference(nodes, leaf), `program ${p} leaf x${leaf}`);
        if (failure !== null) failures.push(failure);
      }
    });
    expect(failures).toEqual([]);
  });
});
