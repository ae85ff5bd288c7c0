// Every program in examples/ runs without error and says what its comment promises.

import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { run } from '../runner/run.js';

const dir = new URL('../../examples/', import.meta.url);
const example = (name: string) => readFileSync(new URL(name, dir), 'utf8');

describe('examples', () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'moons-demo.ts')) {
    test(`${name} runs without error`, () => {
      const snapshot = run(example(name), { timeoutMs: 60_000 });
      expect(snapshot.error).toBeNull();
      expect(snapshot.backward.length).toBeGreaterThan(0);
    }, 90_000);
  }

  test('softmax: dL/dz = p − onehot', () => {
    const { console: lines } = run(example('softmax.ts'));
    for (const line of lines) {
      const [, grad, expected] = /grad = (\S+) \(p − onehot = (\S+)\)/.exec(line)!;
      expect(grad).toBe(expected);
    }
  });

  test("moons-demo is micrograd's demo: 65,818 values a step, 100% training accuracy", () => {
    const snapshot = run(example('moons-demo.ts'), { timeoutMs: 120_000 });
    expect(snapshot.error).toBeNull();
    expect(snapshot.rootHistory).toHaveLength(100);
    const accuracy = snapshot.plots.series.find((s) => s.name === 'accuracy')!.values;
    expect(accuracy.at(-1)).toBe(1);
    const last = snapshot.backward.at(-1)!;
    // Every value of a step is in its loss's graph: the steps plus the leaves.
    expect(last.steps.length + last.leafData.length).toBe(65_818);
    expect(snapshot.plots.boundaries).toHaveLength(1);
  }, 180_000);
});
