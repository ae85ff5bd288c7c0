// npm run bench:floor compares Gradscope's engine with two minimal designs.
// The comparison means something only if all three run the same training,
// and the floors are what they claim: the reused tape and the two pooled
// segments break micrograd's rule that a held Value keeps its numbers, the
// segment per step keeps it.

import { describe, expect, test } from 'vitest';
import { demoStep, designs, floorDemo, type Design } from '../bench/floor.js';
import { makeMoons } from '../data.js';

function train(design: Design, steps: number): number[] {
  const { model, make } = floorDemo(design);
  const { X, y } = makeMoons(100, 0.1);
  const losses: number[] = [];
  for (let k = 0; k < steps; k++) losses.push(demoStep(model, make, X, y, 1 - (0.9 * k) / 100).data);
  return losses;
}

describe('the floor designs of npm run bench:floor', () => {
  test("every design trains micrograd's demo to the same losses as Gradscope's engine", () => {
    const reference = train('gradscope', 20);
    expect(reference[19]).toBeLessThan(reference[0]);
    for (const design of designs) {
      const losses = train(design, 20);
      for (let k = 0; k < 20; k++) expect(losses[k]).toBeCloseTo(reference[k], 12);
    }
  });

  test.each(designs)('%s: whether a Value held from one step keeps its numbers through the next two', (design) => {
    const { model, make } = floorDemo(design);
    const { X, y } = makeMoons(100, 0.1);
    demoStep(model, make, X, y, 1); // its values share the weights' segment
    const held = demoStep(model, make, X, y, 1);
    const [data, grad] = [held.data, held.grad];
    demoStep(model, make, X, y, 0.9);
    demoStep(model, make, X, y, 0.8);
    const kept = held.data === data && held.grad === grad;
    expect(kept).toBe(design === 'segments' || design === 'gradscope');
  });
});
