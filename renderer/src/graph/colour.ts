// The grad colour scale: blue for negative, red for positive, stronger with
// |grad| on a log scale relative to the largest |grad| in view, so both 1e-3
// and 1e3 stay distinguishable.

const white: Rgb = [255, 255, 255];
/** The dark theme's box colour (style.ts's dark value fill). */
const darkBox: Rgb = [36, 41, 53];
const darkNegative: Rgb = [62, 122, 222];
const darkPositive: Rgb = [214, 72, 56];
/** How far toward the full hue the strongest grad goes: kept so the box's text
 *  stays at WCAG AA contrast (≥ 4.5:1) on the strongest tint, in both themes. */
const maxTint = 0.7;
const negative: Rgb = [49, 104, 190];
const positive: Rgb = [214, 55, 40];
type Rgb = [number, number, number];

/** 0 for no gradient, 1 for the largest in view. */
export function intensity(grad: number, scale: number): number {
  const a = Math.abs(grad);
  if (a === 0 || !Number.isFinite(scale) || scale <= 0) return 0;
  const eps = scale * 1e-4;
  return Math.min(1, Math.log1p(a / eps) / Math.log1p(scale / eps));
}

export function gradColour(grad: number, scale: number, dark = false): string {
  if (!Number.isFinite(grad)) return dark ? 'rgb(80,20,24)' : 'rgb(255,205,205)'; // with the red text and border of .nonfinite
  const t = intensity(grad, scale);
  const base = dark ? darkBox : white;
  const end = dark ? (grad < 0 ? darkNegative : darkPositive) : grad < 0 ? negative : positive;
  const mix = (k: number) => Math.round(base[k]! + (end[k]! - base[k]!) * t * maxTint);
  return `rgb(${mix(0)},${mix(1)},${mix(2)})`;
}

/** CSS gradient for the legend, matching gradColour from -scale to +scale. */
export function legendGradient(dark = false): string {
  const stops = [-1, -0.1, -0.001, 0, 0.001, 0.1, 1].map((v) => gradColour(v, 1, dark));
  return `linear-gradient(to right, ${stops.join(', ')})`;
}
