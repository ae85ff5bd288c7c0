// Where Values' numbers live: a tape of segments, each a struct of typed
// arrays (data, grad, op, inputs, the op's constant), so a graph of 65,818
// values is a few flat arrays instead of 65,818 objects for the garbage
// collector to trace and copy. A Value is a handle: its segment and index.
//
// Memory: a segment is an ordinary object, kept alive by the handles into it
// and by the newer segments whose values take inputs from it (`ext`). Once the
// program holds none of its values, JavaScript's collector frees it whole. So
// that a training loop's steps do not chain their segments together, each
// backward() lets the next values start a segment of their own (sized like
// the last step) once the current one is half full or takes inputs from
// another: old steps are then freed while the parameters stay.
//
// Backward allocates nothing per node. A recorded call sorts the graph in
// micrograd's depth-first topological order (typed stacks and marks) and
// sweeps it backwards; an unrecorded one needs no sort (sweepInCreationOrder).
// A training loop's next step has the same shape as the last: its sort
// checks that and reuses the last order (sameShape).

import { ops, opNames, type LocalGrad, type Op } from '../common/ops.js';

/** Most values per segment; an input in another segment is encoded as ~(e << bits | index). */
const bits = 17;
const maxCapacity = 1 << bits;
const minCapacity = 1 << 10;
const indexMask = maxCapacity - 1;
/** Most older segments one segment's values may take inputs from (e must fit the encoding). */
const maxExt = (1 << (31 - bits)) - 1;

/** Op codes: 0 is a leaf, op n of the table is n + 1. */
export const opCode = Object.fromEntries(opNames.map((op, n) => [op, n + 1])) as Record<Op, number>;
const arity = [0, ...opNames.map((op) => ops[op].arity)];
const gradA: LocalGrad[] = [() => 0, ...opNames.map((op) => ops[op].grads[0]!)];
const gradB: LocalGrad[] = [() => 0, ...opNames.map((op) => ops[op].grads[1] ?? (() => 0))];

let segmentsMade = 0;

export class Segment {
  readonly data: Float64Array;
  readonly grad: Float64Array;
  /** The op's constant: pow's exponent, leakyRelu's slope; made by the first op that has one. */
  k: Float64Array | null = null;
  readonly op: Uint8Array;
  /** Input slots: an index in this segment, or ~(e << bits | index) for ext[e]. */
  readonly inA: Int32Array;
  readonly inB: Int32Array;
  /** Visit marks of the topological sort and of sweepInCreationOrder. */
  readonly mark: Int32Array;
  /** Older segments this one's values take inputs from. */
  readonly ext: Segment[] = [];
  /** Values used so far. */
  n = 0;
  /** Slots it may still give out up to: its capacity, or 0 once a new
   *  segment must start (after a backward(), or when ext is nearly full). */
  limit: number;
  /** The older segment `ref` met last, and its ext number shifted into place:
   *  nearly every input from elsewhere is a parameter, all in one segment. */
  private lastFrom: Segment | null = null;
  private lastExt = 0;
  /** This segment's number in the sort of epoch sortEpoch. */
  sortEpoch = 0;
  sortNumber = 0;
  /** Ids of values made outside a trace are `base + index`, in creation order. */
  readonly base = segmentsMade++ * maxCapacity;
  // Side arrays, made when first needed: what only a trace, nn or a label needs.
  labels: (string | null)[] | null = null;
  /** id + 1 in the trace that listed the value; 0: none. */
  ids: Int32Array | null = null;
  /** The number of the trace that lists the value; 0: none (or forgotten). */
  owners: Int32Array | null = null;
  /** Call site + 1; 0: none. */
  sites: Int32Array | null = null;
  /** The nn module each value was made in, as runs of slots (a neuron makes
   *  its values one after another): run k starts at slot runs[2k] and has
   *  module path id runs[2k + 1] (0: none). A typed array, grown by doubling:
   *  pushing to two plain arrays, twice per neuron call, allocated ~70 bytes
   *  a run for the collector. */
  private runs = new Int32Array(16);
  private runCount = 1;
  /** The module path id of the newest run. */
  lastModule = 0;
  /** Handles kept so that a value reached through the graph is the same
   *  object each time: the program's own for leaves made with `new Value`.
   *  (Keeping every op's handle would make the collector copy them all, the
   *  cost this tape exists to avoid.) A map: a step keeps a few hundred. */
  handles: Map<number, unknown> | null = null;

