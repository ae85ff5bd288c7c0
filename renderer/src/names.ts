// What the debugger calls each value when labels repeat: a program that
// reassigns `c` three times has three values labelled `c`; the explanation
// line calls them `c`, `c₂`, `c₃` (in creation order) so that
// `c₂.grad += c₃.grad` is not `c.grad += c.grad`. Unlabelled values are `#id`.

import { nameOf, type GraphNode } from '../../common/snapshot.js';

const subscripts = '₀₁₂₃₄₅₆₇₈₉';

function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => subscripts[Number(d)]!);
}

/** Display name of every value, by id: its label, with ₂, ₃, … after the first use. */
export function distinctNames(nodes: readonly GraphNode[]): Map<number, string> {
  const seen = new Map<string, number>();
  const names = new Map<number, string>();
  for (const node of [...nodes].sort((x, y) => x.id - y.id)) {
    const name = nameOf(node);
    const uses = (seen.get(name) ?? 0) + 1;
    seen.set(name, uses);
    names.set(node.id, node.label === null || uses === 1 ? name : `${name}${subscript(uses)}`);
  }
  return names;
}
