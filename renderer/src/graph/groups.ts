// What a grouped graph draws: given the snapshot's groups (module calls, user
// functions, folded chains) and which of them are collapsed, each value under
// the root is either drawn as its own record, inside a collapsed group (drawn
// as one node for all of them), or hidden (a parameter or input leaf whose every
// use is inside collapsed groups: drawn once a group that uses it is opened).
// Edges into and out of a collapsed group are bundled: one per distinct
// neighbour, with the number of edges it stands for. Pure; works on snapshot ids.

import type { Group } from '../../../common/snapshot.js';
import { opId, valueId } from './elements.js';
import type { GraphIndex } from './subgraph.js';

export const groupId = (id: number) => `g${id}`;

export interface GroupIndex {
  groups: Group[];
  byId: Map<number, Group>;
  /** Child group ids of each group id, and of the top (key -1). */
  children: Map<number, number[]>;
  /** 0 for a top-level group. */
  depth: Map<number, number>;
  /** Indices (in GraphIndex.nodes) of every value inside each group, nested groups' too. */
  members: Map<number, number[]>;
  /** The same facts as typed arrays by slot (a group's position in `groups`), for the passes over every value. */
  slots: GroupSlots;
}

/** Groups by slot: what the O(values) passes (drawnView, groupsUnder) read instead of maps. */
export interface GroupSlots {
  /** Slot of a group id. */
  of: Map<number, number>;
  /** The enclosing group's slot, or -1 at the top (also where a malformed parent chain was cut). */
  parent: Int32Array;
  /** Slots, enclosing groups before the groups inside them. */
  outerFirst: Int32Array;
  /** Slot of each value's innermost group (by index in GraphIndex.nodes), or -1. */
  ofValue: Int32Array;
}

export function indexGroups(index: GraphIndex, groups: readonly Group[]): GroupIndex {
  return runAll(groupSteps(index, groups));
}

/** Values, and groups (a few map operations each), indexed between two yields of groupSteps: a few milliseconds of work. */
const chunk = 32_768;
const groupChunk = 8_192;

/** indexGroups a slice at a time: it yields between its passes over the groups (two-moons has
 *  64,880) and every `chunk` values of its pass over the values (841,177), so the page can run in between. */
export function* groupSteps(index: GraphIndex, groups: readonly Group[]): Generator<void, GroupIndex, void> {
  const count = groups.length;
  const byId = new Map<number, Group>();
  const children = new Map<number, number[]>([[-1, []]]);
  for (let s = 0; s < count; s++) {
    byId.set(groups[s]!.id, groups[s]!);
    children.set(groups[s]!.id, []);
    if (s % groupChunk === groupChunk - 1) yield;
  }
  for (let s = 0; s < count; s++) {
    const g = groups[s]!;
    children.get(g.parent !== null && byId.has(g.parent) ? g.parent : -1)!.push(g.id);
    if (s % groupChunk === groupChunk - 1) yield;
  }
  yield;
  const depth = new Map<number, number>();
  const depthOf = (id: number): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const parent = byId.get(id)!.parent;
    // A parent cycle in a malformed snapshot must not hang the view: stop at the top.
    depth.set(id, 0);
    const d = parent === null || !byId.has(parent) ? 0 : depthOf(parent) + 1;
    depth.set(id, d);
    return d;
  };
  for (let s = 0; s < count; s++) {
    depthOf(groups[s]!.id);
    if (s % groupChunk === groupChunk - 1) yield;
  }
  yield;
  // Slots: with a duplicate id the last group of that id is the one byId knows.
  const of = new Map<number, number>();
  for (let s = 0; s < count; s++) {
    of.set(groups[s]!.id, s);
    if (s % groupChunk === groupChunk - 1) yield;
  }
  const parent = new Int32Array(count).fill(-1);
  const depthAt = new Int32Array(count);
  let deepest = 0;
  for (let s = 0; s < count; s++) {
    const g = groups[s]!;
    depthAt[s] = depth.get(g.id)!;
    if (depthAt[s]! > deepest) deepest = depthAt[s]!;
    const p = g.parent === null ? undefined : of.get(g.parent);
    // Only a parent strictly outside: a cycle is cut where depthOf cut it.
    if (p !== undefined && depthAt[p]! < depthAt[s]!) parent[s] = p;
    if (s % groupChunk === groupChunk - 1) yield;
  }
  yield;
  // By depth, in slot order within a depth (a counting sort: linear, where a sort by comparator took 10–25 ms).
  const atDepth = new Int32Array(deepest + 2);
  for (let s = 0; s < count; s++) atDepth[depthAt[s]! + 1]!++;
  for (let d = 1; d < atDepth.length; d++) atDepth[d]! += atDepth[d - 1]!;
  const outerFirst = new Int32Array(count);
  for (let s = 0; s < count; s++) outerFirst[atDepth[depthAt[s]!]!++] = s;
  yield;
  const n = index.nodes.length;
  // Slots by group id in a typed array (the engine numbers groups 0, 1, …): no map lookup per value.
  let maxGroup = -1;
  for (const g of groups) if (Number.isSafeInteger(g.id) && g.id >= 0 && g.id > maxGroup) maxGroup = g.id;
  if (maxGroup > 4 * groups.length + 1024) maxGroup = -1; // sparse ids (not the engine's): the map only
  const slotById = new Int32Array(maxGroup + 1).fill(-1);
  for (const [id, s] of of) if (id >= 0 && id <= maxGroup) slotById[id] = s;
  const ofValue = new Int32Array(n).fill(-1);
  yield;
  for (let i = 0; i < n; i++) {
    const g = index.nodes[i]!.group;
    if (i % chunk === chunk - 1) yield;
    if (g === null || g === undefined) continue;
    ofValue[i] = g >= 0 && g <= maxGroup ? slotById[g]! : of.get(g) ?? -1;
  }
  const slots = { of, parent, outerFirst, ofValue };
  const members = new Members(slots);
  yield* members.build();
  return { groups: [...groups], byId, children, depth, members, slots };
}

