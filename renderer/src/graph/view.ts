// The cytoscape view: draws a laid-out graph once, then only restyles the few
// nodes a step, selection or search touches (inside cy.batch).

import cytoscape from 'cytoscape';
import { fixed4, full } from '../../../common/format.js';
import { nameOf } from '../../../common/snapshot.js';
import { gradColour } from './colour.js';
import { buildElements, noDelta, nonFinite, opId, valueId, valueText, labelCell, type Numbers, type RecordShape } from './elements.js';
import { centredOn, fitZoom, followPan, followView, openingOnStep, openingViewport, wholeBoxes, type Pane, type Viewport } from './camera.js';
import { Culling, type Box } from './culling.js';
import type { Direction } from './layered.js';
import { LayoutClient } from './layout-client.js';
import type { Incremental, Memory } from './layout.worker.js';
import type { DisplayNames } from '../names.js';
import { Minimap } from './minimap.js';
import { viewPicture, type ViewPicture } from './picture.js';
import { recordImage } from './record.js';
import { fontFamily, fontSize, graphStyle, opHeight, palettes, rowHeight, valueHeight } from './style.js';
import type { GraphIndex } from './subgraph.js';
import { findByLabel } from '../search.js';
import { buildGroupElements, groupData, groupRows } from './group-elements.js';
import { groupId, isVisible, type DrawnView, type GroupIndex } from './groups.js';

export interface ViewEvents {
  select(id: number | null): void;
  contextMenu(id: number, x: number, y: number): void;
  /** Enter on the graph: show the selected value in the inspector. */
  inspect(id: number): void;
  /** Escape on the graph: back to the editor. */
  leave(): void;
}

/** What a collapsed group's node does when used (set by the groups controller, graph/group-controls.ts). */
export interface GroupEvents {
  /** Double-click or Enter on a collapsed group: expand it. */
  toggle(group: number): void;
  contextMenu(group: number, x: number, y: number): void;
}

/** A grouped drawing: the groups, what is drawn of them, and the values a search looks through. */
export interface Grouping {
  groups: GroupIndex;
  view: DrawnView;
  /** Every value under the root, drawn or inside a collapsed group. */
  searchable: number[];
  /** Keep this element where it is on screen (an expanded group's output), instead of the opening view;
   *  `group`: the group expanded or collapsed, whose change is laid out in place when it can be. */
  anchor: { element: string; x: number; y: number; zoom: number; group?: number } | null;
}

const groupHeight = groupRows * rowHeight;
const heightOf = (id: string) => (id.startsWith('v') ? valueHeight : id.startsWith('g') ? groupHeight : opHeight);

export interface Appearance { theme: 'light' | 'dark'; presenting: boolean }

/** What `window.gradscope.snapshot().view` reports. */
export interface ViewInfo { zoom: number; textPx: number; x1: number; y1: number; x2: number; y2: number }

/** On-screen value text (px) the opening view and following keep at least. */
export const readableTextPx = 11;
/** Presentation mode: text at least this large (px) and 1.6× the normal opening zoom's. */
export const presentationTextPx = 21;
/** The opening view never enlarges past text of this size (px) in normal mode. */
const normalMaxTextPx = fontSize;
/** Following a step zooms out below the readable size only to keep the current
 *  node and the input it updates both in view, and not below this (px). */
const legibleTextPx = 8;
/** A graph that fits the pane whole with text at least this large (px) opens whole (camera.openingViewport). */
export const wholeTextPx = 9;
/** In presentation mode too a graph opens whole, as large as fits, when its text
 *  is at least this size (px): the lecture's L graph and neuron fit whole only at
 *  ~10–12 px in a 1280×720 or 1400×900 window (laid out for the normal pane);
 *  at presentation's 21 px the class saw 3–4 of their boxes at a time. */
export const presentationWholeTextPx = 9;
/** Graphs up to this many drawn values (the examples, a lecture's) open on the stepper's last step when not whole. */
const smallGraph = 100;
const followMs = 180;

/** Above this many drawn values, trade looks for speed (no arrows, no small text). */
const largeGraph = 400;
/** Above this many elements, the ones in view (and half a view around) are added
 *  and painted first, the rest after, `chunk` at a time: cytoscape styles every
 *  element it has before its first paint, ~0.3 ms each. */
const progressiveFrom = 1500;
const chunk = 400;
/** What is drawn first is added this many elements in the first frame, then more or fewer (see draw). */
const firstSlice = 60;

export class GraphView {
  private readonly cy: cytoscape.Core;
  private readonly layout = new LayoutClient();
  private readonly charWidth: number;
  private readonly culling: Culling;
  private index: GraphIndex | null = null;
  /** What the labels show for reused names (`c₂`), from the session (names.ts). */
  private names: DisplayNames | null = null;
  private numbers: Numbers | null = null;
  private marked: cytoscape.CollectionReturnValue | null = null;
  private lineHits: cytoscape.CollectionReturnValue | null = null;
  private matches: cytoscape.CollectionReturnValue | null = null;
  /** The drawn graph's extent, from the layout (cy.fit would measure every label: seconds at 5,000 values). */
  private bounds = { x1: 0, y1: 0, x2: 1, y2: 1 };
  /** Each drawn element's model-space box (value and op boxes exactly; edges generously). */
  private boxes = new Map<string, Box>();
  /** Where the layouts since the last full one placed each element (drawn now or not): what an expand keeps. */
  private memory: Memory = [];
  /** Bend points of the drawn edges, by edge element id. */
  private routes = new Map<string, [number, number][]>();
  private direction: Direction = 'LR';
  private shape: RecordShape | null = null;
  /** The value under the pointer while its tooltip is shown, else null. */
  private hovered: number | null = null;
  private appearance: Appearance = { theme: 'light', presenting: false };
  /** Which way the user asked the graph to run ('auto': chosen per graph). */
  directionChoice: Direction | 'auto' = 'auto';
  /** The user panned or zoomed since the view last placed itself. */
  private userMoved = false;
  /** The opening view showed the root end of a small graph, not all of it (see openOnLastStep). */
  private onRootOnly = false;
  /** The zoom is the user's (wheel, + and −, Fit), not the one the opening view chose. */
  private zoomChosen = false;
  private readonly minimap: Minimap;
  /** Last follow-pan's duration (ms), for the benchmark. */
  lastFollowMs = 0;
  /** Ids drawn, in the order they were given. */
  drawn: number[] = [];
  lastLayout = { engine: '', ms: 0, build: 0, roundTrip: 0, add: 0, fit: 0, complete: 0 };
  /** Elements still to add after the first paint (see progressiveFrom). */
  private pending: cytoscape.ElementDefinition[] = [];
  private pendingPositions = new Map<string, cytoscape.Position>();
  private drawToken = 0;
  /** The grouped drawing shown, or null when the snapshot has no groups. */
  private grouping: Grouping | null = null;
  groupEvents: GroupEvents | null = null;
  private groupMarks = { current: null as cytoscape.CollectionReturnValue | null, breakpoints: new Set<number>(), selected: null as number | null };
  /** What the marks are, to put them on elements added later too. */
  private shown = { mark: null as Parameters<GraphView['markStep']> | null, line: [] as number[], matches: [] as number[], breakpoints: new Set<number>(), selected: null as number | null };

