// How big a raster export may be. Chromium refuses canvases wider or taller
// than 32,767 px or larger than 268,435,456 px in all, and then hands back a
// blank or cut-off image; so the size is planned before drawing: scaled down
// to fit, or refused when the text would become too small to read.

export const MAX_SIDE = 32_767;
export const MAX_AREA = 268_435_456;
/** Below this many image pixels per graph unit, 11 px node text is under ~5 px: not worth a file. */
export const MIN_READABLE_SCALE = 0.45;

export type RasterPlan =
  | { ok: true; scale: number; width: number; height: number; reduced: boolean; requested: number }
  | { ok: false; reason: string; requested: number; width: number; height: number };

/** The image size at `scale` for a `width` × `height` (graph units) area, and a scale that fits the limits. */
export function planRaster(width: number, height: number, requested: number, limits = { side: MAX_SIDE, area: MAX_AREA, floor: MIN_READABLE_SCALE }): RasterPlan {
  const w = Math.max(1, Math.ceil(width));
  const h = Math.max(1, Math.ceil(height));
  const size = (s: number) => ({ width: Math.max(1, Math.floor(w * s)), height: Math.max(1, Math.floor(h * s)) });
  const at = size(requested);
  if (fits(at.width, at.height, limits)) return { ok: true, scale: requested, ...at, reduced: false, requested };
  // The largest scale that fits both limits, rounded down a little so rounding never tips it over.
  const bySide = limits.side / Math.max(w, h);
  const byArea = Math.sqrt(limits.area / (w * h));
  let scale = Math.floor(Math.min(bySide, byArea, requested) * 1000) / 1000;
  while (scale > 0 && !fits(size(scale).width, size(scale).height, limits)) scale -= 0.001;
  if (scale < limits.floor) {
    return {
      ok: false, requested, ...at,
      reason: `The image would be ${fmt(at.width)} × ${fmt(at.height)} px, over the browser's canvas limit ` +
        `(${fmt(limits.side)} px a side, ${fmt(limits.area)} px in all). Fitting it would need ${pct(scale)} scale, ` +
        `too small to read the node text (the floor is ${pct(limits.floor)}). Export the current view, or as SVG or DOT.`,
    };
  }
  return { ok: true, scale, ...size(scale), reduced: true, requested };
}

function fits(width: number, height: number, limits: { side: number; area: number }): boolean {
  return width <= limits.side && height <= limits.side && width * height <= limits.area;
}

const fmt = (n: number) => n.toLocaleString('en-US');
const pct = (s: number) => `${Math.round(s * 100)}%`;

/** What to tell the user about a plan that was scaled down. */
export function describePlan(plan: RasterPlan & { ok: true }): string {
  return plan.reduced
    ? `Scaled to ${pct(plan.scale)} (asked for ${plan.requested}×) to stay within the canvas limit: ${fmt(plan.width)} × ${fmt(plan.height)} px.`
    : `${fmt(plan.width)} × ${fmt(plan.height)} px.`;
}

/** An export that cannot be made, with the reason the dialog shows. */
export class ExportRefused extends Error {}