/**
 * Every value inside each group, nested groups' too, in creation order: made
 * when first asked for (a drawn group's summary), not for all groups at once
 * (on micrograd's demo step that would be 5,403 lists, 300,000 entries).
 */
class Members extends Map<number, number[]> {
  /** Values by group in preorder: a group's values, nested ones too, are flat[start[s] … end[s]). */
  private flat: Int32Array | null = null;
  private start = new Int32Array(0);
  private end = new Int32Array(0);

  constructor(private readonly slots: GroupSlots) {
    super();
  }

  override has(g: number): boolean {
    return this.slots.of.has(g);
  }

  override get(g: number): number[] | undefined {
    const known = super.get(g);
    const s = this.slots.of.get(g);
    if (known !== undefined || s === undefined) return known;
    const flat = this.flat ?? runAll(this.build());
    const list = Array.from(flat.slice(this.start[s]!, this.end[s]!).sort());
    this.set(g, list);
    return list;
  }

  /** The values of every group, as flat ranges: two passes over every value, yielding every `chunk` of them (groupSteps runs it). */
  *build(): Generator<void, Int32Array, void> {
    if (this.flat) return this.flat;
    const { parent, ofValue } = this.slots;
    const count = parent.length;
    const kids: number[][] = Array.from({ length: count }, () => []);
    const tops: number[] = [];
    for (let s = 0; s < count; s++) (parent[s]! >= 0 ? kids[parent[s]!]! : tops).push(s);
    yield;
    const direct = new Int32Array(count);
    for (let i = 0; i < ofValue.length; i++) {
      if (ofValue[i]! >= 0) direct[ofValue[i]!]!++;
      if (i % chunk === chunk - 1) yield;
    }
    this.start = new Int32Array(count);
    this.end = new Int32Array(count);
    // Preorder: a group's own values, then each nested group's range.
    let cursor = 0;
    const stack: [number, boolean][] = tops.reverse().map((s) => [s, false]);
    while (stack.length > 0) {
      const [s, done] = stack.pop()!;
      if (done) {
        this.end[s] = cursor;
        continue;
      }
      this.start[s] = cursor;
      cursor += direct[s]!;
      stack.push([s, true]);
      for (let k = kids[s]!.length - 1; k >= 0; k--) stack.push([kids[s]![k]!, false]);
    }
    yield;
    const fill = Int32Array.from(this.start);
    const flat = new Int32Array(cursor);
    for (let i = 0; i < ofValue.length; i++) {
      const s = ofValue[i]!;
      if (s >= 0) flat[fill[s]!++] = i;
      if (i % chunk === chunk - 1) yield;
    }
    this.flat = flat;
    return flat;
  }
}

