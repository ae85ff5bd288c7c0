// The cytoscape view: draws a laid-out graph once, then only restyles the few
// nodes a step, selection or search touches (inside cy.batch).

import cytoscape from 'cytoscape';
import { full, short } from '../../../common/format.js';
import { gradColour } from './colour.js';
import { buildElements, noDelta, nonFinite, opId, valueId, valueText, labelCell, type Numbers } from './elements.js';
import { Culling, type Box } from './culling.js';
import { LayoutClient } from './layout-client.js';
import { fontFamily, fontSize, graphStyle, opHeight, valueHeight } from './style.js';
import type { GraphIndex } from './subgraph.js';
import { findByLabel } from '../search.js';

export interface ViewEvents {
  select(id: number | null): void;
  contextMenu(id: number, x: number, y: number): void;
}

/** Above this many drawn values, trade looks for speed (no arrows, no small text). */
const largeGraph = 400;
/** Above this many elements, the ones in view (and half a view around) are added
 *  and painted first, the rest after, `chunk` at a time: cytoscape styles every
 *  element it has before its first paint, ~0.3 ms each. */
const progressiveFrom = 1500;
const chunk = 400;

export class GraphView {
  readonly cy: cytoscape.Core;
  private readonly layout = new LayoutClient();
  private readonly charWidth: number;
  private readonly culling: Culling;
  private index: GraphIndex | null = null;
  private numbers: Numbers | null = null;
  private marked: cytoscape.CollectionReturnValue | null = null;
  private lineHits: cytoscape.CollectionReturnValue | null = null;
  private matches: cytoscape.CollectionReturnValue | null = null;
  /** The drawn graph's extent, from the layout (cy.fit would measure every label: seconds at 5,000 values). */
  private bounds = { x1: 0, y1: 0, x2: 1, y2: 1 };
  /** Ids drawn, in the order they were given. */
  drawn: number[] = [];
  lastLayout = { engine: '', ms: 0, build: 0, roundTrip: 0, add: 0, fit: 0, complete: 0 };
  /** Elements still to add after the first paint (see progressiveFrom). */
  private pending: cytoscape.ElementDefinition[] = [];
  private pendingPositions = new Map<string, cytoscape.Position>();
  private drawToken = 0;
  /** What the marks are, to put them on elements added later too. */
  private shown = { mark: null as Parameters<GraphView['markStep']> | null, line: [] as number[], matches: [] as number[], breakpoints: new Set<number>(), selected: null as number | null };

  constructor(private readonly container: HTMLElement, private readonly events: ViewEvents, private readonly tooltip: HTMLElement) {
    this.charWidth = measureCharWidth();
    this.cy = cytoscape({
      container, style: graphStyle(false), wheelSensitivity: 0.3, minZoom: 0.02, maxZoom: 4,
      boxSelectionEnabled: false, selectionType: 'single',
    });
    this.culling = new Culling(this.cy);
    this.cy.on('tap', 'node', (e) => this.events.select(e.target.data('nid') as number));
    this.cy.on('tap', (e) => e.target === this.cy && this.events.select(null));
    this.cy.on('cxttap', 'node', (e) => {
      const p = e.renderedPosition ?? e.target.renderedPosition();
      this.events.contextMenu(e.target.data('nid') as number, p.x, p.y);
    });
    this.cy.on('mouseover', 'node', (e) => this.showTooltip(e.target.data('nid') as number, e.renderedPosition));
    this.cy.on('mouseout', 'node', () => (this.tooltip.hidden = true));
  }

