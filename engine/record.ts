// The record of backward() calls that the debugger steps through. For every
// local backward call it keeps the node and the exact delta it added to each
// input, so replaying the deltas in order reproduces the grads bit for bit,
// and subtracting them in reverse steps back.

import type { BackwardCall, BackwardStep } from '../common/snapshot.js';
import { copyOfSort, idOf, inputIdOf, lastSortDeltas, lastSortGrads, lastSortLeaves, type DeltaSink, type SortCopy } from './tape.js';

/** What the log keeps of a call: a recorded backward() (CallRecord) or a
 *  debug() of the program's own class (FinishedCall). */
export interface LoggedCall {
  readonly root: number;
  /** Values in the call's graph. */
  readonly size: number;
  readonly deltaCount: number;
  shrink(): void;
  toJSON(): BackwardCall;
}

/** A call recorded elsewhere and complete: debug() steps the user's own
 *  `_backward` functions and writes the steps itself (engine/debug.ts). */
export class FinishedCall implements LoggedCall {
  readonly deltaCount: number;

  constructor(
    private readonly call: BackwardCall,
    private readonly graph: number[],
  ) {
    this.deltaCount = call.steps.reduce((n, s) => n + s.deltas.length, 0);
  }

  get root(): number {
    return this.call.root;
  }

  get size(): number {
    return this.graph.length;
  }

  shrink(): void {}

  toJSON(): BackwardCall {
    return this.call;
  }
}

/** One backward() call. Steps run in reverse topological order, skipping
 *  leaves, so the graph's order gives each step's node and inputs; all a step
 *  must store is the deltas, which keeps recording to a store or two a step. */
export class CallRecord implements DeltaSink, LoggedCall {
  /** The deltas in the order they were added: each step's, input by input. */
  deltas: Float64Array;
  /** Deltas recorded so far. */
  deltaCount = 0;

  constructor(
    readonly root: number,
    /** The root's graph in topological order, as backward() walked it (backwards). */
    readonly graph: SortCopy,
    readonly gradsBefore: [number, number][],
    readonly leafData: [number, number][],
    /** How many deltas the call adds: one per input of each op of the graph. */
    deltaCount: number,
    /** A dropped call's deltas to write over, when it has room for exactly as many. */
    spare: Float64Array | null = null,
  ) {
    this.deltas = spare !== null && spare.length === deltaCount ? spare : new Float64Array(deltaCount);
  }

  get size(): number {
    return this.graph.index.length;
  }

  /** Gives back the unused capacity once the call is over (none when the
   *  whole graph was swept, as backward() does). */
  shrink(): void {
    if (this.deltaCount < this.deltas.length) this.deltas = this.deltas.slice(0, this.deltaCount);
  }

  toJSON(): BackwardCall {
    const { segments, segment, index } = this.graph;
    const steps: BackwardStep[] = [];
    let d = 0;
    for (let n = index.length - 1; n >= 0; n--) {
      const S = segments[segment[n]];
      const j = index[n];
      if (S.op[j] === 0) continue;
      const deltas: [number, number][] = [[inputIdOf(S, j, 0), this.deltas[d++]]];
      const b = inputIdOf(S, j, 1);
      if (b >= 0) deltas.push([b, this.deltas[d++]]);
      steps.push({ node: idOf(S, j), deltas });
    }
    return { root: this.root, steps, gradsBefore: this.gradsBefore, leafData: this.leafData };
  }
}

/** All recorded calls of a run, bounded by a cap on the number of deltas kept. */
export class BackwardLog {
  readonly calls: LoggedCall[] = [];
  /** How many of the oldest calls were dropped to stay under the cap. */
  dropped = 0;
  private kept = 0;
  /** The deltas of the last call dropped, for the next call of the same size
   *  (a training loop's): a step's record then allocates no megabyte of deltas. */
  private spare: Float64Array | null = null;

  constructor(readonly maxDeltas: number) {}

  /** Starts recording a call of `root`, whose graph is the tape's last sort, of `len` nodes. */
  begin(root: number, len: number): CallRecord {
    const graph = copyOfSort(len);
    const { segments, segment, index } = graph;
    const gradsBefore: [number, number][] = [];
    const leafData: [number, number][] = [];
    // Only leaves and nodes with a grad need a look: the sort noted where they are.
    for (const n of lastSortGrads()) {
      const S = segments[segment[n]];
      gradsBefore.push([idOf(S, index[n]), S.grad[index[n]]]);
    }
    for (const n of lastSortLeaves()) {
      const S = segments[segment[n]];
      leafData.push([idOf(S, index[n]), S.data[index[n]]]);
    }
    const call = new CallRecord(root, graph, gradsBefore, leafData, lastSortDeltas(), this.spare);
    if (call.deltas === this.spare) this.spare = null;
    this.calls.push(call);
    return call;
  }

  /** Adds a call recorded elsewhere (debug()); end() it as any other. */
  push(call: LoggedCall): void {
    this.calls.push(call);
  }

  /** Ends the newest call, then drops the oldest calls while the deltas kept
   *  exceed the cap. The newest call always stays, whatever its size.
   *  Returns the calls dropped. */
  end(call: LoggedCall): LoggedCall[] {
    call.shrink();
    this.kept += call.deltaCount;
    const dropped: LoggedCall[] = [];
    while (this.calls.length > 1 && this.kept > this.maxDeltas) {
      const oldest = this.calls.shift()!;
      this.kept -= oldest.deltaCount;
      dropped.push(oldest);
      // No one reads a dropped call's deltas again.
      if (oldest instanceof CallRecord) this.spare = oldest.deltas;
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
