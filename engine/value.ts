// A scalar that remembers how it was computed: micrograd's Value in TypeScript.
// What each op computes and its local derivatives come from the op table
// (common/ops.ts). A Value is a handle to a slot of the tape (tape.ts), where
// its numbers and its place in the graph live; labels, ids, call sites and
// module paths go to side arrays only when there is something to keep.

import { ops, opNames, type Op } from '../common/ops.js';
import { moduleId, modulePath } from './module-path.js';
import {
  current, idOf, inputOf, nextSlot, opCode, orderIdxAt, orderSegAt, sort, stepEnded, stepOne, sweep, sweepInCreationOrder,
  type DeltaSink as Recording, type Segment,
} from './tape.js';

export type Operand = Value | number;

/** What watches Values being made and differentiated: the debugger's trace.
 *  The core knows only this interface; tracing hangs off it. */
export interface Observer {
  /** Called for every new value, at slot j of tape segment S; returns its id. */
  add(S: Segment, j: number): number;
  /** The current call site, or -1. */
  readonly site: number;
  /** Called by backward() before its first step, the root's graph being the
   *  tape's last sort (`len` nodes); what it returns gets every delta. */
  beginBackward(root: Value, len: number): Recording;
  endBackward(recording: Recording): void;
}

export type { Recording };

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

/** What watches now (the run's trace), or null: for what is layered on tracing (debug()). */
export function currentObserver(): Observer | null {
  return observer;
}

// The slot newLeaf took, for the constructor.
let leafIndex = 0;

export class Value {
  // `declare`: assigned in the constructor only, so a handle is built with two
  // stores and no field definitions.
  /** @internal the tape segment and index of this value's numbers */
  declare readonly s: Segment;
  /** @internal */
  declare readonly i: number;

  /** A leaf: `new Value(2)`. (An op's result is made by `Handle`, below.) */
  constructor(data: number, label: string | null = null) {
    this.s = newLeaf(data, label);
    this.i = leafIndex;
    keepLeaf(this, label);
  }

  get data(): number {
    return this.s.data[this.i];
  }

  // The tape's typed arrays would turn a wrong type into a number silently
  // (null → 0, '2' → 2), so the setters refuse it where the program does it.
  set data(x: number) {
    if (typeof x !== 'number') throw new TypeError(`a Value's data must be a number, got ${describe(x)}`);
    this.s.data[this.i] = x;
  }

  get grad(): number {
    return this.s.grad[this.i];
  }

  set grad(x: number) {
    if (typeof x !== 'number') throw new TypeError(`a Value's grad must be a number, got ${describe(x)}`);
    this.s.grad[this.i] = x;
  }

  /** Shown in the graph; set from the variable name when the program gave none. */
  get label(): string | null {
    return this.s.labels?.[this.i] ?? null;
  }

  set label(text: string | null) {
    if (text !== null && typeof text !== 'string') throw new TypeError(`a Value's label must be text or null, got ${describe(text)}`);
    (this.s.labels ??= [])[this.i] = text;
  }

  /** The op that produced this value, or null for a leaf. */
  get op(): Op | null {
    const code = this.s.op[this.i];
    return code === 0 ? null : opNames[code - 1];
  }

  /** The op's constant: pow's exponent, leakyRelu's slope (0 for other ops). */
  get k(): number {
    return this.s.kAt(this.i);
  }

  /** The op's first input, or null for a leaf. */
  get a(): Value | null {
    const input = inputOf(this.s, this.i, 0);
    return input === null ? null : handle(input[0], input[1]);
  }

  /** The op's second input, or null for a leaf or a unary op. */
  get b(): Value | null {
    const input = inputOf(this.s, this.i, 1);
    return input === null ? null : handle(input[0], input[1]);
  }

  /** The inputs of `op`, in order. */
  get inputs(): Value[] {
    const a = this.a;
    if (a === null) return [];
    const b = this.b;
    return b === null ? [a] : [a, b];
  }

  /** The nn module this value was created in, e.g. `layer1.neuron3.w0`. */
  get module(): string | null {
    return modulePath(this.s.moduleAt(this.i));
  }

  /** Creation index in a trace; outside one, a number unique to this value. */
  get id(): number {
    return idOf(this.s, this.i);
  }

