// The layout worker: positions for a graph, off the UI thread. ELK's layered
// algorithm for graphs it lays out quickly (with edges routed around the
// boxes), the fast layered pass otherwise.

import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from '../../../engine/figure/layout.js';
import { chooseDirection, layeredIn, type Direction, type Gaps, type LayoutInput, type Positions } from './layered.js';
import { anyOverlap, collapseInPlace, expandInPlace, inFrame, type Placement } from './incremental.js';

/** An element placed by an earlier layout: id, centre x and y, width and height. */
export type Memory = [string, number, number, number, number][];
/** Expand or collapse one group keeping what is placed where it is (incremental.ts). */
export interface Incremental {
  kind: 'expand' | 'collapse';
  /** The group's node element id (`g…`). */
  group: string;
  /** Every element placed since the last full layout, drawn now or not. */
  memory: Memory;
  /** Collapse: the elements (in `memory`) that the group's node replaces. */
  content: string[];
  /** The group's output value's element id. */
  output: string | null;
  direction: Direction;
  /** Bend points edges had (by index in the request's `edges`): kept when both ends move alike. */
  routes: Routes;
}
export interface LayoutRequest extends LayoutInput { id: number; incremental?: Incremental }
/** An export figure's ELK graph (engine/figure/layout.ts), laid out as given.
 *  The figure export uses this worker too, so the build carries one ELK, not two. */
export interface FigureRequest { id: number; graph: ElkNode }
export interface FigureReply { id: number; result?: ElkNode; error?: string }
/** Bend points of routed edges, by index in the request's `edges`. */
export type Routes = Record<number, [number, number][]>;
export interface LayoutReply {
  id: number; positions: Positions; routes: Routes; direction: Direction; engine: 'elk' | 'layered'; ms: number; error?: string;
  /** The request's `incremental` was done (else: a full layout, when the change could not be made in place). */
  incremental: boolean;
  /** Where everything placed since the last full layout is now (the next incremental request's `memory`). */
  memory: Memory;
}

// ELK's cost grows fast (measured here: ~1.5 s for 200 nodes, ~0.3 s for 60);
// above this many nodes (values + ops) the fast layered pass is used.
const elkLimit = 120;
const elk = new ELK();
/** The gaps ELK's drawings have with the spacings below (measured on the
 *  lecture's neuron: edges add to the spacing between layers). */
const elkGaps = (d: Direction): Gaps => (d === 'LR' ? { layer: 68, row: 14 } : { layer: 37, row: 8 });

self.onmessage = async (event: MessageEvent<LayoutRequest | FigureRequest>) => {
  if ('graph' in event.data) return layoutFigure(event.data);
  const request = event.data;
  const started = performance.now();
  if (request.incremental) {
    try {
      const done = await inPlace(request, request.incremental);
      if (done) {
        const engine = done.engine;
        (self as unknown as Worker).postMessage({ id: request.id, ...done, engine, direction: request.incremental.direction, ms: performance.now() - started, incremental: true } satisfies LayoutReply);
        return;
      }
    } catch {
      // A full layout below.
    }
  }
  const useElk = request.nodes.length <= elkLimit;
  const direction = useElk ? chooseDirection(request, elkGaps) : chooseDirection(request);
  let reply: LayoutReply;
  try {
    const { positions, routes } = useElk ? await withElk(request, direction) : { positions: layeredIn(request, direction), routes: {} };
    reply = { id: request.id, positions, routes, direction, engine: useElk ? 'elk' : 'layered', ms: performance.now() - started, incremental: false, memory: memoryOf(request, positions) };
  } catch (e) {
    const positions = layeredIn(request, direction);
    reply = { id: request.id, positions, routes: {}, direction, engine: 'layered', ms: performance.now() - started, error: String(e), incremental: false, memory: memoryOf(request, positions) };
  }
  (self as unknown as Worker).postMessage(reply);
};

const memoryOf = (input: LayoutInput, positions: Positions): Memory =>
  input.nodes.flatMap((n) => (positions[n.id] ? [[n.id, positions[n.id]![0], positions[n.id]![1], n.w, n.h] as Memory[number]] : []));

/** A layout of `input` by ELK or by the fast layered pass. */
const layoutOf = (input: LayoutInput, direction: Direction, useElk: boolean) =>
  useElk ? withElk(input, direction).then((r) => ({ ...r, engine: 'elk' as const })) : Promise.resolve({ positions: layeredIn(input, direction), routes: {} as Routes, engine: 'layered' as const });

/**
 * An expand or collapse that keeps what was placed in place (incremental.ts);
 * null when it cannot (the group was not placed, something drawn would have no
 * place, or boxes would overlap): then the caller lays out everything.
 */
