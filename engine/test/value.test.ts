// Value: each op's result and local derivative, gradient accumulation, and
// the numbers micrograd and the lecture publish. Expected values come from
// analytic derivatives and the published numbers, never from the engine.

import { describe, expect, test } from 'vitest';
import { Value, topologicalOrder } from '../value.js';
import { expectClose } from './helpers.js';

const near = (actual: number, expected: number, what = '') => expectClose(actual, expected, 1e-14, 1e-15, what);

describe('each op gives its value and its local derivative', () => {
  const x = 1.5;
  const y = -2.25;
  const binary: [string, (a: Value, b: Value) => Value, number, number, number][] = [
    // name, op, value, d/da, d/db
    ['add', (a, b) => a.add(b), x + y, 1, 1],
    ['sub', (a, b) => a.sub(b), x - y, 1, -1],
    ['mul', (a, b) => a.mul(b), x * y, y, x],
    ['div', (a, b) => a.div(b), x / y, 1 / y, -x / (y * y)],
  ];
  test.each(binary)('%s', (_name, op, value, da, db) => {
    const a = new Value(x);
    const b = new Value(y);
    const out = op(a, b);
    expect(out.data).toBe(value);
    out.backward();
    near(a.grad, da, 'd/da');
    near(b.grad, db, 'd/db');
    expect(out.grad).toBe(1);
  });

  const unary: [string, number, (a: Value) => Value, number, number][] = [
    // name, input, op, value, derivative
    ['neg', x, (a) => a.neg(), -x, -1],
    ['pow 3', x, (a) => a.pow(3), x ** 3, 3 * x * x],
    ['pow -1', y, (a) => a.pow(-1), 1 / y, -1 / (y * y)],
    ['pow 0.5', 2, (a) => a.pow(0.5), Math.SQRT2, 0.5 / Math.SQRT2],
    ['relu of a positive', x, (a) => a.relu(), x, 1],
    ['relu of a negative', y, (a) => a.relu(), 0, 0],
    ['tanh', 0.5, (a) => a.tanh(), Math.tanh(0.5), 1 / Math.cosh(0.5) ** 2],
    ['exp', 0.5, (a) => a.exp(), Math.exp(0.5), Math.exp(0.5)],
    ['log', x, (a) => a.log(), Math.log(x), 1 / x],
    ['sigmoid', 0.5, (a) => a.sigmoid(), 1 / (1 + Math.exp(-0.5)), Math.exp(-0.5) / (1 + Math.exp(-0.5)) ** 2],
  ];
  test.each(unary)('%s', (_name, input, op, value, derivative) => {
    const a = new Value(input);
    const out = op(a);
    near(out.data, value, 'value');
    out.backward();
    near(a.grad, derivative, 'derivative');
  });

  test('relu of NaN is NaN, as in micrograd (`0 if x < 0 else x`), and passes no grad', () => {
    const a = new Value(NaN);
    const out = a.relu();
    expect(out.data).toBeNaN();
    out.backward();
    expect(a.grad).toBe(0);
  });

  // PyTorch's leaky_relu, worked out by hand from its definition:
  // f(x) = x for x > 0, else slope·x; f'(x) = 1 for x > 0, else slope
  // (torch's backward is `x > 0 ? grad : grad * negative_slope`, so at 0 the slope).
  const leaky: [number, number | undefined, number, number][] = [
    // x, slope (undefined: the default 0.01), f(x), f'(x)
    [2, undefined, 2, 1],
    [-3, undefined, -0.03, 0.01],
    [0, undefined, 0, 0.01],
    [-0.5, 0.2, -0.1, 0.2],
    [0.25, 0.2, 0.25, 1],
    [0, 0.2, 0, 0.2],
  ];
  test.each(leaky)('leakyRelu(%s) with slope %s is %s, derivative %s (PyTorch leaky_relu)', (x, slope, value, derivative) => {
    const a = new Value(x);
    const out = slope === undefined ? a.leakyRelu() : a.leakyRelu(slope);
    near(out.data, value, 'value');
    out.backward();
    expect(a.grad).toBe(derivative);
    expect(out.op).toBe('leakyRelu');
    expect(out.k).toBe(slope ?? 0.01);
  });

  test('leakyRelu of NaN is NaN', () => {
    expect(new Value(NaN).leakyRelu().data).toBeNaN();
  });

  test("relu'(0) is 0, as in micrograd", () => {
    const a = new Value(0);
    const out = a.relu();
    out.backward();
    expect(out.data).toBe(0);
    expect(a.grad).toBe(0);
  });

  test('the local derivative is multiplied by the grad flowing into the op', () => {
    const a = new Value(0.5);
    const t = a.tanh();
    const out = t.mul(-4);
    out.backward();
    expect(t.grad).toBe(-4);
    near(a.grad, -4 / Math.cosh(0.5) ** 2);
  });

  test('a plain number operand becomes a constant leaf', () => {
    const a = new Value(3);
    const out = a.mul(2).add(1);
    expect(out.data).toBe(7);
    const constant = out.a!.b!;
    expect(constant.data).toBe(2);
    expect(constant.op).toBeNull();
    expect(constant.inputs).toEqual([]);
    out.backward();
    expect(a.grad).toBe(2);
    expect(constant.grad).toBe(3);
  });

  test('a pow node keeps its exponent and its single input', () => {
    const a = new Value(2);
    const out = a.pow(3);
    expect(out.op).toBe('pow');
    expect(out.k).toBe(3);
    expect(out.inputs).toEqual([a]);
  });

  test('wrong operand types are rejected with a message naming the op', () => {
    const a = new Value(1);
    expect(() => new Value('2' as unknown as number)).toThrow(/new Value\(x\) needs a number/);
    expect(() => a.add('x' as unknown as number)).toThrow(/add\(\) takes a Value or a number/);
    expect(() => a.mul([1] as unknown as number)).toThrow(/mul\(\) takes a Value or a number, got an array/);
    expect(() => a.pow(new Value(2) as unknown as number)).toThrow(/pow\(k\) takes a number/);
  });
});

