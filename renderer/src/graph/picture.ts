// The view as drawn, for the export dialog's "current view" image: a raster
// through cytoscape's own renderer (cy.png / cy.jpg), so the current step's
// grads, the stepper's marks and the selection come out as on screen. Figures
// of the whole graph come from the figure renderer instead (export/figure.ts).
// The export dialog sees only the ViewPicture interface, never cytoscape.

import type cytoscape from 'cytoscape';
import { MAX_SIDE, planRaster, type RasterPlan } from '../export/limits.js';

export type Scope = 'graph' | 'view';

/** What the export dialog may ask of the drawn view. */
export interface ViewPicture {
  /** Nothing is drawn yet. */
  isEmpty(): boolean;
  /** The raster's size at `scale` (scaled down, or refused, past the canvas limits). */
  plan(scope: Scope, scale: number): RasterPlan;
  /** PNG or JPEG at the planned scale (never the screen's pixel ratio); null when the browser could not encode it. */
  raster(format: 'png' | 'jpeg', scope: Scope, plan: RasterPlan & { ok: true }, bg: string | null, includeSelection: boolean): Promise<Blob | null>;
}

export function viewPicture(cy: cytoscape.Core): ViewPicture {
  return {
    isEmpty: () => cy.nodes().empty(),
    plan: (scope, scale) => {
      const { width, height } = area(cy, scope);
      return planRaster(width, height, scale);
    },
    raster: (format, scope, plan, bg, includeSelection) => withSelection(cy, includeSelection, () => raster(cy, format, scope, plan, bg)),
  };
}

/** The area an image covers, in CSS px at 1×. */
function area(cy: cytoscape.Core, scope: Scope): { width: number; height: number } {
  if (scope === 'view') return { width: cy.width(), height: cy.height() };
  const bb = cy.elements().boundingBox();
  return { width: bb.w, height: bb.h };
}

async function raster(cy: cytoscape.Core, format: 'png' | 'jpeg', scope: Scope, plan: RasterPlan & { ok: true }, bg: string | null): Promise<Blob | null> {
  // With maxWidth/maxHeight given, cytoscape uses `scale` as is instead of multiplying in devicePixelRatio.
  const options = {
    full: scope === 'graph',
    scale: plan.scale,
    maxWidth: MAX_SIDE,
    maxHeight: MAX_SIDE,
    output: 'blob-promise' as const,
    ...(bg === null ? {} : { bg }),
  };
  const blob = format === 'png' ? await cy.png(options) : await cy.jpg({ ...options, quality: 0.92 });
  return blob && blob.size > 0 ? blob : null;
}

/** Runs `fn` with the selection cleared (and puts it back) unless it is to be included. */
async function withSelection<T>(cy: cytoscape.Core, include: boolean, fn: () => Promise<T> | T): Promise<T> {
  if (include) return fn();
  const selected = cy.$(':selected');
  selected.unselect();
  try {
    return await fn();
  } finally {
    selected.select();
  }
}
