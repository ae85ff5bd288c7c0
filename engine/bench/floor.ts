// What micrograd's demo step costs in the least code that could run it, next
// to Gradscope's engine, on the same machine and JavaScript engine: how far
// from the floor the engine is, and where the floor itself lies.
//
// Three minimal designs, each a Value over typed arrays with only add, mul
// and relu (the first two are the floors):
//  - `reused`: one tape whose slots every step overwrites from the same start
//    (the thin typed-array Value the issue measured at ~0.7 ms). It breaks
//    micrograd's rule that a program may hold any Value as long as it likes:
//    a Value kept from step 1 reads step 2's numbers.
//  - `segments`: the least that keeps that rule with memory freed in a
//    training loop: each step's values in arrays of their own (a segment), so
//    that the collector frees a step once nothing holds it; inputs from an
//    older segment (the weights) named through a list of such segments; and
//    backward marks what it reaches, so that values not under the root (a
//    graph backpropagated before) pass nothing on. It sweeps only the root's
//    segment, enough for the demo, whose older values are leaves.
//  - `pooled`: `segments` with two segments used in turn instead of fresh ones
//    (unsafe again: a Value kept from a step loses its numbers a step or two
//    later), to show what a step's fresh arrays cost.
// Each design runs in a fresh process or worker, so that none of them sees
// another's Values at its call sites.

import { ops } from '../../common/ops.js';
import { Value } from '../value.js';
import { MLP } from '../nn.js';
import { makeMoons } from '../data.js';
import { seed, uniform } from '../random.js';

export const designs = ['reused', 'segments', 'pooled', 'gradscope'] as const;
export type Design = (typeof designs)[number];

/** What the demo needs of a Value. */
export interface Scalar {
  data: number;
  grad: number;
  add(other: Scalar | number): Scalar;
  mul(other: Scalar | number): Scalar;
  relu(): Scalar;
  backward(): void;
}

const add = 1;
const mul = 2;
const relu = 3;
/** micrograd's relu, from the op table (NaN stays NaN, as there). */
const reluF = ops.relu.forward;

// --- reused: one tape, overwritten every step -------------------------------

const capacity = 1 << 17;
const tData = new Float64Array(capacity);
const tGrad = new Float64Array(capacity);
const tOp = new Uint8Array(capacity);
const tA = new Int32Array(capacity);
const tB = new Int32Array(capacity);
let tN = 0;
/** Where each step starts writing again: after the weights. */
let tStart = 0;

class Reused implements Scalar {
  declare i: number;
  constructor(x: number) {
    this.i = tapeSlot(0, x, 0, 0);
  }
  get data(): number {
    return tData[this.i];
  }
  set data(x: number) {
    tData[this.i] = x;
  }
  get grad(): number {
    return tGrad[this.i];
  }
  set grad(x: number) {
    tGrad[this.i] = x;
  }
  add(other: Scalar | number): Scalar {
    const b = other instanceof Reused ? other : new Reused(other as number);
    return reusedHandle(tapeSlot(add, tData[this.i] + tData[b.i], this.i, b.i));
  }
  mul(other: Scalar | number): Scalar {
    const b = other instanceof Reused ? other : new Reused(other as number);
    return reusedHandle(tapeSlot(mul, tData[this.i] * tData[b.i], this.i, b.i));
  }
  relu(): Scalar {
    const x = tData[this.i];
    return reusedHandle(tapeSlot(relu, reluF(x, 0, 0), this.i, 0));
  }
  backward(): void {
    tGrad[this.i] = 1;
    for (let j = this.i; j >= 0; j--) {
      const code = tOp[j];
      if (code === 0) continue;
      const g = tGrad[j];
      const x = tA[j];
      const y = tB[j];
      if (code === add) {
        tGrad[x] += g;
        tGrad[y] += g;
      } else if (code === mul) {
        tGrad[x] += tData[y] * g;
        tGrad[y] += tData[x] * g;
      } else tGrad[x] += (tData[j] > 0 ? 1 : 0) * g;
    }
    tN = tStart;
  }
}

function tapeSlot(code: number, x: number, a: number, b: number): number {
  const j = tN++;
  tData[j] = x;
  tGrad[j] = 0;
  tOp[j] = code;
  tA[j] = a;
  tB[j] = b;
  return j;
}

const ReusedHandle = function (this: { i: number }, i: number) {
  this.i = i;
} as unknown as new (i: number) => Reused;
ReusedHandle.prototype = Reused.prototype;
const reusedHandle = (i: number): Reused => new ReusedHandle(i);

// --- segments: a step's values in arrays of their own -----------------------

const bits = 17;
const indexMask = (1 << bits) - 1;

