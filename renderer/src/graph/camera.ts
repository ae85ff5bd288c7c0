// Where the view looks: the opening viewport of a drawing and the pan that
// follows the stepper. Pure: model-space boxes and the pane's size in, a
// viewport out (cytoscape's rendered = model × zoom + pan).

import type { Box } from './culling.js';

export interface Pane { width: number; height: number }
export interface Viewport { zoom: number; pan: { x: number; y: number } }

const margin = 24;

/**
 * The whole graph, centred, when it fits at zoom ≥ `whole` (at most
 * `maxZoom`); otherwise `readable` zoom on the root, placed at the output end
 * of the pane (right for left-to-right, bottom for top to bottom) so the nodes
 * nearest it fill the rest. `whole` is below `readable` (9 px text against 11):
 * a small graph seen whole, every value and the flow from inputs to output,
 * reads better than a quarter of it at 11 px, where the program's "Look at"
 * comment and the stepper's last step (at the inputs) point off screen.
 */
export function openingViewport(bounds: Box, root: Box | null, pane: Pane, readable: number, maxZoom: number, direction: 'LR' | 'TB', whole = readable): Viewport {
  const fit = fitZoom(bounds, pane);
  if (fit >= Math.min(whole, readable) || root === null) {
    const zoom = Math.min(maxZoom, Math.max(fit, 0.02));
    return centredOn(bounds, zoom, pane);
  }
  const zoom = readable;
  const cx = (root.x1 + root.x2) / 2;
  const cy = (root.y1 + root.y2) / 2;
  if (direction === 'LR') {
    // Root's right edge near the pane's right edge, vertically centred on it.
    const x = Math.min(pane.width - margin - root.x2 * zoom, pane.width / 2 - cx * zoom);
    return { zoom, pan: { x: Math.max(x, pane.width - margin - bounds.x2 * zoom), y: pane.height / 2 - cy * zoom } };
  }
  return { zoom, pan: { x: pane.width / 2 - cx * zoom, y: pane.height - margin - root.y2 * zoom } };
}

/** Screen px a box keeps from a pane edge that does not cut it (its border, rounding). */
const edgeGap = 3;

/**
 * The opening viewport `v` (root at the output end) moved so that the pane's
 * edges cut no box, value or op or group: a box cut by the edge shows half its
 * numbers. Along the flow, the edge on the inputs' side moves toward the root
 * to the next gap between layers, and the zoom grows (to `maxZoom` at most)
 * so the layers kept fill the pane; across it, the view moves the least from
 * `v` that puts both edges between boxes, with the root on screen. Where no
 * such rows exist, the inputs' edge moves one more layer toward the root.
 * `v` when nothing is cut, or when no view keeps the root (boxes without gaps).
 */
