// The "current view" export: a raster of what the cytoscape view shows,
// through cytoscape's own renderer (cy.png / cy.jpg), so the current step's
// grads, the stepper's marks and the selection come out as drawn. Figures of
// the whole graph come from the figure renderer instead (figure.ts).

import type cytoscape from 'cytoscape';
import { MAX_SIDE, planRaster, type RasterPlan } from './limits.js';

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
