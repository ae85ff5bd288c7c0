// Expand and collapse without re-laying out the whole drawing (issue 8): the
// elements already placed keep their places. Expanding a group puts its content,
// laid out on its own, where the group's box was (right edge and output row
// kept); the layers before it (inputs side) move back as one piece by the
// width the content needs, and the nodes of the group's own layer move apart
// (up and down) by the height it needs. Collapsing is the same move backwards,
// so collapse after expand puts everything back where it was. Pure; works in
// left-to-right coordinates (top to bottom is handled by swapping x and y).

import type { Direction } from './layered.js';

/** An element's centre and size. */
export interface Placed { x: number; y: number; w: number; h: number }
export type Placement = Map<string, Placed>;

const swap = (p: Placed): Placed => ({ x: p.y, y: p.x, w: p.h, h: p.w });
/** Between left-to-right coordinates and the drawing's (its own inverse). */
export function inFrame(placement: Placement, direction: Direction): Placement {
  if (direction === 'LR') return placement;
  const out: Placement = new Map();
  for (const [id, p] of placement) out.set(id, swap(p));
  return out;
}

interface Extent { x1: number; y1: number; x2: number; y2: number }

function extentOf(placement: Placement, ids: Iterable<string>): Extent | null {
  let e: Extent | null = null;
  for (const id of ids) {
    const p = placement.get(id);
    if (!p) continue;
    const b = { x1: p.x - p.w / 2, y1: p.y - p.h / 2, x2: p.x + p.w / 2, y2: p.y + p.h / 2 };
    e = e === null ? b : { x1: Math.min(e.x1, b.x1), y1: Math.min(e.y1, b.y1), x2: Math.max(e.x2, b.x2), y2: Math.max(e.y2, b.y2) };
  }
  return e;
}

/**
 * How the rest moves when a box of `from` (width, height above and below the
 * row `y0` that stays) becomes one of `to`, its right edge at `right`:
 * elements left of `left` move left by the extra width; elements in the box's
 * layer (centre between `left` and `right`) move up or down by the extra height.
 */
function makeRoom(placement: Placement, skip: ReadonlySet<string>, left: number, right: number, y0: number, dx: number, dUp: number, dDown: number): Placement {
  const out: Placement = new Map();
  for (const [id, p] of placement) {
    if (skip.has(id)) continue;
    if (p.x < left) out.set(id, { ...p, x: p.x - dx });
    else if (p.x <= right) out.set(id, { ...p, y: p.y < y0 ? p.y - dUp : p.y + dDown });
    else out.set(id, p);
  }
  return out;
}

/**
 * `placement` with group node `group` replaced by `block` (its content, laid
 * out on its own, in any coordinates): the block's right edge where the
 * group's was, its `output` (or its middle) on the group's row. Null when the
 * group was not placed.
 */
export function expandInPlace(placement: Placement, group: string, block: Placement, output: string | null): Placement | null {
  const g = placement.get(group);
  const b = extentOf(block, block.keys());
  if (!g || !b) return null;
  const anchorY = (output !== null ? block.get(output)?.y : undefined) ?? (b.y1 + b.y2) / 2;
  const gx2 = g.x + g.w / 2;
  const ox = gx2 - b.x2;
  const oy = g.y - anchorY;
  const dx = Math.max(0, b.x2 - b.x1 - g.w);
  const dUp = Math.max(0, anchorY - b.y1 - g.h / 2);
  const dDown = Math.max(0, b.y2 - anchorY - g.h / 2);
  const out = makeRoom(placement, new Set([group]), g.x - g.w / 2, gx2, g.y, dx, dUp, dDown);
  for (const [id, p] of block) out.set(id, { ...p, x: p.x + ox, y: p.y + oy });
  return out;
}

/**
 * `placement` with the group's `content` replaced by its node `group` (size
 * `w` × `h`). When nothing else lies in the content's extent (it was put
 * there by an expand), the node takes the content's right edge and its
 * output's row and the rest closes up: the inverse of `expandInPlace`.
 * Otherwise (the content was laid out among other nodes) the node takes the
 * output's place and nothing else moves. Null when no content was placed.
 */
export function collapseInPlace(placement: Placement, content: readonly string[], group: string, w: number, h: number, output: string | null): Placement | null {
  const c = extentOf(placement, content);
  if (!c) return null;
  const skip = new Set(content);
  const out = placement.get(output ?? '');
  const y0 = out?.y ?? (c.y1 + c.y2) / 2;
  const alone = ![...placement].some(([id, p]) => !skip.has(id) && p.x + p.w / 2 > c.x1 && p.x - p.w / 2 < c.x2 && p.y + p.h / 2 > c.y1 && p.y - p.h / 2 < c.y2);
  if (!alone) {
    const rest: Placement = new Map([...placement].filter(([id]) => !skip.has(id)));
    rest.set(group, { x: out?.x ?? c.x2 - w / 2, y: y0, w, h });
    return rest;
  }
  const dx = Math.max(0, c.x2 - c.x1 - w);
  const dUp = Math.max(0, y0 - c.y1 - h / 2);
  const dDown = Math.max(0, c.y2 - y0 - h / 2);
  // The same classes of element as the expand moved, moved back.
  const moved = makeRoom(placement, skip, c.x1, c.x2, y0, -dx, -dUp, -dDown);
  moved.set(group, { x: c.x2 - w / 2, y: y0, w, h });
  return moved;
}

/** True when two of `ids`' boxes overlap by more than `slack` px (a sweep along x). */
export function anyOverlap(placement: Placement, ids: Iterable<string>, slack = 1): boolean {
  const boxes: Extent[] = [];
  for (const id of ids) {
    const p = placement.get(id);
    if (p) boxes.push({ x1: p.x - p.w / 2 + slack, y1: p.y - p.h / 2 + slack, x2: p.x + p.w / 2 - slack, y2: p.y + p.h / 2 - slack });
  }
  boxes.sort((a, b) => a.x1 - b.x1);
  const open: Extent[] = [];
  for (const b of boxes) {
    for (let k = open.length - 1; k >= 0; k--) {
      const o = open[k]!;
      if (o.x2 <= b.x1) open.splice(k, 1);
      else if (o.y1 < b.y2 && b.y1 < o.y2) return true;
    }
    open.push(b);
  }
  return false;
}
