// The derivative explorer: the definition of the derivative at work. For one
// recorded backward call, nudge a leaf by h, evaluate the root again with the
// very same ops, and compare the slope (f(x+h) − f(x))/h with the grad that
// backward computed. A nudge that moves a ReLU's input across 0 (a kink, in
// the op table) measures the corner, not the gradient: such a check is a
// `kink`, not an error.

import { apply, Value } from './value.js';
import type { BackwardCall, GraphNode, Snapshot } from '../common/snapshot.js';
import { ops } from '../common/ops.js';
import type { GradientCheck, LeafCheck } from '../common/protocol.js';
import { graphOf } from './export/graph.js';

/** Down to 1e-15, so the table shows rounding error taking over below h ≈ 1e-8. */
export const defaultSteps = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-12, 1e-13, 1e-14, 1e-15];
/** Fewer steps for checking every leaf: the best h lies among these for well-scaled programs. */
export const checkSteps = [1e-4, 1e-5, 1e-6, 1e-7];

/** Evaluates the root of `call` with some leaves' data replaced. */
class CallGraph {
  private readonly nodes: GraphNode[];
  private readonly leafData: Map<number, number>;

  constructor(snapshot: Snapshot, readonly call: BackwardCall) {
    this.leafData = new Map(call.leafData);
    // The root's graph, in creation order (inputs always come first).
    this.nodes = graphOf(snapshot.nodes, call.root);
  }

  get leaves(): number[] {
    return this.nodes.filter((n) => n.inputs.length === 0).map((n) => n.id);
  }

  /** The first inputs of kink ops (ReLU) at the unmoved point, by node id. */
  private kinkInputs: Map<number, number> | null = null;

  /** The root's data with `leaf` moved by h, computed by the engine's own ops,
   *  and the first kink op whose input the move carried across (or onto or off) a kink. */
  evaluate(leaf: number | null, h: number): { root: number; kink: number | null } {
    const values = new Map<number, Value>();
    const base = this.kinkInputs;
    const record = base === null ? new Map<number, number>() : null;
    let kink: number | null = null;
    for (const n of this.nodes) {
      const isLeaf = n.inputs.length === 0;
      const data = isLeaf ? (this.leafData.get(n.id) ?? n.data) + (n.id === leaf ? h : 0) : 0;
      values.set(n.id, isLeaf ? new Value(data) : applyNode(n, values));
      if (isLeaf || n.op === null || ops[n.op].kinks.length === 0) continue;
      const a = values.get(n.inputs[0]!)!.data;
      if (record !== null) record.set(n.id, a);
      else if (kink === null && crosses(ops[n.op].kinks, base!.get(n.id)!, a)) kink = n.id;
    }
    if (record !== null) this.kinkInputs = record;
    return { root: values.get(this.call.root)!.data, kink };
  }

  /** d root / d leaf in this call: the sum of the deltas backward added to it. */
  grad(leaf: number): number {
    if (leaf === this.call.root) return 1;
    let sum = 0;
    for (const step of this.call.steps) for (const [input, delta] of step.deltas) if (input === leaf) sum += delta;
    return sum;
  }
}

function applyNode(n: GraphNode, values: Map<number, Value>): Value {
  if (n.op === null) throw new Error(`${n.label ?? `#${n.id}`}'s op \`${n.userOp ?? '?'}\` is not one Gradscope knows, so its graph cannot be evaluated again`);
  const b = n.inputs.length > 1 ? values.get(n.inputs[1])! : null;
  return apply(n.op, values.get(n.inputs[0])!, b, n.k ?? 0);
}

/** True when a moved from `before` to `after` reached or passed one of the kinks. */
function crosses(kinks: readonly number[], before: number, after: number): boolean {
  return before !== after && kinks.some((p) => Math.sign(before - p) !== Math.sign(after - p));
}

function checkLeaf(graph: CallGraph, leaf: number, f0: number, steps: readonly number[]): LeafCheck {
  const grad = graph.grad(leaf);
  const kinks: (number | null)[] = [];
  const slopes = steps.map((h) => {
    const moved = graph.evaluate(leaf, h);
    kinks.push(moved.kink);
    const slope = (moved.root - f0) / h;
    return { h, slope, relError: Math.abs(slope - grad) / Math.max(Math.abs(grad), 1e-12) };
  });
  const best = slopes.reduce((a, b) => (b.relError < a.relError ? b : a));
  const kink = kinks[slopes.indexOf(best)]!;
  const wrong = best.relError > 1e-3 && Math.abs(best.slope - grad) > 1e-6;
  return { leaf, grad, slopes, best, kink, verdict: kink !== null ? 'kink' : wrong ? 'error' : 'ok' };
}

/** The slopes of call `callIndex`'s root with respect to `leaf`, for each h. */
export function exploreLeaf(snapshot: Snapshot, callIndex: number, leaf: number, steps = defaultSteps): LeafCheck {
  const graph = new CallGraph(snapshot, snapshot.backward[callIndex]);
  return checkLeaf(graph, leaf, graph.evaluate(null, 0).root, steps);
}

/** The finite-difference check for every leaf of call `callIndex`. */
export function checkAllGradients(snapshot: Snapshot, callIndex: number, steps = checkSteps): GradientCheck {
  const graph = new CallGraph(snapshot, snapshot.backward[callIndex]);
  const f0 = graph.evaluate(null, 0).root;
  const leaves = graph.leaves.map((leaf) => checkLeaf(graph, leaf, f0, steps));
  // A kink's slope is no error of backward's: it is reported as a kink, not as the worst.
  const worst = leaves.reduce<LeafCheck | null>((w, c) => (c.kink === null && (w === null || c.best.relError > w.best.relError) ? c : w), null);
  return { leaves, worst };
}
