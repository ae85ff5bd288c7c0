// The debugger session for the last good snapshot: which backward call is
// shown, the stepper over it, breakpoints, the selection, and what is drawn.
// It turns each user action into a few view updates; it never re-lays out
// while stepping.

import type { BackwardCall, GraphNode, Snapshot } from '../../common/snapshot.js';
import type { Numbers } from './graph/elements.js';
import { indexSnapshot, nearestLevels, sinks, type GraphIndex, type Selection } from './graph/subgraph.js';
import type { GraphView } from './graph/view.js';
import { Stepper } from './stepper/state.js';
import { explainStart, explainStep, type Lookup } from './stepper/explain.js';
import { DisplayNames } from './names.js';

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
  /** Drawing limit in values, and how many times the user widened it. */
  limit = 5000;
  widened = 0;
  /** Leaf data as of the shown call (a training loop changes it afterwards). */
  private leafData = new Map<number, number>();
  private byLine = new Map<number, number[]>();
  private drawToken = 0;
  /** Count of completed draws, for tests and benchmarks waiting on the view. */
  draws = 0;

  constructor(private readonly view: GraphView, private readonly events: SessionEvents) {}

  /** A new good snapshot: show its last backward call (or the whole graph). */
  async load(snapshot: Snapshot): Promise<void> {
    this.snapshot = snapshot;
    this.index = indexSnapshot(snapshot);
    this.breakpoints.clear();
    this.widened = 0;
    await this.showCall(snapshot.backward.length - 1);
  }

  async showCall(callIndex: number): Promise<void> {
    const snapshot = this.snapshot;
    const index = this.index;
    if (!snapshot || !index) return;
    const token = ++this.drawToken;
    this.callIndex = callIndex;
    const call: BackwardCall | undefined = snapshot.backward[callIndex];
    this.leafData = new Map(call?.leafData ?? []);
    this.stepper = call ? new Stepper(call, index.nodes.length, index.indexOf) : null;
    this.stepper?.seek(this.stepper.total);
    this.selection = nearestLevels(index, call ? [call.root] : sinks(index), this.limit * 2 ** this.widened);
    this.byLine = linesOf(index, this.selection.ids);
    const ok = await this.view.draw(index, this.selection.ids, this.numbers(), this.displayNames());
    if (!ok || token !== this.drawToken) return;
    for (const id of this.breakpoints) this.view.setBreakpoint(id, true);
    if (this.selectedId !== null && index.indexOf[this.selectedId] !== undefined) this.view.select(this.selectedId);
    else this.selectedId = null;
    this.markStep();
    this.highlightLine(this.cursorLine);
    this.draws++;
    this.events.changed();
    this.events.selected(this.selectedId);
  }

  async widen(): Promise<void> {
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
    for (const id of this.selection!.ids) {
      const g = Math.abs(numbers.grad(index.indexOf[id]!));
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
    this.move((s) => s.runToEnd(this.breakpoints));
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
    return this.index!.consumers[i]!.map((j) => this.index!.nodes[j]!);
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
