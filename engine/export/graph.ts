// Which part of a snapshot a view or an export shows by default.

import type { GraphNode, Snapshot } from '../../common/snapshot.js';

/** The nodes `root` depends on, itself included, in creation order. */
export function graphOf(nodes: readonly GraphNode[], root: number): GraphNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const seen = new Set<number>([root]);
  const stack = [root];
  while (stack.length > 0) {
    for (const input of byId.get(stack.pop()!)?.inputs ?? []) {
      if (!seen.has(input)) {
        seen.add(input);
        stack.push(input);
      }
    }
  }
  return nodes.filter((n) => seen.has(n.id));
}

/** The graph of the last backward() call, or every value when there was none. */
export function defaultGraph(snapshot: Snapshot): GraphNode[] {
  const last = snapshot.backward.at(-1);
  return last === undefined ? snapshot.nodes : graphOf(snapshot.nodes, last.root);
}
