// The debugger session for the last good snapshot: which backward call is
// shown, the stepper over it, breakpoints, the selection, and what is drawn.
// It turns each user action into a few view updates; it never re-lays out
// while stepping.

import type { BackwardCall, GraphNode, Snapshot } from '../../common/snapshot.js';
import { valueId, type Numbers } from './graph/elements.js';
import { indexSteps, nearestLevels, sinks, type GraphIndex, type Selection } from './graph/subgraph.js';
import type { GraphView } from './graph/view.js';
import { Stepper } from './stepper/state.js';
import { explainStart, explainStep, type Lookup } from './stepper/explain.js';
import { DisplayNames } from './names.js';
import { yieldToPage } from './yield-to-page.js';
import { drawnView, groupId, groupsUnder, groupSteps, isVisible, nearestWithin, openingSteps, openPathTo, under, type DrawnView, type GroupIndex } from './graph/groups.js';

type Anchor = NonNullable<ReturnType<GraphView['anchorOf']>>;

/** Snapshots with at least this many values are indexed in slices (see load). */
const sliceFrom = 20_000;
/** Work done between two yields to the page when indexing a large snapshot (as engine-client.ts decodes it). */
const sliceMs = 8;

/** A graph with groups opens with at most about this many elements drawn (values, ops, groups, edges). */
export const openingBudget = 1000;

/** The grouped drawing of the shown call: which groups are collapsed and what that draws. */
export interface GroupedState {
  groups: GroupIndex;
  /** Indices (in the snapshot's nodes) of the values under the root, the root first. */
  order: number[];
  /** Groups holding at least one of them, outermost first. */
  relevant: number[];
  collapsed: Set<number>;
  /** Groups the user opened: their values and nested groups are drawn whatever the budget. */
  opened: Set<number>;
  /** Elements drawn at most (the levels nearest the root that fit); Widen doubles it. */
  budget: number;
  /** Values drawn whatever the budget: search hits and inspector links the user went to. */
  pinned: Set<string>;
  view: DrawnView;
}

/** A call ready to be shown (Session.prepare). */
interface Shown {
  callIndex: number;
  leafData: Map<number, number>;
  stepper: Stepper | null;
  roots: number[];
  grouped: GroupedState | null;
}

export interface SessionEvents {
  /** The stepper position, explanation or calls changed. */
  changed(): void;
  selected(id: number | null): void;
}

export class Session {
  snapshot: Snapshot | null = null;
  index: GraphIndex | null = null;
  callIndex = -1;
  stepper: Stepper | null = null;
  selection: Selection | null = null;
  selectedId: number | null = null;
  readonly breakpoints = new Set<number>();
  /** Groups with a breakpoint: Run to end stops at the first step inside one. */
  readonly groupBreakpoints = new Set<number>();
  /** The shown call's groups, or null when the snapshot has none (then the nearest levels are drawn). */
  grouped: GroupedState | null = null;
  private groupIndex: GroupIndex | null = null;
  /** Drawing limit in values, and how many times the user widened it. */
  limit = 5000;
  widened = 0;
  /** Leaf data as of the shown call (a training loop changes it afterwards). */
  private leafData = new Map<number, number>();
  private byLine = new Map<number, number[]>();
  private drawToken = 0;
  /** The newest load or showCall: one being prepared gives way to a newer one. */
  private prepareToken = 0;
  /** Count of completed draws, for tests and benchmarks waiting on the view. */
  draws = 0;

  constructor(private readonly view: GraphView, private readonly events: SessionEvents) {}

