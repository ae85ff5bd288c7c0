// The record of backward() calls that the debugger steps through. For every
// local backward call it keeps the node and the exact delta it added to each
// input, so replaying the deltas in order reproduces the grads bit for bit,
// and subtracting them in reverse steps back.

import type { BackwardCall, BackwardStep } from './snapshot.js';
import type { Value } from './value.js';

/** One backward() call, stored flat in typed arrays sized from the graph:
 *  appending a step while backward runs is a few stores, no allocation. */
export class CallRecord {
  private nodes: Int32Array;
  /** ends[i]: index in `inputs`/`deltas` just after step i's last delta. */
  private ends: Int32Array;
  private inputs: Int32Array;
  private deltas: Float64Array;
  /** Steps recorded so far. */
  length = 0;
  /** Deltas recorded so far. */
  deltaCount = 0;

  /** `size` is the number of nodes in the root's graph: at most one step each, two deltas a step. */
  constructor(
    readonly root: number,
    readonly gradsBefore: [number, number][],
    readonly leafData: [number, number][],
    size: number,
  ) {
    this.nodes = new Int32Array(size);
    this.ends = new Int32Array(size);
    this.inputs = new Int32Array(2 * size);
    this.deltas = new Float64Array(2 * size);
  }

  step(node: number, input: number, delta: number): void {
    const d = this.deltaCount;
    this.inputs[d] = input;
    this.deltas[d] = delta;
    this.deltaCount = d + 1;
    this.nodes[this.length] = node;
    this.ends[this.length++] = d + 1;
  }

  step2(node: number, input0: number, delta0: number, input1: number, delta1: number): void {
    const d = this.deltaCount;
    this.inputs[d] = input0;
    this.deltas[d] = delta0;
    this.inputs[d + 1] = input1;
    this.deltas[d + 1] = delta1;
    this.deltaCount = d + 2;
    this.nodes[this.length] = node;
    this.ends[this.length++] = d + 2;
  }

  /** Gives back the unused capacity once the call is over. */
  shrink(): void {
    this.nodes = this.nodes.slice(0, this.length);
    this.ends = this.ends.slice(0, this.length);
    this.inputs = this.inputs.slice(0, this.deltaCount);
    this.deltas = this.deltas.slice(0, this.deltaCount);
  }

  toJSON(): BackwardCall {
    const steps: BackwardStep[] = [];
    let start = 0;
    for (let i = 0; i < this.length; i++) {
      const deltas: [number, number][] = [];
      for (let j = start; j < this.ends[i]; j++) deltas.push([this.inputs[j], this.deltas[j]]);
      steps.push({ node: this.nodes[i], deltas });
      start = this.ends[i];
    }
    return { root: this.root, steps, gradsBefore: this.gradsBefore, leafData: this.leafData };
  }
}

/** All recorded calls of a run, bounded by a cap on the number of deltas kept. */
export class BackwardLog {
  readonly calls: CallRecord[] = [];
  /** How many of the oldest calls were dropped to stay under the cap. */
  dropped = 0;
  private kept = 0;

  constructor(readonly maxDeltas: number) {}

  /** Starts recording a call; `topo` is the root's graph in topological order. */
  begin(root: Value, topo: Value[]): CallRecord {
    const gradsBefore: [number, number][] = [];
    const leafData: [number, number][] = [];
    for (const v of topo) {
      if (v.grad !== 0) gradsBefore.push([v.id, v.grad]);
      if (v.a === null) leafData.push([v.id, v.data]);
    }
    const call = new CallRecord(root.id, gradsBefore, leafData, topo.length);
    this.calls.push(call);
    return call;
  }

  /** Ends the newest call, then drops the oldest calls while the deltas kept
   *  exceed the cap. The newest call always stays, whatever its size. */
  end(call: CallRecord): void {
    call.shrink();
    this.kept += call.deltaCount;
    while (this.calls.length > 1 && this.kept > this.maxDeltas) {
      this.kept -= this.calls.shift()!.deltaCount;
      this.dropped++;
    }
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