  constructor(private readonly container: HTMLElement, private readonly events: ViewEvents, private readonly tooltip: HTMLElement, minimapCanvas: HTMLCanvasElement) {
    this.charWidth = measureCharWidth();
    this.cy = cytoscape({
      container, style: this.stylesheet(false), minZoom: 0.02, maxZoom: 4,
      boxSelectionEnabled: false, selectionType: 'single',
    });
    this.culling = new Culling(this.cy);
    this.minimap = new Minimap(minimapCanvas, {
      visible: () => this.cy.extent(),
      centreAt: (x, y) => {
        this.userMoved = true;
        this.cy.stop(true, true);
        this.cy.pan({ x: this.cy.width() / 2 - x * this.cy.zoom(), y: this.cy.height() / 2 - y * this.cy.zoom() });
      },
      covers: (rect) => {
        const r = this.container.getBoundingClientRect();
        const zoom = this.cy.zoom();
        const pan = this.cy.pan();
        const area = { x1: (rect.left - r.left - pan.x) / zoom, y1: (rect.top - r.top - pan.y) / zoom, x2: (rect.right - r.left - pan.x) / zoom, y2: (rect.bottom - r.top - pan.y) / zoom };
        for (const [id, c] of this.boxes) {
          if (!/^[vog]/.test(id)) continue;
          const b = shrink(c);
          if (b.x2 > area.x1 && b.x1 < area.x2 && b.y2 > area.y1 && b.y1 < area.y2) return true;
        }
        return false;
      },
    });
    this.cy.on('viewport', () => this.minimap.update());
    // A pan or zoom by hand (drag, wheel, pinch): the view then moves only when
    // the current node leaves it.
    for (const e of ['wheel', 'pointerdown']) container.addEventListener(e, () => (this.userMoved = true), { passive: true });
    container.addEventListener('wheel', () => (this.zoomChosen = true), { passive: true });
    // The panes can be resized (dividers, panel collapse, presentation): keep
    // the current node in view after cytoscape measures its new size.
    new ResizeObserver(() => {
      this.cy.resize();
      this.minimap.update();
      this.follow(0);
    }).observe(container);
    container.addEventListener('keydown', (e) => this.key(e));
    // A click in the graph gives it the keyboard (cytoscape's canvas keeps the focus where it was),
    // so Enter and the arrows act on what was just clicked.
    this.cy.on('tap', () => container.focus({ preventScroll: true }));
    this.cy.on('tap', 'node.value, node.op', (e) => this.events.select(e.target.data('nid') as number));
    this.cy.on('tap', 'node.group', (e) => this.selectGroup(e.target.data('gid') as number));
    this.cy.on('dbltap', 'node.group', (e) => this.groupEvents?.toggle(e.target.data('gid') as number));
    this.cy.on('cxttap', 'node.group', (e) => {
      const p = e.renderedPosition ?? e.target.renderedPosition();
      this.groupEvents?.contextMenu(e.target.data('gid') as number, p.x, p.y);
    });
    this.cy.on('dbltap', 'node.value', (e) => this.events.inspect(e.target.data('nid') as number));
    this.cy.on('tap', (e) => e.target === this.cy && this.events.select(null));
    this.cy.on('cxttap', 'node.value, node.op', (e) => {
      const p = e.renderedPosition ?? e.target.renderedPosition();
      this.events.contextMenu(e.target.data('nid') as number, p.x, p.y);
    });
    this.cy.on('mouseover', 'node.value, node.op', (e) => this.showTooltip(e.target.data('nid') as number, e.renderedPosition));
    this.cy.on('mouseout', 'node', () => this.hideTooltip());
    // Cytoscape sends no mouseout when the pointer leaves the pane in one move
    // (it ignores moves outside its container), and a pan moves the node away.
    container.addEventListener('mouseleave', () => this.hideTooltip());
    this.cy.on('viewport', () => this.hideTooltip());
  }