  /** A new good snapshot: show its last backward call (or the whole graph). */
  async load(snapshot: Snapshot): Promise<void> {
    // A large graph is indexed in slices, the page handling input and painting between
    // them (no task over ~50 ms on micrograd's demo step, 65,818 values); the newest load or
    // call shown wins, and until it is ready the session shows the previous one unchanged.
    const token = ++this.prepareToken;
    const started = performance.now();
    // Each pass over every value the run kept (841,177 for two-moons) yields every few milliseconds.
    const indexed = await this.drive(token, snapshot, indexSteps(snapshot));
    if (!indexed) return;
    const index = indexed.value;
    const grouped = snapshot.groups && snapshot.groups.length > 0 ? await this.drive(token, snapshot, groupSteps(index, snapshot.groups)) : { value: null };
    if (!grouped) return;
    const groupIndex = grouped.value;
    performance.measure('gradscope:index', { start: started, end: performance.now() });
    const named = await this.drive(token, snapshot, DisplayNames.build(snapshot.nodes));
    if (!named) return;
    const names = named.value;
    const shown = await this.prepare(token, snapshot, index, groupIndex, snapshot.backward.length - 1);
    if (!shown) return;
    this.names = names;
    this.namesOf = snapshot;
    this.snapshot = snapshot;
    this.index = index;
    this.groupIndex = groupIndex;
    this.breakpoints.clear();
    this.groupBreakpoints.clear();
    this.widened = 0;
    await this.install(shown);
  }

  async showCall(callIndex: number): Promise<void> {
    const snapshot = this.snapshot;
    const index = this.index;
    if (!snapshot || !index) return;
    const shown = await this.prepare(++this.prepareToken, snapshot, index, this.groupIndex, callIndex);
    if (shown) await this.install(shown);
  }

