// The shape a run produces: every Value the program created, every recorded
// backward call, the captured console and the error, if any. The worker sends
// it to the renderer as is; the CLI prints it as `gradscope.graph/1` JSON.

import { opSymbol, type Op } from './ops.js';

export type { Op };

/** A position in the user's source; both 1-based, like an editor's. */
export interface Loc {
  line: number;
  column: number;
}

export interface GraphNode {
  id: number;
  label: string | null;
  op: Op | null;
  /** The op's constant (pow's exponent, leakyRelu's slope); present on those nodes only. */
  k?: number;
  data: number;
  grad: number;
  inputs: number[];
  loc: Loc | null;
  /** The nn module path, e.g. `layer1.neuron3.w0`, or null outside nn. */
  module: string | null;
  /** True when data or grad is NaN or ±Infinity. */
  nonFinite: boolean;
  /** The innermost group the value was made in (see `Group`), or null: outside every group, or a
   *  parameter (a leaf owned by a module is drawn once, not inside each call that uses it). */
  group?: number | null;
  /** debug() only (a value of the program's own class): its `_op` as the class spells it (`**2`,
   *  `ReLU`). A value whose `_op` the op table does not know has `op` null and inputs all the same. */
  userOp?: string;
  /** debug() only: a `forward-mismatch` or `local-backward-mismatch` is about this value. */
  flagged?: boolean;
}

/** Values made by one call, so that a large graph can be drawn as nested, collapsible boxes:
 *  `module`, one call of an nn Module's forward (`MLP.forward #17`, `layer1.neuron3 #17`);
 *  `function`, one call of a function the user wrote that made many values (`loss()`);
 *  `chain`, a run of one associative op that only feeds itself (`Σ 100 terms`, `Π 4 factors`). */
export interface Group {
  id: number;
  label: string;
  kind: 'module' | 'function' | 'chain';
  /** The enclosing group's id, or null at the top. */
  parent: number | null;
  /** How many values it holds, nested groups included. */
  size: number;
  /** The value it hands out (its result used outside it), or null when there is none. */
  output: number | null;
}

/** The symbol of a value's op (`+`, `^2`, or an own class's unknown `_op`), or null for a leaf. */
export function opText(node: GraphNode): string | null {
  if (node.op !== null) return opSymbol(node.op, node.k);
  return node.inputs.length > 0 ? (node.userOp ?? '?') : null;
}

/** What the debugger calls a value: its label, or `#id` when it has none. */
export function nameOf(node: GraphNode): string {
  return node.label ?? `#${node.id}`;
}

export interface BackwardStep {
  /** The node whose local backward ran. */
  node: number;
  /** [inputId, delta]: what it added to each input's grad, in input order. (debug(): an op whose two
   *  inputs are one value, `a * a`, has one delta, the total its `_backward` added.) */
  deltas: [number, number][];
  /** debug() only: what disagrees with the op table in this step (shown in the explanation line). */
  finding?: string;
}

export interface BackwardCall {
  root: number;
  /** Local backward calls in the order they ran (reverse topological). */
  steps: BackwardStep[];
  /** [id, grad] of nodes in the root's graph whose grad was not 0 before the call. */
  gradsBefore: [number, number][];
  /** [id, data] of the leaves in the root's graph at the time of the call
   *  (a training loop changes them afterwards). */
  leafData: [number, number][];
}

export interface RunError {
  message: string;
  line: number | null;
  column: number | null;
  kind: 'syntax' | 'runtime' | 'timeout' | 'limit' | 'import' | 'internal';
}

export interface Snapshot {
  format: 'gradscope.graph/1';
  nodes: GraphNode[];
  backward: BackwardCall[];
  console: string[];
  error: RunError | null;
  /** Things the user should know that are not errors (a cap was reached). */
  warnings: string[];
  /** The root's data at every backward() call, in order, dropped calls too: a training loop's loss curve. */
  rootHistory: number[];
  /** What the program drew with `plot.line` and `plot.decisionBoundary`. */
  plots: Plots;
  /** Likely bugs found in the run (engine/diagnose.ts); the runner always fills it. */
  diagnostics?: Diagnostic[];
  /** The groups nodes refer to by `GraphNode.group` (engine/group/); absent or empty when there are none. */
  groups?: Group[];
}

/** A likely bug, pointing at a value and, where known, a source position.
 *  `nonfinite-origin`: the first value (or backward step) that turned finite numbers into NaN or ±Infinity.
 *  `grad-not-zero`: backward() started while grads in its graph were not zero (no zeroGrad()).
 *  `kink`: an op's input sits within a gradient check's h of a point where it has no derivative (ReLU at 0).
 *  `forward-mismatch`: debug(): a value of the program's own class whose data is not its op of its inputs' data.
 *  `local-backward-mismatch`: debug(): what the class's own `_backward` added to an input's grad is not
 *  the local derivative × out.grad. */
export interface Diagnostic {
  kind: 'nonfinite-origin' | 'grad-not-zero' | 'kink' | 'forward-mismatch' | 'local-backward-mismatch';
  message: string;
  node: number;
  line: number | null;
  column: number | null;
}

export interface Series {
  name: string;
  values: number[];
}

export interface DecisionBoundary {
  /** Mesh coordinates: scores[i][j] is the model's score at (xs[j], ys[i]). */
  xs: number[];
  ys: number[];
  scores: number[][];
  points: [number, number][];
  labels: number[];
}

/** What the program drew with `plot.line` and `plot.decisionBoundary`. */
export interface Plots {
  series: Series[];
  boundaries: DecisionBoundary[];
}

/** How a run is going, reported while it runs (a long training loop). */
export interface RunProgress {
  elapsedMs: number;
  /** Values created so far. */
  values: number;
  rootHistory: number[];
  series: Series[];
}

/** JSON text of a snapshot; non-finite numbers become "NaN", "Infinity", "-Infinity". */
export function toJSON(snapshot: Snapshot, indent?: number): string {
  // A replacer makes JSON.stringify several times slower, so use one only
  // when the snapshot holds a number JSON cannot write.
  const replacer = hasNonFinite(snapshot) ? nonFiniteAsString : undefined;
  return JSON.stringify(snapshot, replacer, indent);
}

function nonFiniteAsString(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

function hasNonFinite(snapshot: Snapshot): boolean {
  const finitePairs = (pairs: [number, number][]) => pairs.every((p) => Number.isFinite(p[1]));
  const finite = (xs: number[]) => xs.every(Number.isFinite);
  return (
    !finite(snapshot.rootHistory) ||
    snapshot.plots.series.some((s) => !finite(s.values)) ||
    snapshot.plots.boundaries.some((b) => b.scores.some((row) => !finite(row))) ||
    snapshot.nodes.some((n) => n.nonFinite || (n.k !== undefined && !Number.isFinite(n.k))) ||
    snapshot.backward.some(
      (call) =>
        !finitePairs(call.gradsBefore) || !finitePairs(call.leafData) || call.steps.some((s) => !finitePairs(s.deltas)),
    )
  );
}

/** A snapshot with nothing but an error: what a run stopped from outside leaves. */
export function failedSnapshot(error: RunError): Snapshot {
  return {
    format: 'gradscope.graph/1',
    nodes: [],
    backward: [],
    console: [],
    error,
    warnings: [],
    rootHistory: [],
    plots: { series: [], boundaries: [] },
  };
}
