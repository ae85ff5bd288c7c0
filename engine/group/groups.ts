// A snapshot's groups: the calls of calls.ts that hold kept values, and the
// folded chains of chains.ts inside them. Sets every node's `group` to its
// innermost group (null outside every group, and for parameters: a module's
// leaves are drawn once, not inside each call that uses them).

import type { GraphNode, Group } from '../../common/snapshot.js';
import { CallKind, type CallLog } from './calls.js';
import { findChains } from './chains.js';

/** The groups of `nodes` (in creation order), numbered from 0 with parents
 *  first; fills each node's `group`. */
export function groupsOf(nodes: GraphNode[], log: CallLog): Group[] {
  const calls = log.length;
  // The call each call stands for: itself, or its nearest kept ancestor when dissolved.
  const kept = new Int32Array(calls);
  // The nearest module call at or above each call, or -1.
  const inModule = new Int32Array(calls);
  for (let c = 0; c < calls; c++) {
    const p = log.parent[c];
    kept[c] = log.kind[c] === CallKind.Dissolved ? (p < 0 ? -1 : kept[p]) : c;
    inModule[c] = log.kind[c] === CallKind.Module ? c : p < 0 ? -1 : inModule[p];
  }

  // Sweep the ids: calls are intervals, opened in order of their start.
  const callOf = new Int32Array(nodes.length).fill(-1);
  const stack: number[] = [];
  let next = 0;
  for (let n = 0; n < nodes.length; n++) {
    const node = nodes[n];
    const id = node.id;
    while (next < calls && log.start[next] <= id) {
      while (stack.length > 0 && log.end[stack[stack.length - 1]] <= log.start[next]) stack.pop();
      stack.push(next++);
    }
    while (stack.length > 0 && log.end[stack[stack.length - 1]] <= id) stack.pop();
    const c = stack.length > 0 ? stack[stack.length - 1] : -1;
    const parameter = node.op === null && node.module !== null && (c < 0 || inModule[c] < 0);
    callOf[n] = parameter || c < 0 ? -1 : kept[c];
  }

  // Sizes: each call's own values, then its nested calls' (children come after
  // parents); and the last value made in each, a function's output.
  const size = new Int32Array(calls);
  const lastMade = new Int32Array(calls).fill(-1);
  for (let n = 0; n < nodes.length; n++) {
    if (callOf[n] < 0) continue;
    size[callOf[n]]++;
    lastMade[callOf[n]] = n;
  }
  for (let c = calls - 1; c >= 0; c--) {
    const p = log.parent[c] < 0 ? -1 : kept[log.parent[c]];
    if (kept[c] !== c || p < 0) continue;
    size[p] += size[c];
    lastMade[p] = Math.max(lastMade[p], lastMade[c]);
  }

  const groupId = new Int32Array(calls).fill(-1);
  const groups: Group[] = [];
  for (let c = 0; c < calls; c++) {
    if (kept[c] !== c || size[c] === 0) continue;
    groupId[c] = groups.length;
    const p = log.parent[c] < 0 ? -1 : kept[log.parent[c]];
    groups.push({
      id: groups.length,
      label: labelOf(log, c),
      kind: log.kind[c] === CallKind.Module ? 'module' : 'function',
      parent: p < 0 ? null : groupId[p],
      size: size[c],
      output: outputOf(log, c, lastMade[c] < 0 ? null : nodes[lastMade[c]]),
    });
  }
  for (let n = 0; n < nodes.length; n++) nodes[n].group = callOf[n] < 0 ? null : groupId[callOf[n]];

  for (const chain of findChains(nodes)) {
    const id = groups.length;
    groups.push({
      id,
      label: chain.op === 'add' ? `Σ ${chain.terms} terms` : `Π ${chain.terms} factors`,
      kind: 'chain',
      parent: nodes[chain.members[0]].group ?? null,
      size: chain.members.length + (chain.start < 0 ? 0 : 1),
      output: nodes[chain.members[chain.members.length - 1]].id,
    });
    for (const n of chain.members) nodes[n].group = id;
    if (chain.start >= 0) nodes[chain.start].group = id;
  }
  return withoutWrappers(nodes, groups);
}

/** Drops the function groups that hold nothing but one other group (a `sum()`
 *  that is one folded chain, a `predict()` that is one module call): they
 *  would be a box around a box. Ids are renumbered, parents first as before. */
function withoutWrappers(nodes: GraphNode[], groups: Group[]): Group[] {
  const own = new Int32Array(groups.length);
  const children = new Int32Array(groups.length);
  for (const node of nodes) if (node.group != null) own[node.group]++;
  for (const g of groups) if (g.parent !== null) children[g.parent]++;
  const wrapper = (g: Group) => g.kind === 'function' && own[g.id] === 0 && children[g.id] === 1;
  if (!groups.some(wrapper)) return groups;
  // What each old id becomes: a new id, or (for a dropped group) its parent's.
  const renamed = new Array<number | null>(groups.length);
  const kept: Group[] = [];
  for (const g of groups) {
    const parent = g.parent === null ? null : renamed[g.parent];
    if (wrapper(g)) {
      renamed[g.id] = parent;
    } else {
      renamed[g.id] = kept.length;
      kept.push({ ...g, id: kept.length, parent });
    }
  }
  for (const node of nodes) if (node.group != null) node.group = renamed[node.group];
  return kept;
}

/** A module call's output is the Value it returned; a function's (whose return
 *  is not watched) the last value it made, which is what a function that
 *  computes something returns. */
function outputOf(log: CallLog, c: number, last: GraphNode | null): number | null {
  if (log.output[c] >= 0) return log.output[c];
  return log.kind[c] === CallKind.Function && last !== null ? last.id : null;
}

function labelOf(log: CallLog, c: number): string {
  const name = log.names[log.name[c]];
  if (log.kind[c] !== CallKind.Module) return `${name}()`;
  // A module without a path of its own (an MLP) is named by its class and method.
  return `${name} #${log.number[c]}`;
}
