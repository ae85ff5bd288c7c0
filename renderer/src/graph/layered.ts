// A fast layered left-to-right layout for graphs too large for ELK to lay out
// in time (ELK layered takes seconds on ~2,000 nodes). Nodes go to the layer of
// their longest path to a sink, so a constant sits next to where it is used and
// the root is at the right; order and height come from a few barycenter passes
// from the root outwards. O(edges × passes); pure, runs in the layout worker.

export interface LayoutNode { id: string; w: number; h: number }
export type Direction = 'LR' | 'TB';
export interface LayoutInput {
  nodes: LayoutNode[];
  edges: [string, string][];
  /** Which way inputs flow to the output; 'auto' picks (see chooseDirection). */
  direction?: Direction | 'auto';
  /** The pane the graph opens in, the smallest zoom whose text reads, and the
   *  smaller one at which a graph still opens whole (camera.openingViewport). */
  pane?: { width: number; height: number; readableZoom: number; wholeZoom?: number };
}
export type Positions = Record<string, [number, number]>;

/** Between layers: left to right, room for a step's delta label (about
 *  56 × 18 px) on the edge from a value to its op; top to bottom, its height. */
const layerGap = { LR: 64, TB: 44 };
const rowGap = 10;

/** Space between layers and between neighbours in a layer, as a layout leaves it (for estimates). */
export interface Gaps { layer: number; row: number }
/** This file's layered layout, in direction `d`. */
export const layeredGaps = (d: Direction): Gaps => ({ layer: layerGap[d], row: rowGap + 2 });

/** Top to bottom is the left-to-right layout with x and y swapped. */
export function layeredIn(input: LayoutInput, direction: Direction): Positions {
  if (direction === 'LR') return layered(input);
  const swapped = layered({ nodes: input.nodes.map((n) => ({ id: n.id, w: n.h, h: n.w })), edges: input.edges }, layerGap.TB);
  const positions: Positions = {};
  for (const id in swapped) positions[id] = [swapped[id]![1], swapped[id]![0]];
  return positions;
}

/**
 * Left to right, as draw_dot, unless the whole graph would then be too small
 * to read in the pane while top to bottom would show it whole and readable
 * (a shallow, wide graph such as the lecture's neuron). Estimated from the
 * longest-path layers, before any layout runs, with the gaps the layout that
 * will run leaves (ELK's differ by direction).
 */
export function chooseDirection(input: LayoutInput, gaps: (d: Direction) => Gaps = layeredGaps): Direction {
  const pane = input.pane;
  if (input.direction === 'LR' || input.direction === 'TB') return input.direction;
  if (!pane || input.nodes.length === 0) return 'LR';
  const zoomToFit = (d: Direction) => {
    const e = estimateExtent(input, d, gaps(d));
    return Math.min((pane.width - 48) / e.width, (pane.height - 48) / e.height);
  };
  // Readable whole, then whole at the smaller size the opening view accepts.
  for (const zoom of [pane.readableZoom, pane.wholeZoom ?? pane.readableZoom]) {
    if (zoomToFit('LR') >= zoom) return 'LR';
    if (zoomToFit('TB') >= zoom) return 'TB';
  }
  return 'LR';
}

/** Each node's successors and predecessors, by index in `input.nodes`. */
function adjacency(input: LayoutInput): { outs: number[][]; ins: number[][] } {
  const at = new Map(input.nodes.map((n, i) => [n.id, i]));
  const outs: number[][] = input.nodes.map(() => []);
  const ins: number[][] = input.nodes.map(() => []);
  for (const [s, t] of input.edges) {
    const a = at.get(s);
    const b = at.get(t);
    if (a === undefined || b === undefined) continue;
    outs[a]!.push(b);
    ins[b]!.push(a);
  }
  return { outs, ins };
}

/** The size a layered drawing in direction `d` needs, from layer sizes and gaps. */
export function estimateExtent(input: LayoutInput, d: Direction, gaps: Gaps = layeredGaps(d)): { width: number; height: number } {
  const { outs, ins } = adjacency(input);
  const rank = ranksToSink(outs, ins);
  const along: number[] = [];
  const across: number[] = [];
  input.nodes.forEach((n, i) => {
    const r = rank[i]!;
    const [a, c] = d === 'LR' ? [n.w, n.h] : [n.h, n.w];
    along[r] = Math.max(along[r] ?? 0, a);
    across[r] = (across[r] ?? 0) + c + gaps.row;
  });
  const length = along.reduce((s, x) => s + x + gaps.layer, -gaps.layer);
  const breadth = Math.max(...across);
  return d === 'LR' ? { width: length, height: breadth } : { width: breadth, height: length };
}