  constructor(readonly capacity: number) {
    this.limit = capacity;
    this.data = new Float64Array(capacity);
    this.grad = new Float64Array(capacity);
    this.op = new Uint8Array(capacity);
    this.inA = new Int32Array(capacity);
    this.inB = new Int32Array(capacity);
    this.mark = new Int32Array(capacity);
  }

  /** The slot for a value of this segment that takes an input from (from, index).
   *  Small, so that V8 inlines it into every op with room left for the next op:
   *  the rest, rarely run, is refFrom's. */
  ref(from: Segment, index: number): number {
    return from === this.lastFrom ? ~(this.lastExt | index) : this.refFrom(from, index);
  }

  private refFrom(from: Segment, index: number): number {
    if (from === this) return index;
    let e = this.ext.indexOf(from);
    if (e < 0) e = this.ext.push(from) - 1;
    // Room for two more (a value's inputs) before the next value, or the next starts a new segment.
    if (this.ext.length > maxExt - 2) this.limit = 0;
    this.lastFrom = from;
    this.lastExt = e << bits;
    return ~(this.lastExt | index);
  }

  /** Starts a run of values made in module `id` at slot j, the newest. */
  startModule(j: number, id: number): void {
    const k = this.runCount++;
    if (2 * k === this.runs.length) {
      const longer = new Int32Array(2 * this.runs.length);
      longer.set(this.runs);
      this.runs = longer;
    }
    this.runs[2 * k] = j;
    this.runs[2 * k + 1] = id;
    this.lastModule = id;
  }

  /** The module path id of slot j (0: none). */
  moduleAt(j: number): number {
    const runs = this.runs;
    let lo = 0;
    let hi = this.runCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runs[2 * mid] <= j) lo = mid;
      else hi = mid - 1;
    }
    return runs[2 * lo + 1];
  }

  /** Stores the op's constant of slot j. */
  setK(j: number, k: number): void {
    if (k === 0 && this.k === null) return;
    this.k ??= new Float64Array(this.capacity);
    this.k[j] = k;
  }

  /** The op's constant of slot j (0 when it has none). */
  kAt(j: number): number {
    return this.k === null ? 0 : this.k[j];
  }
}

/** The segment new values go to. */
export let current = new Segment(minCapacity);
/** Capacity of the next segment; 0 while the current one has room. */
let nextCapacity = 0;
// Values made since the last backward() (how big a step is): those of the
// segments filled since, plus the current one's from slot stepStart on.
let madeEarlier = 0;
let stepStart = 0;

/** Takes the next slot of the current segment, starting a new one when it is
 *  full, after a backward() (see stepEnded), or when its list of older
 *  segments has no room for two more (see ref): all one test of `limit`. */
export function nextSlot(): number {
  const S = current;
  const j = S.n;
  if (j < S.limit) {
    S.n = j + 1;
    return j;
  }
  return startSegment().n++;
}

function startSegment(): Segment {
  const full = current.n === current.capacity;
  madeEarlier += current.n - stepStart;
  stepStart = 0;
  current = new Segment(nextCapacity !== 0 ? nextCapacity : full ? Math.min(2 * current.capacity, maxCapacity) : current.capacity);
  nextCapacity = 0;
  return current;
}

/** Called by backward(): a training step ends here, so the next one starts a
 *  segment of its own, sized to hold a whole step like this one, unless this
 *  one still has room and stands alone. */
export function stepEnded(): void {
  const sinceBackward = madeEarlier + current.n - stepStart;
  if (current.n > current.capacity / 2 || current.ext.length > 0) {
    // A step a little bigger than the last still fits (1/16 more), in whole KiB of values.
    const size = (sinceBackward + (sinceBackward >> 4) + minCapacity) & ~(minCapacity - 1);
    nextCapacity = Math.min(size, maxCapacity);
    current.limit = 0;
  }
  madeEarlier = 0;
  stepStart = current.n;
}