  /** Draws `ids` (laid out in the layout worker); false when a newer draw replaced it. */
  async draw(index: GraphIndex, ids: number[], numbers: Numbers, names: DisplayNames | null = null, grouping: Grouping | null = null): Promise<boolean> {
    const t0 = performance.now();
    const token = ++this.drawToken;
    this.hideTooltip();
    const dark = this.appearance.theme === 'dark';
    const { elements, widths, shape } = buildElements(index, ids, numbers, this.charWidth, dark, names);
    if (grouping) {
      // An op whose input is inside a drawn group is not cut: its edge comes from the group.
      const shownGroups = new Set(grouping.view.groups);
      const drawnIds = new Set(ids);
      for (const e of elements) {
        if (e.classes !== 'op cut') continue;
        const node = index.nodes[index.indexOf[e.data.nid as number]!]!;
        if (node.inputs.every((i) => drawnIds.has(i) || shownGroups.has(grouping.view.inside.get(i) ?? -1))) e.classes = 'op';
      }
      const more = buildGroupElements(index, grouping.groups, grouping.view, numbers, this.charWidth, dark);
      elements.push(...more.elements);
      for (const [id, w] of more.widths) widths.set(id, w);
    }
    const nodes = [...widths].map(([id, w]) => ({ id, w, h: heightOf(id) }));
    const edgeElements = elements.filter((e) => e.group === 'edges');
    const edges = edgeElements.map((e) => [e.data.source, e.data.target] as [string, string]);
    const t1 = performance.now();
    const pane = this.pane();
    const incremental = this.incrementalChange(index, grouping, ids, edgeElements);
    const result = await this.layout.layout({ nodes, edges, direction: this.directionChoice, pane: { ...pane, readableZoom: this.readableZoom(), wholeZoom: this.wholeZoom() }, incremental });
    if (result === null || token !== this.drawToken) return false;
    const t2 = performance.now();
    for (const e of elements) {
      const p = result.positions[e.data.id!];
      if (p) e.position = { x: p[0], y: p[1] };
    }
    const bends = routeEdges(edgeElements, result.routes, result.positions);
    this.routes = bends;
    this.memory = result.memory;
    this.direction = result.direction;
    this.container.dataset.direction = result.direction;
    this.bounds = boundsOf(elements, widths);
    const boxes = cullingBoxes(elements, widths, bends);
    this.boxes = boxes;
    this.culling.set(boxes);
    this.index = index;
    this.names = names;
    this.numbers = numbers;
    this.drawn = ids;
    this.grouping = grouping;
    this.shape = shape;
    this.marked = this.lineHits = this.matches = null;
    this.shown = { mark: null, line: [], matches: [], breakpoints: new Set(), selected: null };
    this.groupMarks = { current: null, breakpoints: new Set(), selected: null };
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.style(this.stylesheet(ids.length > largeGraph));
    });
    this.minimap.set(this.minimapBoxes(), this.bounds, { box: palettes[this.appearance.theme].divider, frame: '#1565c0' });
    const anchor = grouping?.anchor;
    const anchored = anchor ? result.positions[anchor.element] : undefined;
    if (result.incremental) {
      // Laid out in place: what was drawn before stays where it was on screen (the viewport is kept).
    } else if (anchor && anchored) {
      // An expand or collapse: the group's output stays where it was on screen.
      this.cy.stop(true, true);
      this.cy.viewport({ zoom: anchor.zoom, pan: { x: anchor.x - anchored[0] * anchor.zoom, y: anchor.y - anchored[1] * anchor.zoom } });
    } else this.openingView(ids[0] ?? null);
    const [first, rest] = elements.length > progressiveFrom ? splitByView(elements, boxes, this.cy.extent()) : [elements, []];
    this.pending = rest;
    this.pendingPositions = new Map(rest.filter((e) => e.position).map((e) => [e.data.id!, e.position!]));
    // What is drawn first is added a slice a frame too (nodes before edges, so an edge's ends
    // are there): cytoscape styles what was added in the frame that draws it, about 0.1–0.2 ms
    // an element, and a thousand at once would hold the page for over 100 ms.
    // The slice grows while a frame stays short and shrinks when one runs long, so a fast
    // machine adds a thousand elements in a few frames and a loaded one still never blocks.
    const ordered = first.length <= firstSlice ? first : nodesFirst(first);
    let size = firstSlice;
    this.cy.batch(() => this.cy.add(ordered.slice(0, size)));
    for (let k = size; k < ordered.length;) {
      const started = performance.now();
      await nextPaint();
      if (token !== this.drawToken) return false;
      const frame = performance.now() - started;
      size = frame < 40 ? Math.min(size * 2, 800) : frame > 80 ? Math.max(firstSlice / 2, size / 2) : size;
      const slice = ordered.slice(k, k + size);
      k += slice.length;
      this.refreshValues(slice);
      this.cy.batch(() => this.cy.add(slice));
    }
    const t3 = performance.now();
    // "Drawn" means painted: wait for the frame that shows it.
    await nextPaint();
    this.lastLayout = { engine: result.incremental ? `${result.engine}, in place` : result.engine, ms: result.ms, build: t1 - t0, roundTrip: t2 - t1, add: t3 - t2, fit: performance.now() - t3, complete: 0 };
    if (rest.length > 0) void this.addPending(token, t0);
    else this.lastLayout.complete = performance.now() - t0;
    return true;
  }

  /**
   * The expand or collapse of one group (the anchor's) from the drawing shown
   * now, to lay out in place; undefined for any other draw (a new graph, a
   * widened budget, a changed direction), which is laid out whole.
   */
  private incrementalChange(index: GraphIndex, grouping: Grouping | null, ids: number[], edges: cytoscape.ElementDefinition[]): Incremental | undefined {
    const g = grouping?.anchor?.group;
    const old = this.grouping;
    if (g === undefined || !grouping || !old || this.index !== index || this.memory.length === 0) return undefined;
    if (this.directionChoice !== 'auto' && this.directionChoice !== this.direction) return undefined;
    const group = groupId(g);
    const kind = grouping.view.groups.includes(g) ? 'collapse' : 'expand';
    const output = grouping.groups.byId.get(g)?.output ?? null;
    let content: string[] = [];
    if (kind === 'collapse') {
      // What was drawn and no longer is, and anything of the group's placed earlier.
      const now = new Set([...ids.map(valueId), ...ids.map(opId), ...grouping.view.groups.map(groupId)]);
      const members = new Set((grouping.groups.members.get(g) ?? []).map((i) => index.nodes[i]!.id));
      const within = (id: string) => {
        const n = Number(id.slice(1));
        if (id.startsWith('g')) return n !== g && !isVisible(grouping.groups, new Set([g]), n);
        return members.has(n);
      };
      content = this.memory.map(([id]) => id).filter((id) => !now.has(id) && (this.boxes.has(id) || within(id)));
    }
    const routes: Incremental['routes'] = {};
    edges.forEach((e, i) => {
      const bends = this.routes.get(e.data.id!);
      if (bends) routes[i] = bends;
    });
    return { kind, group, memory: this.memory, content, output: output === null ? null : valueId(output), direction: this.direction, routes };
  }

  /** Adds the elements left out of the first paint, a chunk per frame, each
   *  with the numbers and marks as they are when it is added. While any are
   *  left the container has data-loading. */
  private async addPending(token: number, started: number): Promise<void> {
    this.container.dataset.loading = 'true';
    while (this.pending.length > 0) {
      await nextPaint();
      if (token !== this.drawToken) return;
      const part = this.pending.splice(0, chunk);
      this.refreshValues(part);
      this.cy.batch(() => {
        this.cy.add(part);
        for (const e of part) this.pendingPositions.delete(e.data.id!);
        this.reapplyMarks();
      });
    }
    delete this.container.dataset.loading;
    this.lastLayout.complete = performance.now() - started;
  }

  /** Value records about to be added get the numbers as they are now (a step may have come since they were built). */
  private refreshValues(part: cytoscape.ElementDefinition[]): void {
    for (const e of part) {
      if (e.data.kind !== 'value') continue;
      const v = this.valueData(e.data.nid as number);
      if (v) Object.assign(e.data, v.data), (e.classes = v.nonfinite ? 'value nonfinite' : 'value');
    }
  }

  private reapplyMarks(): void {
    const { mark, line, matches, breakpoints, selected } = this.shown;
    if (mark) this.markStep(...mark);
    this.highlightLine(line);
    this.matches?.removeClass('match');
    this.matches = this.collect(matches).addClass('match');
    for (const id of breakpoints) this.cy.getElementById(valueId(id)).addClass('breakpoint');
    for (const g of this.groupMarks.breakpoints) this.cy.getElementById(groupId(g)).addClass('breakpoint');
    if (selected !== null) this.cy.getElementById(valueId(selected)).select();
  }

  /** A value's box text, fill and whether it is non-finite, from the numbers now. */
  private valueData(id: number): { data: { text: string; gradFill: string }; nonfinite: boolean } | null {
    const index = this.index;
    const numbers = this.numbers;
    if (!index || !numbers) return null;
    const i = index.indexOf[id]!;
    const data = numbers.data(i);
    const grad = numbers.grad(i);
    const cells = this.shape?.cellChars ?? 12;
    return { data: { text: valueText(labelCell(index.nodes[i]!, 2 * cells, this.names), data, grad, cells).text, gradFill: gradColour(grad, numbers.scale, this.appearance.theme === 'dark') }, nonfinite: nonFinite(data, grad) };
  }

  /** The whole graph when it reads at that size, else the root and the
   *  nodes nearest it at a readable zoom, with no box cut by the pane's edge
   *  (camera.ts). `root` is the first id drawn. */
  private openingView(root: number | null): void {
    const maxZoom = this.openingMaxZoom();
    const rootBox = root === null ? null : this.boxes.get(valueId(root)) ?? null;
    const pane = this.pane();
    const v = openingViewport(this.bounds, rootBox, pane, this.readableZoom(), maxZoom, this.direction, this.wholeZoom());
    this.cy.stop(true, true);
    this.cy.viewport(rootBox ? wholeBoxes(v, this.nodeBoxes(), shrink(rootBox), pane, maxZoom, this.direction) : v);
    this.userMoved = false;
    this.zoomChosen = false;
    // A small graph not shown whole opens where the stepper's last step is instead (see openOnLastStep).
    this.onRootOnly = rootBox !== null && v.zoom !== Math.min(maxZoom, Math.max(fitZoom(this.bounds, pane), 0.02)) && this.grouping === null && this.drawn.length <= smallGraph;
  }

  /** Value records (v…), ops (o…) and groups (g…), not edges: their own boxes. */
  private nodeBoxes(): Box[] {
    return [...this.boxes].filter(([id]) => /^[vog]/.test(id)).map(([, b]) => shrink(b));
  }

  private openingMaxZoom(): number {
    return Math.max(this.appearance.presenting ? 4 : normalMaxTextPx / fontSize, this.readableZoom());
  }

  /** Right after a small graph opened on its root, not whole: when the stepper
   *  stands at the end of backward, show its last step instead (the node and
   *  the inputs it updated, which the explanation line names, usually the
   *  leaves the program's "Look at" comment points at): what the stepper says
   *  and what the graph shows agree. */
  private openOnLastStep(justRan: { node: number; deltas: { id: number }[] } | null): void {
    if (!this.onRootOnly || this.userMoved) return;
    this.onRootOnly = false;
    if (justRan === null) return;
    const boxes = [valueId(justRan.node), ...justRan.deltas.map((d) => this.elementOf(d.id))].map((id) => this.boxes.get(id)).filter((b): b is Box => b !== undefined);
    if (boxes.length === 0) return;
    const focus = boxes.map(shrink).reduce((u, b) => ({ x1: Math.min(u.x1, b.x1), y1: Math.min(u.y1, b.y1), x2: Math.max(u.x2, b.x2), y2: Math.max(u.y2, b.y2) }));
    this.cy.stop(true, true);
    this.cy.viewport(openingOnStep(this.bounds, focus, this.nodeBoxes(), this.pane(), this.readableZoom(), this.openingMaxZoom(), this.direction));
    this.userMoved = false;
  }

  /** Pixels at the bottom of the pane covered by the overview. */
  private overlayInset(): number {
    return this.minimap.visible ? 112 : 0;
  }

  /** The zoom at which value text is readable on screen: 11 px, or presentation's 21 px. */
  private readableZoom(): number {
    return (this.appearance.presenting ? presentationTextPx : readableTextPx) / fontSize;
  }

  /** The smallest zoom at which a graph opens whole. */
  private wholeZoom(): number {
    return (this.appearance.presenting ? presentationWholeTextPx : wholeTextPx) / fontSize;
  }

  private pane(): Pane {
    return { width: this.container.clientWidth || 1, height: this.container.clientHeight || 1 };
  }

  /** The view as drawn, for the export dialog (see picture.ts). */
  picture(): ViewPicture {
    return viewPicture(this.cy);
  }

  /** Light or dark, presenting or not: an input to the stylesheet, applied by rebuilding it. */
  setAppearance(a: Appearance): void {
    const changedTheme = a.theme !== this.appearance.theme;
    const changedPresenting = a.presenting !== this.appearance.presenting;
    this.appearance = a;
    if (!changedTheme && !changedPresenting) return;
    this.hideTooltip();
    this.cy.batch(() => {
      this.cy.style(this.stylesheet(this.drawn.length > largeGraph));
      if (changedTheme) for (const id of this.drawn) this.restyleValue(id);
      if (changedTheme) for (const g of this.grouping?.view.groups ?? []) this.restyleGroup(g);
    });
    if (changedTheme) this.minimap.set(this.minimapBoxes(), this.bounds, { box: palettes[a.theme].divider, frame: '#1565c0' });
  }

  /** Presentation mode was toggled and the panes have settled: show the graph at its new size. */
  reopen(): void {
    this.cy.resize();
    const s = this.shown.mark;
    this.openingView(this.drawn[0] ?? null);
    if (s && s[0] !== null) this.follow(0, true);
    else if (s) this.openOnLastStep(s[2]);
  }

  private stylesheet(large: boolean): cytoscape.StylesheetStyle[] {
    // Made anew from the box width and theme each time (a short string; cytoscape caches the image by its URL):
    // a kept image drew the previous drawing's width into boxes of another.
    const record = this.shape ? recordImage(this.shape.width, valueHeight, palettes[this.appearance.theme]) : null;
    return graphStyle({ large, theme: this.appearance.theme, presenting: this.appearance.presenting, record, direction: this.direction });
  }

  /** The graph's zoom, on-screen text size and visible area in client coordinates. */
  info(): ViewInfo {
    const zoom = this.cy.zoom();
    const r = this.container.getBoundingClientRect();
    return { zoom, textPx: fontSize * zoom, x1: r.left, y1: r.top, x2: r.left + this.container.clientWidth, y2: r.top + this.container.clientHeight };
  }

  /** Where drawn values' records are, in client coordinates (null when not
   *  drawn): a lookup for one moment of the view (measured once, for many ids). */
  clientBoxes(): (id: number) => Box | null {
    const zoom = this.cy.zoom();
    const pan = this.cy.pan();
    const r = this.container.getBoundingClientRect();
    const ox = r.left + pan.x;
    const oy = r.top + pan.y;
    return (id) => {
      const b = this.boxes.get(valueId(id));
      if (!b || this.index === null) return null;
      // The culling box has a margin around the record (cullingBoxes' nodeMargin).
      return { x1: ox + (b.x1 + nodeMargin) * zoom, y1: oy + (b.y1 + nodeMargin) * zoom, x2: ox + (b.x2 - nodeMargin) * zoom, y2: oy + (b.y2 - nodeMargin) * zoom };
    };
  }

  /** Pans (a short animation), zooming out only as needed, so the current
   *  node, its inputs and the last step's delta labels are in view; see camera.followView. */
  follow(ms = followMs, force = false): void {
    const mark = this.shown.mark;
    if (!mark || mark[0] === null) return;
    const [next, inputs] = mark;
    const box = (id: string) => {
      const b = this.boxes.get(id);
      return b ? shrink(b) : undefined;
    };
    const current = box(this.elementOf(next));
    if (!current) return;
    const some = (list: (Box | undefined)[]) => list.filter((b): b is Box => b !== undefined);
    const centre = (b: Box) => [(b.x1 + b.x2) / 2, (b.y1 + b.y2) / 2];
    const distance = (b: Box) => Math.hypot(centre(b)[0]! - centre(current)[0]!, centre(b)[1]! - centre(current)[1]!);
    const others = some(inputs.map((i) => box(this.elementOf(i)))).sort((a, b) => distance(a) - distance(b));
    // The labels' boxes as cytoscape placed them (model coordinates).
    const deltas = this.marked?.edges('.delta').map((e) => e.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true })) ?? [];
    const step = { current, op: some([box(opId(next))]), updated: others.slice(0, 1), inputs: others.slice(1), deltas: deltas.filter((b) => b.w > 0).map((b) => ({ x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 })) };
    const v: Viewport = { zoom: this.cy.zoom(), pan: this.cy.pan() };
    const target = followView(step, v, this.pane(), this.userMoved && !force, this.readableZoom(), legibleTextPx / fontSize, this.overlayInset());
    if (target === null) return;
    this.userMoved = false;
    this.cy.stop(true, true);
    if (ms <= 0) {
      this.cy.viewport(target);
      return;
    }
    const started = performance.now();
    this.cy.animate({ zoom: target.zoom, pan: target.pan }, { duration: ms, easing: 'ease-out-cubic', complete: () => (this.lastFollowMs = performance.now() - started) });
  }

  /** Where a drawn value is on screen, in client coordinates (for tests). */
  clientPosition(id: number): { x: number; y: number } | null {
    const node = this.cy.getElementById(valueId(id));
    const waiting = this.pendingPositions.get(valueId(id));
    if (node.empty() && !waiting) return null;
    const zoom = this.cy.zoom();
    const pan = this.cy.pan();
    const p = node.nonempty() ? node.renderedPosition() : { x: waiting!.x * zoom + pan.x, y: waiting!.y * zoom + pan.y };
    const r = this.container.getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }

  /** Restyles the given values after their grad changed. */
  updateValues(ids: Iterable<number>): void {
    const inside = this.grouping?.view.inside;
    const groups = new Set<number>();
    this.cy.batch(() => {
      for (const id of ids) {
        const g = inside?.get(id);
        if (g === undefined) this.restyleValue(id);
        else groups.add(g);
      }
      for (const g of groups) this.restyleGroup(g);
    });
    // A step under a still pointer: the tooltip shows the numbers the box now shows.
    if (this.hovered !== null) this.tooltip.textContent = this.tooltipText(this.hovered);
  }

  private restyleGroup(g: number): void {
    const node = this.cy.getElementById(groupId(g));
    if (node.empty() || !this.grouping || !this.index || !this.numbers) return;
    const { data, nonfinite } = groupData(this.index, this.grouping.groups, g, this.numbers, this.charWidth, this.appearance.theme === 'dark');
    // The width stays as laid out: only the text and the tint change while stepping.
    node.data({ text: data.text, gradFill: data.gradFill });
    if (nonfinite) node.addClass('nonfinite');
    else node.removeClass('nonfinite');
  }

  /** The element a value is drawn as: its record, or the collapsed group that holds it. */
  elementOf(id: number): string {
    const g = this.grouping?.view.inside.get(id);
    return g === undefined ? valueId(id) : groupId(g);
  }

  /** The collapsed group that holds value `id`, or null when the value is drawn (or hidden, or there are no groups). */
  holderOf(id: number): number | null {
    return this.grouping?.view.inside.get(id) ?? null;
  }

  private minimapBoxes(): Box[] {
    const ids = [...this.drawn.map(valueId), ...(this.grouping?.view.groups ?? []).map(groupId)];
    return ids.map((id) => this.boxes.get(id)!).filter(Boolean);
  }

  /** Every node in the drawing now, with cytoscape's rendered box (label and border, no halo) in client coordinates. */
  drawnBoxes(): { id: string; box: Box }[] {
    const r = this.container.getBoundingClientRect();
    return this.cy.nodes().map((n) => {
      const b = n.renderedBoundingBox({ includeOverlays: false, includeUnderlays: false });
      return { id: n.id(), box: { x1: r.left + b.x1, y1: r.top + b.y1, x2: r.left + b.x2, y2: r.top + b.y2 } };
    });
  }

  /** Where collapsed groups' nodes are, in client coordinates (null when not drawn as a node). */
  clientGroupBoxes(): (g: number) => Box | null {
    const zoom = this.cy.zoom();
    const pan = this.cy.pan();
    const r = this.container.getBoundingClientRect();
    return (g) => {
      const b = this.boxes.get(groupId(g));
      if (!b) return null;
      return { x1: r.left + pan.x + (b.x1 + nodeMargin) * zoom, y1: r.top + pan.y + (b.y1 + nodeMargin) * zoom, x2: r.left + pan.x + (b.x2 - nodeMargin) * zoom, y2: r.top + pan.y + (b.y2 - nodeMargin) * zoom };
    };
  }

  /** Where an element is drawn on screen (pane coordinates) and the zoom: what an expand keeps in place. */
  anchorOf(element: string): { element: string; x: number; y: number; zoom: number; group?: number } | null {
    const b = this.boxes.get(element);
    if (!b) return null;
    const zoom = this.cy.zoom();
    const pan = this.cy.pan();
    return { element, x: pan.x + ((b.x1 + b.x2) / 2) * zoom, y: pan.y + ((b.y1 + b.y2) / 2) * zoom, zoom };
  }

  setGroupBreakpoint(g: number, on: boolean): void {
    if (on) this.groupMarks.breakpoints.add(g);
    else this.groupMarks.breakpoints.delete(g);
    const node = this.cy.getElementById(groupId(g));
    if (on) node.addClass('breakpoint');
    else node.removeClass('breakpoint');
  }

  /** A click on a collapsed group: it is selected (Enter expands it). */
  private selectGroup(g: number | null): void {
    this.events.select(null);
    this.groupMarks.selected = g;
    if (g !== null) this.cy.getElementById(groupId(g)).select();
  }

  private restyleValue(id: number): void {
    const node = this.cy.getElementById(valueId(id));
    if (node.empty()) return;
    const v = this.valueData(id);
    if (!v) return;
    node.data(v.data);
    if (v.nonfinite) node.addClass('nonfinite');
    else node.removeClass('nonfinite');
  }

  /** The stepper's marks: the node whose _backward runs next and its inputs,
   *  and what the node just processed added to each input. */
  markStep(next: number | null, nextInputs: number[], justRan: { node: number; deltas: { id: number; delta: number }[] } | null): void {
    this.shown.mark = [next, nextInputs, justRan];
    this.cy.batch(() => {
      this.marked?.edges().data('delta', noDelta);
      this.marked?.removeClass('current receiving just-ran delta');
      const marked = this.cy.collection();
      if (next !== null) {
        marked.merge(this.cy.getElementById(this.elementOf(next)).addClass('current'));
        marked.merge(this.cy.getElementById(opId(next)).addClass('current'));
        for (const id of nextInputs) if (this.holderOf(id) === null) marked.merge(this.cy.getElementById(valueId(id)).addClass('receiving'));
        marked.merge(this.cy.getElementById(opId(next)).incomers('edge').addClass('receiving'));
      }
      if (justRan !== null) {
        marked.merge(this.cy.getElementById(valueId(justRan.node)).addClass('just-ran'));
        justRan.deltas.forEach(({ delta }, k) => {
          const edge = this.cy.getElementById(`e${justRan.node}_${k}`);
          edge.data('delta', delta >= 0 ? `+${fixed4(delta)}` : fixed4(delta)).addClass('delta');
          marked.merge(edge);
        });
      }
      this.marked = marked;
    });
    if (next === null) this.openOnLastStep(justRan);
    else this.onRootOnly = false;
    this.follow();
  }

  setBreakpoint(id: number, on: boolean): void {
    const node = this.cy.getElementById(valueId(id));
    if (on) this.shown.breakpoints.add(id);
    else this.shown.breakpoints.delete(id);
    if (on) node.addClass('breakpoint');
    else node.removeClass('breakpoint');
  }

  select(id: number | null, center = false): void {
    this.shown.selected = id;
    if (id !== null) this.groupMarks.selected = null;
    this.cy.batch(() => {
      this.cy.$(':selected').unselect();
      if (id === null) return;
      this.cy.getElementById(valueId(id)).select();
      if (center) this.reveal(id);
    });
  }

  highlightLine(ids: number[]): void {
    this.shown.line = ids;
    this.cy.batch(() => {
      this.lineHits?.removeClass('line-hit');
      this.lineHits = this.collect(ids).addClass('line-hit');
    });
  }

  /** Marks the values `query` finds (search.ts), best first; returns their ids.
   *  `fit`: bring them into view (not when the search is redone for a new graph). */
  search(query: string, fit = true): number[] {
    const index = this.index;
    const pool = this.grouping?.searchable ?? this.drawn;
    const found = index === null ? [] : findByLabel(pool.map((id) => index.nodes[index.indexOf[id]!]!), query);
    this.shown.matches = found;
    this.cy.batch(() => {
      this.matches?.removeClass('match');
      this.matches = this.collect(found).addClass('match');
    });
    if (fit && found.length > 0) {
      this.cy.fit(this.matches!, 60);
      if (this.cy.zoom() > 1.2) this.cy.zoom({ level: 1.2, position: this.matches!.nodes().first().position() });
    }
    return found;
  }

  /** Fits the whole graph in view (the Fit button); returns the zoom. */
  fit(): number {
    const pane = this.pane();
    const v = centredOn(this.bounds, Math.min(1.5, Math.max(this.cy.minZoom(), fitZoom(this.bounds, pane))), pane);
    this.cy.stop(true, true);
    this.cy.viewport(v);
    this.userMoved = true;
    this.zoomChosen = true;
    return v.zoom;
  }

  /** Centres a value at a readable zoom. */
  reveal(id: number): void {
    this.revealElement(valueId(id));
  }

  /** Centres a drawn element (a value's record `v…`, a group's node `g…`) at a readable zoom:
   *  the user's, when they zoomed in; else the smallest readable one, which shows the most around it
   *  (the opening view may have zoomed in to show whole boxes). */
  revealElement(element: string): void {
    const b = this.boxes.get(element);
    if (!b) return;
    const zoom = this.zoomChosen ? Math.max(this.cy.zoom(), this.readableZoom()) : this.readableZoom();
    this.cy.stop(true, true);
    this.cy.viewport(centredOn(b, zoom, this.pane()));
    this.userMoved = true;
  }

  zoomBy(factor: number): void {
    this.userMoved = true;
    this.zoomChosen = true;
    const { width, height } = this.container.getBoundingClientRect();
    this.cy.zoom({ level: this.cy.zoom() * factor, renderedPosition: { x: width / 2, y: height / 2 } });
  }

  clear(): void {
    this.drawToken++;
    this.hideTooltip();
    this.pending = [];
    this.pendingPositions.clear();
    delete this.container.dataset.loading;
    this.cy.elements().remove();
    this.drawn = [];
    this.index = null;
    this.grouping = null;
    this.boxes = new Map();
    this.memory = [];
    this.routes = new Map();
    this.minimap.clear();
  }

  /** One collection from many ids (merging one by one copies each time: O(n²)). */
  private collect(ids: number[]): cytoscape.CollectionReturnValue {
    // A value inside a collapsed group marks the group's node (once).
    const elementIds = [...new Set(ids.map((id) => this.elementOf(id)))];
    const elements = elementIds.map((id) => this.cy.getElementById(id)).filter((e) => e.nonempty());
    return this.cy.collection(elements as unknown as cytoscape.ElementDefinition[]);
  }

  private showTooltip(id: number, at: cytoscape.Position | undefined): void {
    if (!this.index || !this.numbers || !at) return;
    this.tooltip.textContent = this.tooltipText(id);
    this.tooltip.style.left = `${at.x + 12}px`;
    this.tooltip.style.top = `${at.y + 12}px`;
    this.tooltip.hidden = false;
    this.hovered = id;
  }

  /** The value's name as its box and the explanation line give it (names.ts), and its numbers now, in full. */
  private tooltipText(id: number): string {
    const i = this.index!.indexOf[id]!;
    const node = this.index!.nodes[i]!;
    return `${this.names?.name(node) ?? nameOf(node)}  data ${full(this.numbers!.data(i))}  grad ${full(this.numbers!.grad(i))}`;
  }

  private hideTooltip(): void {
    this.tooltip.hidden = true;
    this.hovered = null;
  }

  /** The graph's keys: arrows move the selection along edges (toward the
   *  inputs against the flow, toward consumers with it, and between the inputs
   *  of the same op across it), Enter inspects, Escape leaves. */
  private key(e: KeyboardEvent): void {
    const index = this.index;
    if (e.key === 'Escape') {
      e.preventDefault();
      this.events.leave();
      return;
    }
    if (!index || (this.drawn.length === 0 && !this.grouping)) return;
    const selected = this.shown.selected;
    if ((e.key === 'Enter' || e.key === ' ') && selected === null && this.groupMarks.selected !== null) {
      e.preventDefault();
      this.groupEvents?.toggle(this.groupMarks.selected);
      return;
    }
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (selected !== null) this.events.inspect(selected);
      return;
    }
    const dir = this.direction;
    const back = dir === 'LR' ? 'ArrowLeft' : 'ArrowUp';
    const on = dir === 'LR' ? 'ArrowRight' : 'ArrowDown';
    const prev = dir === 'LR' ? 'ArrowUp' : 'ArrowLeft';
    const nextKey = dir === 'LR' ? 'ArrowDown' : 'ArrowRight';
    if (![back, on, prev, nextKey].includes(e.key)) return;
    e.preventDefault();
    const drawnSet = new Set(this.drawn);
    const nodeOf = (id: number) => index.nodes[index.indexOf[id]!]!;
    const start = selected ?? this.shown.mark?.[0] ?? this.drawn[0]!;
    let to: number | undefined = start;
    if (selected !== null) {
      const inputs = (id: number) => nodeOf(id).inputs.filter((i) => drawnSet.has(i));
      const consumers = (id: number) => index.consumers.of(index.indexOf[id]!).map((j) => index.nodes[j]!.id).filter((i) => drawnSet.has(i));
      if (e.key === back) to = inputs(start)[0];
      else if (e.key === on) to = consumers(start)[0];
      else {
        const parent = consumers(start)[0];
        const siblings = parent === undefined ? [] : [...new Set(inputs(parent))];
        const k = siblings.indexOf(start);
        to = siblings.length < 2 ? undefined : siblings[(k + (e.key === nextKey ? 1 : siblings.length - 1)) % siblings.length];
      }
    }
    if (to === undefined) return;
    this.events.select(to);
    const b = this.boxes.get(valueId(to));
    if (b) {
      const pan = followPan(shrink(b), [], { zoom: this.cy.zoom(), pan: this.cy.pan() }, this.pane(), false, this.overlayInset());
      if (pan) this.cy.animate({ pan }, { duration: 120 });
    }
  }
}

