// What the engine notes about a program while it runs: every Value it creates
// (in creation order), where in the source each was created, and a record of
// every backward() call. Outside a trace (plain library use) nothing is kept.
// The values themselves stay on the tape: the trace keeps the tape segments
// that hold them and marks which slots are its own.

import type { Diagnostic, GraphNode, Loc, RunError, RunProgress, Snapshot } from '../common/snapshot.js';
import { createPlot } from './plot.js';
import { ops, opNames } from '../common/ops.js';
import { BackwardLog, CallRecord, type LoggedCall } from './record.js';
import { freshMark, idOf, inputIdOf, type Segment } from './tape.js';
import { modulePath } from './module-path.js';
import { withObserver, type Observer, type Value } from './value.js';
import { CallLog, withCalls } from './group/calls.js';

export interface TraceLimits {
  /** Most Values a program may hold at once (values of dropped backward calls are let go). */
  maxNodes: number;
  /** Most recorded backward deltas kept over all calls; older calls are dropped first. */
  maxRecordedDeltas: number;
}

// How often a long run reports its progress.
const progressEveryMs = 250;

export const defaultLimits: TraceLimits = { maxNodes: 1_000_000, maxRecordedDeltas: 1_000_000 };

/** Thrown when a program passes a limit; the runner reports it as such. */
export class LimitError extends Error {}

/** Thrown when a program runs past its deadline. */
export class TimeoutError extends Error {}

let tracesMade = 0;

export class Trace implements Observer {
  /** The tape segments holding the values kept, oldest first. A long training
   *  loop forgets the values that only its dropped backward calls used (see
   *  forgetDropped), and the segments left with none. */
  private segments: Segment[] = [];
  /** The id of the first value registered in each of `segments`. */
  private firstIds: number[] = [];
  /** The segment of the last value registered. */
  private newest: Segment | null = null;
  /** Marks this trace's slots in a segment's `owners`. */
  readonly number = ++tracesMade;
  /** Values created so far; the next one's id. */
  created = 0;
  /** Values forgotten with dropped backward calls. */
  forgotten = 0;
  /** Graph sizes of dropped calls since the last forgetting: what it may free. */
  private droppedSize = 0;
  /** Every value with an id up to this one belongs to a dropped call or to none. */
  private droppedUpTo = -1;
  /** Source positions of call sites; a Value stores an index into this list. */
  readonly sites: Loc[] = [];
  /** Index of the call site running now, set by the instrumented program. */
  site = -1;
  readonly limits: TraceLimits;
  readonly log: BackwardLog;
  /** Date.now() after which the program is stopped, and what it is told. */
  deadline = Infinity;
  timeoutMessage = 'the program ran too long';
  /** The call site where time ran out, once it has. */
  timedOutAt: number | null = null;
  /** The root's data at every backward() call. */
  readonly rootHistory: number[] = [];
  /** What the program draws; the runner puts `plot` in its scope. */
  readonly plotting = createPlot();
  /** Called now and then while the program runs (see checkTime). */
  onProgress: ((progress: RunProgress) => void) | null = null;
  private startedAt = Date.now();
  private nextProgressAt = Date.now() + progressEveryMs;
  /** The module and function calls that may become groups (group/calls.ts). */
  readonly calls = new CallLog(() => this.created);
  /** The first max-nodes error and the call site that caused it, once there is one. */
  overLimit: { error: LimitError; site: number } | null = null;
  /** Values of the program's own autograd class that debug() listed (engine/debug.ts), in id order. */
  readonly ownNodes: GraphNode[] = [];
  /** The node of each such object, so that a later debug() finds the same one. */
  readonly ownNodeOf = new WeakMap<object, GraphNode>();
  /** The variable each object of an own class was assigned to (outermost first, see
   *  instrument.ts), the call site of that, and how many functions deep it was. */
  readonly ownNames = new WeakMap<object, { name: string; site: number; depth: number }>();
  /** What debug() found (forward-mismatch, local-backward-mismatch), each once. */
  readonly ownFindings: Diagnostic[] = [];

  constructor(limits: Partial<TraceLimits> = {}) {
    this.limits = {
      maxNodes: limits.maxNodes ?? defaultLimits.maxNodes,
      maxRecordedDeltas: limits.maxRecordedDeltas ?? defaultLimits.maxRecordedDeltas,
    };
    this.log = new BackwardLog(this.limits.maxRecordedDeltas);
  }