// The order of the last sort: for each node, its segment (a number into
// `sorted`) and its index, inputs first. Numbers, not pointers, so that the
// collector has nothing to scan in them.
let sorted: Segment[] = [];
let orderSeg: Int32Array = new Int32Array(1024);
let orderIdx: Int32Array = new Int32Array(1024);
// The sort's explicit stack, in the same form.
let stackSeg: Int32Array = new Int32Array(1024);
let stackIdx: Int32Array = new Int32Array(1024);
let epoch = 0;

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** The number of segment S in this sort, given it one if it has none. */
function numberOf(S: Segment, entered: number): number {
  if (S.sortEpoch !== entered) {
    S.sortEpoch = entered;
    S.sortNumber = sorted.length;
    sorted.push(S);
  }
  return S.sortNumber;
}

// What a record needs of the last sort, noted while sorting: the positions of
// its leaves and of the nodes whose grad is not 0, and how many deltas its
// backward adds (one per input of each op).
let leafPos: Int32Array = new Int32Array(1024);
let leafCount = 0;
let gradPos: Int32Array = new Int32Array(1024);
let gradCount = 0;
let deltaCount = 0;

// The last sort's graph, so that the next sort of a graph of the same shape
// (a training loop's next step) reuses its order instead of walking again.
let lastRoot: Segment | null = null;
let lastR = -1;
/** The order as copied for a record (copyOfSort), shared while it stays the same. */
let lastCopy: { segment: Int32Array; index: Int32Array; outside: Int32Array } | null = null;
// Of the last order: the position of each slot of the root's segment (-1: not
// in it), and the positions of the nodes in other segments, so that the grads
// of a graph of the same shape are read in slot order (see gradsNotZero).
let posOf: Int32Array = new Int32Array(1024);
let outside: Int32Array = new Int32Array(1024);
let outsideCount = 0;

/** Sorts the graph under (root, r) in micrograd's build_topo order (each node
 *  after its inputs, a before b), with an explicit stack so a graph a million
 *  deep is fine. The order is read with orderSegAt/orderIdxAt; returns its length. */
export function sort(root: Segment, r: number): number {
  if (lastRoot !== null && r === lastR && sameShape(root, lastRoot, r)) return sortAgain(root, r);
  lastRoot = root;
  lastR = r;
  lastCopy = null;
  const len = sortAnew(root, r);
  notePositions(len, r);
  return len;
}

/** Fills posOf and outside for the order just made, of root slot r. */
function notePositions(len: number, r: number): void {
  if (posOf.length <= r) posOf = new Int32Array(Math.max(r + 1, 2 * posOf.length));
  posOf.fill(-1, 0, r + 1);
  outsideCount = 0;
  for (let n = 0; n < len; n++) {
    if (orderSeg[n] === 0) {
      posOf[orderIdx[n]] = n;
      continue;
    }
    if (outsideCount === outside.length) outside = grow(outside);
    outside[outsideCount++] = n;
  }
}

/** Whether the graph under slot r of A is the graph under slot r of B with
 *  the nodes of B's segment moved to A's: the same op and inputs at every
 *  slot up to r (inputs come before a value, and older segments' values never
 *  change). Then the depth-first order is the same, slot for slot. A step of a
 *  training loop makes the same values in the same order as the last one, so
 *  a comparison of three arrays replaces the walk (its pointer chasing costs
 *  far more than reading the arrays in order). */
function sameShape(A: Segment, B: Segment, r: number): boolean {
  if (A === B) return true;
  if (A.ext.length !== B.ext.length || A.n <= r || B.n <= r) return false;
  for (let e = 0; e < A.ext.length; e++) if (A.ext[e] !== B.ext[e]) return false;
  const aOp = A.op;
  const bOp = B.op;
  const aA = A.inA;
  const bA = B.inA;
  const aB = A.inB;
  const bB = B.inB;
  for (let j = 0; j <= r; j++) {
    if (aOp[j] !== bOp[j] || aA[j] !== bA[j] || aB[j] !== bB[j]) return false;
  }
  return true;
}

/** The last sort's order for the same shape under `root` (see sameShape):
 *  the root's segment, number 0, is the new one; the grads are looked at again. */