export function wholeBoxes(v: Viewport, boxes: Box[], root: Box, pane: Pane, maxZoom: number, direction: 'LR' | 'TB'): Viewport {
  if (direction === 'TB') {
    // Top to bottom is left to right with x and y swapped (the root at the bottom, as at the right).
    const flip = (b: Box): Box => ({ x1: b.y1, y1: b.x1, x2: b.y2, y2: b.x2 });
    const flipView = (w: Viewport): Viewport => ({ zoom: w.zoom, pan: { x: w.pan.y, y: w.pan.x } });
    return flipView(wholeBoxes(flipView(v), boxes.map(flip), flip(root), { width: pane.height, height: pane.width }, maxZoom, 'LR'));
  }
  const area = visibleArea(v, pane);
  const pad = edgeGap / v.zoom;
  const spans = (list: Box[], axis: 'x' | 'y') => union1d(list.map((b) => (axis === 'x' ? [b.x1 - pad, b.x2 + pad] : [b.y1 - pad, b.y2 + pad])));
  const rowsOf = (top: number, height: number) => boxes.filter((b) => b.y2 > top && b.y1 < top + height);
  const columnsOf = (left: number, width: number) => boxes.filter((b) => b.x2 > left && b.x1 < left + width);
  const cut = (left: number, top: number, width: number, height: number) => {
    const xs = spans(rowsOf(top, height), 'x');
    const ys = spans(columnsOf(left, width), 'y');
    return !free(left, xs) || !free(left + width, xs) || !free(top, ys) || !free(top + height, ys);
  };
  if (!cut(area.x1, area.y1, area.x2 - area.x1, area.y2 - area.y1)) return v;
  const right = area.x2;
  const middle = (area.y1 + area.y2) / 2;
  let left = area.x1;
  let top = area.y1;
  for (let tries = 0; tries < 20; tries++) {
    const xs = spans(rowsOf(top, pane.height / v.zoom), 'x');
    left = firstFree(left, xs);
    if (left >= root.x1 - pad) return v;
    const zoom = Math.max(v.zoom, Math.min(maxZoom, pane.width / (right - left)));
    const width = pane.width / zoom;
    const height = pane.height / zoom;
    // At the zoom cap the layers kept are narrower than the pane: centred, as far as the gap allows.
    const shown = firstFree(left - (width - (right - left)) / 2, xs);
    const inView = columnsOf(shown, width);
    const rows = nearestFree(middle - height / 2, spans(inView, 'y'), height, root.y2 + pad - height, root.y1 - pad);
    if (rows === null) {
      // No rows fit between boxes with these layers: leave out the next layer too.
      const next = inView.filter((b) => b.x1 - pad >= left).sort((a, b) => a.x1 - b.x1)[0];
      if (!next) return v;
      left = next.x2 + pad;
      continue;
    }
    if (!cut(shown, rows, width, height)) return { zoom, pan: { x: -shown * zoom, y: -rows * zoom } };
    if (!free(shown + width, spans(rowsOf(rows, height), 'x'))) return v;
    top = rows;
  }
  return v;
}

/** An interval [from, to] along one axis. */
type Span = [number, number];

/** The union of `spans` as disjoint spans in order (spans that only touch stay apart: their shared end is free). */
function union1d(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const [a, b] of [...spans].sort((p, q) => p[0] - q[0])) {
    const last = out[out.length - 1];
    if (last && a < last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** The span of disjoint, ordered `spans` that holds `x` inside (not at an end), or undefined. */
function spanAt(x: number, spans: Span[]): Span | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = spans[mid]!;
    if (x <= a) hi = mid - 1;
    else if (x >= b) lo = mid + 1;
    else return spans[mid];
  }
  return undefined;
}

const free = (x: number, spans: Span[]) => spanAt(x, spans) === undefined;

/** The least position at or after `x` in none of the (disjoint, ordered) spans. */
const firstFree = (x: number, spans: Span[]) => spanAt(x, spans)?.[1] ?? x;

/** The start nearest `want` in [lo, hi] of a window `size` long whose two ends are in no span; null when none is. */
function nearestFree(want: number, spans: Span[], size: number, lo: number, hi: number): number | null {
  const candidates = [want, lo, hi, ...spans.flatMap(([a, b]) => [a, b, a - size, b - size])];
  let best: number | null = null;
  for (const t of candidates) {
    if (t < lo || t > hi || !free(t, spans) || !free(t + size, spans)) continue;
    if (best === null || Math.abs(t - want) < Math.abs(best - want)) best = t;
  }
  return best;
}

export function fitZoom(bounds: Box, pane: Pane): number {
  return Math.min((pane.width - 2 * margin) / Math.max(1, bounds.x2 - bounds.x1), (pane.height - 2 * margin) / Math.max(1, bounds.y2 - bounds.y1));
}

export function centredOn(box: Box, zoom: number, pane: Pane): Viewport {
  return { zoom, pan: { x: pane.width / 2 - ((box.x1 + box.x2) / 2) * zoom, y: pane.height / 2 - ((box.y1 + box.y2) / 2) * zoom } };
}

