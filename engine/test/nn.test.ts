// micrograd's nn: parameters, initialisation, forward, module paths, seeding, SGD.

import { describe, expect, test } from 'vitest';
import { Value } from '../value.js';
import { Layer, MLP, Neuron, SGD } from '../nn.js';
import { seed } from '../random.js';
import { makeMoons } from '../data.js';
import { run } from '../runner/run.js';
import { topologicalOrder } from '../value.js';

describe('MLP parameters', () => {
  test('MLP(2, [16, 16, 1]) has 337 parameters in layer → neuron → [w…, b] order', () => {
    const model = new MLP(2, [16, 16, 1]);
    const params = model.parameters();
    expect(params.length).toBe(2 * 16 + 16 + (16 * 16 + 16) + (16 + 1));
    expect(params.length).toBe(337);
    const expected: string[] = [];
    const dims = [2, 16, 16, 1];
    for (let l = 0; l < 3; l++) {
      for (let n = 0; n < dims[l + 1]; n++) {
        for (let i = 0; i < dims[l]; i++) expected.push(`layer${l}.neuron${n}.w${i}`);
        expected.push(`layer${l}.neuron${n}.b`);
      }
    }
    expect(params.map((p) => p.module)).toEqual(expected);
    expect(params.map((p) => p.label)).toEqual(expected.map((path) => path.split('.').at(-1)));
    expect(new Set(params).size).toBe(337);
  });

  test('weights start uniform in [-1, 1) and biases at 0', () => {
    const model = new MLP(2, [16, 16, 1]);
    const weights = model.parameters().filter((p) => p.label !== 'b');
    const biases = model.parameters().filter((p) => p.label === 'b');
    expect(biases.length).toBe(33);
    for (const b of biases) expect(b.data).toBe(0);
    for (const w of weights) {
      expect(w.data).toBeGreaterThanOrEqual(-1);
      expect(w.data).toBeLessThan(1);
    }
    // 304 draws from U(-1, 1): both signs, spread out, mean near 0.
    expect(weights.filter((w) => w.data < 0).length).toBeGreaterThan(100);
    expect(weights.filter((w) => w.data > 0).length).toBeGreaterThan(100);
    expect(new Set(weights.map((w) => w.data)).size).toBe(weights.length);
    const mean = weights.reduce((s, w) => s + w.data, 0) / weights.length;
    expect(Math.abs(mean)).toBeLessThan(0.2);
  });
});

describe('forward', () => {
  test('hidden layers apply ReLU and the last layer is linear', () => {
    // One hidden neuron h = relu(x), output = 2h - 5.
    const model = new MLP(1, [1, 1]);
    const [hidden, last] = model.layers.map((l) => l.neurons[0]);
    hidden.w[0].data = 1;
    hidden.b.data = 0;
    last.w[0].data = 2;
    last.b.data = -5;
    expect((model.forward([3]) as Value).data).toBe(1); // 2·3 − 5
    expect((model.forward([-3]) as Value).data).toBe(-5); // relu(−3) = 0: the hidden layer clips
    expect((model.forward([1]) as Value).data).toBe(-3); // the output is negative: no ReLU there
  });

  test('a neuron computes relu(b + Σ wᵢxᵢ), or the plain sum when linear', () => {
    const n = new Neuron(3);
    const lin = new Neuron(3, { nonlin: false });
    for (const [neuron, w, b] of [[n, [0.5, -1, 2], 0.25], [lin, [0.5, -1, 2], 0.25]] as const) {
      neuron.w.forEach((wi, i) => (wi.data = w[i]));
      neuron.b.data = b;
    }
    const x = [1, 2, -3];
    const sum = 0.25 + 0.5 * 1 - 1 * 2 + 2 * -3; // −7.25
    expect(n.forward(x).data).toBe(0);
    expect(lin.forward(x).data).toBe(sum);
    expect(n.forward([1, -2, 3]).data).toBe(0.25 + 0.5 + 2 + 6);
  });

  test('returns one Value for a one-neuron last layer and an array otherwise', () => {
    const one = new MLP(2, [3, 1]).forward([1, 2]);
    expect(one).toBeInstanceOf(Value);
    const many = new MLP(2, [3, 2]).forward([1, 2]);
    expect(Array.isArray(many)).toBe(true);
    expect((many as Value[]).length).toBe(2);
    for (const v of many as Value[]) expect(v).toBeInstanceOf(Value);
    expect(new Layer(2, 1).forward([1, 2])).toBeInstanceOf(Value);
    expect((new Layer(2, 4).forward([1, 2]) as Value[]).length).toBe(4);
  });

  test('takes numbers or Values as input, and Values get their grads', () => {
    const model = new MLP(2, [1]); // a single linear neuron: b + w0·x0 + w1·x1
    const [w0, w1] = model.layers[0].neurons[0].w;
    const fromNumbers = model.forward([0.5, -1.5]) as Value;
    const x0 = new Value(0.5);
    const x1 = new Value(-1.5);
    const fromValues = model.forward([x0, x1]) as Value;
    expect(fromValues.data).toBe(fromNumbers.data);
    expect(fromValues.data).toBe(0 + w0.data * 0.5 + w1.data * -1.5);
    fromValues.backward();
    expect(x0.grad).toBe(w0.data);
    expect(x1.grad).toBe(w1.data);
    expect(w0.grad).toBe(0.5);
  });

  test('rejects an input of the wrong length with the neuron it went to', () => {
    const model = new MLP(2, [3, 1]);
    expect(() => model.forward([1, 2, 3])).toThrow(/layer0\.neuron0 takes 2 inputs, got 3/);
    expect(() => new MLP(2, [])).toThrow(/non-empty array/);
    expect(() => new Layer(2, 0)).toThrow(/positive integer/);
  });

  test('values made in forward carry the module path of their neuron', () => {
    const model = new MLP(2, [3, 1]);
    const out = model.forward([1, 2]) as Value;
    expect(out.module).toBe('layer1.neuron0');
    const params = new Set(model.parameters());
    const made = topologicalOrder(out).filter((v) => !params.has(v));
    const hidden = made.filter((v) => v.op === 'relu');
    expect(hidden.map((v) => v.module)).toEqual(['layer0.neuron0', 'layer0.neuron1', 'layer0.neuron2']);
    for (const v of made) expect(v.module).toMatch(/^layer[01]\.neuron\d$/);
    // The number inputs became constant leaves inside the first layer's neurons.
    const constants = made.filter((v) => v.op === null);
    expect(constants.map((v) => v.data)).toEqual([1, 2, 1, 2, 1, 2]);
    expect(constants.map((v) => v.module)).toEqual([0, 0, 1, 1, 2, 2].map((n) => `layer0.neuron${n}`));
  });
});