  /** Draws `ids` (laid out in the layout worker); false when a newer draw replaced it. */
  async draw(index: GraphIndex, ids: number[], numbers: Numbers): Promise<boolean> {
    const t0 = performance.now();
    const token = ++this.drawToken;
    const { elements, widths } = buildElements(index, ids, numbers, this.charWidth);
    const nodes = [...widths].map(([id, w]) => ({ id, w, h: id.startsWith('v') ? valueHeight : opHeight }));
    const edges = elements.filter((e) => e.group === 'edges').map((e) => [e.data.source, e.data.target] as [string, string]);
    const t1 = performance.now();
    const result = await this.layout.layout({ nodes, edges });
    if (result === null || token !== this.drawToken) return false;
    const t2 = performance.now();
    for (const e of elements) {
      const p = result.positions[e.data.id!];
      if (p) e.position = { x: p[0], y: p[1] };
    }
    this.bounds = boundsOf(elements, widths);
    const boxes = cullingBoxes(elements, widths);
    this.culling.set(boxes);
    this.index = index;
    this.numbers = numbers;
    this.drawn = ids;
    this.marked = this.lineHits = this.matches = null;
    this.shown = { mark: null, line: [], matches: [], breakpoints: new Set(), selected: null };
    const large = ids.length > largeGraph;
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.style(graphStyle(large));
    });
    this.fitReadable();
    const [first, rest] = elements.length > progressiveFrom ? splitByView(elements, boxes, this.cy.extent()) : [elements, []];
    this.pending = rest;
    this.pendingPositions = new Map(rest.filter((e) => e.position).map((e) => [e.data.id!, e.position!]));
    this.cy.batch(() => this.cy.add(first));
    const t3 = performance.now();
    // "Drawn" means painted: wait for the frame that shows it.
    await nextPaint();
    this.lastLayout = { engine: result.engine, ms: result.ms, build: t1 - t0, roundTrip: t2 - t1, add: t3 - t2, fit: performance.now() - t3, complete: 0 };
    if (rest.length > 0) void this.addPending(token, t0);
    else this.lastLayout.complete = performance.now() - t0;
    return true;
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
      for (const e of part) {
        if (e.data.kind !== 'value') continue;
        const v = this.valueData(e.data.nid as number);
        if (v) Object.assign(e.data, v.data), (e.classes = v.nonfinite ? 'value nonfinite' : 'value');
      }
      this.cy.batch(() => {
        this.cy.add(part);
        for (const e of part) this.pendingPositions.delete(e.data.id!);
        this.reapplyMarks();
      });
    }
    delete this.container.dataset.loading;
    this.lastLayout.complete = performance.now() - started;
  }

  private reapplyMarks(): void {
    const { mark, line, matches, breakpoints, selected } = this.shown;
    if (mark) this.markStep(...mark);
    this.highlightLine(line);
    this.matches?.removeClass('match');
    this.matches = this.collect(matches).addClass('match');
    for (const id of breakpoints) this.cy.getElementById(valueId(id)).addClass('breakpoint');
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
    return { data: { text: valueText(labelCell(index.nodes[i]!), data, grad).text, gradFill: gradColour(grad, numbers.scale) }, nonfinite: nonFinite(data, grad) };
  }

  /** Fits the graph, but never so small that the boxes cannot be read: then
   *  it shows the root end (the right), where stepping starts. */
  private fitReadable(): void {
    const minReadable = 0.75;
    const zoom = this.fit();
    if (zoom >= minReadable) return;
    const box = this.bounds;
    const { width, height } = this.container.getBoundingClientRect();
    this.cy.viewport({ zoom: minReadable, pan: { x: width - 20 - box.x2 * minReadable, y: height / 2 - ((box.y1 + box.y2) / 2) * minReadable } });
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
    this.cy.batch(() => {
      for (const id of ids) {
        const node = this.cy.getElementById(valueId(id));
        if (node.empty()) continue;
        const v = this.valueData(id);
        if (!v) return;
        node.data(v.data);
        if (v.nonfinite) node.addClass('nonfinite');
        else node.removeClass('nonfinite');
      }
    });
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
        marked.merge(this.cy.getElementById(valueId(next)).addClass('current'));
        marked.merge(this.cy.getElementById(opId(next)).addClass('current'));
        for (const id of nextInputs) marked.merge(this.cy.getElementById(valueId(id)).addClass('receiving'));
        marked.merge(this.cy.getElementById(opId(next)).incomers('edge').addClass('receiving'));
      }
      if (justRan !== null) {
        marked.merge(this.cy.getElementById(valueId(justRan.node)).addClass('just-ran'));
        justRan.deltas.forEach(({ delta }, k) => {
          const edge = this.cy.getElementById(`e${justRan.node}_${k}`);
          edge.data('delta', delta >= 0 ? `+${short(delta)}` : short(delta)).addClass('delta');
          marked.merge(edge);
        });
      }
      this.marked = marked;
    });
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
    const found = index === null ? [] : findByLabel(this.drawn.map((id) => index.nodes[index.indexOf[id]!]!), query);
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

  /** Fits the whole graph in view; returns the zoom. */
  fit(): number {
    const box = this.bounds;
    const { width, height } = this.container.getBoundingClientRect();
    const pad = 20;
    const zoom = Math.min(this.cy.maxZoom(), 1.5, Math.max(this.cy.minZoom(), Math.min((width - 2 * pad) / (box.x2 - box.x1 || 1), (height - 2 * pad) / (box.y2 - box.y1 || 1))));
    this.cy.viewport({ zoom, pan: { x: width / 2 - ((box.x1 + box.x2) / 2) * zoom, y: height / 2 - ((box.y1 + box.y2) / 2) * zoom } });
    return zoom;
  }

  /** Centres a value at a readable zoom. */
  reveal(id: number): void {
    const node = this.cy.getElementById(valueId(id));
    if (node.empty()) return;
    if (this.cy.zoom() < 0.5) this.cy.zoom(0.8);
    this.cy.center(node);
  }

  zoomBy(factor: number): void {
    const { width, height } = this.container.getBoundingClientRect();
    this.cy.zoom({ level: this.cy.zoom() * factor, renderedPosition: { x: width / 2, y: height / 2 } });
  }

  clear(): void {
    this.drawToken++;
    this.pending = [];
    this.pendingPositions.clear();
    delete this.container.dataset.loading;
    this.cy.elements().remove();
    this.drawn = [];
    this.index = null;
  }

  /** One collection from many ids (merging one by one copies each time: O(n²)). */
  private collect(ids: number[]): cytoscape.CollectionReturnValue {
    const elements = ids.map((id) => this.cy.getElementById(valueId(id))).filter((e) => e.nonempty());
    return this.cy.collection(elements as unknown as cytoscape.ElementDefinition[]);
  }

  private showTooltip(id: number, at: cytoscape.Position | undefined): void {
    if (!this.index || !this.numbers || !at) return;
    const i = this.index.indexOf[id]!;
    const node = this.index.nodes[i]!;
    this.tooltip.textContent = `${node.label ?? `#${id}`}  data ${full(this.numbers.data(i))}  grad ${full(this.numbers.grad(i))}`;
    this.tooltip.style.left = `${at.x + 12}px`;
    this.tooltip.style.top = `${at.y + 12}px`;
    this.tooltip.hidden = false;
  }

  /** Pans (never zooms) so a drawn value is in the middle of the view, animated
   *  over `ms`; autoplay uses it to follow the current node. */
  center(id: number, ms = 0): void {
    const node = this.cy.getElementById(valueId(id));
    if (node.empty()) return;
    this.cy.stop(true, true);
    if (ms > 0) this.cy.animate({ center: { eles: node } }, { duration: ms });
    else this.cy.center(node);
  }
}

