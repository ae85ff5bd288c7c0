// The grouped view's pure "what is drawn" function, on small snapshots built
// here with the groups the engine's grouping (issue 8) hands the renderer.
import { describe, expect, it } from 'vitest';
import type { GraphNode, Group, Op, Snapshot } from '../../common/snapshot.js';
import { drawnView, expansionPlan, indexGroups, nearestWithin, openPathTo, openingCollapsed, summarize, under } from '../src/graph/groups.js';
import { indexSnapshot } from '../src/graph/subgraph.js';

const node = (id: number, op: Op | null, inputs: number[], group: number | null, label: string | null = null, data = 1, grad = 0): GraphNode =>
  ({ id, label, op, data, grad, inputs, loc: null, module: null, nonFinite: !Number.isFinite(data) || !Number.isFinite(grad), group });

const snapshotOf = (nodes: GraphNode[], groups: Group[]): Snapshot => ({
  format: 'gradscope.graph/1', nodes, groups, backward: [], console: [], error: null, warnings: [], rootHistory: [], plots: { series: [], boundaries: [] },
});

/**
 * `calls` forward calls of a one-neuron "model" on inputs x_k, summed by a chain:
 * params w (0) and b (1); call k: x, x*w, x*w+b, tanh — a module group `model #k`
 * holding a neuron group `neuron #k` (the mul and add) and the tanh; then the
 * sum of the outputs as a chain group `Σ`, and the root `loss = sum * 1`.
 */
function model(calls: number): { snapshot: Snapshot; root: number; ids: { w: number; b: number; x: number[]; mul: number[]; add: number[]; out: number[]; sum: number[] } } {
  const nodes: GraphNode[] = [node(0, null, [], null, 'w'), node(1, null, [], null, 'b')];
  const groups: Group[] = [];
  const ids = { w: 0, b: 1, x: [] as number[], mul: [] as number[], add: [] as number[], out: [] as number[], sum: [] as number[] };
  let id = 2;
  let gid = 0;
  const chain = gid++;
  for (let k = 0; k < calls; k++) {
    const call = gid++;
    const neuron = gid++;
    const x = id++;
    const mul = id++;
    const add = id++;
    const out = id++;
    nodes.push(node(x, null, [], null, `x${k}`), node(mul, 'mul', [x, 0], neuron), node(add, 'add', [mul, 1], neuron), node(out, 'tanh', [add], call, `out${k}`));
    groups.push({ id: call, label: `model #${k}`, kind: 'module', parent: null, size: 3, output: out }, { id: neuron, label: `neuron #${k}`, kind: 'module', parent: call, size: 2, output: add });
    ids.x.push(x);
    ids.mul.push(mul);
    ids.add.push(add);
    ids.out.push(out);
  }
  let acc = ids.out[0]!;
  for (let k = 1; k < calls; k++) {
    const s = id++;
    nodes.push(node(s, 'add', [acc, ids.out[k]!], chain));
    ids.sum.push(s);
    acc = s;
  }
  groups.push({ id: chain, label: `Σ ${calls} terms`, kind: 'chain', parent: null, size: calls - 1, output: acc });
  const root = id++;
  nodes.push(node(root, 'mul', [acc, acc], null, 'loss'));
  return { snapshot: snapshotOf(nodes, groups), root, ids };
}

function setup(calls: number) {
  const m = model(calls);
  const index = indexSnapshot(m.snapshot);
  const groups = indexGroups(index, m.snapshot.groups!);
  const order = under(index, [m.root]);
  return { ...m, index, groups, order };
}