function runAll<T>(steps: Generator<void, T, void>): T {
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** A bundled edge touching a collapsed group: element ids of its ends and how many edges it stands for. */
export interface Bundle {
  id: string;
  source: string;
  target: string;
  count: number;
}

export interface DrawnView {
  /** Values drawn as records, the root first. */
  values: number[];
  /** Collapsed groups drawn as one node each. */
  groups: number[];
  /** Bundled edges (edges between two drawn values are not listed: elements.ts draws those). */
  bundles: Bundle[];
  /** The collapsed group that holds a value, by value id (values drawn or hidden are absent). */
  inside: InsideMap;
  /** Leaves not drawn because every use of them is inside collapsed groups. */
  hidden: Set<number>;
  /** Values under the root. */
  total: number;
  /** Elements drawn: value records, op nodes, group nodes and edges. */
  elements: number;
  /** Values and groups left out by `nearestWithin` (farther from the root than its budget reaches). */
  cut: number;
}

/** Indices of the values under `roots` (their inputs, transitively), roots included. */
export function under(index: GraphIndex, roots: number[]): number[] {
  const seen = new Uint8Array(index.nodes.length);
  const order: number[] = [];
  for (const id of roots) {
    const i = index.indexOf[id] ?? -1;
    if (i >= 0 && !seen[i]) {
      seen[i] = 1;
      order.push(i);
    }
  }
  const { inputStart, inputAt } = index;
  for (let q = 0; q < order.length; q++) {
    const i = order[q]!;
    for (let e = inputStart[i]!; e < inputStart[i + 1]!; e++) {
      const j = inputAt[e]!;
      if (j >= 0 && !seen[j]) {
        seen[j] = 1;
        order.push(j);
      }
    }
  }
  return order;
}

/** For each group slot, the slot of the outermost collapsed group around it (itself included), or -1 when none is collapsed. */
function collapsedHolders(groups: GroupIndex, collapsed: ReadonlySet<number>): Int32Array {
  const { parent, outerFirst } = groups.slots;
  const holders = new Int32Array(parent.length).fill(-1);
  for (const s of outerFirst) {
    const p = parent[s]!;
    const outer = p >= 0 ? holders[p]! : -1;
    holders[s] = outer >= 0 ? outer : collapsed.has(groups.groups[s]!.id) ? s : -1;
  }
  return holders;
}

/**
 * The collapsed group holding each value, by value id: a read-only map over
 * the typed array drawnView fills (a map of every value inside a collapsed
 * group would be tens of thousands of entries made on each expand).
 */
export class InsideMap implements ReadonlyMap<number, number> {
  readonly size: number;
  /** `holder[i]`: the group id holding the value at index i in GraphIndex.nodes, or -1. */
  constructor(private readonly index: GraphIndex, private readonly holder: Int32Array) {
    let size = 0;
    for (const h of holder) if (h >= 0) size++;
    this.size = size;
  }
  /** The group holding the value at `i` (its index in GraphIndex.nodes), or -1. */
  at(i: number): number {
    return this.holder[i] ?? -1;
  }
  get(id: number): number | undefined {
    const i = this.index.indexOf[id] ?? -1;
    const g = i >= 0 ? this.holder[i]! : -1;
    return g >= 0 ? g : undefined;
  }
  has(id: number): boolean {
    return this.get(id) !== undefined;
  }
  *entries(): MapIterator<[number, number]> {
    for (let i = 0; i < this.holder.length; i++) if (this.holder[i]! >= 0) yield [this.index.nodes[i]!.id, this.holder[i]!];
  }
  *keys(): MapIterator<number> {
    for (const [id] of this.entries()) yield id;
  }
  *values(): MapIterator<number> {
    for (const [, g] of this.entries()) yield g;
  }
  [Symbol.iterator](): MapIterator<[number, number]> {
    return this.entries();
  }
  forEach(f: (g: number, id: number, map: ReadonlyMap<number, number>) => void): void {
    for (const [id, g] of this.entries()) f(g, id, this);
  }
}

/** What is drawn of the values `order` (from `under`, the root first) with the groups in `collapsed` collapsed. */
export function drawnView(index: GraphIndex, groups: GroupIndex, order: readonly number[], collapsed: ReadonlySet<number>): DrawnView {
  return place(index, groups, order, collapsed, true) as DrawnView;
}

/** How much drawnView's drawing has: its elements, and its boxes (records and group nodes). */
interface DrawnCounts {
  elements: number;
  boxes: number;
}

/** Only the counts of drawnView's drawing (what openingCollapsed tries many times). */
function drawnCounts(index: GraphIndex, groups: GroupIndex, order: readonly number[], collapsed: ReadonlySet<number>): DrawnCounts {
  return place(index, groups, order, collapsed, false) as DrawnCounts;
}

/** The uses of each leaf under the root by other values under it: leaf i's are at[start[i] … start[i + 1]). */
interface LeafUses {
  start: Int32Array;
  at: Int32Array;
}
const leafUsesOf = new WeakMap<readonly number[], LeafUses>();

/** Made once per shown call (`order`): a parameter of a training run is used in every kept call
 *  (thousands of uses), and place runs several times while a graph opens. */
function leafUsesUnder(index: GraphIndex, order: readonly number[]): LeafUses {
  const known = leafUsesOf.get(order);
  if (known) return known;
  const n = index.nodes.length;
  const inOrder = new Uint8Array(n);
  for (const i of order) inOrder[i] = 1;
  const { start: cs, at: ca } = index.consumers;
  const start = new Int32Array(n + 1);
  const list: number[] = [];
  let last = 0;
  for (const i of [...order].sort((a, b) => a - b)) {
    start.fill(list.length, last + 1, i + 1);
    if (index.leaf[i]) for (let k = cs[i]!; k < cs[i + 1]!; k++) if (inOrder[ca[k]!]) list.push(ca[k]!);
    last = i;
  }
  start.fill(list.length, last + 1);
  const uses = { start, at: Int32Array.from(list) };
  leafUsesOf.set(order, uses);
  return uses;
}

// One pass over the values under the root, on typed arrays (numbers, not strings, until the bundles are made):
// on micrograd's demo step (65,818 values) a few milliseconds, so that opening and expanding never block the page.
function place(index: GraphIndex, groups: GroupIndex, order: readonly number[], collapsed: ReadonlySet<number>, full: boolean): DrawnView | DrawnCounts {
  const n = index.nodes.length;
  const nodes = index.nodes;
  const { inputStart, inputAt, leaf } = index;
  const leafUses = leafUsesUnder(index, order);
  const ofValue = groups.slots.ofValue;
  // Where each value is: -1 drawn itself, -2 hidden, else the collapsed group's slot; -3 not under the root.
  const at = new Int32Array(n).fill(-3);
  const holders = collapsedHolders(groups, collapsed);
  for (const i of order) {
    const s = ofValue[i]!;
    at[i] = s < 0 ? -1 : holders[s]!;
  }
  // Leaves outside every group (parameters, inputs) whose uses are all inside collapsed groups.
  const hidden: number[] = [];
  const root = order[0];
  for (const i of order) {
    if (at[i] !== -1 || !leaf[i] || i === root) continue;
    let uses = 0;
    let inside = 0;
    for (let k = leafUses.start[i]!; k < leafUses.start[i + 1]!; k++) {
      const where = at[leafUses.at[k]!]!;
      uses++;
      if (where >= 0) inside++;
    }
    if (uses > 0 && uses === inside) {
      at[i] = -2;
      hidden.push(nodes[i]!.id);
    }
  }
  const values: number[] = [];
  const seenGroup = new Uint8Array(holders.length);
  const groupSlots: number[] = [];
  // Bundles by a number for (source, target): values by index, groups after them by slot.
  const ends = n + holders.length;
  const bundleCount = new Map<number, number>();
  let elements = 0;
  let drawnValues = 0;
  for (const i of order) {
    const where = at[i]!;
    if (where === -2) continue;
    if (where === -1) {
      drawnValues++;
      if (full) values.push(nodes[i]!.id);
      elements += leaf[i] ? 1 : 3;
    } else if (!seenGroup[where]) {
      seenGroup[where] = 1;
      groupSlots.push(where);
      elements++;
    }
    const target = where === -1 ? i : n + where;
    for (let e = inputStart[i]!; e < inputStart[i + 1]!; e++) {
      const j = inputAt[e]!;
      if (j < 0) continue;
      const from = at[j]!;
      if (from === -2 || from === -3) continue;
      if (from === -1 && where === -1) {
        elements++;
        continue;
      }
      if (from === where) continue;
      // A parameter (a leaf in no group) feeding collapsed calls: no edge. micrograd's demo
      // would draw 337 parameters × 100 forward calls of them; the value is drawn once, and
      // its edges appear where a call that uses it is opened.
      if (from === -1 && where >= 0 && leaf[j] && ofValue[j]! < 0) continue;
      const key = (from === -1 ? j : n + from) * ends + target;
      bundleCount.set(key, (bundleCount.get(key) ?? 0) + 1);
    }
  }
  elements += bundleCount.size;
  if (!full) return { elements, boxes: drawnValues + groupSlots.length };
  const gid = (s: number) => groups.groups[s]!.id;
  const element = (e: number) => (e < n ? valueId(nodes[e]!.id) : groupId(gid(e - n)));
  const bundles: Bundle[] = [];
  for (const [key, count] of bundleCount) {
    const t = key % ends;
    const source = element((key - t) / ends);
    const target = t < n ? opId(nodes[t]!.id) : groupId(gid(t - n));
    bundles.push({ id: `b${source}_${target}`, source, target, count });
  }
  const holder = new Int32Array(n).fill(-1);
  for (const i of order) if (at[i]! >= 0) holder[i] = gid(at[i]!);
  return { values, groups: groupSlots.map(gid), bundles, inside: new InsideMap(index, holder), hidden: new Set(hidden), total: order.length, elements, cut: 0 };
}

/**
 * `view` cut to the levels nearest the root (levels of drawn values and
 * groups, by edges) that fit in `budget` elements, as the ungrouped view draws
 * the levels nearest the root, and as much of the next level as fits;
 * `keep` (element ids) are drawn whatever their level: what the user just
 * opened. The first level is always drawn.
 */
export function nearestWithin(index: GraphIndex, order: readonly number[], view: DrawnView, budget: number, keep: ReadonlySet<string> = new Set()): DrawnView {
  if (view.elements <= budget) return view;
  // Drawn elements by number: value records 0…v-1 (in view.values' order), group nodes after them.
  const n = index.nodes.length;
  const values = view.values;
  const slotOfGroup = new Map(view.groups.map((g, k) => [g, values.length + k]));
  const slot = new Int32Array(n).fill(-1);
  values.forEach((id, k) => (slot[index.indexOf[id]!] = k));
  for (const i of order) {
    const g = view.inside.at(i);
    if (g >= 0) slot[i] = slotOfGroup.get(g) ?? -1;
  }
  const count = values.length + view.groups.length;
  const cost = new Int32Array(count);
  values.forEach((id, k) => (cost[k] = index.nodes[index.indexOf[id]!]!.op === null ? 1 : 3));
  for (let k = values.length; k < count; k++) cost[k] = 1;
  const inputs: number[][] = Array.from({ length: count }, () => []);
  const { inputStart, inputAt } = index;
  for (const i of order) {
    const e = slot[i]!;
    if (e < 0) continue;
    const into = inputs[e]!;
    for (let x = inputStart[i]!; x < inputStart[i + 1]!; x++) {
      const f = inputAt[x]! < 0 ? -1 : slot[inputAt[x]!]!;
      if (f < 0 || f === e || into.includes(f)) continue;
      into.push(f);
      cost[e]!++;
    }
  }
  const slotOf = (element: string) => (element.startsWith('g') ? slotOfGroup.get(Number(element.slice(1))) ?? -1 : slot[index.indexOf[Number(element.slice(1))] ?? -1] ?? -1);
  const kept = new Uint8Array(count);
  let used = 0;
  const take = (k: number) => {
    kept[k] = 1;
    used += cost[k]!;
  };
  const root = slot[order[0]!]!;
  take(root);
  for (const element of keep) {
    const k = slotOf(element);
    if (k >= 0 && !kept[k]) take(k);
  }
  let level = [root];
  while (level.length > 0) {
    const next: number[] = [];
    const seen = new Set<number>();
    for (const e of level) {
      for (const f of inputs[e]!) {
        if (kept[f] || seen.has(f)) continue;
        seen.add(f);
        next.push(f);
      }
    }
    let more = 0;
    for (const f of next) more += cost[f]!;
    if (used + more > budget) {
      // Of the first level that does not fit, as many as fit, in the order found (nearest the root's first input first).
      for (const f of next) {
        if (used + cost[f]! > budget) break;
        take(f);
      }
      break;
    }
    for (const f of next) take(f);
    level = next;
  }
  const keptValues = values.filter((_id, k) => kept[k]);
  const keptGroups = view.groups.filter((_g, k) => kept[values.length + k]);
  const drawn = new Set<string>([...keptValues.map(valueId), ...keptValues.map(opId), ...keptGroups.map(groupId)]);
  const bundles = view.bundles.filter((b) => drawn.has(b.source) && drawn.has(b.target));
  return { ...view, values: keptValues, groups: keptGroups, bundles, elements: used, cut: count - keptValues.length - keptGroups.length };
}

/** Groups that hold at least one of the values `order`, outermost first. */
export function groupsUnder(_index: GraphIndex, groups: GroupIndex, order: readonly number[]): number[] {
  const { ofValue, parent } = groups.slots;
  const used = new Uint8Array(parent.length);
  for (const i of order) {
    for (let s = ofValue[i]!, hops = 0; s >= 0 && !used[s] && hops < 64; s = parent[s]!, hops++) used[s] = 1;
  }
  const ids: number[] = [];
  used.forEach((u, s) => u && ids.push(groups.groups[s]!.id));
  return ids.sort((a, b) => groups.depth.get(a)! - groups.depth.get(b)! || b - a);
}

/** Fewer drawn values and groups than this are opened one level further, whatever the budget. */
const minReadable = 12;

/**
 * The collapsed set a graph opens with: everything collapsed, then whole levels
 * expanded, outermost first, while the drawing stays within `budget` elements;
 * of the first level that does not fit whole, the groups nearest the root
 * (latest made) are expanded one by one while it still fits.
 */
export function openingCollapsed(index: GraphIndex, groups: GroupIndex, order: readonly number[], budget: number): Set<number> {
  const steps = openingSteps(index, groups, order, budget);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** openingCollapsed a pass at a time: it yields after each pass over the values, so a caller can let the page run in between. */
export function* openingSteps(index: GraphIndex, groups: GroupIndex, order: readonly number[], budget: number): Generator<void, Set<number>, void> {
  const all = groupsUnder(index, groups, order);
  const collapsed = new Set(all);
  const byDepth = new Map<number, number[]>();
  for (const g of all) {
    const d = groups.depth.get(g)!;
    if (!byDepth.has(d)) byDepth.set(d, []);
    byDepth.get(d)!.push(g);
  }
  const depths = [...byDepth.keys()].sort((a, b) => a - b);
  // The counts of the drawing with `collapsed` as it is, carried from one level to the next.
  let shown: DrawnCounts | null = null;
  for (const d of depths) {
    const level = byDepth.get(d)!.filter((g) => isVisible(groups, collapsed, g));
    if (level.length === 0) break;
    yield;
    const before: DrawnCounts = shown ?? drawnCounts(index, groups, order, collapsed);
    for (const g of level) collapsed.delete(g);
    yield;
    shown = drawnCounts(index, groups, order, collapsed);
    if (shown.elements <= budget) continue;
    // A drawing of a few boxes says nothing (micrograd's demo is all one `loss()` call):
    // open the level anyway; the session then draws the levels nearest the root (nearestWithin).
    if (before.boxes < minReadable) break;
    for (const g of level) collapsed.add(g);
    // Part of this level: nearest the root first (a group made later is nearer the output),
    // by an estimate of what each adds, then checked and halved until it fits.
    const nearest = [...level].sort((a, b) => (groups.byId.get(b)!.output ?? b) - (groups.byId.get(a)!.output ?? a));
    // `collapsed` is back as it was for `before`.
    let room = budget - before.elements;
    let take = 0;
    while (take < nearest.length && room - openingCost(index, groups, nearest[take]!) >= 0) room -= openingCost(index, groups, nearest[take++]!);
    for (; take > 0; take = Math.floor(take / 2)) {
      const trial = new Set(collapsed);
      for (const g of nearest.slice(0, take)) trial.delete(g);
      yield;
      if (drawnCounts(index, groups, order, trial).elements <= budget) {
        for (const g of nearest.slice(0, take)) collapsed.delete(g);
        break;
      }
    }
    break;
  }
  return collapsed;
}

/** About how many elements opening `g` adds: its own values' records, ops and edges, and a node and two edges per nested group. */
function openingCost(index: GraphIndex, groups: GroupIndex, g: number): number {
  let cost = 3 * (groups.children.get(g)?.length ?? 0) - 1;
  for (const i of groups.members.get(g) ?? []) {
    const node = index.nodes[i]!;
    if (node.group === g) cost += node.op === null ? 1 : 2 + node.inputs.length;
  }
  return cost;
}

/** True when no group around `g` is collapsed (so `g` itself is drawn, as a node or opened). */
export function isVisible(groups: GroupIndex, collapsed: ReadonlySet<number>, g: number): boolean {
  for (let p = groups.byId.get(g)?.parent ?? null, hops = 0; p !== null && hops < 64; hops++) {
    if (collapsed.has(p)) return false;
    p = groups.byId.get(p)?.parent ?? null;
  }
  return true;
}

/** `collapsed` with every group around value index `i` opened, so the value itself is drawn. */
export function openPathTo(index: GraphIndex, groups: GroupIndex, collapsed: ReadonlySet<number>, i: number): Set<number> {
  const next = new Set(collapsed);
  for (let g = index.nodes[i]!.group ?? null, hops = 0; g !== null && hops < 64; hops++) {
    next.delete(g);
    g = groups.byId.get(g)?.parent ?? null;
  }
  return next;
}

/** A collapsed group's summary for its node: its output's numbers, the largest |grad| inside, any NaN/∞ inside. */
export interface GroupSummary {
  data: number;
  grad: number;
  maxGrad: number;
  nonFinite: boolean;
}

export function summarize(index: GraphIndex, groups: GroupIndex, g: number, data: (i: number) => number, grad: (i: number) => number): GroupSummary {
  const group = groups.byId.get(g)!;
  const out = group.output === null ? -1 : index.indexOf[group.output] ?? -1;
  let maxGrad = 0;
  let nonFinite = false;
  for (const i of groups.members.get(g) ?? []) {
    const d = data(i);
    const gr = grad(i);
    if (!Number.isFinite(d) || !Number.isFinite(gr)) nonFinite = true;
    else if (Math.abs(gr) > maxGrad) maxGrad = Math.abs(gr);
  }
  return { data: out >= 0 ? data(out) : NaN, grad: out >= 0 ? grad(out) : NaN, maxGrad, nonFinite };
}

/** What expanding a group can draw within the drawing limit (see `expansionPlan`). */
export interface ExpansionPlan {
  /** 'whole': the group opens as asked (its nested groups as they were); 'children': that would pass the
   *  limit, but the group opened with every group inside it collapsed fits; 'none': neither fits. */
  fits: 'whole' | 'children' | 'none';
  /** The collapsed set that opens it whole. */
  whole: Set<number>;
  /** The collapsed set that opens it one level: its child groups drawn as collapsed boxes. */
  children: Set<number>;
  /** Values and groups each draws (the whole graph's, before the budget's cut). */
  wholeDrawn: number;
  childrenDrawn: number;
}

/** Every group nested inside `g` (not `g` itself). */
export function descendants(groups: GroupIndex, g: number): number[] {
  const out: number[] = [];
  const stack = [...(groups.children.get(g) ?? [])];
  while (stack.length > 0) {
    const c = stack.pop()!;
    out.push(c);
    stack.push(...(groups.children.get(c) ?? []));
  }
  return out;
}

/**
 * Whether expanding `g` (collapsed in `collapsed`) keeps the drawing within
 * `limit` values and groups, and if not, whether opening it one level (its
 * nested groups collapsed, as they were when it was first opened) does.
 */
export function expansionPlan(index: GraphIndex, groups: GroupIndex, order: readonly number[], collapsed: ReadonlySet<number>, g: number, limit: number): ExpansionPlan {
  const drawn = (view: DrawnView) => view.values.length + view.groups.length;
  const whole = new Set(collapsed);
  whole.delete(g);
  const wholeDrawn = drawn(drawnView(index, groups, order, whole));
  const children = new Set(whole);
  for (const c of descendants(groups, g)) children.add(c);
  const childrenDrawn = wholeDrawn <= limit ? wholeDrawn : drawn(drawnView(index, groups, order, children));
  const fits = wholeDrawn <= limit ? 'whole' : childrenDrawn <= limit && childrenDrawn < wholeDrawn ? 'children' : 'none';
  return { fits, whole, children, wholeDrawn, childrenDrawn };
}