function sortAgain(root: Segment, r: number): number {
  lastRoot = root;
  if (sorted[0] !== root) sorted = [root, ...sorted.slice(1)];
  gradsNotZero(root.grad, r);
  return sortLen;
}

/** Notes the positions of the last order whose grad is not 0, in order: the
 *  root's segment read in slot order (`rootGrad`, up to slot r), then the
 *  nodes in other segments. */
function gradsNotZero(rootGrad: Float64Array, r: number): void {
  gradCount = 0;
  for (let j = 0; j <= r; j++) {
    if (rootGrad[j] === 0 || posOf[j] < 0) continue;
    if (gradCount === gradPos.length) gradPos = grow(gradPos);
    gradPos[gradCount++] = posOf[j];
  }
  const inRoot = gradCount;
  for (let k = 0; k < outsideCount; k++) {
    const n = outside[k];
    if (sorted[orderSeg[n]].grad[orderIdx[n]] === 0) continue;
    if (gradCount === gradPos.length) gradPos = grow(gradPos);
    gradPos[gradCount++] = n;
  }
  if (inRoot > 1 || (inRoot > 0 && gradCount > inRoot)) gradPos.subarray(0, gradCount).sort();
}

function sortAnew(root: Segment, r: number): number {
  // A node is pushed when first seen, marked `entered` when its unvisited
  // inputs are pushed above it, and emitted (`done`) when it surfaces again
  // after them, or at once when it has none. A leaf input is emitted without
  // a push when nothing must come before it: input a always (micrograd visits
  // a first), input b once a is done.
  const entered = ++epoch;
  const done = ++epoch;
  sortDone = done;
  sorted = [];
  sortLen = 0;
  leafCount = 0;
  gradCount = 0;
  deltaCount = 0;
  stackSeg[0] = numberOf(root, entered);
  stackIdx[0] = r;
  let top = 1;
  while (top > 0) {
    const s = stackSeg[top - 1];
    const S = sorted[s];
    const j = stackIdx[top - 1];
    const mark = S.mark[j];
    if (mark === done) {
      top--; // pushed twice before its first visit
      continue;
    }
    const code = S.op[j];
    if (mark !== entered && code !== 0) {
      S.mark[j] = entered;
      const before = top;
      if (top + 2 > stackIdx.length) {
        stackIdx = grow(stackIdx);
        stackSeg = grow(stackSeg);
      }
      const x = S.inA[j];
      const A = x >= 0 ? S : S.ext[~x >>> bits];
      const ai = x >= 0 ? x : ~x & indexMask;
      let aTodo = A.mark[ai] < entered;
      if (aTodo && A.op[ai] === 0) {
        emit(A === S ? s : numberOf(A, entered), A, ai, 0);
        aTodo = false;
      }
      if (arity[code] === 2) {
        const y = S.inB[j];
        const B = y >= 0 ? S : S.ext[~y >>> bits];
        const bi = y >= 0 ? y : ~y & indexMask;
        if (B.mark[bi] < entered) {
          const sb = B === S ? s : numberOf(B, entered);
          if (!aTodo && B.op[bi] === 0) {
            emit(sb, B, bi, 0);
          } else {
            // Below a, so that a, on top, is visited first, as micrograd does.
            stackSeg[top] = sb;
            stackIdx[top++] = bi;
          }
        }
      }
      if (aTodo) {
        stackSeg[top] = A === S ? s : numberOf(A, entered);
        stackIdx[top++] = ai;
      }
      if (top !== before) continue;
    }
    top--;
    emit(s, S, j, code);
  }
  return sortLen;
}

// The sort's output so far (module state, so that emit needs no arguments for it).
let sortLen = 0;
let sortDone = 0;

/** Appends (S, j), segment number s, to the sort's order, and notes what a record needs of it. */
function emit(s: number, S: Segment, j: number, code: number): void {
  S.mark[j] = sortDone;
  const len = sortLen;
  if (len === orderIdx.length) {
    orderIdx = grow(orderIdx);
    orderSeg = grow(orderSeg);
  }
  orderSeg[len] = s;
  orderIdx[len] = j;
  deltaCount += arity[code];
  if (code === 0) {
    if (leafCount === leafPos.length) leafPos = grow(leafPos);
    leafPos[leafCount++] = len;
  }
  if (S.grad[j] !== 0) {
    if (gradCount === gradPos.length) gradPos = grow(gradPos);
    gradPos[gradCount++] = len;
  }
  sortLen = len + 1;
}

