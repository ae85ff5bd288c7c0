// The record of backward() calls that the debugger steps through. For every
// local backward call it keeps the node and the exact delta it added to each
// input, so replaying the deltas in order reproduces the grads bit for bit,
// and subtracting them in reverse steps back.

import type { BackwardCall, BackwardStep } from '../common/snapshot.js';
import type { Recording, Value } from './value.js';

/** One backward() call. Steps run in reverse topological order, skipping
 *  leaves, so the graph's order gives each step's node and inputs; all a step
 *  must store is the deltas, which keeps recording to a store or two a step. */
export class CallRecord implements Recording {
  /** The deltas in the order they were added: each step's, input by input. */
  private deltas: Float64Array;
  /** Deltas recorded so far. */
  deltaCount = 0;

  constructor(
    readonly root: number,
    /** The root's graph in topological order, as backward() walked it (backwards). */
    readonly topo: readonly Value[],
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
      const node = this.topo[i];
      if (node.a === null) continue;
      const deltas: [number, number][] = [[node.a.id, this.deltas[d++]]];
      if (node.b !== null) deltas.push([node.b.id, this.deltas[d++]]);
      steps.push({ node: node.id, deltas });
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
    const call = new CallRecord(root.id, topo, gradsBefore, leafData);
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