  /** Runs `steps` to its end, letting the page run every `sliceMs`; null when a newer load or call has started meanwhile. */
  private async drive<T>(token: number, snapshot: Snapshot, steps: Generator<void, T, void>): Promise<{ value: T } | null> {
    let sliceStart = performance.now();
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return { value: step.value };
      if (performance.now() - sliceStart < sliceMs) continue;
      if (!(await this.pause(token, snapshot))) return null;
      sliceStart = performance.now();
    }
  }

  /** Yields to the page between slices of preparing a large snapshot; false when a newer one has started meanwhile. */
  private async pause(token: number, snapshot: Snapshot): Promise<boolean> {
    if (snapshot.nodes.length >= sliceFrom) await yieldToPage();
    return token === this.prepareToken;
  }

  /** What showing call `callIndex` of `snapshot` needs: its stepper at the end and, for a large grouped graph, what is drawn. */
  private async prepare(token: number, snapshot: Snapshot, index: GraphIndex, groupIndex: GroupIndex | null, callIndex: number): Promise<Shown | null> {
    const call: BackwardCall | undefined = snapshot.backward[callIndex];
    const stepper = call ? new Stepper(call, index.nodes.length, index.indexOf) : null;
    stepper?.seek(stepper.total);
    const roots = call ? [call.root] : sinks(index);
    const shown: Shown = { callIndex, leafData: new Map(call?.leafData ?? []), stepper, roots, grouped: null };
    if (!groupIndex) return shown;
    // Choosing what a grouped graph draws: one pass over the values per slice (a few ms each on
    // micrograd's demo step), timed for the benchmarks (bench-main-thread) without the pauses.
    let worked = 0;
    const slice = async <T>(work: () => T): Promise<T | null> => {
      if (!(await this.pause(token, snapshot))) return null;
      const started = performance.now();
      const result = work();
      worked += performance.now() - started;
      return result;
    };
    const order = await slice(() => under(index, roots));
    const relevant = order && (await slice(() => groupsUnder(index, groupIndex, order)));
    if (!order || !relevant) return null;
    // Groups fold what cannot be drawn readably; a graph that fits is drawn value by value
    // (and the drawing limit and its notice apply as without groups).
    if (relevant.length === 0 || order.length <= openingBudget) return shown;
    const steps = openingSteps(index, groupIndex, order, openingBudget);
    let step = await slice(() => steps.next());
    while (step && !step.done) step = await slice(() => steps.next());
    const collapsed = step?.done ? step.value : null;
    const full = collapsed && (await slice(() => drawnView(index, groupIndex, order, collapsed)));
    const view = full && (await slice(() => nearestWithin(index, order, full, openingBudget)));
    if (!collapsed || !view || !(await this.pause(token, snapshot))) return null;
    shown.grouped = { groups: groupIndex, order, relevant, collapsed, opened: new Set(), budget: openingBudget, pinned: new Set(), view };
    performance.measure('gradscope:grouped-view', { start: performance.now() - worked, duration: worked });
    return shown;
  }

  private async install(shown: Shown): Promise<void> {
    this.callIndex = shown.callIndex;
    this.leafData = shown.leafData;
    this.stepper = shown.stepper;
    this.grouped = shown.grouped;
    await this.redraw(++this.drawToken, shown.roots, null);
  }

  /** Draws the shown call as it is now (the stepper keeps its place); `anchor`: the element kept in place on screen. */
  private async redraw(token: number, roots: number[], anchor: Anchor | null): Promise<void> {
    const index = this.index!;
    const grouped = this.grouped;
    this.selection = grouped
      ? { ids: grouped.view.values, total: grouped.view.values.length, levels: 1, totalLevels: 1 }
      : nearestLevels(index, roots, this.limit * 2 ** this.widened);
    this.byLine = linesOf(index, this.selection.ids);
    const grouping = grouped && {
      groups: grouped.groups, view: grouped.view, searchable: grouped.order.map((i) => index.nodes[i]!.id),
      anchor,
    };
    const ok = await this.view.draw(index, this.selection.ids, this.numbers(), this.displayNames(), grouping);
    if (!ok || token !== this.drawToken) return;
    for (const id of this.breakpoints) this.view.setBreakpoint(id, true);
    for (const g of this.groupBreakpoints) this.view.setGroupBreakpoint(g, true);
    if (this.selectedId !== null && index.indexOf[this.selectedId] !== undefined) this.view.select(this.selectedId);
    else this.selectedId = null;
    this.markStep();
    this.highlightLine(this.cursorLine);
    this.draws++;
    this.events.changed();
    this.events.selected(this.selectedId);
  }

  async widen(): Promise<void> {
    if (this.grouped) {
      this.grouped.budget *= 2;
      await this.setCollapsed(this.grouped.collapsed, null);
      return;
    }
    this.widened++;
    await this.showCall(this.callIndex);
  }

  private numbers(): Numbers {
    const index = this.index!;
    const stepper = this.stepper;
    const numbers: Numbers = {
      data: (i) => {
        const node = index.nodes[i]!;
        return this.leafData.get(node.id) ?? node.data;
      },
      grad: (i) => (stepper ? stepper.grads[i]! : index.nodes[i]!.grad),
      scale: 0,
    };
    // The colour scale is fixed per call (from its final grads), so a colour
    // means the same thing at every step.
    const scaleOver = this.grouped ? this.grouped.order : this.selection!.ids.map((id) => index.indexOf[id]!);
    for (const i of scaleOver) {
      const g = Math.abs(numbers.grad(i));
      if (Number.isFinite(g) && g > numbers.scale) numbers.scale = g;
    }
    return numbers;
  }

  // ---- stepping: each moves the stepper and restyles what changed ----

  step(): void {
    this.move((s) => s.forward());
  }
  stepBack(): void {
    this.move((s) => s.back());
  }
  runToEnd(): void {
    // A breakpoint on a group stops at the first step inside it.
    const stops = { has: (id: number) => this.breakpoints.has(id) || this.inBreakpointGroup(id) } as ReadonlySet<number>;
    this.move((s) => s.runToEnd(stops));
  }

  private inBreakpointGroup(id: number): boolean {
    if (this.groupBreakpoints.size === 0 || !this.groupIndex) return false;
    for (let g = this.node(id)?.group ?? null, hops = 0; g !== null && hops < 64; hops++) {
      if (this.groupBreakpoints.has(g)) return true;
      g = this.groupIndex.byId.get(g)?.parent ?? null;
    }
    return false;
  }

  // ---- groups: expand, collapse, step into, breakpoints ----

  /** What drawing the groups `collapsed` collapsed would draw. */
  viewWith(collapsed: ReadonlySet<number>): DrawnView | null {
    const g = this.grouped;
    return g && drawnView(this.index!, g.groups, g.order, collapsed);
  }

  /** What is drawn of `full`: the levels nearest the root within the budget, and what the user opened. */
  private cutView(full: DrawnView, opened: ReadonlySet<number>): DrawnView {
    const g = this.grouped!;
    const keep = new Set<string>(g.pinned);
    if (opened.size > 0) {
      for (const id of full.values) if (opened.has(this.node(id)?.group ?? -1)) keep.add(valueId(id));
      for (const c of full.groups) if (opened.has(g.groups.byId.get(c)?.parent ?? -1)) keep.add(groupId(c));
    }
    return nearestWithin(this.index!, g.order, full, g.budget, keep);
  }

  /** Draws with `collapsed` collapsed, keeping group `around`'s output where the group was on screen. */
  async setCollapsed(collapsed: Set<number>, around: number | null): Promise<void> {
    const g = this.grouped;
    if (!g) return;
    const last = around === null ? undefined : g.groups.members.get(around)?.at(-1);
    const output = around === null ? null : g.groups.byId.get(around)?.output ?? (last === undefined ? null : this.index!.nodes[last]!.id);
    const elementIn = (view: DrawnView, id: number) => {
      const holder = view.inside.get(id);
      return holder === undefined ? valueId(id) : groupId(holder);
    };
    const before = output === null ? null : this.view.anchorOf(elementIn(g.view, output));
    // The view lays out this group's change in place when it can (graph/incremental.ts).
    return this.setCollapsedAt(collapsed, before && around !== null ? { ...before, group: around } : before, output, elementIn);
  }

  private async setCollapsedAt(collapsed: Set<number>, before: Anchor | null, output: number | null, elementIn: (view: DrawnView, id: number) => string): Promise<void> {
    const g = this.grouped!;
    const token = ++this.drawToken;
    const opened = new Set(g.opened);
    for (const c of g.collapsed) if (!collapsed.has(c)) opened.add(c);
    for (const c of collapsed) opened.delete(c);
    // Two passes over the values, the page running between them; a newer expand or load wins.
    const full = drawnView(this.index!, g.groups, g.order, collapsed);
    await yieldToPage();
    if (token !== this.drawToken || this.grouped !== g) return;
    g.view = this.cutView(full, opened);
    g.opened = opened;
    g.collapsed = collapsed;
    const anchor = before && output !== null ? { ...before, element: elementIn(g.view, output) } : null;
    await yieldToPage();
    if (token !== this.drawToken || this.grouped !== g) return;
    await this.redraw(token, [], anchor);
    // A group opened from outside the drawing (the API, a search): show what it opened.
    if (anchor === null && output !== null && token === this.drawToken) this.view.revealElement(elementIn(g.view, output));
  }

  isCollapsed(group: number): boolean {
    return this.grouped?.collapsed.has(group) ?? false;
  }

  /** True when `group` is drawn: as a collapsed node, or opened (no group around it collapsed). */
  groupVisible(group: number): boolean {
    const g = this.grouped;
    return g !== null && isVisible(g.groups, g.collapsed, group);
  }

  /** The collapsed group the next step's node is inside, or null. */
  currentGroup(): number | null {
    const next = this.stepper?.next() ?? null;
    return next === null ? null : this.grouped?.view.inside.get(next) ?? null;
  }

  /** Opens every group around value `id` so it is drawn itself; a hidden leaf opens the groups of its use nearest the root. */
  async revealValue(id: number): Promise<boolean> {
    const g = this.grouped;
    const index = this.index;
    if (!g || !index) return false;
    let i = index.indexOf[id] ?? -1;
    if (i < 0) return false;
    if (!g.view.inside.has(id) && !g.view.hidden.has(id) && !g.view.values.includes(id)) {
      // Left out by the budget: draw it anyway (once: a value not under the root is never drawn).
      if (g.pinned.has(valueId(id))) return false;
      g.pinned.add(valueId(id));
      await this.setCollapsed(g.collapsed, null);
      return true;
    }
    if (g.view.hidden.has(id)) {
      const uses = index.consumers.of(i).filter((c) => g.view.inside.has(index.nodes[c]!.id));
      if (uses.length === 0) return false;
      i = Math.max(...uses);
    } else if (!g.view.inside.has(id)) return false;
    const holder = g.view.inside.get(index.nodes[i]!.id)!;
    await this.setCollapsed(openPathTo(index, g.groups, g.collapsed, i), holder);
    return true;
  }

  toggleGroupBreakpoint(group: number): void {
    const on = !this.groupBreakpoints.has(group);
    if (on) this.groupBreakpoints.add(group);
    else this.groupBreakpoints.delete(group);
    this.view.setGroupBreakpoint(group, on);
    this.events.changed();
  }
  reset(): void {
    this.move((s) => s.seek(0));
  }
  seek(position: number): void {
    this.move((s) => s.seek(position));
  }

  private move(action: (s: Stepper) => number[]): void {
    if (!this.stepper) return;
    const changed = action(this.stepper);
    this.view.updateValues(new Set(changed));
    this.markStep();
    this.events.changed();
  }

  private markStep(): void {
    const s = this.stepper;
    if (!s) {
      this.view.markStep(null, [], null);
      return;
    }
    const next = s.next();
    const nextInputs = next === null ? [] : s.call.steps[s.position]!.deltas.map(([id]) => id);
    this.view.markStep(next, nextInputs, s.lastStep());
  }

  private names: DisplayNames | null = null;
  private namesOf: Snapshot | null = null;

  /** The names of this program's values (names.ts), made once per program. */
  private displayNames(): DisplayNames | null {
    if (this.namesOf !== this.snapshot) {
      this.names = this.snapshot === null ? null : new DisplayNames(this.snapshot.nodes);
      this.namesOf = this.snapshot;
    }
    return this.names;
  }

  /** What the graph, the explanation line and the inspector call a value: `c₂` for the second `c` (names.ts). */
  displayName(id: number): string {
    const node = this.node(id);
    return node === null ? `#${id}` : this.displayNames()!.name(node);
  }

  /** The chain-rule line(s) for the step just taken, or the start line. */
  explanation(): string[] {
    const s = this.stepper;
    const index = this.index;
    if (!s || !index) return [];
    const look: Lookup = { node: (id) => this.node(id)!, data: (id) => this.dataOf(id), name: (id) => this.displayName(id) };
    const last = s.lastStep();
    if (last === null) {
      const next = s.next();
      return [explainStart(this.node(s.call.root)!, next === null ? null : this.node(next)!, (n) => look.name!(n.id))];
    }
    return explainStep(last, s.grad(last.node), look);
  }

  // ---- breakpoints and selection ----

  toggleBreakpoint(id: number | null = this.selectedId): void {
    if (id === null) return;
    const on = !this.breakpoints.has(id);
    if (on) this.breakpoints.add(id);
    else this.breakpoints.delete(id);
    this.view.setBreakpoint(id, on);
    this.events.changed();
    this.events.selected(this.selectedId);
  }

  select(id: number | null, center = false): void {
    // A value inside a collapsed group (a search hit, an inspector link): open the groups around it first.
    if (id !== null && this.grouped && this.index?.indexOf[id] !== undefined && !this.grouped.view.values.includes(id)) {
      void this.revealValue(id).then((opened) => opened && this.select(id, center));
      return;
    }
    this.selectedId = id;
    this.view.select(id, center);
    this.events.selected(id);
  }

  /** Values created on the editor's cursor line, highlighted in the graph. */
  lineHits = new Set<number>();
  private cursorLine: number | null = null;

  highlightLine(line: number | null): void {
    this.cursorLine = line;
    const ids = line === null ? [] : this.nodesOnLine(line);
    this.lineHits = new Set(ids);
    this.view.highlightLine(ids);
  }

  /** Drawn values created on `line` of the program. */
  nodesOnLine(line: number): number[] {
    return this.byLine.get(line) ?? [];
  }

  node(id: number): GraphNode | null {
    const i = this.index?.indexOf[id];
    return i === undefined || i < 0 ? null : this.index!.nodes[i]!;
  }

  dataOf(id: number): number {
    return this.leafData.get(id) ?? this.node(id)?.data ?? NaN;
  }

  gradOf(id: number): number {
    if (this.stepper) return this.stepper.grad(id);
    return this.node(id)?.grad ?? NaN;
  }

  consumersOf(id: number): GraphNode[] {
    const i = this.index?.indexOf[id];
    if (i === undefined || i < 0) return [];
    return this.index!.consumers.of(i).map((j) => this.index!.nodes[j]!);
  }
}

function linesOf(index: GraphIndex, ids: number[]): Map<number, number[]> {
  const byLine = new Map<number, number[]>();
  for (const id of ids) {
    const loc = index.nodes[index.indexOf[id]!]!.loc;
    if (loc === null) continue;
    const list = byLine.get(loc.line);
    if (list) list.push(id);
    else byLine.set(loc.line, [id]);
  }
  return byLine;
}