class Segment {
  readonly data: Float64Array;
  readonly grad: Float64Array;
  readonly op: Uint8Array;
  readonly inA: Int32Array;
  readonly inB: Int32Array;
  readonly mark: Int32Array;
  /** Older segments this one's values take inputs from. */
  readonly ext: Segment[] = [];
  n = 0;
  private lastFrom: Segment | null = null;
  private lastExt = 0;
  constructor(readonly capacity: number) {
    this.data = new Float64Array(capacity);
    this.grad = new Float64Array(capacity);
    this.op = new Uint8Array(capacity);
    this.inA = new Int32Array(capacity);
    this.inB = new Int32Array(capacity);
    this.mark = new Int32Array(capacity);
  }
  /** Forgets the older segment met last (the segment is being reused). */
  forget(): void {
    this.lastFrom = null;
  }
  /** Slot (from, i) as an input of this segment's values: ~(ext number << bits | i) when older. */
  ref(from: Segment, i: number): number {
    if (from === this) return i;
    if (from !== this.lastFrom) {
      let e = this.ext.indexOf(from);
      if (e < 0) e = this.ext.push(from) - 1;
      this.lastFrom = from;
      this.lastExt = e << bits;
    }
    return ~(this.lastExt | i);
  }
}

let open = new Segment(capacity);
let epoch = 0;
/** `pooled`: the two segments steps take in turn (null: a fresh one each step). */
let pool: Segment[] | null = null;
let turn = 0;

/** The segment the next step's values go to. */
function nextSegment(last: Segment): Segment {
  if (pool === null) return new Segment(last.n + (last.n >> 4));
  const S = pool[turn++ & 1];
  S.grad.fill(0, 0, S.n);
  S.n = 0;
  S.ext.length = 0;
  S.forget();
  return S;
}

class Segmented implements Scalar {
  declare s: Segment;
  declare i: number;
  constructor(x: number) {
    const S = open;
    const j = S.n++;
    S.data[j] = x;
    S.op[j] = 0;
    this.s = S;
    this.i = j;
  }
  get data(): number {
    return this.s.data[this.i];
  }
  set data(x: number) {
    this.s.data[this.i] = x;
  }
  get grad(): number {
    return this.s.grad[this.i];
  }
  set grad(x: number) {
    this.s.grad[this.i] = x;
  }
  add(other: Scalar | number): Scalar {
    const b = other instanceof Segmented ? other : new Segmented(other as number);
    return segmentSlot(add, this.s.data[this.i] + b.s.data[b.i], this, b);
  }
  mul(other: Scalar | number): Scalar {
    const b = other instanceof Segmented ? other : new Segmented(other as number);
    return segmentSlot(mul, this.s.data[this.i] * b.s.data[b.i], this, b);
  }
  relu(): Scalar {
    const x = this.s.data[this.i];
    return segmentSlot(relu, reluF(x, 0, 0), this, this);
  }
  backward(): void {
    const S = this.s;
    const { grad, data, op, inA, inB, mark, ext } = S;
    const reached = ++epoch;
    mark[this.i] = reached;
    grad[this.i] = 1;
    for (let j = this.i; j >= 0; j--) {
      if (mark[j] !== reached) continue;
      const code = op[j];
      if (code === 0) continue;
      const g = grad[j];
      const x = inA[j];
      const y = inB[j];
      if ((x | y) >= 0) {
        mark[x] = reached;
        mark[y] = reached;
        if (code === add) {
          grad[x] += g;
          grad[y] += g;
        } else if (code === mul) {
          grad[x] += data[y] * g;
          grad[y] += data[x] * g;
        } else grad[x] += (data[j] > 0 ? 1 : 0) * g;
        continue;
      }
      const A = x >= 0 ? S : ext[~x >>> bits];
      const ai = x >= 0 ? x : ~x & indexMask;
      const B = y >= 0 ? S : ext[~y >>> bits];
      const bi = y >= 0 ? y : ~y & indexMask;
      A.mark[ai] = reached;
      B.mark[bi] = reached;
      if (code === add) {
        A.grad[ai] += g;
        B.grad[bi] += g;
      } else if (code === mul) {
        A.grad[ai] += B.data[bi] * g;
        B.grad[bi] += A.data[ai] * g;
      } else A.grad[ai] += (data[j] > 0 ? 1 : 0) * g;
    }
    // The next step's values go to a segment of their own, sized like this one.
    open = nextSegment(S);
  }
}

const SegmentedHandle = function (this: { s: Segment; i: number }, s: Segment, i: number) {
  this.s = s;
  this.i = i;
} as unknown as new (s: Segment, i: number) => Segmented;
SegmentedHandle.prototype = Segmented.prototype;

