// Which nodes a view draws: the graph under a backward call's root (or under
// every sink when there is none), cut to the levels nearest the root when it is
// larger than the drawing limit. Pure; works on snapshot ids.

import type { GraphNode, Snapshot } from '../../../common/snapshot.js';

export interface GraphIndex {
  nodes: GraphNode[];
  /** Index in `nodes` of an id; ids are small integers (creation order). */
  indexOf: Int32Array;
  /** Consumers of each node (by index), i.e. the reverse of `inputs`. */
  consumers: Consumers;
  /** The inputs again, as indices in one typed array: node i's are inputAt[inputStart[i] … inputStart[i + 1]) (-1: unknown id). The passes over every value read these. */
  inputStart: Int32Array;
  inputAt: Int32Array;
  /** 1 for a leaf (no op). */
  leaf: Uint8Array;
}

export function indexSnapshot(snapshot: Snapshot): GraphIndex {
  const steps = indexSteps(snapshot);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** Values indexed between two yields of indexSteps: a few milliseconds of work. */
const chunk = 32_768;

/** indexSnapshot a slice at a time: it yields every `chunk` values of each pass, so the page can run in between (two-moons keeps 841,177). */
export function* indexSteps(snapshot: Snapshot): Generator<void, GraphIndex, void> {
  // Plain loops over typed arrays: on micrograd's demo step (65,818 values) this runs on the page.
  const nodes = snapshot.nodes;
  const n = nodes.length;
  let maxId = -1;
  for (let i = 0; i < n; i++) if (nodes[i]!.id > maxId) maxId = nodes[i]!.id;
  const indexOf = new Int32Array(maxId + 1).fill(-1);
  yield;
  for (let i = 0; i < n; i++) {
    indexOf[nodes[i]!.id] = i;
    if (i % chunk === chunk - 1) yield;
  }
  const inputStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    inputStart[i + 1] = inputStart[i]! + nodes[i]!.inputs.length;
    if (i % chunk === chunk - 1) yield;
  }
  yield;
  const inputAt = new Int32Array(inputStart[n]!);
  const leaf = new Uint8Array(n);
  const uses = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const node = nodes[i]!;
    if (node.op === null) leaf[i] = 1;
    let e = inputStart[i]!;
    for (const input of node.inputs) {
      const j = indexOf[input] ?? -1;
      inputAt[e++] = j;
      if (j >= 0) uses[j]!++;
    }
    if (i % chunk === chunk - 1) yield;
  }
  yield;
  // Consumers: counted, then filled in index order, in one typed array (a list per value was
  // 841,177 objects for two-moons, each more work for the garbage collector).
  const consumerStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) consumerStart[i + 1] = consumerStart[i]! + uses[i]!;
  const consumerAt = new Int32Array(consumerStart[n]!);
  const fill = uses;
  fill.set(consumerStart.subarray(0, n));
  yield;
  for (let i = 0; i < n; i++) {
    for (let e = inputStart[i]!; e < inputStart[i + 1]!; e++) {
      const j = inputAt[e]!;
      if (j >= 0) consumerAt[fill[j]!++] = i;
    }
    if (i % chunk === chunk - 1) yield;
  }
  const consumers = new Consumers(consumerStart, consumerAt);
  return { nodes, indexOf, consumers, inputStart, inputAt, leaf };
}

/** The consumers of each value by index: value i's are at[start[i] … start[i + 1]), ascending. */
export class Consumers {
  constructor(
    readonly start: Int32Array,
    readonly at: Int32Array,
  ) {}

  /** Indices of the values that take value `i` as an input (one entry per use), ascending. */
  of(i: number): number[] {
    if (!(i >= 0 && i < this.start.length - 1)) return [];
    return Array.from(this.at.subarray(this.start[i]!, this.start[i + 1]!));
  }

  count(i: number): number {
    return i >= 0 && i < this.start.length - 1 ? this.start[i + 1]! - this.start[i]! : 0;
  }
}

/** Ids of the sinks: nodes nothing consumes (what the program ended with). */
export function sinks(index: GraphIndex): number[] {
  return index.nodes.filter((_n, i) => index.consumers.count(i) === 0).map((n) => n.id);
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
