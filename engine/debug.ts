// debug(root): the debugger for the program's OWN autograd class. People who
// learn backpropagation write micrograd themselves, and their bugs are in
// their class: a `_backward` that sets a grad instead of adding to it, or
// multiplies by the wrong operand. debug() takes a value of any
// micrograd-shaped class (data, grad, inputs in `_prev` or `_children`, `_op`,
// `_backward`, an optional `label`), lists its graph like Gradscope's own
// values, and does what micrograd's backward() does: the same depth-first
// topological order, root.grad = 1, then every node's `_backward`, reversed;
// the class's OWN `_backward`, one node at a time, recording what each call
// added to each input's grad, so the stepper steps through it.
//
// A node whose `_op` the op table knows (`+ * **2 ReLU tanh exp …`) is
// checked: its data against the op's forward of its inputs' data
// (forward-mismatch), and what its `_backward` added to each input against
// the local derivative × out.grad (local-backward-mismatch).
//
// The objects are changed only by their own `_backward` and by root.grad = 1,
// as micrograd's backward() would: afterwards their grads are what
// root.backward() would leave (they add up, so zero them before a second call).

import { constant, fixed4 } from '../common/format.js';
import { ops, type Op, type Terms } from '../common/ops.js';
import { nameOf, type BackwardStep, type Diagnostic, type GraphNode } from '../common/snapshot.js';
import { FinishedCall } from './record.js';
import { Trace } from './trace.js';
import { currentObserver, Value } from './value.js';

export interface DebugOptions {
  /** How far a value may be from the op table's and still agree: relative, and absolute
   *  for numbers below 1. 1e-9 by default. */
  tolerance?: number;
}

/** A value of a micrograd-shaped class, as debug() reads it. */
interface Own {
  data: number;
  grad: number;
  _backward(): void;
  _op?: unknown;
  label?: unknown;
}

/** Runs `root`'s backward with its class's own `_backward` functions, step by
 *  step, and checks each step against the op table. Returns what it found
 *  (also in the run's diagnostics). */
export function debug(root: object, options: DebugOptions = {}): Diagnostic[] {
  const tolerance = options.tolerance ?? 1e-9;
  const observer = currentObserver();
  const trace = observer instanceof Trace ? observer : null;
  if (root instanceof Value) {
    throw new TypeError("debug(x) is for your own Value class; x is Gradscope's Value: call x.backward() and step it");
  }
  const topo = topologicalOrder(own(root, 'debug(x): x'));
  let localIds = 0;
  const nodes = new Map<Own, GraphNode>();
  for (const v of topo) {
    const node = trace?.ownNodeOf.get(v) ?? describe(v, nodes, trace, () => localIds++);
    node.data = v.data;
    nodes.set(v, node);
  }
  const rootNode = nodes.get(topo[topo.length - 1]!)!;
  const gradsBefore: [number, number][] = [];
  const leafData: [number, number][] = [];
  for (const [v, node] of nodes) {
    if (v.grad !== 0) gradsBefore.push([node.id, v.grad]);
    if (childrenOf(v).length === 0) leafData.push([node.id, v.data]);
  }

  const found: Diagnostic[] = [];
  const steps: BackwardStep[] = [];
  const objectOf = new Map([...nodes].map(([v, node]) => [node.id, v]));
  topo[topo.length - 1]!.grad = 1;
  for (let n = topo.length - 1; n >= 0; n--) {
    const v = topo[n]!;
    const node = nodes.get(v)!;
    // In the node's input order (a class may list `-`'s inputs the other way round).
    const children = [...new Set(node.inputs)].map((id) => objectOf.get(id)!);
    const outGrad = v.grad;
    const before = children.map((c) => c.grad);
    v._backward();
    if (children.length === 0) continue;
    const deltas = children.map((c, i): [number, number] => [nodes.get(c)!.id, gradOf(c, node) - before[i]!]);
    const step: BackwardStep = { node: node.id, deltas };
    steps.push(step);
    if (node.op === null) continue;
    const findings = check(node, outGrad, before, deltas, nodes, tolerance);
    if (findings.length === 0) continue;
    node.flagged = true;
    step.finding = findings.map((f) => f.message).join('; ');
    found.push(...findings);
  }
  for (const [v, node] of nodes) {
    node.grad = v.grad;
    node.nonFinite = !Number.isFinite(node.data) || !Number.isFinite(node.grad);
  }
  if (trace !== null) {
    const call = { root: rootNode.id, steps, gradsBefore, leafData };
    trace.addCall(new FinishedCall(call, [...nodes.values()].map((n) => n.id)), rootNode.data);
    for (const f of found) {
      if (!trace.ownFindings.some((g) => g.kind === f.kind && g.node === f.node)) trace.ownFindings.push(f);
    }
  }
  return found;
}

/** micrograd's build_topo: depth first, each node after its inputs, with a
 *  stack of its own so that a deep graph cannot overflow the call stack. */
