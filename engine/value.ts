// A scalar that remembers how it was computed: micrograd's Value in TypeScript.
// What each op computes and its local derivatives come from the op table
// (common/ops.ts); this file holds the graph and the chain rule.

import { ops, type Op } from '../common/ops.js';
import { modulePath } from './module-path.js';

export type Operand = Value | number;

/** What watches Values being made and differentiated: the debugger's trace.
 *  The core knows only this interface; tracing hangs off it. */
export interface Observer {
  /** Called for every new Value; returns its id and the call site that made it. */
  add(value: Value): number;
  /** The current call site, or -1. */
  readonly site: number;
  /** Called by backward() before its first step; what it returns gets every delta. */
  beginBackward(root: Value, topo: Value[]): Recording;
  endBackward(recording: Recording): void;
}

export interface Recording {
  add(delta: number): void;
}

let observer: Observer | null = null;

/** Runs `fn` with `next` watching (null: nothing), restoring the previous one afterwards. */
export function withObserver<T>(next: Observer | null, fn: () => T): T {
  const previous = observer;
  observer = next;
  try {
    return fn();
  } finally {
    observer = previous;
  }
}

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
  /** The op's constant: pow's exponent, leakyRelu's slope. */
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
    if (observer === null) {
      this.id = untracedId++;
      this.site = -1;
    } else {
      this.site = observer.site;
      this.id = observer.add(this);
    }
  }

  get inputs(): Value[] {
    return this.a === null ? [] : this.b === null ? [this.a] : [this.a, this.b];
  }

  add(other: Operand): Value {
    return binary('add', this, operand(other, 'add'));
  }

  sub(other: Operand): Value {
    return binary('sub', this, operand(other, 'sub'));
  }

  mul(other: Operand): Value {
    return binary('mul', this, operand(other, 'mul'));
  }

  div(other: Operand): Value {
    return binary('div', this, operand(other, 'div'));
  }

  neg(): Value {
    return unary('neg', this, 0);
  }

  /** Raises to a constant power; `k` is a number, as in micrograd. */
  pow(k: number): Value {
    if (typeof k !== 'number') throw new TypeError(`pow(k) takes a number exponent, got ${describe(k)}`);
    return unary('pow', this, k);
  }

  relu(): Value {
    return unary('relu', this, 0);
  }

  /** x for x > 0, else alpha·x, as PyTorch's leaky_relu (whose slope at 0 is alpha). */
  leakyRelu(alpha = 0.01): Value {
    if (typeof alpha !== 'number') throw new TypeError(`leakyRelu(alpha) takes a number slope, got ${describe(alpha)}`);
    return unary('leakyRelu', this, alpha);
  }

  tanh(): Value {
    return unary('tanh', this, 0);
  }

  exp(): Value {
    return unary('exp', this, 0);
  }

  log(): Value {
    return unary('log', this, 0);
  }

  sigmoid(): Value {
    return unary('sigmoid', this, 0);
  }

  /** The chain rule for this node alone: adds d(out)/d(input) × out.grad to each input's grad. */
  _backward(recording: Recording | null = null): void {
    const a = this.a;
    if (a === null) return;
    const b = this.b;
    const g = this.grad;
    const grads = ops[this.op!].grads;
    const bData = b === null ? 0 : b.data;
    const da = grads[0](a.data, bData, this.data, this.k) * g;
    a.grad += da;
    if (recording !== null) recording.add(da);
    if (b !== null) {
      const db = grads[1](a.data, bData, this.data, this.k) * g;
      b.grad += db;
      if (recording !== null) recording.add(db);
    }
  }

  /** Sets this grad to 1 and applies the chain rule to every node of its graph,
   *  in reverse topological order. Grads accumulate, as in micrograd. */
  backward(): void {
    const topo = topologicalOrder(this);
    const watcher = observer;
    const recording = watcher === null ? null : watcher.beginBackward(this, topo);
    this.grad = 1;
    for (let i = topo.length - 1; i >= 0; i--) topo[i]._backward(recording);
    if (recording !== null) watcher!.endBackward(recording);
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

function binary(op: Op, a: Value, b: Value): Value {
  const out = new Value(ops[op].forward(a.data, b.data, 0));
  out.op = op;
  out.a = a;
  out.b = b;
  return out;
}

function unary(op: Op, a: Value, k: number): Value {
  const out = new Value(ops[op].forward(a.data, 0, k));
  out.op = op;
  out.a = a;
  out.k = k;
  return out;
}

/** `op` applied to `a` (and `b` for a binary op; `k` is its constant), as the
 *  Value methods do: the derivative explorer re-evaluates recorded graphs so. */
export function apply(op: Op, a: Value, b: Value | null, k: number): Value {
  if (ops[op].arity === 2) return binary(op, a, b!);
  return unary(op, a, k);
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
