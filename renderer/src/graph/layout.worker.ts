// The layout worker: positions for a graph, off the UI thread. ELK's layered
// algorithm for graphs it lays out quickly (with edges routed around the
// boxes), the fast layered pass otherwise.

import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from '../../../engine/figure/layout.js';
import { chooseDirection, layeredIn, type Direction, type Gaps, type LayoutInput, type Positions } from './layered.js';

export interface LayoutRequest extends LayoutInput { id: number }
/** An export figure's ELK graph (engine/figure/layout.ts), laid out as given.
 *  The figure export uses this worker too, so the build carries one ELK, not two. */
export interface FigureRequest { id: number; graph: ElkNode }
export interface FigureReply { id: number; result?: ElkNode; error?: string }
/** Bend points of routed edges, by index in the request's `edges`. */
export type Routes = Record<number, [number, number][]>;
export interface LayoutReply { id: number; positions: Positions; routes: Routes; direction: Direction; engine: 'elk' | 'layered'; ms: number; error?: string }

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
  const useElk = request.nodes.length <= elkLimit;
  const direction = useElk ? chooseDirection(request, elkGaps) : chooseDirection(request);
  let reply: LayoutReply;
  try {
    const { positions, routes } = useElk ? await withElk(request, direction) : { positions: layeredIn(request, direction), routes: {} };
    reply = { id: request.id, positions, routes, direction, engine: useElk ? 'elk' : 'layered', ms: performance.now() - started };
  } catch (e) {
    reply = { id: request.id, positions: layeredIn(request, direction), routes: {}, direction, engine: 'layered', ms: performance.now() - started, error: String(e) };
  }
  (self as unknown as Worker).postMessage(reply);
};

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
