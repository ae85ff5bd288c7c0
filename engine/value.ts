// A scalar that remembers how it was computed: micrograd's Value in TypeScript.
// Each op computes its output; `_backward` holds the matching local derivative,
// one case per op, in the same order as the ops below.

import type { Op } from './snapshot.js';
import { active, modulePath } from './trace.js';
import type { CallRecord } from './record.js';

export type Operand = Value | number;

// Ids for Values made outside a trace; inside one, the id is the creation index.
let untracedId = 0;
// Marks nodes visited by the current topological sort, instead of a Set.
let sortEpoch = 0;

export class Value {
  data: number;
  grad = 0;
  /** Shown in the graph; set from the variable name when the program gave none. */
  label: string | null;
  /** The op that produced this value, or null for a leaf. */
  op: Op | null = null;
  /** The inputs of `op`, in order; `b` is null for unary ops. */
  a: Value | null = null;
  b: Value | null = null;
  /** The constant exponent of `pow`. */
  k = 0;
  /** The nn module this value was created in, e.g. `layer1.neuron3.w0`. */
  module: string | null = modulePath;
  readonly id: number;
  /** Index of the source call site that created this value, or -1. */
  readonly site: number;
  /** @internal visited mark of the topological sort */
  _mark = 0;

  constructor(data: number, label: string | null = null) {
    if (typeof data !== 'number') throw new TypeError(`new Value(x) needs a number, got ${describe(data)}`);
    this.data = data;
    this.label = label;
    const trace = active;
    if (trace === null) {
      this.id = untracedId++;
      this.site = -1;
    } else {
      this.site = trace.site;
      this.id = trace.add(this);
    }
  }

  get inputs(): Value[] {
    return this.a === null ? [] : this.b === null ? [this.a] : [this.a, this.b];
  }

  add(other: Operand): Value {
    const o = operand(other, 'add');
    return result(this.data + o.data, 'add', this, o);
  }

  sub(other: Operand): Value {
    const o = operand(other, 'sub');
    return result(this.data - o.data, 'sub', this, o);
  }

  mul(other: Operand): Value {
    const o = operand(other, 'mul');
    return result(this.data * o.data, 'mul', this, o);
  }

  div(other: Operand): Value {
    const o = operand(other, 'div');
    return result(this.data / o.data, 'div', this, o);
  }

  neg(): Value {
    return result(-this.data, 'neg', this, null);
  }

  /** Raises to a constant power; `k` is a number, as in micrograd. */
  pow(k: number): Value {
    if (typeof k !== 'number') throw new TypeError(`pow(k) takes a number exponent, got ${describe(k)}`);
    const out = result(this.data ** k, 'pow', this, null);
    out.k = k;
    return out;
  }

  relu(): Value {
    return result(this.data > 0 ? this.data : 0, 'relu', this, null);
  }

  tanh(): Value {
    return result(Math.tanh(this.data), 'tanh', this, null);
  }

  exp(): Value {
    return result(Math.exp(this.data), 'exp', this, null);
  }

  log(): Value {
    return result(Math.log(this.data), 'log', this, null);
  }

  sigmoid(): Value {
    return result(1 / (1 + Math.exp(-this.data)), 'sigmoid', this, null);
  }

  /** The chain rule for this node alone: adds d(out)/d(input) × out.grad to each input's grad. */
  _backward(record: CallRecord | null = null): void {
    const a = this.a;
    if (a === null) return;
    const b = this.b;
    const g = this.grad;
    let da: number;
    let db = 0;
    switch (this.op) {
      case 'add': da = g; db = g; break;
      case 'sub': da = g; db = -g; break;
      case 'mul': da = b!.data * g; db = a.data * g; break;
      case 'div': da = (1 / b!.data) * g; db = (-a.data / (b!.data * b!.data)) * g; break;
      case 'neg': da = -g; break;
      case 'pow': da = this.k * a.data ** (this.k - 1) * g; break;
      case 'relu': da = (this.data > 0 ? 1 : 0) * g; break;
      case 'tanh': da = (1 - this.data * this.data) * g; break;
      case 'exp': da = this.data * g; break;
      case 'log': da = (1 / a.data) * g; break;
      case 'sigmoid': da = this.data * (1 - this.data) * g; break;
      default: throw new Error(`unknown op ${String(this.op)}`);
    }
    a.grad += da;
    if (record !== null) record.add(da);
    if (b !== null) {
      b.grad += db;
      if (record !== null) record.add(db);
    }
  }

  /** Sets this grad to 1 and applies the chain rule to every node of its graph,
   *  in reverse topological order. Grads accumulate, as in micrograd. */
  backward(): void {
    const topo = topologicalOrder(this);
    const record = active === null ? null : active.beginBackward(this, topo);
    this.grad = 1;
    for (let i = topo.length - 1; i >= 0; i--) topo[i]._backward(record);
    if (record !== null) active!.endBackward(record);
  }

  toString(): string {
    return `Value(data=${this.data}, grad=${this.grad})`;
  }
}

/** The graph under `root`, each node after its inputs (micrograd's build_topo
 *  order), computed with an explicit stack so deep graphs cannot overflow. */
export function topologicalOrder(root: Value): Value[] {
  // A node is pushed when first seen, marked `entered` when its inputs are
  // pushed above it, and emitted (`done`) when it surfaces again after them.
  const entered = ++sortEpoch;
  const done = ++sortEpoch;
  const order: Value[] = [];
  const stack: Value[] = [root];
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    const mark = node._mark;
    if (mark === done) {
      stack.pop(); // pushed twice before its first visit
    } else if (mark === entered) {
      stack.pop();
      node._mark = done;
      order.push(node);
    } else {
      node._mark = entered;
      // b first so that a, on top, is visited first, as micrograd does.
      const b = node.b;
      if (b !== null && b._mark < entered) stack.push(b);
      const a = node.a;
      if (a !== null && a._mark < entered) stack.push(a);
    }
  }
  return order;
}

/** Marks every value of `graphs` with a fresh mark and returns it; a value is
 *  in one of them when its `_mark` equals the mark (until the next sort). */
export function markAll(graphs: Iterable<readonly Value[]>): number {
  const mark = ++sortEpoch;
  for (const graph of graphs) for (const v of graph) v._mark = mark;
  return mark;
}

function result(data: number, op: Op, a: Value, b: Value | null): Value {
  const out = new Value(data);
  out.op = op;
  out.a = a;
  out.b = b;
  return out;
}

/** Plain numbers become constant leaves, as in micrograd. */
function operand(x: Operand, op: string): Value {
  if (x instanceof Value) return x;
  if (typeof x === 'number') return new Value(x);
  throw new TypeError(`${op}() takes a Value or a number, got ${describe(x)}`);
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  return typeof x === 'object' ? `an object (${Object.prototype.toString.call(x)})` : `${typeof x} ${String(x)}`;
}
