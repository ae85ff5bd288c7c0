// The explanation line: the chain-rule update of the step just taken, first
// in symbols then in numbers, the grad before the step plus what it adds:
//   a.grad = a.grad + b.data × c.grad = 0.5000 + 2.0000 × 1.0000 = 2.5000
// A negative number is bracketed, so a sign is never doubled: `−(−6.9417)`.
// Each op's local derivative is written by its template in the op table
// (common/ops.ts), the same table the engine's backward computes with.

import { nameOf as labelOf, opText, type GraphNode } from '../../../common/snapshot.js';
import { ops, type Locals, type Terms } from '../../../common/ops.js';
import { constant, fixed4 } from '../../../common/format.js';

export interface Lookup {
  node(id: number): GraphNode;
  /** Data as of the shown backward call (leaves from its leafData). */
  data(id: number): number;
  /** What to call a value (names.ts: `c₂` for the second `c`); default its label or `#id`. */
  name?(id: number): string;
}

export interface AppliedStep {
  node: number;
  deltas: { id: number; delta: number; before: number }[];
  /** debug(): what disagrees with the op table in this step (BackwardStep.finding). */
  finding?: string;
}

/** One line per input that received gradient. `format` writes the numbers
 *  (micrograd's %.4f by default). */
export function explainStep(step: AppliedStep, outGrad: number, look: Lookup, formatPlain: (x: number) => string = fixed4): string[] {
  const format = (x: number) => signed(formatPlain(x));
  const nameOf = (node: GraphNode) => look.name?.(node.id) ?? labelOf(node);
  const out = look.node(step.node);
  const o = nameOf(out);
  // debug() of the program's own class: an op the table does not know, or a
  // step it disagrees with, is shown as what the class's own _backward added.
  if (out.op === null || step.finding !== undefined) {
    const lines = step.deltas.map(({ id, delta, before }) => {
      const grad = `${nameOf(look.node(id))}.grad`;
      return `${grad} = ${plus(format(before), format(delta))} = ${formatPlain(before + delta).replace(/^-/, '−')} (added by ${o}'s own _backward)`;
    });
    return step.finding === undefined ? [...lines, `\`${out.userOp ?? '?'}\` is not in Gradscope's op table: not checked`] : [...lines, `⚠ ${step.finding}`];
  }
  const spec = ops[out.op];
  const inputs = out.inputs.map((id) => look.node(id));
  const a = inputs[0]!;
  const b = inputs[1];
  const x: Locals = { a: look.data(a.id), b: b === undefined ? 0 : look.data(b.id), out: look.data(out.id), k: out.k ?? 0 };
  const symbols: Terms = {
    a: `${nameOf(a)}.data`, b: b === undefined ? '' : `${nameOf(b)}.data`, out: `${o}.data`, g: `${o}.grad`,
    k: (k) => signed(constant(k)),
    test: (cond) => `(${cond})`,
    pick: (cond, _holds, yes, no) => `(${cond} ? ${yes} : ${no})`,
  };
  const numbers: Terms = {
    a: format(x.a), b: format(x.b), out: format(x.out), g: format(outGrad),
    k: (k) => signed(constant(k)),
    test: (_cond, holds) => (holds ? '1' : '0'),
    pick: (_cond, holds, yes, no) => (holds ? yes : no),
  };
  // debug() of `a * a` with a Set of inputs: one delta, both inputs' terms.
  const merged = step.deltas.length < out.inputs.length;
  return step.deltas.map(({ id, delta, before }, position) => {
    const templates = merged ? spec.explain : [spec.explain[position]!];
    const term = (t: Terms) => templates.map((template) => template(t, x)).join(' + ');
    const grad = `${nameOf(look.node(id))}.grad`;
    return `${grad} = ${plus(grad, term(symbols))} = ${plus(format(before), term(numbers))} = ${formatPlain(before + delta).replace(/^-/, '−')}`;
  });
}

/** `x + term`, or `x − rest` for a term that starts with a minus: one sign between them. */
function plus(x: string, term: string): string {
  return term.startsWith('−') ? `${x} − ${term.slice(1)}` : `${x} + ${term}`;
}

/** A negative number in brackets with a true minus (`(−6.9417)`), so that `−x` or `a + x` shows one sign. */
function signed(text: string): string {
  return text.startsWith('-') ? `(−${text.slice(1)})` : text;
}

/** The line shown before any step: backward has only set the root's grad. */
export function explainStart(root: GraphNode, next: GraphNode | null, name: (node: GraphNode) => string = labelOf): string {
  const nameOf = name;
  const head = `backward() sets ${nameOf(root)}.grad = 1.0000`;
  return next === null ? head : `${head}; next: ${nameOf(next)}'s _backward (${opText(next) ?? 'leaf'})`;
}