/** The positions in the last sort of its leaves, in order (valid until the next sort). */
export function lastSortLeaves(): Int32Array {
  return leafPos.subarray(0, leafCount);
}

/** The positions in the last sort of the nodes whose grad was not 0, in order (valid until the next sort). */
export function lastSortGrads(): Int32Array {
  return gradPos.subarray(0, gradCount);
}

/** How many deltas a recorded backward of the last sort adds. */
export function lastSortDeltas(): number {
  return deltaCount;
}

/** A mark no slot has yet, for a caller's own pass over the tape. */
export function freshMark(): number {
  return ++epoch;
}

export const orderSegAt = (n: number): Segment => sorted[orderSeg[n]];

/** The last sort, kept: node n is at index[n] of segments[segment[n]]. */
export interface SortCopy {
  segments: Segment[];
  segment: Int32Array;
  index: Int32Array;
  /** The positions n whose segment is not the root's (segment[n] !== 0), in order. */
  outside: Int32Array;
}

/** The last sort as a record keeps it. Records of graphs of the same shape
 *  share one copy of the order (no one writes to it). */
export function copyOfSort(len: number): SortCopy {
  if (lastCopy === null || lastCopy.index.length !== len) {
    lastCopy = { segment: orderSeg.slice(0, len), index: orderIdx.slice(0, len), outside: outside.slice(0, outsideCount) };
  }
  return { segments: sorted, ...lastCopy };
}
export const orderIdxAt = (n: number): number => orderIdx[n];

/** Receives every delta a recorded backward adds, in order, at deltas[deltaCount++]. */
export interface DeltaSink {
  deltas: Float64Array;
  deltaCount: number;
}

const add = opCode.add;
const mul = opCode.mul;
const relu = opCode.relu;

/** Applies the chain rule to node (S, j): adds d(out)/d(input) × out.grad to
 *  each input's grad, and hands the deltas to `sink`. The local derivatives
 *  are the op table's; add, mul and relu, nearly all of a network's nodes,
 *  are written out here because a call through the table costs more than the
 *  arithmetic (tape.test.ts checks that they agree with the table bit for bit). */
function step(S: Segment, j: number, sink: DeltaSink | null): void {
  const code = S.op[j];
  if (code === 0) return;
  const g = S.grad[j];
  const x = S.inA[j];
  const A = x >= 0 ? S : S.ext[~x >>> bits];
  const ai = x >= 0 ? x : ~x & indexMask;
  if (arity[code] === 1) {
    const out = S.data[j];
    const da = code === relu ? (out > 0 ? 1 : 0) * g : gradA[code](A.data[ai], 0, out, S.kAt(j)) * g;
    A.grad[ai] += da;
    if (sink !== null) sink.deltas[sink.deltaCount++] = da;
    return;
  }
  const y = S.inB[j];
  const B = y >= 0 ? S : S.ext[~y >>> bits];
  const bi = y >= 0 ? y : ~y & indexMask;
  const a = A.data[ai];
  const b = B.data[bi];
  let da: number;
  let db: number;
  if (code === add) {
    da = g;
    db = g;
  } else if (code === mul) {
    da = b * g;
    db = a * g;
  } else {
    const out = S.data[j];
    const k = S.kAt(j);
    da = gradA[code](a, b, out, k) * g;
    db = gradB[code](a, b, out, k) * g;
  }
  A.grad[ai] += da;
  B.grad[bi] += db;
  if (sink !== null) {
    sink.deltas[sink.deltaCount++] = da;
    sink.deltas[sink.deltaCount++] = db;
  }
}

/** The local backward of every node of the last sort, last node first,
 *  each delta written to `sink` in order: `step` written out for add, mul
 *  and relu (nearly all of a network's nodes). */
export function sweep(len: number, sink: DeltaSink): void {
  sink.deltaCount = sweepInto(len, sink, sink.deltas, sink.deltaCount);
}