/** A culling box back to the node's own box. */
const shrink = (b: Box): Box => ({ x1: b.x1 + nodeMargin, y1: b.y1 + nodeMargin, x2: b.x2 - nodeMargin, y2: b.y2 - nodeMargin });

/** ELK's bend points as cytoscape segment edges (weights along, distances
 *  across the line between the two node centres). An edge that has a twin
 *  (the same value twice into one op) stays a bezier, which fans the two apart. */
function routeEdges(edges: cytoscape.ElementDefinition[], routes: Record<number, [number, number][]>, positions: Record<string, [number, number]>): Map<string, [number, number][]> {
  const routed = new Map<string, [number, number][]>();
  const pairs = new Map<string, number>();
  for (const e of edges) pairs.set(`${e.data.source}>${e.data.target}`, (pairs.get(`${e.data.source}>${e.data.target}`) ?? 0) + 1);
  const seen = new Map<string, number>();
  edges.forEach((e, i) => {
    const pair = `${e.data.source}>${e.data.target}`;
    if (pairs.get(pair)! > 1) {
      // Twins: their delta labels sit to either side, not on top of each other.
      const k = seen.get(pair) ?? 0;
      seen.set(pair, k + 1);
      e.classes = k % 2 === 0 ? 'twin-a' : 'twin-b';
      return;
    }
    const bends = routes[i];
    const s = positions[e.data.source!];
    const t = positions[e.data.target!];
    if (!bends || !s || !t) return;
    const dx = t[0] - s[0];
    const dy = t[1] - s[1];
    const len2 = dx * dx + dy * dy || 1;
    const len = Math.sqrt(len2);
    const w: string[] = [];
    const d: string[] = [];
    for (const [x, y] of bends) {
      const px = x - s[0];
      const py = y - s[1];
      w.push(((px * dx + py * dy) / len2).toFixed(4));
      d.push(((dx * py - dy * px) / len).toFixed(2));
    }
    e.data.segW = w.join(' ');
    e.data.segD = d.join(' ');
    e.classes = 'routed';
    routed.set(e.data.id!, bends);
  });
  return routed;
}