describe('gradients accumulate', () => {
  test('a value used twice gets both contributions (a + a)', () => {
    const a = new Value(3);
    const out = a.add(a);
    out.backward();
    expect(out.data).toBe(6);
    expect(a.grad).toBe(2);
  });

  test('a value multiplied by itself gets 2a (a * a)', () => {
    const a = new Value(3);
    const out = a.mul(a);
    out.backward();
    expect(a.grad).toBe(6);
  });

  test('a shared subexpression passes on the sum of what its consumers send', () => {
    // y = s² + s with s = x², so dy/dx = 4x³ + 2x and dy/ds = 2s + 1.
    const x = new Value(2);
    const s = x.mul(x);
    const y = s.mul(s).add(s);
    y.backward();
    expect(y.data).toBe(20);
    expect(s.grad).toBe(9);
    expect(x.grad).toBe(4 * 8 + 2 * 2);
  });

  test('a second backward() without zeroing adds again, like micrograd', () => {
    // One level deep: leaves just double.
    const a = new Value(3);
    const b = new Value(-2);
    const y = a.mul(b);
    y.backward();
    y.backward();
    expect(a.grad).toBe(2 * -2);
    expect(b.grad).toBe(2 * 3);
    // Two levels: micrograd resets only the root to 1, so the middle node sends
    // its accumulated grad again: n = 3x, r = 5n; first x.grad = 15, n.grad = 5;
    // second n.grad = 10 and x.grad = 15 + 10·3 = 45.
    const x = new Value(2);
    const n = x.mul(3);
    const r = n.mul(5);
    r.backward();
    expect(x.grad).toBe(15);
    r.backward();
    expect(r.grad).toBe(1);
    expect(n.grad).toBe(10);
    expect(x.grad).toBe(45);
  });

  test('zeroing the grads makes the next backward() start fresh', () => {
    const x = new Value(2);
    const y = x.mul(x).mul(x);
    y.backward();
    expect(x.grad).toBe(12);
    for (const v of topologicalOrder(y)) v.grad = 0;
    y.backward();
    expect(x.grad).toBe(12);
  });
});

