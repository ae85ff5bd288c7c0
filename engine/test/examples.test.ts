// Every program in examples/ runs without error within the time limit the app
// gives it, and says what its comment promises.

import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { run } from '../runner/run.js';
import { parseExample } from '../../renderer/src/teaching/examples-data.js';
import type { Snapshot } from '../../common/snapshot.js';

const dir = new URL('../../examples/', import.meta.url);
const example = (name: string) => readFileSync(new URL(name, dir), 'utf8');
/** The time limit the app runs the example with (10 s unless the gallery raises it). */
const limitOf = (name: string) => parseExample(name, example(name)).timeLimitMs ?? 10_000;

describe('examples', () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'moons-demo.ts')) {
    test(`${name} runs without error within its time limit`, () => {
      const snapshot = run(example(name), { timeoutMs: limitOf(name) });
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

  test('the tiny MLP learns its four points (final loss < 0.05), through the CLI, and plots its loss once', () => {
    const cli = fileURLToPath(new URL('../../dist/engine/node/cli.js', import.meta.url));
    const json = execFileSync('node', [cli, 'eval', fileURLToPath(new URL('tiny-mlp.ts', dir)), '--json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const snapshot = JSON.parse(json) as Snapshot;
    expect(snapshot.error).toBeNull();
    const losses = snapshot.rootHistory;
    expect(losses).toHaveLength(30);
    expect(losses.at(-1)).toBeLessThan(0.05);
    expect(losses[0]).toBeGreaterThan(1);
    // It learns: never more than a few percent up from one step to the next.
    for (let k = 1; k < losses.length; k++) expect(losses[k]).toBeLessThan(losses[k - 1]! * 1.05);
    // The app draws rootHistory as "loss"; the program adds no second copy.
    expect(snapshot.plots.series).toEqual([]);
    // Its predictions end near the targets 1, -1, -1, 1.
    const predictions = /predictions: (.*)$/.exec(snapshot.console.at(-1)!)![1]!.split(', ').map(Number);
    [1, -1, -1, 1].forEach((target, i) => expect(Math.abs(predictions[i]! - target)).toBeLessThan(0.2));
  });

  test('the derivative by its definition approaches 14, the grad backward() computes', () => {
    const { console: lines, error } = run(example('derivative-definition.ts'));
    expect(error).toBeNull();
    const slopes = lines.filter((l) => l.startsWith('h = ')).map((l) => Number(/slope (\S+)/.exec(l)![1]));
    expect(Math.abs(slopes[2]! - 14)).toBeLessThan(1e-4); // h = 1e-5
    expect(Math.abs(slopes.at(-1)! - 14)).toBeGreaterThan(1e-3); // h = 1e-14: rounding error
    expect(lines.at(-1)).toBe('backward: dy/dx = 14.0000');
  });

  test('three inputs: the partials by definition equal those by backward', () => {
    const [byDefinition, byBackward] = run(example('three-inputs.ts')).console;
    const numbers = (line: string) => [...line.matchAll(/(-?\d+\.\d{4})/g)].map((m) => m[1]);
    expect(numbers(byDefinition!)).toEqual(['-3.0000', '2.0000', '1.0000']);
    expect(numbers(byBackward!)).toEqual(['-3.0000', '2.0000', '1.0000']);
  });

  test('L = (a·b + c)·f: every grad by hand equals the one by backward', () => {
    const lines = run(example('chain-rule-by-hand.ts')).console;
    expect(lines).toHaveLength(7);
    for (const line of lines) {
      const [, hand, backward] = /by hand (\S+), by backward (\S+)/.exec(line)!;
      expect(hand, line).toBe(backward);
    }
    expect(lines).toContain('a.grad: by hand 6.0000, by backward 6.0000');
  });

  test('the neuron with tanh made of exp has the tanh neuron’s numbers', () => {
    const fromExp = run(example('tanh-from-exp.ts')).console;
    const tanh = run(example('tanh-neuron.ts')).console;
    expect(fromExp[0]).toBe('o = 0.7071');
    expect(fromExp.slice(1)).toEqual(tanh);
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
