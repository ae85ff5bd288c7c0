// Folded chains: a run of one associative op (add or mul) in which each
// intermediate value feeds only the next, like micrograd's `sum()` of 100
// losses (99 adds). Drawn as one `Σ 100 terms` node; short runs stay as they are.

import type { GraphNode } from '../../common/snapshot.js';

/** Fewest terms (inputs of the whole run: its ops + 1) of a chain that is folded. */
export const minChainTerms = 4;

export interface Chain {
  op: 'add' | 'mul';
  /** Indices into the node list of the chain's ops, first to last; the last is its output. */
  members: number[];
  /** The `new Value(0)` a sum starts from (`new Value(1)` for a product), when
   *  the chain alone uses it: part of the chain, not one of its terms; else -1. */
  start: number;
  /** How many values it adds up (or multiplies): its ops + 1, less the start. */
  terms: number;
}

/** The chains of `nodes` (in creation order, `group` already set): each
 *  link's previous link is one of its inputs, made by the same op, used by
 *  nothing else, and in the same group. */
export function findChains(nodes: GraphNode[]): Chain[] {
  const last = nodes.length === 0 ? -1 : nodes[nodes.length - 1].id;
  const indexOf = new Int32Array(last + 1).fill(-1);
  const uses = new Int32Array(last + 1);
  for (let n = 0; n < nodes.length; n++) {
    indexOf[nodes[n].id] = n;
    for (const input of nodes[n].inputs) uses[input]++;
  }
  // previous[n]: the link before n, or -1; continued[n]: some link follows n.
  const previous = new Int32Array(nodes.length).fill(-1);
  const continued = new Uint8Array(nodes.length);
  for (let n = 0; n < nodes.length; n++) {
    const node = nodes[n];
    if (node.op !== 'add' && node.op !== 'mul') continue;
    for (const input of node.inputs) {
      const p = input <= last ? indexOf[input] : -1;
      if (p < 0 || uses[input] !== 1 || continued[p] === 1) continue;
      const before = nodes[p];
      if (before.op !== node.op || before.group !== node.group) continue;
      previous[n] = p;
      continued[p] = 1;
      break;
    }
  }
  const chains: Chain[] = [];
  for (let n = 0; n < nodes.length; n++) {
    if (continued[n] === 1 || previous[n] < 0) continue;
    const members: number[] = [];
    for (let m = n; m >= 0; m = previous[m]) members.push(m);
    members.reverse();
    const op = nodes[n].op as 'add' | 'mul';
    const start = startOf(nodes, members[0], op, indexOf, uses);
    const terms = members.length + (start < 0 ? 1 : 0);
    if (terms >= minChainTerms) chains.push({ op, members, start, terms });
  }
  return chains;
}

/** The chain's start (see Chain.start) among the inputs of its first op, or -1. */
function startOf(nodes: GraphNode[], first: number, op: 'add' | 'mul', indexOf: Int32Array, uses: Int32Array): number {
  const identity = op === 'add' ? 0 : 1;
  for (const input of nodes[first].inputs) {
    const p = input < indexOf.length ? indexOf[input] : -1;
    if (p < 0 || uses[input] !== 1) continue;
    const leaf = nodes[p];
    if (leaf.op === null && leaf.data === identity && leaf.module === null && leaf.group === nodes[first].group) return p;
  }
  return -1;
}
