// Viewport culling for cytoscape's canvas renderer without its O(all elements)
// cost per frame. Cytoscape draws a frame by walking every element in z-order
// and asking each for its bounding box (a cache check that allocates) to skip
// those off screen: ~4 µs an element, ~80 ms a frame at 18,000 elements, so a
// step that restyles two nodes took 80 ms to show. Positions only change by a
// drag here (never by a step), so the view keeps each element's box from the
// layout and culls with four comparisons. Everything on screen is still drawn
// by cytoscape, the same way; boxes are generous (a box too large only draws
// something the canvas clips).

import type cytoscape from 'cytoscape';

export interface Box { x1: number; y1: number; x2: number; y2: number }

interface CanvasRenderer {
  render(options?: { forcedContext?: unknown }): void;
  drawCachedElements(context: unknown, eles: cytoscape.SingularElementArgument[], pxRatio: number, extent: Box | undefined): void;
}

export class Culling {
  /** Model-space box of each element by id; elements without one are always drawn. */
  private boxes = new Map<string, Box>();
  /** Per z-sorted array cytoscape passes in: [x1, y1, x2, y2] per element (NaN: always draw). */
  private packed = new WeakMap<object, Float64Array>();
  /** Each element's box, by the element object: packing a new z-order (one per added chunk) then
   *  costs no id() call and string lookup per element. */
  private byElement = new WeakMap<object, Box | null>();

  constructor(private readonly cy: cytoscape.Core) {
    const r = (cy as unknown as { renderer(): CanvasRenderer | undefined }).renderer();
    if (!r || typeof r.drawCachedElements !== 'function') return;
    const draw = r.drawCachedElements.bind(r);
    const render = r.render.bind(r);
    // Images (cy.png) render into their own context: leave those exactly as cytoscape does them.
    let forced = false;
    r.render = (options) => {
      forced = options?.forcedContext != null;
      try {
        render(options);
      } finally {
        forced = false;
      }
    };
    r.drawCachedElements = (context, eles, pxRatio, extent) => draw(context, extent && !forced ? this.visible(eles, extent) : eles, pxRatio, extent);
    // A dragged node: recompute its box and its edges' from where it is now.
    cy.on('position', 'node', (e) => this.moved(e.target as cytoscape.NodeSingular));
  }

  set(boxes: Map<string, Box>): void {
    this.boxes = boxes;
    this.packed = new WeakMap();
    this.byElement = new WeakMap();
  }

  private visible(eles: cytoscape.SingularElementArgument[], extent: Box): cytoscape.SingularElementArgument[] {
    let b = this.packed.get(eles);
    if (!b) {
      b = new Float64Array(eles.length * 4);
      for (let i = 0, k = 0; i < eles.length; i++, k += 4) {
        const e = eles[i]!;
        let box = this.byElement.get(e);
        if (box === undefined) {
          box = this.boxes.get(e.id()) ?? null;
          this.byElement.set(e, box);
        }
        if (box === null) {
          b[k] = b[k + 1] = b[k + 2] = b[k + 3] = NaN;
          continue;
        }
        b[k] = box.x1;
        b[k + 1] = box.y1;
        b[k + 2] = box.x2;
        b[k + 3] = box.y2;
      }
      this.packed.set(eles, b);
    }
    const out: cytoscape.SingularElementArgument[] = [];
    const { x1, y1, x2, y2 } = extent;
    for (let i = 0, k = 0; i < eles.length; i++, k += 4) {
      // NaN fails every comparison, so an unknown box is drawn.
      if (b[k]! > x2 || b[k + 2]! < x1 || b[k + 1]! > y2 || b[k + 3]! < y1) continue;
      out.push(eles[i]!);
    }
    return out;
  }

  private moved(node: cytoscape.NodeSingular): void {
    const old = this.boxes.get(node.id());
    if (!old) return;
    const p = node.position();
    const hw = (old.x2 - old.x1) / 2;
    const hh = (old.y2 - old.y1) / 2;
    this.boxes.set(node.id(), { x1: p.x - hw, x2: p.x + hw, y1: p.y - hh, y2: p.y + hh });
    // Its edges may now reach anywhere: draw them always (few; a drag is rare).
    node.connectedEdges().forEach((edge) => void this.boxes.delete(edge.id()));
    this.packed = new WeakMap();
    this.byElement = new WeakMap();
  }
}