/** The model-space area a viewport shows. */
export function visibleArea(v: Viewport, pane: Pane): Box {
  return { x1: -v.pan.x / v.zoom, y1: -v.pan.y / v.zoom, x2: (pane.width - v.pan.x) / v.zoom, y2: (pane.height - v.pan.y) / v.zoom };
}

const inside = (b: Box, area: Box) => b.x1 >= area.x1 && b.x2 <= area.x2 && b.y1 >= area.y1 && b.y2 <= area.y2;

export function union(boxes: Box[]): Box {
  return boxes.reduce((u, b) => ({ x1: Math.min(u.x1, b.x1), y1: Math.min(u.y1, b.y1), x2: Math.max(u.x2, b.x2), y2: Math.max(u.y2, b.y2) }));
}

/**
 * The pan (zoom unchanged) that brings `current` into view with `inputs` when
 * they fit at this zoom; null when no move is needed. Along an axis where they
 * are out of view they are centred, the other axis stays. A view the user
 * moved by hand is only moved when `current` itself leaves it. When they
 * cannot all fit, `current` is centred. `bottomInset` (px) is covered by an overlay.
 */
export function followPan(current: Box, inputs: Box[], v: Viewport, pane: Pane, userMoved: boolean, bottomInset = 0): { x: number; y: number } | null {
  const inner = innerArea(v, pane, bottomInset);
  const wanted = union([current, ...inputs]);
  if (inside(current, inner) && (userMoved || inside(wanted, inner))) return null;
  const target = wanted.x2 - wanted.x1 <= inner.x2 - inner.x1 && wanted.y2 - wanted.y1 <= inner.y2 - inner.y1 ? wanted : current;
  return panTo(target, v, inner);
}

/** What following a step wants on screen. */
export interface StepView {
  /** The record of the node whose _backward runs next. */
  current: Box;
  /** Its op node (ELK may place it far from the record, next to an input). */
  op: Box[];
  /** The input its _backward updates first (the nearest one when several): kept even below `readable`. */
  updated: Box[];
  /** Its other inputs. */
  inputs: Box[];
  /** The delta labels of the step just run. */
  deltas: Box[];
}

/**
 * The viewport that shows the step: the current node, its op and inputs and
 * the last step's delta labels, moving the least. Pans when they fit at this
 * zoom; otherwise zooms out as little as needed, but not below `readable`
 * (the opening view's 11 px text), leaving out first the delta labels, then
 * the inputs but the nearest. The current node and the nearest input are
 * what the step is about, so for them (with the op, then without it) the zoom
 * may go down to `legible`; when even that cannot hold them (a long edge
 * across the drawing) the current node alone is centred, at this zoom.
 * Never zooms in. null when no move is needed; a view the user moved by hand
 * is left alone while the current node is in it.
 */
export function followView(step: StepView, v: Viewport, pane: Pane, userMoved: boolean, readable: number, legible: number, bottomInset = 0): Viewport | null {
  const { current, op, updated, inputs, deltas } = step;
  const nodes = union([current, ...op, ...updated, ...inputs]);
  const inner = innerArea(v, pane, bottomInset);
  // Labels need only be on screen, not inside the margin.
  const labelsShown = deltas.length === 0 || inside(union(deltas), visibleArea(v, pane));
  if (inside(current, inner) && (userMoved || (inside(nodes, inner) && labelsShown))) return null;
  const tries: [Box[], number][] = [
    [[current, ...op, ...updated, ...inputs, ...deltas], readable],
    [[current, ...op, ...updated, ...inputs], readable],
    [[current, ...op, ...updated], legible],
    [[current, ...updated], legible],
  ];
  for (const [boxes, floor] of tries) {
    const target = union(boxes);
    const zoom = Math.min(v.zoom, zoomToHold(target, pane, bottomInset));
    if (zoom < Math.min(v.zoom, floor)) continue;
    if (zoom !== v.zoom) return { zoom, pan: centredIn(target, zoom, pane, bottomInset) };
    const pan = nudge(target, v, inner);
    return pan === null ? null : { zoom, pan };
  }
  const pan = panTo(current, v, inner);
  return pan === null ? null : { zoom: v.zoom, pan };
}