// The loops of both sweeps are functions of their own that end in a plain
// return: a backward() call is one long loop, which V8 optimizes while it runs
// (on-stack replacement), and code after the loop that had not run yet would
// throw that optimized code away at every call (seen with --trace-deopt).

/** sweep's loop: writes deltas to out from position d; returns the position after the last. */
function sweepInto(len: number, sink: DeltaSink, out: Float64Array, d: number): number {
  // Most nodes are in the root's segment (number 0) with their inputs: its own arrays.
  const { op, grad, data, inA, inB } = sorted[0];
  for (let n = len - 1; n >= 0; n--) {
    const j = orderIdx[n];
    if (orderSeg[n] === 0) {
      const code = op[j];
      if (code === 0) continue;
      const x = inA[j];
      const y = inB[j];
      if ((x | y) >= 0) {
        const g = grad[j];
        if (code === add) {
          grad[x] += g;
          grad[y] += g;
          out[d++] = g;
          out[d++] = g;
          continue;
        }
        if (code === mul) {
          const da = data[y] * g;
          const db = data[x] * g;
          grad[x] += da;
          grad[y] += db;
          out[d++] = da;
          out[d++] = db;
          continue;
        }
        if (code === relu) {
          const da = (data[j] > 0 ? 1 : 0) * g;
          grad[x] += da;
          out[d++] = da;
          continue;
        }
      }
    }
    const S = sorted[orderSeg[n]];
    const code = S.op[j];
    if (code === 0) continue;
    if (code !== add && code !== mul && code !== relu) {
      sink.deltaCount = d;
      step(S, j, sink);
      d = sink.deltaCount;
      continue;
    }
    const g = S.grad[j];
    const x = S.inA[j];
    const A = x >= 0 ? S : S.ext[~x >>> bits];
    const ai = x >= 0 ? x : ~x & indexMask;
    if (code === relu) {
      const da = (S.data[j] > 0 ? 1 : 0) * g;
      A.grad[ai] += da;
      out[d++] = da;
      continue;
    }
    const y = S.inB[j];
    const B = y >= 0 ? S : S.ext[~y >>> bits];
    const bi = y >= 0 ? y : ~y & indexMask;
    const da = code === add ? g : B.data[bi] * g;
    const db = code === add ? g : A.data[ai] * g;
    A.grad[ai] += da;
    B.grad[bi] += db;
    out[d++] = da;
    out[d++] = db;
  }
  return d;
}

/** Backward without a record: creation order is a topological order (a value
 *  is made after its inputs), so one pass over the tape from the root down,
 *  applying the chain rule at every value reached from the root, gives each
 *  value its whole grad before it passes it on. No sort and no stack; the
 *  sums may round differently from micrograd's order in the last bits, so
 *  recorded calls, which the debugger shows step by step, use `sort`.
 *  The chain rule is `step`'s, written out in the loop for add, mul and relu
 *  (nearly all of a network's nodes): a call per node costs more than them. */
export function sweepInCreationOrder(root: Segment, r: number): void {
  const reached = ++epoch;
  root.mark[r] = reached;
  for (const S of segmentsUnder(root)) sweepSegment(S, S === root ? r : S.n - 1, reached);
}

