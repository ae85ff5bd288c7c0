// The overview: the whole drawing in miniature with the viewport as a frame.
// Clicking or dragging in it moves the view there. The miniature is drawn once
// per drawing (from the layout's boxes) and only the frame is redrawn as the
// view moves. Hidden while the whole graph is in view, and while a drawn node
// lies under it (it would hide values: the stepper's current node, a whole box).

import type { Box } from './culling.js';

export interface MinimapHost {
  /** The model-space area in view. */
  visible(): Box;
  /** Centre the view on a model-space point. */
  centreAt(x: number, y: number): void;
  /** Whether a drawn node lies (partly) under this client rect. */
  covers(rect: DOMRect): boolean;
}

export class Minimap {
  private boxes: Box[] = [];
  private bounds: Box = { x1: 0, y1: 0, x2: 1, y2: 1 };
  private base: HTMLCanvasElement | null = null;
  private frameColour = '#1565c0';
  private boxColour = '#8a93a6';

  constructor(private readonly canvas: HTMLCanvasElement, private readonly host: MinimapHost) {
    canvas.hidden = true;
    const move = (e: PointerEvent) => {
      const r = canvas.getBoundingClientRect();
      const { scale, ox, oy } = this.transform();
      this.host.centreAt((e.clientX - r.left - ox) / scale + this.bounds.x1, (e.clientY - r.top - oy) / scale + this.bounds.y1);
    };
    canvas.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      canvas.setPointerCapture(e.pointerId);
      move(e);
      const up = () => {
        canvas.removeEventListener('pointermove', move);
        canvas.removeEventListener('pointerup', up);
      };
      canvas.addEventListener('pointermove', move);
      canvas.addEventListener('pointerup', up);
    });
  }

  /** A new drawing: value boxes (model space) and the drawing's extent. */
  set(boxes: Box[], bounds: Box, colours: { box: string; frame: string }): void {
    this.boxes = boxes;
    this.bounds = bounds;
    this.boxColour = colours.box;
    this.frameColour = colours.frame;
    this.base = null;
    this.update();
  }

  get visible(): boolean {
    return !this.canvas.hidden && !this.canvas.classList.contains('covering');
  }

  clear(): void {
    this.boxes = [];
    this.canvas.hidden = true;
  }

  private transform() {
    const w = this.canvas.clientWidth || 150;
    const h = this.canvas.clientHeight || 96;
    const bw = this.bounds.x2 - this.bounds.x1 || 1;
    const bh = this.bounds.y2 - this.bounds.y1 || 1;
    const scale = Math.min((w - 8) / bw, (h - 8) / bh);
    return { scale, ox: (w - bw * scale) / 2, oy: (h - bh * scale) / 2, w, h };
  }

  /** Redraws the frame; call when the view moved. Cheap: one image copy and a rectangle. */
  update(): void {
    const v = this.host.visible();
    const b = this.bounds;
    const all = this.boxes.length > 0 && v.x1 <= b.x1 && v.y1 <= b.y1 && v.x2 >= b.x2 && v.y2 >= b.y2;
    this.canvas.hidden = this.boxes.length === 0 || all;
    if (this.canvas.hidden) return;
    // Laid out but invisible while covering: its rect stays measurable.
    this.canvas.classList.toggle('covering', this.host.covers(this.canvas.getBoundingClientRect()));
    const { scale, ox, oy, w, h } = this.transform();
    const ratio = window.devicePixelRatio || 1;
    if (this.canvas.width !== Math.round(w * ratio)) {
      this.canvas.width = Math.round(w * ratio);
      this.canvas.height = Math.round(h * ratio);
      this.base = null;
    }
    if (!this.base) this.base = this.drawBase(scale, ox, oy, ratio);
    const ctx = this.canvas.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.drawImage(this.base, 0, 0);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.strokeStyle = this.frameColour;
    ctx.lineWidth = 2;
    const x1 = Math.max(1, ox + (v.x1 - b.x1) * scale);
    const y1 = Math.max(1, oy + (v.y1 - b.y1) * scale);
    const x2 = Math.min(w - 1, ox + (v.x2 - b.x1) * scale);
    const y2 = Math.min(h - 1, oy + (v.y2 - b.y1) * scale);
    ctx.strokeRect(x1, y1, Math.max(2, x2 - x1), Math.max(2, y2 - y1));
  }

  private drawBase(scale: number, ox: number, oy: number, ratio: number): HTMLCanvasElement {
    const base = document.createElement('canvas');
    base.width = this.canvas.width;
    base.height = this.canvas.height;
    const ctx = base.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = this.boxColour;
    const b = this.bounds;
    for (const box of this.boxes) {
      ctx.fillRect(ox + (box.x1 - b.x1) * scale, oy + (box.y1 - b.y1) * scale, Math.max(1, (box.x2 - box.x1) * scale), Math.max(1, (box.y2 - box.y1) * scale));
    }
    return base;
  }
}