describe('grouped view', () => {
  it('indexes the nesting: depth, children and every value inside a group, nested ones too', () => {
    const { groups, index, ids } = setup(2);
    expect(groups.depth.get(1)).toBe(0);
    expect(groups.depth.get(2)).toBe(1);
    expect(groups.children.get(1)).toEqual([2]);
    expect(groups.children.get(-1)!.sort()).toEqual([0, 1, 3]);
    expect(groups.members.get(1)!.map((i) => index.nodes[i]!.id).sort((a, b) => a - b)).toEqual([ids.mul[0], ids.add[0], ids.out[0]]);
  });

  it('draws a collapsed group as one node, bundles its edges with counts, and hides leaves used only inside', () => {
    const { index, groups, order, root, ids } = setup(3);
    const collapsed = new Set([0, 1, 2, 3, 4, 5, 6]);
    const v = drawnView(index, groups, order, collapsed);
    // Drawn: the root only; the leaves (w, b and the x inputs) are used only inside collapsed groups: hidden.
    expect(v.values).toEqual([root]);
    expect([...v.hidden].sort((a, b) => a - b)).toEqual([ids.w, ids.b, ...ids.x]);
    expect(v.groups.sort()).toEqual([0, 1, 3, 5]);
    const bundle = (s: string, t: string) => v.bundles.find((b) => b.source === s && b.target === t)?.count;
    // The chain's output feeds the root's op twice (sum * sum): one edge, ×2.
    expect(bundle('g0', `o${root}`)).toBe(2);
    // Each call's output feeds the chain once.
    expect(bundle('g1', 'g0')).toBe(1);
    expect(v.bundles.length).toBe(1 + 3);
    // The root's record, op and result edge; 4 group nodes; 4 bundles.
    expect(v.elements).toBe(3 + 4 + 4);
    expect(v.inside.get(ids.mul[2]!)).toBe(5);
  });

  it('expanding one level shows the group\'s own values and its nested groups collapsed; parameters appear once, where used', () => {
    const { index, groups, order, ids } = setup(3);
    const v = drawnView(index, groups, order, new Set([0, 2, 3, 4, 5, 6]));
    // Call 0 opened: its tanh is drawn, its neuron is a node; w and b are still only used inside collapsed neurons.
    expect(v.values).toContain(ids.out[0]);
    expect(v.groups).toContain(2);
    expect(v.groups).not.toContain(1);
    expect(v.hidden.has(ids.w)).toBe(true);
    expect(v.bundles.find((b) => b.source === 'g2' && b.target === `o${ids.out[0]}`)?.count).toBe(1);
    // Open its neuron too: w and b are drawn once, with no edge into each collapsed call that
    // also uses them (micrograd's demo would draw 337 parameters × 100 calls of such edges).
    const w = drawnView(index, groups, order, new Set([0, 3, 4, 5, 6]));
    expect(w.values).toContain(ids.w);
    expect(w.values.filter((id) => id === ids.w).length).toBe(1);
    expect(w.bundles.some((b) => b.source === `v${ids.w}`)).toBe(false);
    expect(w.bundles.find((b) => b.source === `v${ids.x[0]}`)).toBeUndefined();
    // The other calls' inputs are still used only inside them.
    expect([...w.hidden].sort((a, b) => a - b)).toEqual([ids.x[1], ids.x[2]]);
    expect(w.values).toContain(ids.x[0]);
  });

  it('expanding past the drawing limit: whole when it fits, else one level (nested groups collapsed) when that fits, else nothing', () => {
    const { index, groups, order } = setup(3);
    // Call 0 (group 1) collapsed with its neuron (group 2) left open, the chain open, calls 1 and 2 collapsed.
    const collapsed = new Set([1, 3, 4, 5, 6]);
    // Whole: the root, the chain's 2 adds, call 0's x, mul, add, tanh, and w and b (used in its open neuron): 9 values; calls 1 and 2: 2 groups.
    // One level: the root, the 2 adds, call 0's tanh; its neuron and calls 1 and 2 as groups (x, w and b only used inside them).
    const at = (limit: number) => expansionPlan(index, groups, order, collapsed, 1, limit);
    expect(at(11)).toMatchObject({ fits: 'whole', wholeDrawn: 11 });
    expect(at(10)).toMatchObject({ fits: 'children', wholeDrawn: 11, childrenDrawn: 7 });
    expect(at(6)).toMatchObject({ fits: 'none', childrenDrawn: 7 });
    expect([...at(10).children].sort()).toEqual([2, 3, 4, 5, 6]);
    expect([...at(10).whole].sort()).toEqual([3, 4, 5, 6]);
    // With its neuron collapsed already, opening one level is the whole expansion: nothing else to offer.
    expect(expansionPlan(index, groups, order, new Set([1, 2, 3, 4, 5, 6]), 1, 6).fits).toBe('none');
  });

  it('opens a large graph within the budget, outermost levels first', () => {
    const { index, groups, order } = setup(100);
    const all = drawnView(index, groups, order, new Set()).elements;
    expect(all).toBeGreaterThan(1000);
    const chainOpen = drawnView(index, groups, order, new Set([...Array(201).keys()].slice(1))).elements;
    const budget = chainOpen + 100;
    const collapsed = openingCollapsed(index, groups, order, budget);
    const v = drawnView(index, groups, order, collapsed);
    expect(v.elements).toBeLessThanOrEqual(budget);
    // The top level (the chain and the 100 calls) fit: the chain is open, and so are some calls,
    // the ones nearest the root (latest) first; no neuron is opened before every call is.
    expect(collapsed.has(0)).toBe(false);
    const openCalls = [...Array(100).keys()].map((k) => 1 + 2 * k).filter((g) => !collapsed.has(g));
    expect(openCalls.length).toBeGreaterThan(0);
    expect(openCalls.length).toBeLessThan(100);
    expect(openCalls).toContain(199);
    expect([...Array(100).keys()].every((k) => collapsed.has(2 + 2 * k))).toBe(true);
    // A budget larger than everything opens everything.
    expect(openingCollapsed(index, groups, order, all).size).toBe(0);
  });

  it('cuts a view over the budget to the levels nearest the root, keeping what the user opened', () => {
    const { index, groups, order, root, ids } = setup(100);
    // Everything open but the calls: the root, the 99 adds of the chain, the 100 calls.
    const collapsed = new Set([...Array(100).keys()].map((k) => 1 + 2 * k));
    const full = drawnView(index, groups, order, collapsed);
    const cut = nearestWithin(index, order, full, 60);
    expect(cut.values[0]).toBe(root);
    expect(cut.elements).toBeLessThanOrEqual(60);
    expect(cut.cut).toBe(full.values.length + full.groups.length - cut.values.length - cut.groups.length);
    expect(cut.cut).toBeGreaterThan(0);
    // The last adds of the chain are nearest the root; the first call is farthest.
    expect(cut.values).toContain(ids.sum.at(-1));
    expect(cut.groups).not.toContain(1);
    // Every bundle drawn has both ends drawn.
    const drawn = new Set([...cut.values.map((id) => `v${id}`), ...cut.values.map((id) => `o${id}`), ...cut.groups.map((g) => `g${g}`)]);
    expect(cut.bundles.every((b) => drawn.has(b.source) && drawn.has(b.target))).toBe(true);
    // What the user opened is drawn whatever its level.
    expect(nearestWithin(index, order, full, 60, new Set(['g1'])).groups).toContain(1);
    // A view within the budget is drawn whole.
    expect(nearestWithin(index, order, full, full.elements)).toBe(full);
  });

  it('opens a graph that is one big call anyway: a single box says nothing', () => {
    const m = model(50);
    // Wrap everything but the parameters in one function call, as micrograd's demo's loss().
    const outer = 999;
    for (const g of m.snapshot.groups!) if (g.parent === null) g.parent = outer;
    m.snapshot.groups!.push({ id: outer, label: 'loss()', kind: 'function', parent: null, size: 0, output: m.root });
    for (const n of m.snapshot.nodes) if (n.op !== null && (n.group ?? null) === null) n.group = outer;
    const index = indexSnapshot(m.snapshot);
    const groups = indexGroups(index, m.snapshot.groups!);
    const order = under(index, [m.root]);
    const collapsed = openingCollapsed(index, groups, order, 40);
    expect(collapsed.has(outer)).toBe(false);
    const v = nearestWithin(index, order, drawnView(index, groups, order, collapsed), 40);
    expect(v.values).toContain(m.root);
    expect(v.elements).toBeLessThanOrEqual(40);
  });

  it('opens the path to a value inside nested collapsed groups', () => {
    const { index, groups, order, ids } = setup(3);
    const opened = openPathTo(index, groups, new Set([0, 1, 2, 3, 4, 5, 6]), index.indexOf[ids.mul[1]!]!);
    expect([...opened].sort()).toEqual([0, 1, 2, 5, 6]);
    expect(drawnView(index, groups, order, opened).values).toContain(ids.mul[1]);
  });

  it("summarizes a group: its output's numbers, the largest |grad| inside, and any NaN inside", () => {
    const { index, groups, ids } = setup(2);
    const grads = new Map([[ids.mul[0]!, -7], [ids.add[0]!, 2], [ids.out[0]!, 0.5]]);
    const s = summarize(index, groups, 1, (i) => index.nodes[i]!.data, (i) => grads.get(index.nodes[i]!.id) ?? 0);
    expect(s).toEqual({ data: 1, grad: 0.5, maxGrad: 7, nonFinite: false });
    const nan = summarize(index, groups, 2, (i) => (index.nodes[i]!.id === ids.add[0] ? NaN : 1), () => 0);
    expect(nan.nonFinite).toBe(true);
  });
});
