// What the debugger calls each value when labels repeat: a program that
// reassigns `c` three times has three values labelled `c`; the graph, the
// explanation line and the inspector call them `c`, `c₂`, `c₃` (in creation
// order) so that `c₂.grad += c₃.grad` is not `c.grad += c.grad`. Unlabelled
// values are `#id`.

import { nameOf, type GraphNode } from '../../common/snapshot.js';

const subscripts = '₀₁₂₃₄₅₆₇₈₉';

function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => subscripts[Number(d)]!);
}

/** Values grouped between two yields of DisplayNames.build: a few milliseconds of work. */
const chunk = 32_768;

/** Display names, worked out on demand: one pass groups ids by label, and a
 *  name is made only when asked for (a million-value graph draws a few thousand). */
export class DisplayNames {
  /** Ids of each label's values, ascending (creation order). */
  private readonly uses = new Map<string, number[]>();

  constructor(nodes: readonly GraphNode[]) {
    const steps = this.add(nodes);
    while (!steps.next().done);
  }

  /** DisplayNames a slice at a time: it yields every `chunk` values (a training run keeps 841,177), so the page can run in between. */
  static *build(nodes: readonly GraphNode[]): Generator<void, DisplayNames, void> {
    const names = new DisplayNames([]);
    yield* names.add(nodes);
    return names;
  }

  private *add(nodes: readonly GraphNode[]): Generator<void, void, void> {
    let sorted = true;
    for (let i = 0; i < nodes.length; i++) {
      if (i % chunk === chunk - 1) yield;
      const node = nodes[i]!;
      if (node.label === null) continue;
      const ids = this.uses.get(node.label);
      if (ids === undefined) this.uses.set(node.label, [node.id]);
      else {
        if (ids[ids.length - 1]! > node.id) sorted = false;
        ids.push(node.id);
      }
    }
    if (!sorted) for (const ids of this.uses.values()) ids.sort((x, y) => x - y);
  }

  /** Its label, with ₂, ₃, … after the label's first use; `#id` without one. */
  name(node: GraphNode): string {
    if (node.label === null) return nameOf(node);
    const ids = this.uses.get(node.label);
    if (ids === undefined || ids[0] === node.id) return node.label;
    return `${node.label}${subscript(rankOf(ids, node.id) + 1)}`;
  }
}

/** Position of `id` in the ascending `ids` (binary search). */
function rankOf(ids: readonly number[], id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
