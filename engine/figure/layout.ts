// The figure's geometry: each value's record box and each op's ellipse sized
// from its text (a monospace font, so no DOM is needed to measure), and the
// layout by ELK's layered algorithm, which also places the step deltas as edge
// labels so they never overlap. ELK itself is passed in (elkjs under Node, a
// worker in the app): this file only builds its input and reads its output.

import { fixed4 } from '../../common/format.js';
import { opText } from '../../common/snapshot.js';
import { dataOf, replay, type FigureSource } from './model.js';

export type Direction = 'lr' | 'tb';

export const fontFamily = '"DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace';
export const fontSize = 13;
export const deltaFontSize = 12;
/** Advance of one character of a monospace font, in em (DejaVu Sans Mono, Menlo: 0.602). */
export const charEm = 0.6021;
export const rowHeight = 20;
export const padX = 8;
export const opHeight = 26;
const maxLabel = 24;

export interface ValueBox { id: number; key: string; label: string; w: number; h: number; cellW: number }
export interface OpBox { id: number; key: string; symbol: string; w: number; h: number }
export interface FigureEdge { key: string; source: string; target: string; labelW: number; labelH: number }

export interface FigureGraph {
  values: ValueBox[];
  ops: OpBox[];
  edges: FigureEdge[];
}

export const valueKey = (id: number) => `v${id}`;
export const opKey = (id: number) => `o${id}`;
/** The edge carrying input k of the op that made `id`. */
export const inputEdgeKey = (id: number, k: number) => `e${id}_${k}`;

export const textWidth = (chars: number, size = fontSize) => chars * size * charEm;
export const dataText = (x: number) => `data ${fixed4(x)}`;
export const gradText = (x: number) => `grad ${fixed4(x)}`;
export const deltaText = (x: number) => (x >= 0 || Number.isNaN(x) ? `+${fixed4(x)}` : fixed4(x));
export function labelText(label: string | null): string {
  const text = label ?? '';
  return text.length > maxLabel ? `${text.slice(0, maxLabel - 1)}…` : text;
}

/**
 * Boxes for every value and op, sized for the widest number each shows at any
 * step of the call, so a figure of any step, and every frame of an
 * animation, has the same layout. With `deltas`, each input edge reserves a
 * label as wide as its delta.
 */
export function figureGraph(source: FigureSource, deltas: boolean): FigureGraph {
  const drawn = new Set(source.nodes.map((n) => n.id));
  const gradChars = new Map<number, number>();
  replay(source, (s) => {
    for (const [id, g] of s.grad) gradChars.set(id, Math.max(gradChars.get(id) ?? 0, gradText(g).length));
  });
  const deltaChars = new Map<string, number>();
  for (const step of source.call?.steps ?? []) {
    step.deltas.forEach(([, d], k) => deltaChars.set(inputEdgeKey(step.node, k), deltaText(d).length));
  }
  const graph: FigureGraph = { values: [], ops: [], edges: [] };
  for (const n of source.nodes) {
    const label = labelText(n.label);
    const cellChars = Math.max(dataText(dataOf(source, n)).length, gradChars.get(n.id) ?? gradText(n.grad).length);
    const cellW = Math.ceil(textWidth(cellChars) + 2 * padX);
    const w = Math.max(2 * cellW, Math.ceil(textWidth(label.length) + 2 * padX));
    graph.values.push({ id: n.id, key: valueKey(n.id), label, w, h: 2 * rowHeight, cellW: w / 2 });
    const symbol = opText(n);
    if (symbol === null) continue;
    graph.ops.push({ id: n.id, key: opKey(n.id), symbol, w: Math.max(34, Math.ceil(textWidth(symbol.length) + 22)), h: opHeight });
    graph.edges.push({ key: `r${n.id}`, source: opKey(n.id), target: valueKey(n.id), labelW: 0, labelH: 0 });
    n.inputs.forEach((input, k) => {
      if (!drawn.has(input)) return;
      const key = inputEdgeKey(n.id, k);
      const chars = deltas ? deltaChars.get(key) ?? 0 : 0;
      graph.edges.push({ key, source: valueKey(input), target: opKey(n.id), labelW: chars > 0 ? Math.ceil(textWidth(chars, deltaFontSize) + 6) : 0, labelH: chars > 0 ? deltaFontSize + 5 : 0 });
    });
  }
  return graph;
}