  /** Index of the source call site that created this value, or -1. */
  get site(): number {
    const sites = this.s.sites;
    return sites === null ? -1 : sites[this.i] - 1;
  }

  add(other: Operand): Value {
    const b = other instanceof Value ? other : operand(other, 'add');
    return binary(opCode.add, addF(this.s.data[this.i], b.s.data[b.i], 0), this, b);
  }

  sub(other: Operand): Value {
    const b = other instanceof Value ? other : operand(other, 'sub');
    return binary(opCode.sub, subF(this.s.data[this.i], b.s.data[b.i], 0), this, b);
  }

  mul(other: Operand): Value {
    const b = other instanceof Value ? other : operand(other, 'mul');
    return binary(opCode.mul, mulF(this.s.data[this.i], b.s.data[b.i], 0), this, b);
  }

  div(other: Operand): Value {
    const b = other instanceof Value ? other : operand(other, 'div');
    return binary(opCode.div, divF(this.s.data[this.i], b.s.data[b.i], 0), this, b);
  }

  neg(): Value {
    return unary(opCode.neg, negF(this.s.data[this.i], 0, 0), this, 0);
  }

  /** Raises to a constant power; `k` is a number, as in micrograd. */
  pow(k: number): Value {
    if (typeof k !== 'number') throw new TypeError(`pow(k) takes a number exponent, got ${describe(k)}`);
    return unary(opCode.pow, powF(this.s.data[this.i], 0, k), this, k);
  }

  relu(): Value {
    return unary(opCode.relu, reluF(this.s.data[this.i], 0, 0), this, 0);
  }

  /** x for x > 0, else alpha·x, as PyTorch's leaky_relu (whose slope at 0 is alpha). */
  leakyRelu(alpha = 0.01): Value {
    if (typeof alpha !== 'number') throw new TypeError(`leakyRelu(alpha) takes a number slope, got ${describe(alpha)}`);
    return unary(opCode.leakyRelu, leakyReluF(this.s.data[this.i], 0, alpha), this, alpha);
  }

  tanh(): Value {
    return unary(opCode.tanh, tanhF(this.s.data[this.i], 0, 0), this, 0);
  }

  exp(): Value {
    return unary(opCode.exp, expF(this.s.data[this.i], 0, 0), this, 0);
  }

  log(): Value {
    return unary(opCode.log, logF(this.s.data[this.i], 0, 0), this, 0);
  }

  sigmoid(): Value {
    return unary(opCode.sigmoid, sigmoidF(this.s.data[this.i], 0, 0), this, 0);
  }

  /** The chain rule for this node alone: adds d(out)/d(input) × out.grad to each input's grad. */
  _backward(recording: Recording | null = null): void {
    stepOne(this.s, this.i, recording);
  }

  /** Sets this grad to 1 and applies the chain rule to every node of its graph,
   *  in reverse topological order. Grads accumulate, as in micrograd. Inside a
   *  trace the order is exactly micrograd's; outside, reverse creation order. */
  backward(): void {
    const watcher = observer;
    if (watcher === null) {
      this.s.grad[this.i] = 1;
      sweepInCreationOrder(this.s, this.i);
      stepEnded();
      return;
    }
    // Recorded: micrograd's order exactly, as the debugger shows it.
    const len = sort(this.s, this.i);
    const recording = watcher.beginBackward(this, len);
    this.s.grad[this.i] = 1;
    sweep(len, recording);
    stepEnded();
    watcher.endBackward(recording);
  }

  toString(): string {
    return `Value(data=${this.data}, grad=${this.grad})`;
  }
}

/** The handle of slot (S, j). */
function handle(S: Segment, j: number): Value {
  const handles = (S.handles ??= new Map());
  const kept = handles.get(j);
  if (kept !== undefined) return kept as Value;
  const made = new Handle(S, j);
  handles.set(j, made);
  return made;
}

/** The handle of a slot that already holds its numbers: a Value (its
 *  prototype is Value's) made without the constructor's leaf work, with two
 *  stores, since every op makes one. */
const Handle = function (this: { s: Segment; i: number }, s: Segment, i: number) {
  this.s = s;
  this.i = i;
} as unknown as new (s: Segment, i: number) => Value;
Handle.prototype = Value.prototype;

