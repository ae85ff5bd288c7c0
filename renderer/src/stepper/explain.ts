// The explanation line: the chain-rule update of the step just taken, first
// in symbols then in numbers, e.g.
//   a.grad += b.data × c.grad = 2.0000 × 1.0000 → a.grad = 2.0000
// The local derivatives mirror engine/value.ts `_backward`, one case per op.

import type { GraphNode } from '../../../engine/snapshot.js';
import { fixed4 as n } from '../format.js';
import { opSymbol } from '../graph/elements.js';

export interface Lookup {
  node(id: number): GraphNode;
  /** Data as of the shown backward call (leaves from its leafData). */
  data(id: number): number;
}

export function nameOf(node: GraphNode): string {
  return node.label ?? `#${node.id}`;
}

export interface AppliedStep {
  node: number;
  deltas: { id: number; delta: number; before: number }[];
}

/** One line per input that received gradient. */
export function explainStep(step: AppliedStep, outGrad: number, look: Lookup): string[] {
  const out = look.node(step.node);
  const o = nameOf(out);
  return step.deltas.map(({ id, delta, before }, position) => {
    const x = nameOf(look.node(id));
    const rule = localRule(out, position, look, o, outGrad);
    return `${x}.grad += ${rule.symbols} = ${rule.numbers} → ${x}.grad = ${n(before + delta)}`;
  });
}

function localRule(out: GraphNode, position: number, look: Lookup, o: string, g: number): { symbols: string; numbers: string } {
  const inputs = out.inputs.map((id) => look.node(id));
  const a = inputs[0]!;
  const b = inputs[1];
  const me = inputs[position] ?? a;
  const og = `${o}.grad`;
  const od = look.data(out.id);
  switch (out.op) {
    case 'add':
      return { symbols: og, numbers: n(g) };
    case 'sub':
      return position === 0 ? { symbols: og, numbers: n(g) } : { symbols: `−${og}`, numbers: `−${n(g)}` };
    case 'mul': {
      const other = position === 0 ? b! : a;
      return { symbols: `${nameOf(other)}.data × ${og}`, numbers: `${n(look.data(other.id))} × ${n(g)}` };
    }
    case 'div':
      return position === 0
        ? { symbols: `${og} ÷ ${nameOf(b!)}.data`, numbers: `${n(g)} ÷ ${n(look.data(b!.id))}` }
        : { symbols: `−${nameOf(a)}.data ÷ ${nameOf(b!)}.data² × ${og}`, numbers: `−${n(look.data(a.id))} ÷ ${n(look.data(b!.id))}² × ${n(g)}` };
    case 'neg':
      return { symbols: `−${og}`, numbers: `−${n(g)}` };
    case 'pow': {
      const k = out.k ?? 0;
      return { symbols: `${k} × ${nameOf(me)}.data${opSymbol('pow', k - 1)} × ${og}`, numbers: `${k} × ${n(look.data(me.id))}${opSymbol('pow', k - 1)} × ${n(g)}` };
    }
    case 'relu':
      return { symbols: `(${o}.data > 0) × ${og}`, numbers: `${od > 0 ? 1 : 0} × ${n(g)}` };
    case 'tanh':
      return { symbols: `(1 − ${o}.data²) × ${og}`, numbers: `(1 − ${n(od)}²) × ${n(g)}` };
    case 'exp':
      return { symbols: `${o}.data × ${og}`, numbers: `${n(od)} × ${n(g)}` };
    case 'log':
      return { symbols: `${og} ÷ ${nameOf(me)}.data`, numbers: `${n(g)} ÷ ${n(look.data(me.id))}` };
    case 'sigmoid':
      return { symbols: `${o}.data × (1 − ${o}.data) × ${og}`, numbers: `${n(od)} × (1 − ${n(od)}) × ${n(g)}` };
    default:
      return { symbols: '?', numbers: '?' };
  }
}

/** The line shown before any step: backward has only set the root's grad. */
export function explainStart(root: GraphNode, next: GraphNode | null): string {
  const head = `backward() sets ${nameOf(root)}.grad = 1.0000`;
  return next === null ? head : `${head}; next: ${nameOf(next)}'s _backward (${next.op === null ? 'leaf' : opSymbol(next.op, next.k)})`;
}
