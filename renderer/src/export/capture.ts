// Reads what the cytoscape view shows, for the exporters: a raster through
// cytoscape's own renderer (cy.png / cy.jpg), or the SvgGraph model that
// svg.ts turns into a vector image. Both see the same element styles, so the
// current step's grads, the stepper's marks and the selection come out as drawn.

import type cytoscape from 'cytoscape';
import { noDelta } from '../graph/elements.js';
import { fontFamily, fontSize } from '../graph/style.js';
import { MAX_SIDE, planRaster, type RasterPlan } from './limits.js';
import type { SvgEdge, SvgGraph, SvgNode } from './svg.js';

export type Scope = 'graph' | 'view';

export interface Box { x1: number; y1: number; x2: number; y2: number }

/** The area an export covers, in graph units, and the image pixels per unit at 1×. */
export function exportArea(cy: cytoscape.Core, scope: Scope): { box: Box; unit: number; width: number; height: number } {
  if (scope === 'view') {
    const e = cy.extent();
    return { box: { x1: e.x1, y1: e.y1, x2: e.x2, y2: e.y2 }, unit: cy.zoom(), width: cy.width(), height: cy.height() };
  }
  const bb = cy.elements().boundingBox();
  return { box: { x1: bb.x1, y1: bb.y1, x2: bb.x2, y2: bb.y2 }, unit: 1, width: bb.w, height: bb.h };
}

export function rasterPlan(cy: cytoscape.Core, scope: Scope, scale: number): RasterPlan {
  const { width, height } = exportArea(cy, scope);
  return planRaster(width, height, scale);
}

export class ExportRefused extends Error {}

/** PNG or JPEG of the graph or the view at the planned scale (never the screen's pixel ratio). */
export async function raster(cy: cytoscape.Core, format: 'png' | 'jpeg', scope: Scope, plan: RasterPlan & { ok: true }, bg: string | null): Promise<Blob> {
  // With maxWidth/maxHeight given, cytoscape uses `scale` as is instead of multiplying in devicePixelRatio.
  const options = {
    full: scope === 'graph', scale: plan.scale, maxWidth: MAX_SIDE, maxHeight: MAX_SIDE,
    output: 'blob-promise' as const, ...(bg === null ? {} : { bg }),
  };
  const blob = format === 'png' ? await cy.png(options) : await cy.jpg({ ...options, quality: 0.92 });
  if (!blob || blob.size === 0) throw new ExportRefused('The browser could not encode the image (it may be out of memory). Try a smaller scale or the current view.');
  return blob;
}

/** Runs `fn` with the selection cleared (and puts it back) unless it is to be included. */
export async function withSelection<T>(cy: cytoscape.Core, include: boolean, fn: () => Promise<T> | T): Promise<T> {
  if (include) return fn();
  const selected = cy.$(':selected');
  selected.unselect();
  try {
    return await fn();
  } finally {
    selected.select();
  }
}

/** A value's record cells from its two-line box text (elements.ts's valueText). */
function recordOf(boxText: string, gradFill: string, border: string): NonNullable<SvgNode['record']> {
  const [label = '', row = ''] = boxText.split('\n');
  const half = (row.length - 1) / 2;
  const clean = (s: string) => s.replace(/\u00a0/g, ' ').trim();
  const dark = document.documentElement.dataset.theme === 'dark';
  return { label: clean(label), data: clean(row.slice(0, half)), grad: clean(row.slice(half + 1)), box: dark ? '#242935' : '#ffffff', divider: border, gradFill };
}

const px = (v: unknown) => {
  const n = parseFloat(String(v));
  return Number.isFinite(n) ? n : 0;
};

/** The view as a vector model: every element whose box meets the exported area. */
export function svgModel(cy: cytoscape.Core, scope: Scope, background: string | null): SvgGraph {
  const { box, unit } = exportArea(cy, scope);
  const inside = (b: cytoscape.BoundingBox12) => b.x2 >= box.x1 && b.x1 <= box.x2 && b.y2 >= box.y1 && b.y1 <= box.y2;
  const nodes: SvgNode[] = [];
  cy.nodes().forEach((n) => {
    const p = n.position();
    const w = n.width();
    const h = n.height();
    if (scope === 'view' && !inside({ x1: p.x - w / 2, y1: p.y - h / 2, x2: p.x + w / 2, y2: p.y + h / 2 })) return;
    const gradient = n.style('background-fill') === 'linear-gradient';
    const node: SvgNode = {
      shape: n.style('shape') === 'ellipse' ? 'ellipse' : 'round-rectangle',
      x: p.x, y: p.y, w, h,
      text: String(n.data('text') ?? ''),
      textColour: n.style('color'),
      bold: n.style('font-weight') === 'bold',
      fill: gradient ? '#ffffff' : n.style('background-color'),
      border: { colour: n.style('border-color'), width: px(n.style('border-width')), style: n.style('border-style') },
    };
    if (gradient) node.strip = { stop: Number(n.data('gradStop')), colour: String(n.data('gradFill')) };
    if (n.hasClass('value')) node.record = recordOf(String(n.data('text') ?? ''), String(n.data('gradFill')), n.style('border-color'));
    const opacity = px(n.style('underlay-opacity'));
    if (opacity > 0) node.underlay = { colour: n.style('underlay-color'), opacity, padding: px(n.style('underlay-padding')) };
    nodes.push(node);
  });
  const edges: SvgEdge[] = [];
  cy.edges().forEach((e) => {
    const from = e.sourceEndpoint();
    const to = e.targetEndpoint();
    if (!from || !to || !Number.isFinite(from.x) || !Number.isFinite(to.x)) return;
    if (scope === 'view' && !inside({ x1: Math.min(from.x, to.x), x2: Math.max(from.x, to.x), y1: Math.min(from.y, to.y), y2: Math.max(from.y, to.y) })) return;
    const edge: SvgEdge = {
      from: [from.x, from.y], to: [to.x, to.y], colour: e.style('line-color'), width: px(e.style('width')),
      arrow: e.style('target-arrow-shape') !== 'none',
    };
    const delta = String(e.data('delta') ?? noDelta);
    if (delta !== noDelta && delta.trim() !== '') {
      const m = e.midpoint();
      edge.label = {
        text: delta, x: m.x, y: m.y + px(e.style('text-margin-y')), colour: e.style('color'),
        background: px(e.style('text-background-opacity')) > 0 ? e.style('text-background-color') : null,
      };
    }
    edges.push(edge);
  });
  return { nodes, edges, box, scale: unit, background, fontFamily, fontSize, edgeFontSize: 10 };
}