function segmentSlot(code: number, x: number, a: Segmented, b: Segmented): Segmented {
  const S = open;
  const j = S.n;
  if (j === S.capacity) throw new RangeError('floor: segment full');
  S.n = j + 1;
  S.data[j] = x;
  S.op[j] = code;
  S.inA[j] = S.ref(a.s, a.i);
  S.inB[j] = S.ref(b.s, b.i);
  return new SegmentedHandle(S, j);
}

// --- micrograd's nn over a floor's Value ------------------------------------

class Neuron {
  readonly w: Scalar[];
  readonly b: Scalar;
  constructor(
    nin: number,
    readonly nonlin: boolean,
    make: (x: number) => Scalar,
  ) {
    this.w = Array.from({ length: nin }, () => make(uniform(-1, 1)));
    this.b = make(0);
  }
  forward(x: Scalar[]): Scalar {
    let act = this.b;
    for (let i = 0; i < x.length; i++) act = act.add(this.w[i].mul(x[i]));
    return this.nonlin ? act.relu() : act;
  }
}

class FloorMLP {
  readonly layers: Neuron[][];
  constructor(nin: number, sizes: number[], make: (x: number) => Scalar) {
    const dims = [nin, ...sizes];
    this.layers = sizes.map((nout, l) => Array.from({ length: nout }, () => new Neuron(dims[l], l !== sizes.length - 1, make)));
  }
  forward(x: Scalar[]): Scalar {
    for (const layer of this.layers) x = layer.map((n) => n.forward(x));
    return x[0];
  }
  parameters(): Scalar[] {
    const params: Scalar[] = [];
    for (const layer of this.layers) for (const n of layer) params.push(...n.w, n.b);
    return params;
  }
}

// --- the step and its timing ------------------------------------------------

/** The demo's model, as the design builds it. */
export interface Model {
  forward(x: Scalar[]): Scalar;
  parameters(): Scalar[];
}

/** The demo's model and a maker of leaves, for `design`; seeds as micrograd's demo does. */
export function floorDemo(design: Design): { model: Model; make: (x: number) => Scalar } {
  seed(1337);
  if (design === 'gradscope') {
    const model = new MLP(2, [16, 16, 1]);
    return { model: model as unknown as Model, make: (x) => new Value(x) as unknown as Scalar };
  }
  const make = design === 'reused' ? (x: number) => new Reused(x) : (x: number) => new Segmented(x);
  open = new Segment(capacity);
  pool = design === 'pooled' ? [new Segment(capacity), new Segment(capacity)] : null;
  const model = new FloorMLP(2, [16, 16, 1], make);
  tStart = tN;
  return { model, make };
}

function sum(values: Scalar[], make: (x: number) => Scalar): Scalar {
  let total = make(0);
  for (const v of values) total = total.add(v);
  return total;
}

/** micrograd's demo step: forward, zero_grad, backward, SGD update; returns the loss. */
export function demoStep(model: Model, make: (x: number) => Scalar, X: number[][], y: number[], lr: number): Scalar {
  const scores = X.map((row) => model.forward(row.map(make)));
  const losses = scores.map((score, i) => score.mul(-y[i]).add(1).relu());
  const dataLoss = sum(losses, make).mul(1 / losses.length);
  const regLoss = sum(model.parameters().map((p) => p.mul(p)), make).mul(1e-4);
  const loss = dataLoss.add(regLoss);
  const params = model.parameters();
  for (const p of params) p.grad = 0;
  loss.backward();
  for (const p of params) p.data -= lr * p.grad;
  return loss;
}

export interface FloorResult {
  design: Design;
  /** ms per step: the median over blocks of 10 steps (a worker's clock ticks in 0.1 ms). */
  step: number;
  firstLoss: number;
  lastLoss: number;
}

/** Runs micrograd's demo for `blocks` × 10 steps after 100 steps of warm-up. */
export function runFloor(design: Design, blocks = 30): FloorResult {
  const { model, make } = floorDemo(design);
  const { X, y } = makeMoons(100, 0.1);
  const firstLoss = demoStep(model, make, X, y, 1).data;
  let lastLoss = firstLoss;
  for (let k = 1; k < 100; k++) lastLoss = demoStep(model, make, X, y, 1 - (0.9 * k) / 100).data;
  const perStep: number[] = [];
  for (let b = 0; b < blocks; b++) {
    const t0 = performance.now();
    for (let k = 0; k < 10; k++) demoStep(model, make, X, y, 0.1);
    perStep.push((performance.now() - t0) / 10);
  }
  perStep.sort((a, b) => a - b);
  return { design, step: perStep[perStep.length >> 1], firstLoss, lastLoss };
}