const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

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
    box.y1 = Math.min(box.y1, e.position.y - valueHeight / 2);
    box.y2 = Math.max(box.y2, e.position.y + valueHeight / 2);
  }
  return Number.isFinite(box.x1) ? box : { x1: 0, y1: 0, x2: 1, y2: 1 };
}

/** Each element's extent for culling: a node's box plus room for its border
 *  and underlay; an edge's ends plus room for its delta label. */
function cullingBoxes(elements: cytoscape.ElementDefinition[], widths: Map<string, number>): Map<string, Box> {
  const boxes = new Map<string, Box>();
  const nodeMargin = 12;
  const edgeMargin = 60;
  for (const e of elements) {
    if (!e.position) continue;
    const id = e.data.id!;
    const w = (widths.get(id) ?? 0) / 2 + nodeMargin;
    const h = (id.startsWith('v') ? valueHeight : opHeight) / 2 + nodeMargin;
    boxes.set(id, { x1: e.position.x - w, x2: e.position.x + w, y1: e.position.y - h, y2: e.position.y + h });
  }
  for (const e of elements) {
    if (e.group !== 'edges') continue;
    const a = boxes.get(e.data.source!);
    const b = boxes.get(e.data.target!);
    if (!a || !b) continue;
    boxes.set(e.data.id!, {
      x1: Math.min(a.x1, b.x1) - edgeMargin, x2: Math.max(a.x2, b.x2) + edgeMargin,
      y1: Math.min(a.y1, b.y1) - edgeMargin, y2: Math.max(a.y2, b.y2) + edgeMargin,
    });
  }
  return boxes;
}

function measureCharWidth(): number {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return fontSize * 0.6;
  ctx.font = `${fontSize}px ${fontFamily}`;
  return ctx.measureText('0123456789').width / 10;
}
