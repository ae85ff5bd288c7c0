// Shared by the engine tests: a test-owned seeded generator (independent of the
// engine's), tolerant comparison, and a reader for the recorded backward calls.

import { expect } from 'vitest';
import type { BackwardCall, GraphNode } from '../../common/snapshot.js';

/** xorshift128+-style generator owned by the tests, in [0, 1). */
export function testRng(seed: number): () => number {
  let a = (seed * 2654435761) >>> 0 || 1;
  let b = (seed ^ 0x9e3779b9) >>> 0 || 2;
  return () => {
    // xorshift32 on two lanes, combined
    a ^= a << 13; a >>>= 0; a ^= a >>> 17; a ^= a << 5; a >>>= 0;
    b ^= b << 13; b >>>= 0; b ^= b >>> 17; b ^= b << 5; b >>>= 0;
    return (((a >>> 5) * 67108864 + (b >>> 6)) / 9007199254740992);
  };
}

/** |actual - expected| ≤ rel·|expected| + abs. */
export function expectClose(actual: number, expected: number, rel: number, abs: number, what = ''): void {
  const ok = Math.abs(actual - expected) <= rel * Math.abs(expected) + abs;
  if (!ok) expect.fail(`${what}: got ${actual}, expected ${expected} (rel ${rel}, abs ${abs})`);
}

/** Nodes by id (ids are creation indices; a snapshot may leave some out). */
export function byId(nodes: GraphNode[]): Map<number, GraphNode> {
  return new Map(nodes.map((n) => [n.id, n]));
}

/** The ids `root` depends on, itself included. */
export function subgraphOf(nodes: GraphNode[], root: number): Set<number> {
  const index = byId(nodes);
  const seen = new Set([root]);
  const stack = [root];
  while (stack.length > 0) {
    for (const input of index.get(stack.pop()!)!.inputs) {
      if (!seen.has(input)) {
        seen.add(input);
        stack.push(input);
      }
    }
  }
  return seen;
}

/** Grads after replaying a call's deltas from gradsBefore (others 0), root grad = 1. */
export function replay(call: BackwardCall): Map<number, number> {
  const grads = new Map<number, number>(call.gradsBefore);
  grads.set(call.root, 1);
  for (const step of call.steps) {
    for (const [id, delta] of step.deltas) grads.set(id, (grads.get(id) ?? 0) + delta);
  }
  return grads;
}
