import { describe, expect, it } from 'vitest';
import { Stepper } from '../src/stepper/state.js';
import { indexSnapshot } from '../src/graph/subgraph.js';
import { neuron, readme, snap } from './fixtures.js';

function stepperFor(source: string, call = 0) {
  const s = snap(source);
  const index = indexSnapshot(s);
  return { s, index, stepper: new Stepper(s.backward[call]!, s.nodes.length, index.indexOf) };
}

describe('backward stepper', () => {
  it('starts with only the root grad set, as backward() does', () => {
    const { s, stepper } = stepperFor(readme);
    const root = s.backward[0]!.root;
    expect(stepper.position).toBe(0);
    for (const n of s.nodes) expect(stepper.grad(n.id)).toBe(n.id === root ? 1 : 0);
    expect(stepper.next()).toBe(s.backward[0]!.steps[0]!.node);
  });

  it('ends with exactly the engine grads (micrograd: a.grad 138.8338, b.grad 645.5773)', () => {
    const { s, stepper } = stepperFor(readme);
    stepper.seek(stepper.total);
    for (const n of s.nodes) expect(stepper.grad(n.id)).toBe(n.grad);
    const a = s.nodes.find((n) => n.label === 'a')!;
    expect(stepper.grad(a.id)).toBeCloseTo(138.83381924198252, 10);
  });

  it('stepping back restores the previous grads bit for bit', () => {
    const { s, stepper } = stepperFor(readme);
    const history: Float64Array[] = [stepper.grads.slice()];
    while (stepper.position < stepper.total) {
      stepper.forward();
      history.push(stepper.grads.slice());
    }
    while (stepper.position > 0) {
      stepper.back();
      expect(stepper.grads).toEqual(history[stepper.position]);
    }
    // Back at the start: only the root's grad is set, as before the first step,
    // and the walk went through real changes (the end differs from the start).
    const root = s.backward[0]!.root;
    expect(Array.from(stepper.grads)).toEqual(s.nodes.map((n) => (n.id === root ? 1 : 0)));
    expect(history).toHaveLength(stepper.total + 1);
    expect(stepper.total).toBe(s.backward[0]!.steps.length);
    expect(history[stepper.total]).not.toEqual(history[0]);
  });

  it('a step changes only the grads of the inputs it adds to', () => {
    const { s, stepper } = stepperFor(neuron);
    const before = stepper.grads.slice();
    const changed = stepper.forward();
    const step = s.backward[0]!.steps[0]!;
    expect(changed).toEqual(step.deltas.map(([id]) => id));
    s.nodes.forEach((n, i) => {
      if (!changed.includes(n.id)) expect(stepper.grads[i]).toBe(before[i]);
    });
  });

  it('the lecture neuron: x1 −1.5, w1 1.0, x2 0.5, w2 0.0', () => {
    const { s, stepper } = stepperFor(neuron);
    stepper.seek(stepper.total);
    const grad = (label: string) => stepper.grad(s.nodes.find((n) => n.label === label)!.id);
    expect(grad('x1')).toBeCloseTo(-1.5, 6);
    expect(grad('w1')).toBeCloseTo(1.0, 6);
    expect(grad('x2')).toBeCloseTo(0.5, 6);
    expect(grad('w2')).toBeCloseTo(0.0, 6);
  });

  it('Run to end stops before a breakpoint node, and leaves it on the next press', () => {
    const { s, stepper } = stepperFor(readme);
    const steps = s.backward[0]!.steps;
    const target = steps[10]!.node;
    stepper.runToEnd(new Set([target]));
    expect(stepper.position).toBe(10);
    expect(stepper.next()).toBe(target);
    stepper.runToEnd(new Set([target]));
    expect(stepper.position).toBe(stepper.total);
  });

  it('starts from the grads that were there before the call (backward twice accumulates)', () => {
    const s = snap('const a = new Value(3);\nconst b = a.mul(a);\nb.backward();\nb.backward();\n');
    const index = indexSnapshot(s);
    const second = new Stepper(s.backward[1]!, s.nodes.length, index.indexOf);
    const a = s.nodes.find((n) => n.label === 'a')!;
    expect(second.grad(a.id)).toBe(6);
    second.seek(second.total);
    expect(second.grad(a.id)).toBe(a.grad);
    expect(a.grad).toBe(12);
  });
});
