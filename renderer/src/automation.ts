// window.gradscope: a read-only view of what the app shows, for tests and for
// users at the devtools console. Present in every build.

import type { Diagnostic, RunError } from '../../common/snapshot.js';
import type { Session } from './session.js';

export interface AutomationNode {
  id: number;
  label: string | null;
  /** What the graph, the explanation line and the inspector call it: `c₂` for the second `c`. */
  name: string;
  op: string | null;
  data: number;
  grad: number;
  selected: boolean;
  current: boolean;
  /** Created on the editor's cursor line. */
  onCursorLine: boolean;
  /** debug(): its forward or local backward disagrees with the op table (drawn with ⚠ and a red dashed border). */
  flagged: boolean;
  /** Where its record is drawn, in client coordinates; null when it is not drawn (inside a collapsed group, or hidden). */
  box: { x1: number; y1: number; x2: number; y2: number } | null;
  /** The innermost group it was made in, or null (issue 8). */
  group: number | null;
}

/** A group of the shown graph (issue 8): `box` is its node while collapsed and drawn, else null. */
export interface AutomationGroup {
  id: number;
  label: string;
  kind: 'module' | 'function' | 'chain';
  size: number;
  collapsed: boolean;
  parent: number | null;
  box: { x1: number; y1: number; x2: number; y2: number } | null;
}

/** The graph view: its zoom, the on-screen height (CSS px) of value text at
 *  that zoom, and its visible area in client coordinates. */
export interface AutomationView { zoom: number; textPx: number; x1: number; y1: number; x2: number; y2: number }

export interface AutomationSnapshot {
  nodes: AutomationNode[];
  step: number;
  totalSteps: number;
  error: RunError | null;
  /** Completed draws so far; grows by one each time a graph is drawn. */
  draws: number;
  /** The backward call shown (0-based), -1 when none; and how many there are. */
  call: number;
  calls: number;
  /** True from an edit until its run has been drawn (or has failed). */
  busy: boolean;
  view: AutomationView;
  /** What the findings panel lists: the last good run's diagnostics. */
  findings: Diagnostic[];
  /** The editor's cursor, 1-based. */
  cursor: { line: number; column: number } | null;
  /** The groups under the shown call's root; empty when the graph has none. */
  groups: AutomationGroup[];
}

export interface AutomationSources {
  error(): RunError | null;
  busy(): boolean;
  position(id: number): { x: number; y: number } | null;
  view(): AutomationView;
  /** Record boxes at this moment, by id. */
  boxes(): (id: number) => AutomationNode['box'];
  findings(): readonly Diagnostic[];
  cursor(): { line: number; column: number } | null;
  /** Collapsed groups' boxes at this moment, by group id. */
  groupBoxes(): (id: number) => AutomationGroup['box'];
  expand(group: number): Promise<void>;
  collapse(group: number): Promise<void>;
  /** Every node the graph has drawn now (values, ops, collapsed groups), as in `window.gradscope.drawn()`. */
  drawn(): AutomationDrawn[];
}

/** A node as drawn at this moment: its element id (`v<id>` a value, `o<id>` an op, `g<id>` a group)
 *  and cytoscape's rendered bounding box (labels and border; no hover or mark halo) in client coordinates. */
export interface AutomationDrawn { id: string; box: { x1: number; y1: number; x2: number; y2: number } }

/** `position(id)`: where a drawn value is on screen, in client coordinates, so a test can click it. */
export function installAutomation(session: Session, sources: AutomationSources): void {
  const snapshot = (): AutomationSnapshot => {
    const next = session.stepper?.next() ?? null;
    const box = sources.boxes();
    const grouped = session.grouped;
    // A grouped graph lists every value under the root, drawn or not; else the drawn ones.
    // Built when read (a 65,818-value graph's list takes a while): `snapshot().draws` stays cheap.
    const nodes = (): AutomationNode[] => {
      const ids = grouped ? grouped.order.map((i) => session.index!.nodes[i]!.id) : session.selection?.ids ?? [];
      return ids.map((id) => {
        const node = session.node(id)!;
        return {
          id, label: node.label, name: session.displayName(id), op: node.op, data: session.dataOf(id), grad: session.gradOf(id),
          selected: session.selectedId === id, current: next === id, onCursorLine: session.lineHits.has(id),
          flagged: node.flagged === true, box: grouped?.view.inside.has(id) ? null : box(id), group: node.group ?? null,
        };
      });
    };
    const groups = (): AutomationGroup[] => {
      const groupBox = sources.groupBoxes();
      return (grouped?.relevant ?? []).map((g) => {
        const group = grouped!.groups.byId.get(g)!;
        const collapsed = grouped!.collapsed.has(g);
        return { id: g, label: group.label, kind: group.kind, size: group.size, collapsed, parent: group.parent, box: collapsed ? groupBox(g) : null };
      });
    };
    const e = sources.error();
    const result = {
      step: session.stepper?.position ?? 0, totalSteps: session.stepper?.total ?? 0,
      error: e && { ...e }, draws: session.draws, call: session.callIndex, calls: session.snapshot?.backward.length ?? 0, busy: sources.busy(),
      view: sources.view(),
      findings: sources.findings().map((d) => ({ ...d })), cursor: sources.cursor(),
    } as AutomationSnapshot;
    let listed: AutomationNode[] | null = null;
    let listedGroups: AutomationGroup[] | null = null;
    Object.defineProperty(result, 'nodes', { enumerable: true, get: () => (listed ??= nodes()) });
    Object.defineProperty(result, 'groups', { enumerable: true, get: () => (listedGroups ??= groups()) });
    return result;
  };
  Object.defineProperty(window, 'gradscope', { value: Object.freeze({ snapshot, position: (id: number) => sources.position(id), expand: (g: number) => sources.expand(g), collapse: (g: number) => sources.collapse(g), drawn: () => sources.drawn() }), writable: false, configurable: false });
}
