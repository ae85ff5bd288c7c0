// Likely bugs, found in a finished run's snapshot:
// - nonfinite-origin: with `log(-2)` somewhere every value after it is NaN;
//   this names the first value whose data became non-finite from finite
//   inputs, and the first backward step that made a grad non-finite.
// - grad-not-zero: backward() adds to grads (as micrograd's does); a call
//   that starts while grads in its graph are not zero, without zeroGrad(),
//   is micrograd's issue #53.
// - kink: a ReLU whose input is within a gradient check's h of 0 (a kink in
//   the op table): there finite differences measure the corner, not the
//   gradient, and backward's relu'(0) = 0 is a convention.

import { kinkNear, ops, opSymbol } from '../common/ops.js';
import { checkSteps } from './explore.js';
import { fixed4 } from '../common/format.js';
import { nameOf, opText, type BackwardCall, type BackwardStep, type Diagnostic, type GraphNode, type Snapshot } from '../common/snapshot.js';

/** A snapshot's nodes by id. */
interface Lookup {
  get(id: number): GraphNode | undefined;
}

export function diagnose(snapshot: Snapshot): Diagnostic[] {
  const byId = lookupOf(snapshot.nodes);
  const found: Diagnostic[] = [];
  const forward = firstNonFiniteValue(snapshot.nodes, byId);
  if (forward !== null) found.push(forward);
  for (const call of snapshot.backward) {
    if (staysFinite(call)) continue;
    const step = firstNonFiniteStep(call, byId);
    if (step !== null) {
      found.push(step);
      break;
    }
  }
  const accumulating = snapshot.backward.filter((call) => nonZeroBefore(call).length > 0);
  if (accumulating.length > 0) found.push(gradNotZero(accumulating[0]!, accumulating.length - 1, snapshot.backward.indexOf(accumulating[0]!), byId));
  const kink = firstKink(snapshot, byId);
  if (kink !== null) found.push(kink);
  return found;
}

/** The nodes by id: a binary search when they are in id order, as a run's
 *  snapshot lists them (a Map of a long training's 590,000 nodes costs a
 *  large share of the run's time), else a Map. */
function lookupOf(nodes: GraphNode[]): Lookup {
  for (let k = 1; k < nodes.length; k++) {
    if (nodes[k]!.id <= nodes[k - 1]!.id) return new Map(nodes.map((n) => [n.id, n]));
  }
  return {
    get(id: number): GraphNode | undefined {
      let lo = 0;
      let hi = nodes.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const midId = nodes[mid]!.id;
        if (midId === id) return nodes[mid];
        if (midId < id) lo = mid + 1;
        else hi = mid - 1;
      }
      return undefined;
    },
  };
}

/** Whether no grad of the call can have become non-finite: every number it
 *  starts from and adds is finite, and all of them together are too small to
 *  overflow (each grad is a sum of some of them). One pass over the deltas
 *  instead of replaying them (firstNonFiniteStep). */
function staysFinite(call: BackwardCall): boolean {
  let bound = 1; // the root's grad
  for (const [, grad] of call.gradsBefore) bound += Math.abs(grad);
  for (const step of call.steps) for (const [, delta] of step.deltas) bound += Math.abs(delta);
  return bound < 1e300; // false for NaN and Infinity
}

function at(kind: Diagnostic['kind'], node: GraphNode, message: string): Diagnostic {
  return { kind, message, node: node.id, line: node.loc?.line ?? null, column: node.loc?.column ?? null };
}

/** The first value (in creation order) that is NaN or ±Infinity while its inputs are finite. */
function firstNonFiniteValue(nodes: GraphNode[], byId: Lookup): Diagnostic | null {
  for (const n of nodes) {
    if (Number.isFinite(n.data)) continue;
    const inputs = n.inputs.map((id) => byId.get(id)).filter((x): x is GraphNode => x !== undefined);
    if (!inputs.every((x) => Number.isFinite(x.data))) continue;
    if (n.inputs.length === 0) return at('nonfinite-origin', n, `${nameOf(n)} was created as ${n.data}: the first non-finite value`);
    const args = inputs.map((x) => `${nameOf(x)} = ${fixed4(x.data)}`).join(', ');
    return at('nonfinite-origin', n, `${nameOf(n)} = ${opText(n)}(${args}) is ${n.data}: the first value that became non-finite from finite inputs`);
  }
  return null;
}

/** The first recorded step whose delta made an input's finite grad non-finite
 *  while the numbers it used were finite (else the forward origin explains it). */