describe('seeding', () => {
  const weightsAfterSeed = (s: number) => {
    seed(s);
    return new MLP(2, [4, 1]).parameters().map((p) => p.data);
  };

  test('the same seed gives the same weights, a different seed different ones', () => {
    const first = weightsAfterSeed(7);
    expect(weightsAfterSeed(7)).toEqual(first);
    const other = weightsAfterSeed(8);
    expect(other).not.toEqual(first);
    expect(other.filter((w, i) => w !== first[i] && w !== 0).length).toBe(4 * 2 + 4); // every weight differs
  });

  const program = `import { MLP } from 'gradscope';
const model = new MLP(2, [4, 1]);
console.log(Math.random(), Math.random());`;
  const paramsOf = (s: number | undefined) =>
    run(program, s === undefined ? {} : { seed: s }).nodes.filter((n) => n.module !== null).map((n) => n.data);

  test("RunOptions.seed seeds a program's initial weights", () => {
    expect(paramsOf(42)).toEqual(paramsOf(42));
    expect(paramsOf(42)).not.toEqual(paramsOf(43));
    expect(paramsOf(undefined)).toEqual(paramsOf(undefined));
    expect(paramsOf(42).length).toBe(4 * 3 + 5);
  });

  test("RunOptions.seed seeds Math.random inside a program", () => {
    const printed = (s: number) => run(program, { seed: s }).console[0];
    const [r1, r2] = printed(5).split(' ').map(Number);
    expect(printed(5)).toBe(`${r1} ${r2}`);
    expect(printed(6)).not.toBe(printed(5));
    for (const r of [r1, r2]) {
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThan(1);
    }
    expect(r1).not.toBe(r2);
  });
});

describe('training', () => {
  test('SGD moves each parameter by −lr · grad', () => {
    const a = new Value(2);
    const b = new Value(-3);
    a.grad = 0.5;
    b.grad = -4;
    const opt = new SGD([a, b], 0.1);
    opt.step();
    expect(a.data).toBe(2 - 0.1 * 0.5);
    expect(b.data).toBe(-3 - 0.1 * -4);
    opt.step(1); // a one-off learning rate
    expect(a.data).toBe(2 - 0.1 * 0.5 - 0.5);
  });

  test('zeroGrad clears every parameter grad, on the model and on SGD', () => {
    const model = new MLP(2, [3, 1]);
    (model.forward([1, -1]) as Value).mul(1).backward();
    const params = model.parameters();
    expect(params.some((p) => p.grad !== 0)).toBe(true);
    model.zeroGrad();
    for (const p of params) expect(p.grad).toBe(0);
    for (const p of params) p.grad = 1;
    new SGD(params).zeroGrad();
    for (const p of params) expect(p.grad).toBe(0);
  });

  test('a few SGD steps on two moons lower the max-margin loss', () => {
    seed(1337);
    const { X, y } = makeMoons(40, 0.1);
    expect(X.length).toBe(40);
    expect(y.filter((l) => l === 1).length).toBe(20);
    expect(y.filter((l) => l === -1).length).toBe(20);
    const model = new MLP(2, [8, 8, 1]);
    const opt = new SGD(model.parameters(), 0.5);
    const lossOf = () => {
      const losses = X.map((x, i) => new Value(1).sub((model.forward(x) as Value).mul(y[i])).relu());
      return losses.reduce((s, l) => s.add(l), new Value(0)).div(X.length);
    };
    const first = lossOf().data;
    for (let step = 0; step < 15; step++) {
      const loss = lossOf();
      model.zeroGrad();
      loss.backward();
      opt.step();
    }
    expect(lossOf().data).toBeLessThan(first * 0.8);
  });
});
