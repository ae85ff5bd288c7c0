// Which nodes a view draws: the graph under a backward call's root (or under
// every sink when there is none), cut to the levels nearest the root when it is
// larger than the drawing limit. Pure; works on snapshot ids.

import type { GraphNode, Snapshot } from '../../../common/snapshot.js';

export interface GraphIndex {
  nodes: GraphNode[];
  /** Index in `nodes` of an id; ids are small integers (creation order). */
  indexOf: Int32Array;
  /** Consumers of each node (by index), i.e. the reverse of `inputs`. */
  consumers: number[][];
}

export function indexSnapshot(snapshot: Snapshot): GraphIndex {
  const nodes = snapshot.nodes;
  let maxId = -1;
  for (const n of nodes) if (n.id > maxId) maxId = n.id;
  const indexOf = new Int32Array(maxId + 1).fill(-1);
  nodes.forEach((n, i) => (indexOf[n.id] = i));
  const consumers: number[][] = nodes.map(() => []);
  nodes.forEach((n, i) => {
    for (const input of n.inputs) {
      const j = indexOf[input];
      if (j !== undefined && j >= 0) consumers[j]!.push(i);
    }
  });
  return { nodes, indexOf, consumers };
}

/** Ids of the sinks: nodes nothing consumes (what the program ended with). */
export function sinks(index: GraphIndex): number[] {
  return index.nodes.filter((_n, i) => index.consumers[i]!.length === 0).map((n) => n.id);
}

export interface Selection {
  /** Drawn node ids. */
  ids: number[];
  /** Values in the whole graph under the roots. */
  total: number;
  /** Levels drawn (distance from the root, counting value nodes), and in all. */
  levels: number;
  totalLevels: number;
}

/**
 * The graph under `roots`, by breadth-first distance from them; when it has
 * more than `limit` values, only the nearest levels that fit (at least one).
 */
export function nearestLevels(index: GraphIndex, roots: number[], limit: number): Selection {
  const depth = new Int32Array(index.nodes.length).fill(-1);
  const order: number[] = [];
  for (const id of roots) {
    const i = index.indexOf[id]!;
    if (i >= 0 && depth[i] === -1) {
      depth[i] = 0;
      order.push(i);
    }
  }
  for (let q = 0; q < order.length; q++) {
    const i = order[q]!;
    for (const input of index.nodes[i]!.inputs) {
      const j = index.indexOf[input]!;
      if (depth[j] === -1) {
        depth[j] = depth[i]! + 1;
        order.push(j);
      }
    }
  }
  // BFS order is sorted by depth, so a prefix of it is "the nearest levels".
  const total = order.length;
  const totalLevels = total === 0 ? 0 : depth[order[total - 1]!]! + 1;
  let end = total;
  if (total > limit) {
    end = limit;
    const cutDepth = depth[order[limit]!]!;
    // Back off to a whole level, but always keep the first one.
    while (end > 0 && depth[order[end - 1]!] === cutDepth) end--;
    if (end === 0) while (end < total && depth[order[end]!] === 0) end++;
  }
  const ids = order.slice(0, end).map((i) => index.nodes[i]!.id);
  const levels = end === 0 ? 0 : depth[order[end - 1]!]! + 1;
  return { ids, total, levels, totalLevels };
}