function firstNonFiniteStep(call: BackwardCall, byId: Lookup): Diagnostic | null {
  const grads = new Map<number, number>(call.gradsBefore);
  grads.set(call.root, 1);
  const leafData = new Map(call.leafData);
  const dataOf = (id: number) => leafData.get(id) ?? byId.get(id)!.data;
  // Whether the step's own numbers were finite is asked only when a grad
  // turns non-finite: a 65,818-value graph has that many steps.
  const finiteStep = (step: BackwardStep, out: GraphNode) =>
    Number.isFinite(grads.get(step.node) ?? 0) && Number.isFinite(dataOf(out.id)) && out.inputs.every((id) => Number.isFinite(dataOf(id)));
  for (const step of call.steps) {
    for (const [id, delta] of step.deltas) {
      const before = grads.get(id) ?? 0;
      const after = before + delta;
      grads.set(id, after);
      if (Number.isFinite(before) && !Number.isFinite(after) && finiteStep(step, byId.get(step.node)!)) {
        const out = byId.get(step.node)!;
        const input = byId.get(id)!;
        const outGrad = grads.get(step.node) ?? 0;
        return at('nonfinite-origin', out, `the _backward of ${nameOf(out)} (${opText(out)}) made ${nameOf(input)}.grad ${after} (out.grad ${fixed4(outGrad)}): the first non-finite grad`);
      }
    }
  }
  return null;
}

/** Nodes of the call's graph other than the root whose grad was not 0 when it started. */
function nonZeroBefore(call: BackwardCall): [number, number][] {
  return call.gradsBefore.filter(([id, grad]) => id !== call.root && grad !== 0);
}

function gradNotZero(call: BackwardCall, more: number, index: number, byId: Lookup): Diagnostic {
  const nonZero = nonZeroBefore(call).sort((x, y) => x[0] - y[0]);
  const first = byId.get(nonZero[0]![0])!;
  const names = nonZero.slice(0, 5).map(([id, grad]) => `${nameOf(byId.get(id) ?? ({ id, label: null } as GraphNode))} ${fixed4(grad)}`);
  const root = byId.get(call.root);
  const rest = nonZero.length > 5 ? `, … ${nonZero.length - 5} more` : '';
  const later = more > 0 ? `; so did ${more} later call${more === 1 ? '' : 's'}` : '';
  return at(
    'grad-not-zero',
    first,
    `backward() call ${index + 1}${root ? ` on ${nameOf(root)}` : ''} started with ${nonZero.length} grad${nonZero.length === 1 ? '' : 's'} in its graph not zero (${names.join(', ')}${rest}): grads add up; call zeroGrad() or set .grad = 0 before backward()${later}`,
  );
}

/** The first op (in creation order) that a backward call stepped through while
 *  its input sat within the gradient check's largest h of a kink, and how many more did. */
function firstKink(snapshot: Snapshot, byId: Lookup): Diagnostic | null {
  const h = Math.max(...checkSteps);
  // Few values sit at a kink: find them first, then keep those a backward call stepped through.
  const near = new Set<number>();
  for (const n of snapshot.nodes) {
    if (n.op === null || ops[n.op].kinks.length === 0) continue;
    const input = byId.get(n.inputs[0]!);
    if (input !== undefined && kinkNear(n.op, input.data, h) !== null) near.add(n.id);
  }
  if (near.size === 0) return null;
  const stepped = new Set<number>();
  for (const call of snapshot.backward) for (const step of call.steps) if (near.has(step.node)) stepped.add(step.node);
  if (stepped.size === 0) return null;
  // The first in creation order (ids are), and how many more.
  let firstId = Infinity;
  for (const id of stepped) firstId = Math.min(firstId, id);
  const first = byId.get(firstId)!;
  const more = stepped.size - 1;
  const input = byId.get(first.inputs[0]!)!;
  // An nn neuron's ReLU has no label: its module path says which neuron it is.
  const where = first.label === null && first.module !== null ? ` (${first.module})` : '';
  const others = more > 0 ? ` (and ${more} more ${more === 1 ? 'input' : 'inputs'} like it)` : '';
  return at('kink', first, `${nameOf(first)}${where} = ${opSymbol(first.op!, first.k)}(${nameOf(input)}) has input ${fixed4(input.data)}, within h = ${h} of its kink at 0${others}: finite differences are not meaningful here, and backward uses ${opSymbol(first.op!, first.k)}'(0) = ${first.op === 'relu' ? '0' : 'its slope'}`);
}