function topologicalOrder(root: Own): Own[] {
  const topo: Own[] = [];
  const visited = new Set<Own>([root]);
  const stack: [Own, Own[], number][] = [[root, childrenOf(root), 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top[2] === top[1].length) {
      topo.push(top[0]);
      stack.pop();
      continue;
    }
    const child = top[1][top[2]++]!;
    if (visited.has(child)) continue;
    visited.add(child);
    stack.push([child, childrenOf(child), 0]);
  }
  return topo;
}

const childLists = new WeakMap<Own, Own[]>();

/** A value's inputs, from `_prev` or `_children` (a Set or an array), checked once. */
function childrenOf(v: Own): Own[] {
  let children = childLists.get(v);
  if (children !== undefined) return children;
  const record = v as unknown as Record<string, unknown>;
  const list = record._prev ?? record._children;
  if (list === undefined || list === null) {
    children = [];
  } else if (list instanceof Set || Array.isArray(list)) {
    children = [...list].map((c, i) => own(c, `an input (${i + 1}) of ${labelOf(v)}`));
  } else {
    throw new TypeError(`debug(): ${labelOf(v)}._prev is ${kindOf(list)}; debug() reads the inputs from _prev or _children, a Set or an array`);
  }
  childLists.set(v, children);
  return children;
}

/** `x` as a value of a micrograd-shaped class, or a TypeError that says what is missing. */
function own(x: unknown, what: string): Own {
  if (typeof x !== 'object' || x === null) {
    throw new TypeError(`${what} is ${kindOf(x)}: debug() takes a value of your own Value class (data, grad, _prev or _children, _op, _backward)`);
  }
  if (x instanceof Value) throw new TypeError(`${what} is Gradscope's Value, not one of your own class: debug() steps your own class's _backward`);
  const v = x as Record<string, unknown>;
  const missing = ['data', 'grad'].filter((f) => typeof v[f] !== 'number');
  if (typeof v._backward !== 'function') missing.push('_backward');
  if (missing.length > 0) {
    throw new TypeError(`${what} has no number ${missing.join(', ')}: debug() takes a value of your own Value class (data, grad, _prev or _children, _op, _backward)`);
  }
  return x as Own;
}

/** An input's grad after a `_backward`, which must still be a number. */
function gradOf(c: Own, out: GraphNode): number {
  const grad = c.grad as unknown;
  if (typeof grad !== 'number') {
    throw new TypeError(`the _backward of ${nameOf(out)} set ${labelOf(c)}.grad to ${kindOf(grad)}: a grad must be a number`);
  }
  return grad;
}

/** The node for an object seen for the first time: label, op, inputs, source position. */
function describe(v: Own, nodes: Map<Own, GraphNode>, trace: Trace | null, nextId: () => number): GraphNode {
  const named = trace?.ownNames.get(v);
  const label = typeof v.label === 'string' && v.label !== '' ? v.label : (named?.name ?? null);
  const userOp = typeof v._op === 'string' ? v._op : '';
  const children = childrenOf(v);
  const { op, k, inputs } = recognise(userOp, children, v.data);
  const fields: Omit<GraphNode, 'id'> = {
    label, op, data: v.data, grad: v.grad, inputs: inputs.map((c) => nodes.get(c)!.id),
    loc: named === undefined || trace === null ? null : trace.loc(named.site),
    module: null, nonFinite: false,
  };
  if (op !== null && ops[op].param !== null) fields.k = k;
  if (userOp !== '') fields.userOp = userOp;
  return trace === null ? { id: nextId(), ...fields } : trace.addOwn(v, fields);
}

// How micrograd, the lecture and their ports spell the ops (lower case).
const spellings: Record<string, Op> = {
  '+': 'add', add: 'add', '*': 'mul', mul: 'mul', '×': 'mul', '-': 'sub', sub: 'sub', '−': 'sub',
  '/': 'div', div: 'div', '÷': 'div', neg: 'neg', relu: 'relu', tanh: 'tanh', exp: 'exp', log: 'log',
  sigmoid: 'sigmoid', 'σ': 'sigmoid',
};
const power = /^\s*(?:\*\*|\^|pow)\s*\(?\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*\)?\s*$/i;

/** The op-table op that `_op` names, with its constant and its inputs in order,
 *  or op null (not checked) when the spelling or the number of inputs does not fit. */