// ---- ELK ----

export interface ElkLabel { id?: string; text?: string; x?: number; y?: number; width?: number; height?: number }
export interface ElkPoint { x: number; y: number }
export interface ElkEdge {
  id: string; sources: string[]; targets: string[]; labels?: ElkLabel[];
  sections?: { startPoint: ElkPoint; endPoint: ElkPoint; bendPoints?: ElkPoint[] }[];
}
export interface ElkNode {
  id: string; x?: number; y?: number; width?: number; height?: number;
  layoutOptions?: Record<string, string>; children?: ElkNode[]; edges?: ElkEdge[];
}
/** `elk.layout` of elkjs: laid out in place, or in a worker, the same either way. */
export type ElkLayout = (graph: ElkNode) => Promise<ElkNode>;

export function elkInput(graph: FigureGraph, direction: Direction): ElkNode {
  return {
    id: 'figure',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction === 'tb' ? 'DOWN' : 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '30',
      'elk.layered.spacing.edgeNodeBetweenLayers': '12',
      'elk.spacing.nodeNode': direction === 'tb' ? '18' : '14',
      'elk.spacing.edgeLabel': '3',
      'elk.spacing.edgeNode': '10',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.edgeRouting': 'POLYLINE',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      // The figure adds its own margin.
      'elk.padding': '[top=0,left=0,bottom=0,right=0]',
    },
    children: [...graph.values, ...graph.ops].map((b) => ({ id: b.key, width: b.w, height: b.h })),
    edges: graph.edges.map((e) => ({
      id: e.key, sources: [e.source], targets: [e.target],
      ...(e.labelW > 0 ? { labels: [{ id: `${e.key}_label`, text: 'delta', width: e.labelW, height: e.labelH }] } : {}),
    })),
  };
}

export interface Rect { x: number; y: number; w: number; h: number }
export interface LaidOut {
  /** Extent of everything laid out, from 0,0. */
  width: number;
  height: number;
  /** Top-left corner and size of each box, by key. */
  boxes: Map<string, Rect>;
  edges: Map<string, { points: [number, number][]; label: Rect | null }>;
}

export function readLayout(result: ElkNode): LaidOut {
  const boxes = new Map<string, Rect>();
  let width = 0;
  let height = 0;
  const grow = (x: number, y: number) => {
    width = Math.max(width, x);
    height = Math.max(height, y);
  };
  for (const c of result.children ?? []) {
    const r = { x: c.x ?? 0, y: c.y ?? 0, w: c.width ?? 0, h: c.height ?? 0 };
    boxes.set(c.id, r);
    grow(r.x + r.w, r.y + r.h);
  }
  const edges = new Map<string, { points: [number, number][]; label: Rect | null }>();
  for (const e of result.edges ?? []) {
    const points: [number, number][] = [];
    for (const s of e.sections ?? []) {
      points.push([s.startPoint.x, s.startPoint.y]);
      for (const b of s.bendPoints ?? []) points.push([b.x, b.y]);
      points.push([s.endPoint.x, s.endPoint.y]);
    }
    for (const [x, y] of points) grow(x, y);
    const l = e.labels?.[0];
    const label = l ? { x: l.x ?? 0, y: l.y ?? 0, w: l.width ?? 0, h: l.height ?? 0 } : null;
    if (label) grow(label.x + label.w, label.y + label.h);
    edges.set(e.id, { points, label });
  }
  return { width, height, boxes, edges };
}

export async function layOut(graph: FigureGraph, direction: Direction, elk: ElkLayout): Promise<LaidOut> {
  return readLayout(await elk(elkInput(graph, direction)));
}