async function inPlace(request: LayoutRequest, inc: Incremental): Promise<{ positions: Positions; routes: Routes; memory: Memory; engine: 'elk' | 'layered' } | null> {
  const d = inc.direction;
  const sizes = new Map(request.nodes.map((n) => [n.id, n]));
  const before: Placement = new Map();
  for (const [id, x, y, w, h] of inc.memory) before.set(id, { x, y, w: sizes.get(id)?.w ?? w, h: sizes.get(id)?.h ?? h });
  const memory = inFrame(before, d);
  let next: Placement | null;
  let block: { positions: Positions; routes: Routes; engine: 'elk' | 'layered' } = { positions: {}, routes: {}, engine: 'layered' };
  if (inc.kind === 'expand') {
    const nodes = request.nodes.filter((n) => !memory.has(n.id));
    const inBlock = new Set(nodes.map((n) => n.id));
    const edges = request.edges.map((e, i) => [e, i] as const).filter(([[s, t]]) => inBlock.has(s) && inBlock.has(t));
    if (nodes.length === 0) return null;
    // The engine the whole drawing would get: the content looks like the rest, and a big drawing's
    // content is laid out in milliseconds (ELK takes a second on a hundred nodes).
    block = await layoutOf({ nodes, edges: edges.map(([e]) => e) }, d, request.nodes.length <= elkLimit);
    // Routes by the block's edge index back to the request's.
    const routes: Routes = {};
    for (const k in block.routes) routes[edges[Number(k)]![1]] = block.routes[k]!;
    block.routes = routes;
    const placed: Placement = new Map(nodes.map((n) => [n.id, { x: block.positions[n.id]![0], y: block.positions[n.id]![1], w: n.w, h: n.h }]));
    next = expandInPlace(memory, inc.group, inFrame(placed, d), inc.output);
  } else {
    const node = sizes.get(inc.group);
    if (!node) return null;
    const [w, h] = d === 'LR' ? [node.w, node.h] : [node.h, node.w];
    next = collapseInPlace(memory, inc.content, inc.group, w, h, inc.output);
  }
  if (next === null || request.nodes.some((n) => !next.has(n.id)) || anyOverlap(next, request.nodes.map((n) => n.id))) return null;
  const after = inFrame(next, d);
  const positions: Positions = {};
  for (const n of request.nodes) positions[n.id] = [after.get(n.id)!.x, after.get(n.id)!.y];
  // Bend points move with their edge's ends when both ends moved alike (the block's, and the rest's).
  const routes: Routes = {};
  const moved = (id: string, from: Placement | Positions) => {
    const a = after.get(id)!;
    const p = from instanceof Map ? from.get(id) : from[id] && { x: from[id]![0], y: from[id]![1] };
    return p ? [a.x - p.x, a.y - p.y] : null;
  };
  request.edges.forEach(([s, t], i) => {
    const bends = block.routes[i] ?? inc.routes[i];
    if (!bends) return;
    const from = block.routes[i] ? block.positions : before;
    const ms = moved(s, from);
    const mt = moved(t, from);
    if (!ms || !mt || Math.abs(ms[0]! - mt[0]!) > 0.5 || Math.abs(ms[1]! - mt[1]!) > 0.5) return;
    routes[i] = bends.map(([x, y]) => [x + ms[0]!, y + ms[1]!]);
  });
  return { positions, routes, engine: block.engine, memory: [...after].map(([id, p]) => [id, p.x, p.y, p.w, p.h]) };
}

async function layoutFigure({ id, graph }: FigureRequest): Promise<void> {
  let reply: FigureReply;
  try {
    reply = { id, result: (await elk.layout(graph as never)) as unknown as ElkNode };
  } catch (e) {
    reply = { id, error: String(e) };
  }
  (self as unknown as Worker).postMessage(reply);
}

async function withElk(input: LayoutInput, direction: Direction): Promise<{ positions: Positions; routes: Routes }> {
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction === 'LR' ? 'RIGHT' : 'DOWN',
      // Room for a step's delta label (about 56 × 18 px) on the edge between two layers.
      'elk.layered.spacing.nodeNodeBetweenLayers': direction === 'LR' ? '64' : '30',
      'elk.layered.spacing.edgeNodeBetweenLayers': '12',
      'elk.spacing.nodeNode': direction === 'LR' ? '14' : '8',
      'elk.spacing.edgeNode': '12',
      'elk.spacing.edgeEdge': '8',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      // Long edges get bend points around the boxes they would cross.
      'elk.edgeRouting': 'POLYLINE',
      'elk.layered.mergeEdges': 'false',
    },
    children: input.nodes.map((n) => ({ id: n.id, width: n.w, height: n.h })),
    edges: input.edges.map(([s, t], i) => ({ id: `e${i}`, sources: [s], targets: [t] })),
  });
  const positions: Positions = {};
  for (const c of graph.children ?? []) positions[c.id] = [(c.x ?? 0) + (c.width ?? 0) / 2, (c.y ?? 0) + (c.height ?? 0) / 2];
  const routes: Routes = {};
  for (const e of graph.edges ?? []) {
    const bends = (e as { sections?: { bendPoints?: { x: number; y: number }[] }[] }).sections?.[0]?.bendPoints;
    if (bends && bends.length > 0) routes[Number(e.id.slice(1))] = bends.map((b) => [b.x, b.y]);
  }
  return { positions, routes };
}
