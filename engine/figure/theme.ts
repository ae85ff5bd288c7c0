// The figure's colours, light and dark, and the grad tint: blue for negative,
// red for positive, stronger with |grad| on a log scale relative to the
// largest |grad| shown (as the graph view tints the grad cell).

export type ThemeName = 'light' | 'dark';
type Rgb = [number, number, number];

export interface Theme {
  background: string;
  text: string;
  muted: string;
  boxFill: Rgb;
  border: string;
  divider: string;
  opFill: string;
  edge: string;
  negative: Rgb;
  positive: Rgb;
  nonFinite: string;
  nonFiniteFill: string;
  current: string;
  justRan: string;
  receiving: string;
  delta: string;
  deltaBackground: string;
}

export const themes: Record<ThemeName, Theme> = {
  light: {
    background: '#ffffff', text: '#1d2330', muted: '#5b6475', boxFill: [255, 255, 255], border: '#5b6475', divider: '#9aa3b5',
    opFill: '#eef1f6', edge: '#7f889b', negative: [49, 104, 190], positive: [214, 55, 40], nonFinite: '#d00000', nonFiniteFill: '#ffcdcd',
    current: '#ffb300', justRan: '#9aa5b8', receiving: '#178a3a', delta: '#136f2f', deltaBackground: '#ffffff',
  },
  dark: {
    background: '#161a22', text: '#e6e9ef', muted: '#a7afbf', boxFill: [31, 36, 48], border: '#8a93a6', divider: '#505869',
    opFill: '#2a303c', edge: '#7c869a', negative: [96, 150, 240], positive: [240, 100, 84], nonFinite: '#ff6b6b', nonFiniteFill: '#5a2626',
    current: '#ffb300', justRan: '#6b7385', receiving: '#4cc27a', delta: '#6fdc98', deltaBackground: '#161a22',
  },
};

const hex = ([r, g, b]: Rgb) => `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

export const boxFill = (t: Theme) => hex(t.boxFill);

/** 0 for no gradient, 1 for the largest in view. */
export function intensity(grad: number, scale: number): number {
  const a = Math.abs(grad);
  if (a === 0 || !Number.isFinite(scale) || scale <= 0) return 0;
  const eps = scale * 1e-4;
  return Math.min(1, Math.log1p(a / eps) / Math.log1p(scale / eps));
}

export function gradTint(grad: number, scale: number, t: Theme): string {
  if (!Number.isFinite(grad)) return t.nonFiniteFill;
  const k = intensity(grad, scale) * 0.6;
  const end = grad < 0 ? t.negative : t.positive;
  return hex([0, 1, 2].map((i) => t.boxFill[i]! + (end[i]! - t.boxFill[i]!) * k) as Rgb);
}