function recognise(text: string, children: Own[], data: number): { op: Op | null; k: number; inputs: Own[] } {
  const distinct = [...new Set(children)];
  const pow = power.exec(text);
  const op: Op | undefined = pow !== null ? 'pow' : spellings[text.trim().toLowerCase()];
  const k = pow !== null ? Number(pow[1]) : 0;
  const unknown = { op: null, k: 0, inputs: distinct };
  if (op === undefined || distinct.length === 0) return unknown;
  const [a, b] = distinct as [Own, Own | undefined];
  if (ops[op].arity === 1) return distinct.length === 1 ? { op, k, inputs: [a] } : unknown;
  if (distinct.length > 2) return unknown;
  // One input: `a * a` (a Set keeps it once), or micrograd's `-` as one op on one value.
  if (b === undefined) {
    if (op === 'sub' && !close(data, 0, 1e-12) && close(data, -a.data, 1e-12)) return { op: 'neg', k: 0, inputs: [a] };
    return { op, k, inputs: [a, a] };
  }
  // A class may keep its inputs in another order; `-` and `/` care which comes first.
  const forward = ops[op].forward;
  if (!close(data, forward(a.data, b.data, k), 1e-9) && close(data, forward(b.data, a.data, k), 1e-9)) return { op, k, inputs: [b, a] };
  return { op, k, inputs: [a, b] };
}

/** Equal within `tolerance`, relative (absolute below 1); NaN agrees with NaN. */
function close(x: number, y: number, tolerance: number): boolean {
  if (x === y || (Number.isNaN(x) && Number.isNaN(y))) return true;
  return Math.abs(x - y) <= tolerance * Math.max(1, Math.abs(x), Math.abs(y));
}

/** The step of `node` (a known op) against the op table: its forward value and its deltas. */
function check(
  node: GraphNode, outGrad: number, before: number[], deltas: [number, number][], nodes: Map<Own, GraphNode>, tolerance: number,
): Diagnostic[] {
  const byId = new Map([...nodes.values()].map((n) => [n.id, n]));
  const spec = ops[node.op!];
  const inputs = node.inputs.map((id) => byId.get(id)!);
  const a = inputs[0]!;
  const b = inputs[1];
  const k = node.k ?? 0;
  const x = { a: a.data, b: b?.data ?? 0, out: node.data, k };
  const o = nameOf(node);
  const symbol = node.userOp ?? spec.symbol(k);
  const found: Diagnostic[] = [];
  const expectedData = spec.forward(x.a, x.b, k);
  if (!close(node.data, expectedData, tolerance)) {
    const args = inputs.map((n) => `${nameOf(n)}.data = ${fixed4(n.data)}`).join(', ');
    found.push(finding('forward-mismatch', node, `${o}.data is ${fixed4(node.data)}, but \`${symbol}\` of ${args} is ${fixed4(expectedData)}: the forward of your \`${symbol}\` disagrees with the op table`));
  }
  const symbols: Terms = {
    a: `${nameOf(a)}.data`, b: b === undefined ? '' : `${nameOf(b)}.data`, out: `${o}.data`, g: `${o}.grad`,
    k: (c) => constant(c),
    test: (cond) => `(${cond})`,
    pick: (cond, _holds, yes, no) => `(${cond} ? ${yes} : ${no})`,
  };
  const local = (p: number) => spec.grads[p]!(x.a, x.b, x.out, k) * outGrad;
  const term = (p: number) => spec.explain[p]!(symbols, x);
  // `a * a`: one delta, the sum of both inputs' terms.
  const shares = deltas.length < inputs.length ? [[0, 1]] : inputs.map((_n, p) => [p]);
  const wrong: string[] = [];
  deltas.forEach(([, delta], i) => {
    const positions = shares[i]!;
    const expected = positions.reduce((sum, p) => sum + local(p), 0);
    if (close(delta, expected, tolerance)) return;
    const input = inputs[positions[0]!]!;
    const rule = positions.map(term).join(' + ');
    let why = '';
    if (before[i] !== 0 && close(before[i]! + delta, expected, tolerance)) {
      why = ` — it set ${nameOf(input)}.grad instead of adding to it (${fixed4(before[i]!)} was there): use +=`;
    } else if (positions.length === 1 && inputs.length === 2 && close(delta, local(1 - positions[0]!), tolerance)) {
      why = ` — that is ${term(1 - positions[0]!)}, the other input's term: the operands are swapped`;
    }
    wrong.push(`your \`_backward\` of \`${symbol}\` (${o}) added ${fixed4(delta)} to ${nameOf(input)}.grad; the chain rule gives ${rule} = ${fixed4(expected)}${why}`);
  });
  if (wrong.length > 0) found.push(finding('local-backward-mismatch', node, wrong.join('; ')));
  return found;
}

function finding(kind: Diagnostic['kind'], node: GraphNode, message: string): Diagnostic {
  return { kind, message, node: node.id, line: node.loc?.line ?? null, column: node.loc?.column ?? null };
}

function labelOf(v: Own): string {
  return typeof v.label === 'string' && v.label !== '' ? v.label : 'a value';
}

function kindOf(x: unknown): string {
  if (x === null) return 'null';
  if (x === undefined) return 'undefined';
  if (Array.isArray(x)) return 'an array';
  return typeof x === 'object' ? 'an object' : `${typeof x} ${String(x)}`;
}
