// The grad colour legend is an overlay in a corner of the graph pane. It must
// never hide a value: once the view comes to rest it takes the first free
// corner (its own first, so it does not hop about; then bottom right, top
// right, top left, bottom left). A graph larger than the pane covers every
// corner; the legend then stays where it is. Pure: boxes and sizes in.

import type { Box } from './culling.js';
import type { Pane, Viewport } from './camera.js';

export type Corner = 'bottom-right' | 'top-right' | 'top-left' | 'bottom-left';
const corners: Corner[] = ['bottom-right', 'top-right', 'top-left', 'bottom-left'];
/** Distance (px) of the legend from the pane's edges (styles.css #legend). */
export const legendInset = 8;

/** The legend's rectangle (pane px) in `corner`. */
export function cornerRect(corner: Corner, size: { width: number; height: number }, pane: Pane): Box {
  const x1 = corner.endsWith('left') ? legendInset : pane.width - legendInset - size.width;
  const y1 = corner.startsWith('top') ? legendInset : pane.height - legendInset - size.height;
  return { x1, y1, x2: x1 + size.width, y2: y1 + size.height };
}

/**
 * The corner to show the legend in: the first (from `current`) where it covers
 * none of `boxes` (model space, [x1, y1, x2, y2] per box) in viewport `v`, nor
 * any `taken` rectangle (pane px, e.g. the overview); `current` when none is free.
 */
export function freeCorner(current: Corner, size: { width: number; height: number }, pane: Pane, v: Viewport, boxes: Float64Array, taken: Box[] = []): Corner {
  for (const corner of [current, ...corners.filter((c) => c !== current)]) {
    const r = cornerRect(corner, size, pane);
    if (taken.some((t) => overlaps(t, r))) continue;
    // The rectangle in model space: one comparison per side per box.
    const m = { x1: (r.x1 - v.pan.x) / v.zoom, y1: (r.y1 - v.pan.y) / v.zoom, x2: (r.x2 - v.pan.x) / v.zoom, y2: (r.y2 - v.pan.y) / v.zoom };
    if (!coversAny(m, boxes)) return corner;
  }
  return current;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x1 < b.x2 && a.x2 > b.x1 && a.y1 < b.y2 && a.y2 > b.y1;
}

function coversAny(r: Box, boxes: Float64Array): boolean {
  for (let k = 0; k < boxes.length; k += 4) {
    if (boxes[k]! < r.x2 && boxes[k + 2]! > r.x1 && boxes[k + 1]! < r.y2 && boxes[k + 3]! > r.y1) return true;
  }
  return false;
}
