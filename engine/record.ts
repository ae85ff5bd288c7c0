// The record of backward() calls that the debugger steps through. For every
// local backward call it keeps the node and the exact delta it added to each
// input, so replaying the deltas in order reproduces the grads bit for bit,
// and subtracting them in reverse steps back.

import type { BackwardCall, BackwardStep } from './snapshot.js';
import type { Value } from './value.js';

/** One backward() call, stored flat: cheap to append while backward runs. */
export class CallRecord {
  readonly nodes: number[] = [];
  /** ends[i]: index in `inputs`/`deltas` after step i's last delta. */
  readonly ends: number[] = [];
  readonly inputs: number[] = [];
  readonly deltas: number[] = [];

  constructor(
    readonly root: number,
    readonly gradsBefore: [number, number][],
    readonly leafData: [number, number][],
  ) {}

  step(node: number, input: number, delta: number): void {
    this.nodes.push(node);
    this.inputs.push(input);
    this.deltas.push(delta);
    this.ends.push(this.deltas.length);
  }

  step2(node: number, input0: number, delta0: number, input1: number, delta1: number): void {
    this.nodes.push(node);
    this.inputs.push(input0, input1);
    this.deltas.push(delta0, delta1);
    this.ends.push(this.deltas.length);
  }

  toJSON(): BackwardCall {
    const steps: BackwardStep[] = [];
    let start = 0;
    for (let i = 0; i < this.nodes.length; i++) {
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
    const call = new CallRecord(root.id, gradsBefore, leafData);
    this.calls.push(call);
    return call;
  }

  /** Ends the newest call, then drops the oldest calls while the deltas kept
   *  exceed the cap. The newest call always stays, whatever its size. */
  end(call: CallRecord): void {
    this.kept += call.deltas.length;
    while (this.calls.length > 1 && this.kept > this.maxDeltas) {
      this.kept -= this.calls.shift()!.deltas.length;
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
