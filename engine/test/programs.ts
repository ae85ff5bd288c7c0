// Random programs for the tests: a seeded generator of scalar expression
// graphs over every op, kept inside each op's domain and away from kinks; a
// plain-number evaluator; and the same program as Value calls or as text.

import { Value } from '../value.js';

export type Op = 'add' | 'sub' | 'mul' | 'div' | 'neg' | 'pow' | 'relu' | 'leakyRelu' | 'tanh' | 'exp' | 'log' | 'sigmoid';
export const ops: Op[] = ['add', 'sub', 'mul', 'div', 'neg', 'pow', 'relu', 'tanh', 'exp', 'log', 'sigmoid'];
/** micrograd's ops and Gradscope's own (leakyRelu, with its default slope 0.01). */
export const allOps: Op[] = [...ops, 'leakyRelu'];
const binaryOps = new Set<Op>(['add', 'sub', 'mul', 'div']);
const exponents = [2, 3, -1, -2, 0.5, 1.5, 2.5];

export interface Node {
  op: Op | 'leaf';
  /** Indices of earlier nodes. */
  args: number[];
  /** A plain-number second operand instead of a node (binary ops only). */
  constant?: number;
  k?: number;
  data?: number;
}

/** The op on plain numbers. */
export function apply(op: Op, a: number, b: number, k: number): number {
  switch (op) {
    case 'add': return a + b;
    case 'sub': return a - b;
    case 'mul': return a * b;
    case 'div': return a / b;
    case 'neg': return -a;
    case 'pow': return a ** k;
    case 'relu': return Math.max(a, 0);
    case 'leakyRelu': return a > 0 ? a : 0.01 * a;
    case 'tanh': return Math.tanh(a);
    case 'exp': return Math.exp(a);
    case 'log': return Math.log(a);
    case 'sigmoid': return 1 / (1 + Math.exp(-a));
  }
}

export function evaluate(nodes: Node[], leaves: Map<number, number> = new Map()): number[] {
  const out: number[] = [];
  nodes.forEach((n, i) => {
    if (n.op === 'leaf') out.push(leaves.get(i) ?? n.data!);
    else out.push(apply(n.op, out[n.args[0]], n.constant ?? out[n.args[1]], n.k ?? 0));
  });
  return out;
}

/** Keeps every op well inside its domain and away from kinks, so a central
 *  difference is accurate: returns false when this input should be redrawn. */
function inDomain(op: Op, a: number, b: number, k: number, result: number): boolean {
  if (!Number.isFinite(result) || Math.abs(result) > 50) return false;
  switch (op) {
    case 'div': return Math.abs(b) > 0.1;
    case 'log': return a > 0.1;
    case 'pow': return Number.isInteger(k) ? (k > 0 || Math.abs(a) > 0.1) : a > 0.1;
    case 'relu': case 'leakyRelu': return Math.abs(a) > 0.05;
    case 'exp': return a < 3;
    default: return true;
  }
}

export function generate(rand: () => number, choices: readonly Op[] = ops): Node[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const nodes: Node[] = [];
  const leafCount = 2 + Math.floor(rand() * 4);
  for (let i = 0; i < leafCount; i++) nodes.push({ op: 'leaf', args: [], data: round(rand() * 4 - 2) || 0.5 });
  const opCount = 5 + Math.floor(rand() * 26);
  const values = evaluate(nodes);
  // Prefer recent nodes so programs get deep, not just wide.
  const operand = () => Math.max(0, nodes.length - 1 - Math.floor(rand() * rand() * nodes.length));
  for (let made = 0; made < opCount; ) {
    const op = pick(choices);
    const a = operand();
    const node: Node = { op, args: [a] };
    if (binaryOps.has(op)) {
      if (rand() < 0.2) node.constant = round(rand() * 6 - 3) || 1.5;
      else node.args.push(operand());
    }
    if (op === 'pow') node.k = pick(exponents);
    const b = node.constant ?? values[node.args[1]] ?? 0;
    const result = apply(op, values[a], b, node.k ?? 0);
    if (!inDomain(op, values[a], b, node.k ?? 0, result)) continue;
    nodes.push(node);
    values.push(result);
    made++;
  }
  // Sum in every node nothing consumed yet, so all leaves can reach the output.
  const consumed = new Set(nodes.flatMap((n) => n.args));
  const last = nodes.length - 1;
  for (let i = 0; i < last; i++) {
    if (!consumed.has(i)) nodes.push({ op: 'add', args: [nodes.length - 1, i] });
  }
  return nodes;
}

export function buildValues(nodes: Node[]): Value[] {
  const vs: Value[] = [];
  for (const n of nodes) {
    if (n.op === 'leaf') {
      vs.push(new Value(n.data!));
      continue;
    }
    const a = vs[n.args[0]];
    const b: Value | number = n.constant ?? vs[n.args[1]];
    switch (n.op) {
      case 'add': vs.push(a.add(b)); break;
      case 'sub': vs.push(a.sub(b)); break;
      case 'mul': vs.push(a.mul(b)); break;
      case 'div': vs.push(a.div(b)); break;
      case 'pow': vs.push(a.pow(n.k!)); break;
      default: vs.push(a[n.op]());
    }
  }
  return vs;
}

export function programText(nodes: Node[]): string {
  const lines = ["import { Value } from 'gradscope';"];
  nodes.forEach((n, i) => {
    if (n.op === 'leaf') {
      lines.push(`const x${i}: Value = new Value(${String(n.data)});`);
      return;
    }
    const name = (j: number) => (nodes[j].op === 'leaf' ? `x${j}` : `v${j}`);
    const arg =
      n.op === 'pow' ? String(n.k) : binaryOps.has(n.op) ? (n.constant !== undefined ? String(n.constant) : name(n.args[1])) : '';
    lines.push(`const v${i} = ${name(n.args[0])}.${n.op}(${arg});`);
  });
  lines.push(`v${nodes.length - 1}.backward();`);
  return lines.join('\n');
}

export const leavesOf = (nodes: Node[]) => nodes.flatMap((n, i) => (n.op === 'leaf' ? [i] : []));

/** The lecture's first graph, L = (a·b + c)·f, written with operators (dL/da = b·f, dL/db = a·f). */
export const lectureProgram = (a: number, b: number): string => `const a = new Value(${a.toFixed(1)}, 'a');
const b = new Value(${b.toFixed(1)}, 'b');
const c = new Value(10.0, 'c');
const e = a * b; e.label = 'e';
const d = e + c; d.label = 'd';
const f = new Value(-2.0, 'f');
const L = d * f; L.label = 'L';
L.backward();
`;
