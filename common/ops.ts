// Everything Gradscope knows about each op, in one table: its name, the
// symbol the graph draws, how many inputs it takes, its constant (pow's
// exponent), the forward function, the local derivative for each input, and
// how the explanation line spells out that input's chain-rule update. The
// engine's backward, the derivative explorer, the exports and the debugger all
// read this table; an op missing a field does not compile.

import { constant } from './format.js';

export type Op =
  | 'add' | 'sub' | 'mul' | 'div' | 'neg' | 'pow'
  | 'relu' | 'leakyRelu' | 'tanh' | 'exp' | 'log' | 'sigmoid';

/** d out / d input, from the inputs' data a and b (b is 0 for unary ops),
 *  the output's data and the op's constant k. */
export type LocalGrad = (a: number, b: number, out: number, k: number) => number;

/** How the explanation line writes numbers or names: `a`, `b`, `out` are the
 *  inputs' and the output's data, `g` the output's grad (`x.data`, `o.grad`
 *  in symbols; `2.0000` in numbers). */
export interface Terms {
  a: string;
  b: string;
  out: string;
  g: string;
  /** A constant of the op, or one derived from it (pow's k − 1). */
  k(x: number): string;
  /** A comparison counted as 1 or 0: `(cond)` in symbols, `1` or `0` in numbers. */
  test(cond: string, holds: boolean): string;
  /** `cond ? yes : no`: written out in symbols, decided in numbers. */
  pick(cond: string, holds: boolean, yes: string, no: string): string;
}

/** The numbers of one node, for the decisions a template makes. */
export interface Locals {
  a: number;
  b: number;
  out: number;
  k: number;
}

/** The right-hand side of `x.grad += …` for one input. */
export type Template = (t: Terms, x: Locals) => string;

export interface OpSpec {
  name: Op;
  /** What the graph and the exports draw in the op's node. */
  symbol(k: number): string;
  arity: 1 | 2;
  /** The name of the op's constant (pow's `k`), or null when it has none. */
  param: string | null;
  forward(a: number, b: number, k: number): number;
  /** One local derivative per input, in input order. */
  grads: readonly LocalGrad[];
  /** One explanation per input, in input order. */
  explain: readonly Template[];
  /** Values of the first input where the op has no derivative (ReLU's 0): a
   *  finite difference across one measures a corner, not a gradient. */
  kinks: readonly number[];
}

const unary = (name: Op, symbol: string, forward: (a: number) => number, grad: LocalGrad, explain: Template, kinks: readonly number[] = []): OpSpec => ({
  name, symbol: () => symbol, arity: 1, param: null, forward, grads: [grad], explain: [explain], kinks,
});

export const ops: Record<Op, OpSpec> = {
  add: {
    name: 'add', symbol: () => '+', arity: 2, param: null,
    forward: (a, b) => a + b,
    grads: [() => 1, () => 1],
    explain: [(t) => t.g, (t) => t.g],
    kinks: [],
  },
  sub: {
    name: 'sub', symbol: () => '−', arity: 2, param: null,
    forward: (a, b) => a - b,
    grads: [() => 1, () => -1],
    explain: [(t) => t.g, (t) => `−${t.g}`],
    kinks: [],
  },
  mul: {
    name: 'mul', symbol: () => '×', arity: 2, param: null,
    forward: (a, b) => a * b,
    grads: [(_a, b) => b, (a) => a],
    explain: [(t) => `${t.b} × ${t.g}`, (t) => `${t.a} × ${t.g}`],
    kinks: [],
  },
  div: {
    name: 'div', symbol: () => '÷', arity: 2, param: null,
    forward: (a, b) => a / b,
    grads: [(_a, b) => 1 / b, (a, b) => -a / (b * b)],
    explain: [(t) => `${t.g} ÷ ${t.b}`, (t) => `−${t.a} ÷ ${t.b}² × ${t.g}`],
    kinks: [],
  },
  neg: unary('neg', '−', (a) => -a, () => -1, (t) => `−${t.g}`),
  pow: {
    name: 'pow', symbol: (k) => `^${constant(k)}`, arity: 1, param: 'k',
    forward: (a, _b, k) => a ** k,
    grads: [(a, _b, _out, k) => k * a ** (k - 1)],
    explain: [(t, x) => `${t.k(x.k)} × ${t.a}^${t.k(x.k - 1)} × ${t.g}`],
    kinks: [],
  },
  // micrograd's `0 if x < 0 else x`: NaN stays NaN; relu'(0) = 0.
  // (Not Math.max(a, 0): relu(-0) is -0 in micrograd, as here.)
  // biome-ignore lint/complexity/useMathMinMax: micrograd's own expression, kept exactly
  relu: unary('relu', 'relu', (a) => (a < 0 ? 0 : a), (_a, _b, out) => (out > 0 ? 1 : 0),
    (t, x) => `${t.test(`${t.out} > 0`, x.out > 0)} × ${t.g}`, [0]),
  // PyTorch's leaky_relu: its grad is the slope at 0, as `x > 0 ? 1 : slope`.
  leakyRelu: {
    name: 'leakyRelu', symbol: (k) => `leakyRelu ${constant(k)}`, arity: 1, param: 'alpha',
    forward: (a, _b, k) => (a > 0 ? a : k * a),
    grads: [(a, _b, _out, k) => (a > 0 ? 1 : k)],
    explain: [(t, x) => `${t.pick(`${t.a} > 0`, x.a > 0, '1', t.k(x.k))} × ${t.g}`],
    kinks: [0],
  },
  tanh: unary('tanh', 'tanh', Math.tanh, (_a, _b, out) => 1 - out * out, (t) => `(1 − ${t.out}²) × ${t.g}`),
  exp: unary('exp', 'exp', Math.exp, (_a, _b, out) => out, (t) => `${t.out} × ${t.g}`),
  log: unary('log', 'log', Math.log, (a) => 1 / a, (t) => `${t.g} ÷ ${t.a}`),
  sigmoid: unary('sigmoid', 'σ', (a) => 1 / (1 + Math.exp(-a)), (_a, _b, out) => out * (1 - out),
    (t) => `${t.out} × (1 − ${t.out}) × ${t.g}`),
};

/** Every op, in the table's order. */
export const opNames = Object.keys(ops) as Op[];

/** The symbol an op's node shows, e.g. `+`, `^2`, `tanh`. */
export function opSymbol(op: Op, k?: number): string {
  return ops[op].symbol(k ?? NaN);
}

/** The kink of `op` within `h` of its first input's value `a` (ReLU's 0 for
 *  |a| ≤ h), or null when there is none nearby. */
export function kinkNear(op: Op, a: number, h: number): number | null {
  for (const p of ops[op].kinks) if (Math.abs(a - p) <= h) return p;
  return null;
}