  /** Values held now: created and not forgotten. */
  get held(): number {
    return this.created - this.forgotten;
  }

  /** Registers the value at slot j of segment S and returns its id, its creation index. */
  add(S: Segment, j: number): number {
    if (this.created - this.forgotten >= this.limits.maxNodes) this.atCap();
    // Programs that make values are checked for time here too, not only in loops.
    if ((this.created & 4095) === 0) this.checkTime(this.site);
    if (S !== this.newest) this.enter(S);
    S.owners![j] = this.number;
    return this.created++;
  }

  /** Lists a value of the program's own class (debug()); returns its node. */
  addOwn(object: object, node: Omit<GraphNode, 'id'>): GraphNode {
    if (this.created - this.forgotten >= this.limits.maxNodes) this.atCap();
    if ((this.created & 4095) === 0) this.checkTime(this.site);
    const listed: GraphNode = { id: this.created++, ...node };
    this.ownNodes.push(listed);
    this.ownNodeOf.set(object, listed);
    return listed;
  }

  /** At the cap, first lets go of what only dropped backward calls used; throws if that is not enough. */
  private atCap(): void {
    if (this.droppedSize > 0) this.forgetDropped();
    if (this.held >= this.limits.maxNodes) {
      // Thrown on every creation past the cap, so a program that catches it
      // still cannot go on allocating; the runner reports it even if caught.
      const error = new LimitError(
        `the program holds more than ${this.limits.maxNodes.toLocaleString('en-US')} values (the max-nodes limit)`,
      );
      this.overLimit ??= { error, site: this.site };
      throw error;
    }
  }

  /** Starts keeping values of segment S. */
  private enter(S: Segment): void {
    if (this.segments[this.segments.length - 1] !== S) {
      this.segments.push(S);
      this.firstIds.push(this.created);
    }
    S.owners ??= new Int32Array(S.capacity);
    this.newest = S;
  }

  /** Throws once the deadline has passed, and on every check after that, so
   *  a try/catch in the program cannot swallow it. */
  checkTime(site: number): void {
    if (this.timedOutAt === null) {
      const now = Date.now();
      if (now >= this.nextProgressAt) this.reportProgress(now);
      if (now <= this.deadline) return;
      this.timedOutAt = site;
    }
    throw new TimeoutError(this.timeoutMessage);
  }

  private reportProgress(now: number): void {
    this.nextProgressAt = now + progressEveryMs;
    this.onProgress?.({
      elapsedMs: now - this.startedAt,
      values: this.created,
      rootHistory: [...this.rootHistory],
      series: this.plotting.plots.series.map((s) => ({ name: s.name, values: [...s.values] })),
    });
  }

  /** Called by backward() before its first step: starts the call's record. */
  beginBackward(root: Value, len: number): CallRecord {
    this.rootHistory.push(root.data);
    return this.log.begin(root.id, len);
  }

  /** Adds a finished debug() call (its root's data is `rootData`), as backward() would. */
  addCall(call: LoggedCall, rootData: number): void {
    this.rootHistory.push(rootData);
    this.log.push(call);
    this.endCall(call);
  }

  /** Called by backward() when its call is over: applies the record's cap. */
  endBackward(call: CallRecord): void {
    this.endCall(call);
  }

  private endCall(call: LoggedCall): void {
    const dropped = this.log.end(call);
    if (dropped.length === 0) return;
    for (const old of dropped) {
      this.droppedSize += old.size;
      this.droppedUpTo = Math.max(this.droppedUpTo, old.root);
    }
    // Forget in batches: each pass walks every kept value.
    if (this.droppedSize > this.held / 2) this.forgetDropped();
  }