/** sweepInCreationOrder's loop over one segment, from slot `from` down. */
function sweepSegment(S: Segment, from: number, reached: number): void {
  const { mark, op, grad, data, inA, inB, ext } = S;
  // The arrays of the older segment met last: nearly every input from
  // another segment is a parameter, and they share one.
  let lastE = -1;
  let eData = data;
  let eGrad = grad;
  let eMark = mark;
  for (let j = from; j >= 0; j--) {
    if (mark[j] !== reached) continue;
    const code = op[j];
    if (code === 0) continue;
    const g = grad[j];
    const x = inA[j];
    const y = inB[j];
    // Both inputs in this segment (a unary op's inB is 0): its own arrays.
    if ((x | y) >= 0) {
      if (code === add) {
        mark[x] = reached;
        mark[y] = reached;
        grad[x] += g;
        grad[y] += g;
        continue;
      }
      if (code === mul) {
        mark[x] = reached;
        mark[y] = reached;
        const a = data[x];
        const b = data[y];
        grad[x] += b * g;
        grad[y] += a * g;
        continue;
      }
      if (code === relu) {
        mark[x] = reached;
        grad[x] += (data[j] > 0 ? 1 : 0) * g;
        continue;
      }
    } else if (code === mul || code === add) {
      // An input from an older segment (a weight times an input, mostly).
      let aData = data;
      let aGrad = grad;
      let aMark = mark;
      let ai = x;
      if (x < 0) {
        const e = ~x >>> bits;
        if (e !== lastE) {
          const E = ext[e];
          eData = E.data;
          eGrad = E.grad;
          eMark = E.mark;
          lastE = e;
        }
        aData = eData;
        aGrad = eGrad;
        aMark = eMark;
        ai = ~x & indexMask;
      }
      let bData = data;
      let bGrad = grad;
      let bMark = mark;
      let bi = y;
      if (y < 0) {
        const e = ~y >>> bits;
        if (e !== lastE) {
          const E = ext[e];
          eData = E.data;
          eGrad = E.grad;
          eMark = E.mark;
          lastE = e;
        }
        bData = eData;
        bGrad = eGrad;
        bMark = eMark;
        bi = ~y & indexMask;
      }
      aMark[ai] = reached;
      bMark[bi] = reached;
      if (code === add) {
        aGrad[ai] += g;
        bGrad[bi] += g;
      } else {
        const a = aData[ai];
        const b = bData[bi];
        aGrad[ai] += b * g;
        bGrad[bi] += a * g;
      }
      continue;
    }
    const A = x >= 0 ? S : ext[~x >>> bits];
    const ai = x >= 0 ? x : ~x & indexMask;
    A.mark[ai] = reached;
    if (arity[code] === 1) {
      const out = data[j];
      A.grad[ai] += code === relu ? (out > 0 ? 1 : 0) * g : gradA[code](A.data[ai], 0, out, S.kAt(j)) * g;
      continue;
    }
    const B = y >= 0 ? S : ext[~y >>> bits];
    const bi = y >= 0 ? y : ~y & indexMask;
    B.mark[bi] = reached;
    if (code === add) {
      A.grad[ai] += g;
      B.grad[bi] += g;
    } else if (code === mul) {
      const a = A.data[ai];
      const b = B.data[bi];
      A.grad[ai] += b * g;
      B.grad[bi] += a * g;
    } else {
      step(S, j, null);
    }
  }
}

/** S and every segment its values can reach, newest first. */
function segmentsUnder(S: Segment): Segment[] {
  if (S.ext.length === 0) return [S];
  const seen = new Set([S]);
  const stack = [S];
  while (stack.length > 0) {
    for (const older of stack.pop()!.ext) {
      if (seen.has(older)) continue;
      seen.add(older);
      stack.push(older);
    }
  }
  return [...seen].sort((a, b) => b.base - a.base);
}

/** The local backward of one node. */
export function stepOne(S: Segment, j: number, sink: DeltaSink | null): void {
  step(S, j, sink);
}

/** The segment and index of input 0 or 1 of (S, j), or null. */
export function inputOf(S: Segment, j: number, which: 0 | 1): [Segment, number] | null {
  const code = S.op[j];
  if (code === 0 || which >= arity[code]) return null;
  const x = which === 0 ? S.inA[j] : S.inB[j];
  return x >= 0 ? [S, x] : [S.ext[~x >>> bits], ~x & indexMask];
}

/** The id of input 0 or 1 of (S, j), or -1: inputOf without allocating. */
export function inputIdOf(S: Segment, j: number, which: 0 | 1): number {
  const code = S.op[j];
  if (code === 0 || which >= arity[code]) return -1;
  const x = which === 0 ? S.inA[j] : S.inB[j];
  return x >= 0 ? idOf(S, x) : idOf(S.ext[~x >>> bits], ~x & indexMask);
}

/** The id of (S, j): its creation index in the trace that listed it, else
 *  one unique to it. */
export function idOf(S: Segment, j: number): number {
  const ids = S.ids;
  const id = ids === null ? -1 : ids[j] - 1;
  return id >= 0 ? id : S.base + j;
}
