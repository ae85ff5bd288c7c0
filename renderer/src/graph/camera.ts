// Where the view looks: the opening viewport of a drawing and the pan that
// follows the stepper. Pure: model-space boxes and the pane's size in, a
// viewport out (cytoscape's rendered = model × zoom + pan).

import type { Box } from './culling.js';

export interface Pane { width: number; height: number }
export interface Viewport { zoom: number; pan: { x: number; y: number } }

const margin = 24;

/**
 * The whole graph, centred, when it fits with readable text (zoom ≥
 * `readable`, at most `maxZoom`); otherwise `readable` zoom on the root, placed
 * at the output end of the pane (right for left-to-right, bottom for top to
 * bottom) so the nodes nearest it fill the rest.
 */
export function openingViewport(bounds: Box, root: Box | null, pane: Pane, readable: number, maxZoom: number, direction: 'LR' | 'TB'): Viewport {
  const fit = fitZoom(bounds, pane);
  if (fit >= readable || root === null) {
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
 * The pan (zoom unchanged) that brings the current node and its inputs into
 * view; null when no move is needed. Along an axis where they are out of view
 * they are centred (so the next steps, nearby, need no move), the other axis
 * stays. A view the user moved by hand is only moved when the current node
 * itself leaves it. When they cannot all fit, the current node is centred.
 * `bottomInset` (px) is covered by overlays (overview, legend).
 */
export function followPan(current: Box, inputs: Box[], v: Viewport, pane: Pane, userMoved: boolean, bottomInset = 0): { x: number; y: number } | null {
  const m = margin / v.zoom;
  const area = visibleArea(v, pane);
  const inner = { x1: area.x1 + m, y1: area.y1 + m, x2: area.x2 - m, y2: area.y2 - Math.max(m, bottomInset / v.zoom) };
  const wanted = union([current, ...inputs]);
  if (inside(current, inner) && (userMoved || inside(wanted, inner))) return null;
  const target = wanted.x2 - wanted.x1 <= inner.x2 - inner.x1 && wanted.y2 - wanted.y1 <= inner.y2 - inner.y1 ? wanted : current;
  const shift = (lo: number, hi: number, a: number, b: number) => (lo >= a && hi <= b ? 0 : (lo + hi) / 2 - (a + b) / 2);
  const dx = shift(target.x1, target.x2, inner.x1, inner.x2);
  const dy = shift(target.y1, target.y2, inner.y1, inner.y2);
  if (dx === 0 && dy === 0) return null;
  return { x: v.pan.x - dx * v.zoom, y: v.pan.y - dy * v.zoom };
}