const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** `elements` with the nodes before the edges, so an edge's ends are added before it. */
function nodesFirst(elements: cytoscape.ElementDefinition[]): cytoscape.ElementDefinition[] {
  return [...elements.filter((e) => e.group !== 'edges'), ...elements.filter((e) => e.group === 'edges')];
}

/** The elements in view (and half a view around it) with the ends of their
 *  edges, and the rest: nodes first, so an edge is never added before its ends. */
function splitByView(elements: cytoscape.ElementDefinition[], boxes: Map<string, Box>, view: Box): [cytoscape.ElementDefinition[], cytoscape.ElementDefinition[]] {
  const mx = (view.x2 - view.x1) / 2;
  const my = (view.y2 - view.y1) / 2;
  const near = (id: string) => {
    const b = boxes.get(id);
    return !b || !(b.x1 > view.x2 + mx || b.x2 < view.x1 - mx || b.y1 > view.y2 + my || b.y2 < view.y1 - my);
  };
  const firstIds = new Set<string>();
  for (const e of elements) {
    if (!near(e.data.id!)) continue;
    firstIds.add(e.data.id!);
    if (e.group === 'edges') firstIds.add(e.data.source!).add(e.data.target!);
  }
  const first = elements.filter((e) => firstIds.has(e.data.id!));
  const rest = elements.filter((e) => !firstIds.has(e.data.id!));
  rest.sort((a, b) => (a.group === b.group ? 0 : a.group === 'nodes' ? -1 : 1));
  return [first, rest];
}

