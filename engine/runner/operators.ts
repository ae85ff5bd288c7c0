// micrograd's operators in programs: the instrumentation rewrites `a * b` to
// `__gs_mul(a, b, site)` wherever an operand may be a Value (instrument.ts);
// these are those functions. Two numbers take the first branch and cost one
// `typeof` each; anything with a Value becomes the Value method micrograd's
// dunder methods call (`2 * a` is `new Value(2).mul(a)`, as `__rmul__`).
//
// A Value where JavaScript wants a number (`if (a > 0)`, `Math.max(a, 1)`)
// would silently be NaN; during a run it is an error that says to use `.data`.

import { Value } from '../value.js';

type Binary = (a: unknown, b: unknown, site: number) => unknown;

export const operatorHooks = {
  add: '__gs_add',
  sub: '__gs_sub',
  mul: '__gs_mul',
  div: '__gs_div',
  pow: '__gs_pow',
  neg: '__gs_neg',
} as const;

/** The functions the rewritten operators call; `setSite` makes the call site current. */
export function operatorScope(setSite: (site: number) => void): Record<string, unknown> {
  const slow = (symbol: string, method: 'add' | 'sub' | 'mul' | 'div'): Binary => (a, b, site) => {
    const av = a instanceof Value;
    const bv = b instanceof Value;
    if (!av && !bv) return native(symbol, a, b);
    // `'loss ' + v` reads as text, as micrograd's repr would.
    if (symbol === '+' && (typeof a === 'string' || typeof b === 'string')) return String(a) + String(b);
    if ((!av && typeof a !== 'number') || (!bv && typeof b !== 'number')) {
      throw new TypeError(`cannot apply ${symbol} to ${describe(a)} and ${describe(b)}: a Value combines with a Value or a number`);
    }
    setSite(site);
    const left = av ? (a as Value) : new Value(a as number);
    return left[method](b as Value | number);
  };
  const add = slow('+', 'add');
  const sub = slow('-', 'sub');
  const mul = slow('*', 'mul');
  const div = slow('/', 'div');
  return {
    [operatorHooks.add]: (a: unknown, b: unknown, site: number) =>
      typeof a === 'number' && typeof b === 'number' ? a + b : add(a, b, site),
    [operatorHooks.sub]: (a: unknown, b: unknown, site: number) =>
      typeof a === 'number' && typeof b === 'number' ? a - b : sub(a, b, site),
    [operatorHooks.mul]: (a: unknown, b: unknown, site: number) =>
      typeof a === 'number' && typeof b === 'number' ? a * b : mul(a, b, site),
    [operatorHooks.div]: (a: unknown, b: unknown, site: number) =>
      typeof a === 'number' && typeof b === 'number' ? a / b : div(a, b, site),
    [operatorHooks.pow]: (a: unknown, b: unknown, site: number) => {
      if (typeof a === 'number' && typeof b === 'number') return a ** b;
      if (b instanceof Value) {
        throw new TypeError(`** takes a number exponent, as in micrograd; the exponent here is a Value: use ${dataOf(b)}`);
      }
      if (!(a instanceof Value)) return native('**', a, b);
      if (typeof b !== 'number') throw new TypeError(`** takes a number exponent, got ${describe(b)}`);
      setSite(site);
      return a.pow(b);
    },
    [operatorHooks.neg]: (a: unknown, site: number) => {
      if (typeof a === 'number') return -a;
      if (!(a instanceof Value)) return -(a as number);
      setSite(site);
      return a.neg();
    },
  };
}

// What the operator does to anything that is not a Value (strings, bigints, objects).
function native(symbol: string, x: unknown, y: unknown): unknown {
  const a = x as number;
  const b = y as number;
  switch (symbol) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    default: return a ** b;
  }
}

/** During `fn`, a Value turned into a number (`a > 0`, `Math.max(a, 1)`) throws;
 *  turned into text (`${a}`) it reads as its toString. */
export function withValueCoercionErrors<T>(fn: () => T): T {
  const key = Symbol.toPrimitive;
  const proto = Value.prototype as unknown as Record<symbol, unknown>;
  const before = Object.getOwnPropertyDescriptor(proto, key);
  Object.defineProperty(proto, key, {
    configurable: true,
    writable: true,
    value(this: Value, hint: string) {
      if (hint === 'string') return this.toString();
      throw new TypeError(`a Value is used as a number here: use ${dataOf(this)} for its number (only + - * / ** and unary - work on Values)`);
    },
  });
  try {
    return fn();
  } finally {
    if (before) Object.defineProperty(proto, key, before);
    else delete proto[key];
  }
}

function dataOf(v: Value): string {
  return v.label !== null && /^[A-Za-z_$][\w$]*$/.test(v.label) ? `${v.label}.data` : '.data';
}

function describe(x: unknown): string {
  if (x instanceof Value) return 'a Value';
  if (x === null) return 'null';
  if (x === undefined) return 'undefined';
  if (Array.isArray(x)) return 'an array';
  return typeof x === 'object' ? 'an object' : `${typeof x} ${String(x)}`;
}
