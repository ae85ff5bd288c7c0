// What the engine notes about a program while it runs: every Value it creates
// (in creation order), where in the source each was created, and a record of
// every backward() call. Outside a trace (plain library use) nothing is kept,
// so Values cost no more than micrograd's.

import type { GraphNode, Loc, RunError, Snapshot } from './snapshot.js';
import { BackwardLog } from './record.js';
import type { Value } from './value.js';

export interface TraceLimits {
  /** Most Values a program may create. */
  maxNodes: number;
  /** Most recorded backward deltas kept over all calls; older calls are dropped first. */
  maxRecordedDeltas: number;
}

export const defaultLimits: TraceLimits = { maxNodes: 1_000_000, maxRecordedDeltas: 4_000_000 };

/** Thrown when a program passes a limit; the runner reports it as such. */
export class LimitError extends Error {}

export class Trace {
  readonly nodes: Value[] = [];
  /** Source positions of call sites; a Value stores an index into this list. */
  readonly sites: Loc[] = [];
  /** Index of the call site running now, set by the instrumented program. */
  site = -1;
  readonly limits: TraceLimits;
  readonly log: BackwardLog;

  constructor(limits: Partial<TraceLimits> = {}) {
    this.limits = { ...defaultLimits, ...limits };
    this.log = new BackwardLog(this.limits.maxRecordedDeltas);
  }

  /** Registers a new Value and returns its id: its index in `nodes`. */
  add(value: Value): number {
    if (this.nodes.length >= this.limits.maxNodes) {
      // Thrown on every creation past the cap, so a program that catches it
      // still cannot go on allocating.
      throw new LimitError(
        `the program created more than ${this.limits.maxNodes.toLocaleString('en-US')} values (the max-nodes limit)`,
      );
    }
    return this.nodes.push(value) - 1;
  }

  loc(site: number): Loc | null {
    return this.sites[site] ?? null;
  }
}

/** The trace the running program writes to, or null in plain library use. */
export let active: Trace | null = null;

/** The nn module path Values are being created in (e.g. `layer0.neuron3`). */
export let modulePath: string | null = null;

/** Runs `fn` with `trace` active, restoring the previous one afterwards. */
export function withTrace<T>(trace: Trace, fn: () => T): T {
  const previous = active;
  active = trace;
  try {
    return fn();
  } finally {
    active = previous;
  }
}

/** Runs `fn` with Values created inside it tagged with the module `path`. */
export function inModule<T>(path: string, fn: () => T): T {
  const previous = modulePath;
  modulePath = path;
  try {
    return fn();
  } finally {
    modulePath = previous;
  }
}

/** The snapshot of everything `trace` saw, with the run's console and error. */
export function snapshotOf(trace: Trace, output: string[], error: RunError | null): Snapshot {
  const nodes: GraphNode[] = trace.nodes.map((v) => {
    const node: GraphNode = {
      id: v.id,
      label: v.label,
      op: v.op,
      data: v.data,
      grad: v.grad,
      inputs: v.inputs.map((input) => input.id),
      loc: trace.loc(v.site),
      module: v.module,
      nonFinite: !Number.isFinite(v.data) || !Number.isFinite(v.grad),
    };
    if (v.op === 'pow') node.k = v.k;
    return node;
  });
  const warning = trace.log.warning();
  return {
    format: 'gradscope.graph/1',
    nodes,
    backward: trace.log.calls.map((call) => call.toJSON()),
    console: output,
    error,
    warnings: warning === null ? [] : [warning],
  };
}