describe('published examples', () => {
  test("micrograd's README example gives g.data 24.7041, a.grad 138.8338, b.grad 645.5773", () => {
    const a = new Value(-4.0);
    const b = new Value(2.0);
    let c = a.add(b);
    let d = a.mul(b).add(b.pow(3));
    c = c.add(c.add(1));
    c = c.add(new Value(1).add(c).add(a.neg()));
    d = d.add(d.mul(2).add(b.add(a).relu()));
    d = d.add(new Value(3).mul(d).add(b.sub(a).relu()));
    const e = c.sub(d);
    const f = e.pow(2);
    let g = f.div(2.0);
    g = g.add(new Value(10.0).div(f));
    g.backward();
    expect(g.data.toFixed(4)).toBe('24.7041');
    expect(a.grad.toFixed(4)).toBe('138.8338');
    expect(b.grad.toFixed(4)).toBe('645.5773');
    expectClose(g.data, 24.70408163265306, 1e-12, 0, 'g.data');
    expectClose(a.grad, 138.83381924198252, 1e-12, 0, 'a.grad');
    expectClose(b.grad, 645.5772594752186, 1e-12, 0, 'b.grad');
  });

  test("the lecture's tanh neuron gives o = 0.7071 and its four input grads", () => {
    const x1 = new Value(2);
    const x2 = new Value(0);
    const w1 = new Value(-3);
    const w2 = new Value(1);
    const b = new Value(6.8813735870195432);
    const n = x1.mul(w1).add(x2.mul(w2)).add(b);
    const o = n.tanh();
    o.backward();
    expect(o.data.toFixed(4)).toBe('0.7071');
    expectClose(x1.grad, -1.5, 1e-9, 0, 'x1');
    expectClose(w1.grad, 1.0, 1e-9, 0, 'w1');
    expectClose(x2.grad, 0.5, 1e-9, 0, 'x2');
    expect(w2.grad).toBe(0);
  });
});

describe('out-of-domain math gives NaN or Infinity without throwing', () => {
  test('log of a negative is NaN, log of 0 is -Infinity', () => {
    const a = new Value(-1);
    const z = new Value(0);
    expect(a.log().data).toBeNaN();
    expect(z.log().data).toBe(-Infinity);
  });

  test('a negative base to a fractional power is NaN', () => {
    expect(new Value(-8).pow(1 / 3).data).toBeNaN();
    expect(new Value(-8).pow(0.5).data).toBeNaN();
  });

  test('exp(1000) overflows to Infinity, and division by zero to Infinity', () => {
    expect(new Value(1000).exp().data).toBe(Infinity);
    expect(new Value(1).div(0).data).toBe(Infinity);
  });

  test('backward through non-finite values does not throw and spreads NaN', () => {
    const a = new Value(-1);
    const b = new Value(1000);
    const out = a.log().add(b.exp());
    expect(() => out.backward()).not.toThrow();
    expect(a.grad).toBe(-1); // d log(a)/da = 1/a is still finite
    expect(b.grad).toBe(Infinity);
    const c = new Value(-2);
    const p = c.pow(0.5);
    p.backward();
    expect(c.grad).toBeNaN();
  });
});

describe('deep graphs', () => {
  test('backward on a 1,000,000-node chain does not overflow the stack and gives c^n', { timeout: 60_000 }, () => {
    const n = 1_000_000;
    const x = new Value(1);
    const c = new Value(1.0000001);
    let y = x;
    for (let i = 0; i < n; i++) y = y.mul(c);
    expect(() => y.backward()).not.toThrow();
    // y = x·cⁿ: dy/dx = cⁿ and dy/dc = n·x·cⁿ⁻¹; a million roundings stay far below 1e-9.
    const cn = Math.pow(1.0000001, n);
    expectClose(y.data, cn, 1e-9, 0, 'y.data');
    expectClose(x.grad, cn, 1e-9, 0, 'x.grad');
    expectClose(c.grad, (n * cn) / 1.0000001, 1e-9, 0, 'c.grad');
  });
});

describe('topological order', () => {
  test('lists every node of the graph once, each after its inputs', () => {
    const a = new Value(1);
    const b = new Value(2);
    const s = a.mul(b);
    const out = s.add(s).add(a).relu().mul(b);
    const order = topologicalOrder(out);
    expect(new Set(order).size).toBe(order.length);
    const position = new Map(order.map((v, i) => [v, i]));
    for (const v of order) for (const input of v.inputs) expect(position.get(input)!).toBeLessThan(position.get(v)!);
    expect(order.at(-1)).toBe(out);
    // a, b, the constant-free nodes s, s+s, +a, relu, *b: 7 values
    expect(order.length).toBe(7);
  });
});