/** The visible area less the margin and the overlay at the bottom. */
function innerArea(v: Viewport, pane: Pane, bottomInset: number): Box {
  const m = margin / v.zoom;
  const area = visibleArea(v, pane);
  return { x1: area.x1 + m, y1: area.y1 + m, x2: area.x2 - m, y2: area.y2 - Math.max(m, bottomInset / v.zoom) };
}

/** The largest zoom at which `b` fits the pane within the margins and above the overlay. */
function zoomToHold(b: Box, pane: Pane, bottomInset: number): number {
  const bottom = Math.max(margin, bottomInset);
  return Math.min((pane.width - 2 * margin) / Math.max(1, b.x2 - b.x1), (pane.height - margin - bottom) / Math.max(1, b.y2 - b.y1));
}

/** The pan that centres `b` in the part of the pane above the overlay. */
function centredIn(b: Box, zoom: number, pane: Pane, bottomInset: number): { x: number; y: number } {
  const bottom = Math.max(margin, bottomInset);
  const cy = (margin + pane.height - bottom) / 2;
  return { x: pane.width / 2 - ((b.x1 + b.x2) / 2) * zoom, y: cy - ((b.y1 + b.y2) / 2) * zoom };
}

/** The pan moving `v` least that brings `target` (which fits) inside `inner`; null when it is. */
function nudge(target: Box, v: Viewport, inner: Box): { x: number; y: number } | null {
  const shift = (lo: number, hi: number, a: number, b: number) => (lo < a ? lo - a : hi > b ? hi - b : 0);
  const dx = shift(target.x1, target.x2, inner.x1, inner.x2);
  const dy = shift(target.y1, target.y2, inner.y1, inner.y2);
  if (dx === 0 && dy === 0) return null;
  return { x: v.pan.x - dx * v.zoom, y: v.pan.y - dy * v.zoom };
}

/** The pan moving `v` least along each axis (centring `target` on an axis where it is out of `inner`); null when none. */
function panTo(target: Box, v: Viewport, inner: Box): { x: number; y: number } | null {
  const shift = (lo: number, hi: number, a: number, b: number) => (lo >= a && hi <= b ? 0 : (lo + hi) / 2 - (a + b) / 2);
  const dx = shift(target.x1, target.x2, inner.x1, inner.x2);
  const dy = shift(target.y1, target.y2, inner.y1, inner.y2);
  if (dx === 0 && dy === 0) return null;
  return { x: v.pan.x - dx * v.zoom, y: v.pan.y - dy * v.zoom };
}

/**
 * The opening view of a graph too large to show whole, placed on the
 * stepper's last step instead of the root: `focus` (the last step's node and
 * the inputs it updated, which for a whole backward are leaves at the inputs'
 * end) at the inputs' end of the pane at `readable` zoom, with no box cut by
 * the pane's edges (wholeBoxes, seen from the other end of the flow).
 */
export function openingOnStep(bounds: Box, focus: Box, boxes: Box[], pane: Pane, readable: number, maxZoom: number, direction: 'LR' | 'TB'): Viewport {
  // The drawing mirrored along the flow: the inputs' end becomes the output end that openingViewport and wholeBoxes place.
  const lr = direction === 'LR';
  const box = (b: Box): Box => (lr ? { x1: -b.x2, x2: -b.x1, y1: b.y1, y2: b.y2 } : { x1: b.x1, x2: b.x2, y1: -b.y2, y2: -b.y1 });
  const view = (w: Viewport): Viewport => ({ zoom: w.zoom, pan: lr ? { x: pane.width - w.pan.x, y: w.pan.y } : { x: w.pan.x, y: pane.height - w.pan.y } });
  const v = openingViewport(box(bounds), box(focus), pane, readable, maxZoom, direction);
  return view(wholeBoxes(v, boxes.map(box), box(focus), pane, maxZoom, direction));
}