export function layered(input: LayoutInput, gap = layerGap.LR): Positions {
  const count = input.nodes.length;
  const { outs, ins } = adjacency(input);
  const rank = ranksToSink(outs, ins);
  let layers = 0;
  for (let i = 0; i < count; i++) layers = Math.max(layers, rank[i]! + 1);
  // Layer 0 holds the sinks (drawn rightmost).
  const byLayer: number[][] = Array.from({ length: layers }, () => []);
  for (const i of depthFirstFromSinks(outs, ins)) byLayer[rank[i]!]!.push(i);

  const y = new Float64Array(count);
  const h = input.nodes.map((n) => n.h);
  const place = (layer: number[], desired: (i: number) => number) => {
    const want = layer.map((i) => desired(i));
    const order = layer.map((_, k) => k).sort((p, q) => want[p]! - want[q]!);
    let last = -Infinity;
    let shift = 0;
    for (const k of order) {
      const i = layer[k]!;
      const top = Math.max(want[k]! - h[i]! / 2, last);
      y[i] = top + h[i]! / 2;
      last = top + h[i]! + rowGap;
      shift += y[i]! - want[k]!;
    }
    // Pushing apart only moves nodes down; recentre on what they wanted.
    shift /= layer.length || 1;
    for (const i of layer) y[i] = y[i]! - shift;
    layer.splice(0, layer.length, ...order.map((k) => layer[k]!));
  };
  const mean = (list: number[], fallback: number) => (list.length === 0 ? fallback : list.reduce((s, j) => s + y[j]!, 0) / list.length);

  let row = 0;
  place(byLayer[0] ?? [], () => row++ * 40);
  // Root outwards, then back, then outwards again: each pass straightens edges.
  for (let pass = 0; pass < 3; pass++) {
    if (pass % 2 === 0) for (let l = 1; l < layers; l++) place(byLayer[l]!, (i) => mean(outs[i]!, y[i]!));
    else for (let l = layers - 2; l >= 0; l--) place(byLayer[l]!, (i) => mean(ins[i]!, y[i]!));
  }

  const positions: Positions = {};
  let x = 0;
  for (let l = layers - 1; l >= 0; l--) {
    const width = Math.max(0, ...byLayer[l]!.map((i) => input.nodes[i]!.w));
    for (const i of byLayer[l]!) positions[input.nodes[i]!.id] = [x + width / 2, y[i]!];
    x += width + gap;
  }
  return positions;
}

/** Longest path from each node to a sink, in edges (a DAG is assumed; a cycle's nodes get rank 0). */
function ranksToSink(outs: number[][], ins: number[][]): Int32Array {
  const rank = new Int32Array(outs.length);
  const pending = outs.map((o) => o.length);
  const queue: number[] = [];
  pending.forEach((p, i) => p === 0 && queue.push(i));
  for (let q = 0; q < queue.length; q++) {
    const i = queue[q]!;
    for (const j of ins[i]!) {
      rank[j] = Math.max(rank[j]!, rank[i]! + 1);
      if (--pending[j]! === 0) queue.push(j);
    }
  }
  return rank;
}

/** Nodes in depth-first order from the sinks along inputs: a good first order. */
function depthFirstFromSinks(outs: number[][], ins: number[][]): number[] {
  const seen = new Uint8Array(outs.length);
  const order: number[] = [];
  const stack: number[] = [];
  const visit = (start: number) => {
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop()!;
      if (seen[i]) continue;
      seen[i] = 1;
      order.push(i);
      for (let k = ins[i]!.length - 1; k >= 0; k--) if (!seen[ins[i]![k]!]) stack.push(ins[i]![k]!);
    }
  };
  outs.forEach((o, i) => o.length === 0 && visit(i));
  outs.forEach((_o, i) => visit(i));
  return order;
}