  /** Forgets values created up to the last dropped call that no kept call
   *  uses, so a training loop's memory stays bounded like its record. Only
   *  the oldest segments, those holding such values, are looked at: a kept
   *  call's own segment is usually newer, so of its graph only the nodes in
   *  other segments (the parameters, mostly) need a mark. */
  private forgetDropped(): void {
    const upTo = this.droppedUpTo;
    const old = new Set<Segment>();
    for (let k = 0; k < this.segments.length && this.firstIds[k] <= upTo; k++) old.add(this.segments[k]);
    // Mark, on the tape, every value in those segments that a kept call uses.
    const used = freshMark();
    for (const call of this.log.calls) {
      // A debug() call's values are the program's own objects, not on the tape.
      if (!(call instanceof CallRecord)) continue;
      const { segments, segment, index, outside } = call.graph;
      if (old.has(segments[0])) {
        for (let n = 0; n < index.length; n++) segments[segment[n]].mark[index[n]] = used;
        continue;
      }
      for (let k = 0; k < outside.length; k++) {
        const S = segments[segment[outside[k]]];
        if (old.has(S)) S.mark[index[outside[k]]] = used;
      }
    }
    const segments: Segment[] = [];
    const firstIds: number[] = [];
    for (let k = 0; k < this.segments.length; k++) {
      const S = this.segments[k];
      if (!old.has(S) || this.keepsAny(S, used) || k === this.segments.length - 1) {
        segments.push(S);
        firstIds.push(this.firstIds[k]);
      }
    }
    this.segments = segments;
    this.firstIds = firstIds;
    this.droppedSize = 0;
  }

  /** Forgets the values of S up to the last dropped call that are not marked
   *  `used`; returns whether S keeps any value of this trace. */
  private keepsAny(S: Segment, used: number): boolean {
    const owners = S.owners!;
    const ids = S.ids!;
    const mark = S.mark;
    let kept = 0;
    for (let j = 0; j < S.n; j++) {
      if (owners[j] !== this.number) continue;
      if (ids[j] - 1 > this.droppedUpTo || mark[j] === used) {
        kept++;
      } else {
        owners[j] = 0;
        this.forgotten++;
      }
    }
    return kept > 0;
  }

  /** The segments holding the values kept, oldest first: the slots whose
   *  `owners` entry is this trace's number, in creation order. */
  keptSegments(): readonly Segment[] {
    return this.segments;
  }

  loc(site: number): Loc | null {
    return this.sites[site] ?? null;
  }
}

/** Runs `fn` with `trace` noting its values and backward calls (null: none),
 *  restoring the previous trace afterwards. */
export function withTrace<T>(trace: Trace | null, fn: () => T): T {
  return withObserver(trace, () => withCalls(trace?.calls ?? null, fn));
}

/** The snapshot's node for the value at slot j of S. */
function nodeOf(trace: Trace, S: Segment, j: number): GraphNode {
  const code = S.op[j];
  const op = code === 0 ? null : opNames[code - 1];
  const a = inputIdOf(S, j, 0);
  const b = inputIdOf(S, j, 1);
  const data = S.data[j];
  const grad = S.grad[j];
  const node: GraphNode = {
    id: idOf(S, j),
    label: S.labels?.[j] ?? null,
    op,
    data,
    grad,
    inputs: a < 0 ? [] : b < 0 ? [a] : [a, b],
    loc: trace.loc(S.sites![j] - 1),
    module: modulePath(S.moduleAt(j)),
    nonFinite: !Number.isFinite(data) || !Number.isFinite(grad),
  };
  if (op !== null && ops[op].param !== null) node.k = S.kAt(j);
  return node;
}

/** The snapshot of everything `trace` saw, with the run's console and error. */
export function snapshotOf(trace: Trace, output: string[], error: RunError | null): Snapshot {
  const nodes: GraphNode[] = [];
  // Values of the program's own class (debug()) go in among the engine's, by id.
  const own = trace.ownNodes;
  let o = 0;
  for (const S of trace.keptSegments()) {
    const owners = S.owners!;
    for (let j = 0; j < S.n; j++) {
      if (owners[j] !== trace.number) continue;
      const node = nodeOf(trace, S, j);
      while (o < own.length && own[o]!.id < node.id) nodes.push(own[o++]!);
      nodes.push(node);
    }
  }
  while (o < own.length) nodes.push(own[o++]!);
  const warnings: string[] = [];
  const dropped = trace.log.warning();
  if (dropped !== null) warnings.push(dropped);
  if (trace.forgotten > 0) {
    warnings.push(
      `${trace.forgotten.toLocaleString('en-US')} values that only the dropped backward() calls used were ` +
        `forgotten: their ids are missing from nodes`,
    );
  }
  return {
    format: 'gradscope.graph/1',
    nodes,
    backward: trace.log.calls.map((call) => call.toJSON()),
    console: output,
    error,
    warnings,
    rootHistory: trace.rootHistory,
    plots: trace.plotting.plots,
  };
}