function boundsOf(elements: cytoscape.ElementDefinition[], widths: Map<string, number>) {
  const box = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
  for (const e of elements) {
    if (!e.position) continue;
    const w = (widths.get(e.data.id!) ?? 0) / 2;
    box.x1 = Math.min(box.x1, e.position.x - w);
    box.x2 = Math.max(box.x2, e.position.x + w);
    box.y1 = Math.min(box.y1, e.position.y - heightOf(e.data.id!) / 2);
    box.y2 = Math.max(box.y2, e.position.y + heightOf(e.data.id!) / 2);
  }
  return Number.isFinite(box.x1) ? box : { x1: 0, y1: 0, x2: 1, y2: 1 };
}

/** Each element's extent for culling: a node's box plus room for its border
 *  and underlay; an edge's ends plus room for its delta label. */
const nodeMargin = 12;

function cullingBoxes(elements: cytoscape.ElementDefinition[], widths: Map<string, number>, bends: Map<string, [number, number][]>): Map<string, Box> {
  const boxes = new Map<string, Box>();
  const edgeMargin = 60;
  for (const e of elements) {
    if (!e.position) continue;
    const id = e.data.id!;
    const w = (widths.get(id) ?? 0) / 2 + nodeMargin;
    const h = heightOf(id) / 2 + nodeMargin;
    boxes.set(id, { x1: e.position.x - w, x2: e.position.x + w, y1: e.position.y - h, y2: e.position.y + h });
  }
  for (const e of elements) {
    if (e.group !== 'edges') continue;
    const a = boxes.get(e.data.source!);
    const b = boxes.get(e.data.target!);
    if (!a || !b) continue;
    const box = { x1: Math.min(a.x1, b.x1), x2: Math.max(a.x2, b.x2), y1: Math.min(a.y1, b.y1), y2: Math.max(a.y2, b.y2) };
    for (const [x, y] of bends.get(e.data.id!) ?? []) {
      box.x1 = Math.min(box.x1, x);
      box.x2 = Math.max(box.x2, x);
      box.y1 = Math.min(box.y1, y);
      box.y2 = Math.max(box.y2, y);
    }
    boxes.set(e.data.id!, { x1: box.x1 - edgeMargin, x2: box.x2 + edgeMargin, y1: box.y1 - edgeMargin, y2: box.y2 + edgeMargin });
  }
  return boxes;
}

function measureCharWidth(): number {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return fontSize * 0.6;
  ctx.font = `${fontSize}px ${fontFamily}`;
  return ctx.measureText('0123456789').width / 10;
}