/** Notes a new value's module path, and tells the trace, if any. */
function born(S: Segment, j: number): void {
  if (moduleId !== S.lastModule) S.startModule(j, moduleId);
  if (observer === null) return;
  (S.sites ??= new Int32Array(S.capacity))[j] = observer.site + 1;
  (S.ids ??= new Int32Array(S.capacity))[j] = observer.add(S, j) + 1;
}

/** The nodes of the last sort, as handles. */
function lastOrder(len: number): Value[] {
  const order = new Array<Value>(len);
  for (let n = 0; n < len; n++) order[n] = handle(orderSegAt(n), orderIdxAt(n));
  return order;
}

/** The graph under `root`, each node after its inputs (micrograd's build_topo
 *  order), computed with an explicit stack so deep graphs cannot overflow. */
export function topologicalOrder(root: Value): Value[] {
  const handles = (root.s.handles ??= new Map());
  if (!handles.has(root.i)) handles.set(root.i, root);
  return lastOrder(sort(root.s, root.i));
}

// Each op's forward function from the table, one constant per op, so that each
// method calls one known function, which the compiler inlines.
const addF = ops.add.forward;
const subF = ops.sub.forward;
const mulF = ops.mul.forward;
const divF = ops.div.forward;
const negF = ops.neg.forward;
const powF = ops.pow.forward;
const reluF = ops.relu.forward;
const leakyReluF = ops.leakyRelu.forward;
const tanhF = ops.tanh.forward;
const expF = ops.exp.forward;
const logF = ops.log.forward;
const sigmoidF = ops.sigmoid.forward;

/** A new value computed by binary op `code` from a and b: its `data` is the op's forward. */
function binary(code: number, data: number, a: Value, b: Value): Value {
  const j = nextSlot();
  const S = current;
  S.data[j] = data;
  S.op[j] = code;
  const as = a.s;
  const bs = b.s;
  S.inA[j] = as === S ? a.i : S.ref(as, a.i);
  S.inB[j] = bs === S ? b.i : S.ref(bs, b.i);
  return made(S, j);
}

function unary(code: number, data: number, a: Value, k: number): Value {
  const j = nextSlot();
  const S = current;
  S.data[j] = data;
  S.op[j] = code;
  S.setK(j, k);
  const as = a.s;
  S.inA[j] = as === S ? a.i : S.ref(as, a.i);
  return made(S, j);
}

function made(S: Segment, j: number): Value {
  if (moduleId !== S.lastModule || observer !== null) born(S, j);
  return new Handle(S, j);
}

/** `op` applied to `a` (and `b` for a binary op; `k` is its constant), as the
 *  Value methods do: the derivative explorer re-evaluates recorded graphs so. */
export function apply(op: Op, a: Value, b: Value | null, k: number): Value {
  const spec = ops[op];
  if (spec.arity === 1) return unary(opCode[op], spec.forward(a.data, 0, k), a, k);
  return binary(opCode[op], spec.forward(a.data, b!.data, 0), a, b!);
}

/** Plain numbers become constant leaves, as in micrograd. */
function operand(x: Operand, op: string): Value {
  if (x instanceof Value) return x;
  if (typeof x === 'number') return constantLeaf(x);
  throw new TypeError(`${op}() takes a Value or a number, got ${describe(x)}`);
}

/** A leaf for a plain number. */
function constantLeaf(x: number): Value {
  const j = nextSlot();
  const S = current;
  S.data[j] = x;
  return made(S, j);
}

/** The slot of a leaf made with `new Value(data, label)`, its index in leafIndex. */
function newLeaf(data: number, label: string | null): Segment {
  if (typeof data !== 'number') throw new TypeError(`new Value(x) needs a number, got ${describe(data)}`);
  if (label !== null && typeof label !== 'string') throw new TypeError(`new Value(x, label) needs text for the label, got ${describe(label)}`);
  const j = nextSlot();
  const S = current;
  S.data[j] = data;
  leafIndex = j;
  return S;
}

/** Keeps a new leaf's handle (the program's own), its label, and tells the trace. */
function keepLeaf(leaf: Value, label: string | null): void {
  const S = leaf.s;
  (S.handles ??= new Map()).set(leaf.i, leaf);
  if (label !== null) leaf.label = label;
  born(S, leaf.i);
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  return typeof x === 'object' ? `an object (${Object.prototype.toString.call(x)})` : `${typeof x} ${String(x)}`;
}
