// The record of backward() calls that the debugger steps through. For every
// local backward call it keeps the node and the exact delta it added to each
// input, so replaying the deltas in order reproduces the grads bit for bit,
// and subtracting them in reverse steps back.

import type { BackwardCall, BackwardStep } from '../common/snapshot.js';
import { idOf, inputOf, orderIdxAt, orderSegAt, type DeltaSink } from './tape.js';

/** One backward() call. Steps run in reverse topological order, skipping
 *  leaves, so the graph's order gives each step's node and inputs; all a step
 *  must store is the deltas, which keeps recording to a store or two a step. */
export class CallRecord implements DeltaSink {
  /** The deltas in the order they were added: each step's, input by input. */
  private deltas: Float64Array;
  /** Deltas recorded so far. */
  deltaCount = 0;

  constructor(
    readonly root: number,
    /** Ids of the root's graph in topological order, as backward() walked it
     *  (backwards), and of each node's inputs (-1: none). */
    readonly topo: Int32Array,
    readonly inputA: Int32Array,
    readonly inputB: Int32Array,
    readonly gradsBefore: [number, number][],
    readonly leafData: [number, number][],
  ) {
    this.deltas = new Float64Array(2 * topo.length);
  }

  add(delta: number): void {
    this.deltas[this.deltaCount++] = delta;
  }

  /** Gives back the unused capacity once the call is over. */
  shrink(): void {
    this.deltas = this.deltas.slice(0, this.deltaCount);
  }

  toJSON(): BackwardCall {
    const steps: BackwardStep[] = [];
    let d = 0;
    for (let i = this.topo.length - 1; i >= 0; i--) {
      if (this.inputA[i] < 0) continue;
      const deltas: [number, number][] = [[this.inputA[i], this.deltas[d++]]];
      if (this.inputB[i] >= 0) deltas.push([this.inputB[i], this.deltas[d++]]);
      steps.push({ node: this.topo[i], deltas });
    }
    return { root: this.root, steps, gradsBefore: this.gradsBefore, leafData: this.leafData };
  }
}

/** Id of input `which` of node n of the last sort, or -1. */
function inputId(n: number, which: 0 | 1): number {
  const input = inputOf(orderSegAt(n), orderIdxAt(n), which);
  return input === null ? -1 : idOf(input[0], input[1]);
}

/** All recorded calls of a run, bounded by a cap on the number of deltas kept. */
export class BackwardLog {
  readonly calls: CallRecord[] = [];
  /** How many of the oldest calls were dropped to stay under the cap. */
  dropped = 0;
  private kept = 0;

  constructor(readonly maxDeltas: number) {}

  /** Starts recording a call of `root`, whose graph is the tape's last sort, of `len` nodes. */
  begin(root: number, len: number): CallRecord {
    const gradsBefore: [number, number][] = [];
    const leafData: [number, number][] = [];
    const topo = new Int32Array(len);
    const inputA = new Int32Array(len);
    const inputB = new Int32Array(len);
    for (let n = 0; n < len; n++) {
      const S = orderSegAt(n);
      const j = orderIdxAt(n);
      const id = idOf(S, j);
      topo[n] = id;
      if (S.grad[j] !== 0) gradsBefore.push([id, S.grad[j]]);
      if (S.op[j] === 0) {
        leafData.push([id, S.data[j]]);
        inputA[n] = inputB[n] = -1;
      } else {
        inputA[n] = inputId(n, 0);
        inputB[n] = inputId(n, 1);
      }
    }
    const call = new CallRecord(root, topo, inputA, inputB, gradsBefore, leafData);
    this.calls.push(call);
    return call;
  }

  /** Ends the newest call, then drops the oldest calls while the deltas kept
   *  exceed the cap. The newest call always stays, whatever its size.
   *  Returns the calls dropped. */
  end(call: CallRecord): CallRecord[] {
    call.shrink();
    this.kept += call.deltaCount;
    const dropped: CallRecord[] = [];
    while (this.calls.length > 1 && this.kept > this.maxDeltas) {
      const oldest = this.calls.shift()!;
      this.kept -= oldest.deltaCount;
      dropped.push(oldest);
    }
    this.dropped += dropped.length;
    return dropped;
  }

  /** The message for the user when the cap made calls drop, else null. */
  warning(): string | null {
    if (this.dropped === 0) return null;
    return (
      `backward record cap reached (${this.maxDeltas.toLocaleString('en-US')} deltas): ` +
      `the oldest ${this.dropped.toLocaleString('en-US')} backward() calls were dropped, ` +
      `the newest ${this.calls.length.toLocaleString('en-US')} are kept`
    );
  }
}
