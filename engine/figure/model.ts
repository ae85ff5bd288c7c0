// What a figure shows: the graph of one backward call (or every value when
// the program never called backward), with each value's data and its grad at
// one step of that call, and the marks of that step. Pure: the same for the
// app and the CLI, so both draw the same figure for the same program and step.

import type { BackwardCall, GraphNode, Snapshot } from '../../common/snapshot.js';
import { defaultGraph, graphOf } from '../export/graph.js';

export interface FigureSource {
  /** The values drawn, in creation order. */
  nodes: GraphNode[];
  call: BackwardCall | null;
  /** Leaf data as of the call (a training loop changes leaves afterwards). */
  leafData: Map<number, number>;
}

/** Call `callIndex` of a run (default: the last, as the app shows it). */
export function sourceOf(snapshot: Snapshot, callIndex = snapshot.backward.length - 1): FigureSource {
  const call = snapshot.backward[callIndex] ?? null;
  if (call === null && snapshot.backward.length > 0) {
    throw new RangeError(`there is no backward() call ${callIndex + 1}: the run made ${snapshot.backward.length}`);
  }
  const nodes = call === null ? defaultGraph(snapshot) : graphOf(snapshot.nodes, call.root);
  return { nodes, call, leafData: new Map(call?.leafData ?? []) };
}

/** Steps of the source's call: 0 when there is none. */
export function stepCount(source: FigureSource): number {
  return source.call?.steps.length ?? 0;
}

/** One position of the stepper: after `step` local backward calls. */
export interface FigureState {
  step: number;
  total: number;
  grad: Map<number, number>;
  /** The node whose `_backward` runs next, and its op's inputs. */
  next: number | null;
  nextInputs: number[];
  /** The step just taken: its node and what it added to each input (edge k = input k). */
  justRan: { node: number; deltas: [number, number][] } | null;
}

/**
 * Every position from 0 to the end, in order, replaying the recorded deltas
 * as the app's stepper does (so the grads match it bit for bit). `visit`
 * sees each state before the next step changes it.
 */
export function replay(source: FigureSource, visit: (state: FigureState) => void, until = stepCount(source)): void {
  const grad = new Map<number, number>();
  const call = source.call;
  if (call === null) {
    for (const n of source.nodes) grad.set(n.id, n.grad);
    visit({ step: 0, total: 0, grad, next: null, nextInputs: [], justRan: null });
    return;
  }
  for (const n of source.nodes) grad.set(n.id, 0);
  for (const [id, g] of call.gradsBefore) grad.set(id, g);
  grad.set(call.root, 1);
  const byId = new Map(source.nodes.map((n) => [n.id, n]));
  const total = call.steps.length;
  for (let step = 0; step <= Math.min(until, total); step++) {
    const next = step < total ? call.steps[step]!.node : null;
    const justRan = step > 0 ? call.steps[step - 1]! : null;
    visit({
      step, total, grad, next,
      nextInputs: next === null ? [] : byId.get(next)?.inputs ?? [],
      justRan: justRan === null ? null : { node: justRan.node, deltas: justRan.deltas },
    });
    if (step < total) for (const [id, delta] of call.steps[step]!.deltas) grad.set(id, (grad.get(id) ?? 0) + delta);
  }
}

/** The state after `step` steps (clamped to 0…total). */
export function stateAt(source: FigureSource, step: number): FigureState {
  const total = stepCount(source);
  const at = Math.max(0, Math.min(total, Math.round(step)));
  let found: FigureState | null = null;
  replay(source, (s) => {
    if (s.step === at) found = { ...s, grad: new Map(s.grad) };
  }, at);
  return found!;
}

export function dataOf(source: FigureSource, node: GraphNode): number {
  return source.leafData.get(node.id) ?? node.data;
}
