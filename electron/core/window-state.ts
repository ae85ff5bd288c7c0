// Window size and position survive restarts, but a remembered position can
// point at a monitor that has since been unplugged: the window must always
// come back where the user can see and grab it.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
export const MIN_SIZE = { width: 640, height: 420 } as const;

/** Reads a saved state; anything malformed yields undefined (use the default). */
export function parseWindowState(value: unknown): WindowState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { bounds, maximized } = value as Record<string, unknown>;
  if (!isRect(bounds)) return undefined;
  return { bounds: { ...bounds }, maximized: maximized === true };
}

function isRect(value: unknown): value is Rect {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((k) => typeof r[k] === 'number' && Number.isFinite(r[k]));
}

/** Centred on the primary display at the default size (shrunk to fit a small screen). */
export function defaultBounds(primary: Rect): Rect {
  const width = Math.min(DEFAULT_SIZE.width, primary.width);
  const height = Math.min(DEFAULT_SIZE.height, primary.height);
  return {
    x: primary.x + Math.round((primary.width - width) / 2),
    y: primary.y + Math.round((primary.height - height) / 2),
    width,
    height,
  };
}

/**
 * Bounds that fit on a display: the saved rectangle moved (and shrunk if need
 * be) onto the display it overlaps most, or the default when it overlaps none.
 */
export function clampToDisplays(bounds: Rect, workAreas: readonly Rect[], primary: Rect): Rect {
  const best = largestOverlap(bounds, workAreas);
  if (!best) return defaultBounds(primary);
  const width = Math.max(Math.min(bounds.width, best.width), Math.min(MIN_SIZE.width, best.width));
  const height = Math.max(Math.min(bounds.height, best.height), Math.min(MIN_SIZE.height, best.height));
  return {
    x: clamp(bounds.x, best.x, best.x + best.width - width),
    y: clamp(bounds.y, best.y, best.y + best.height - height),
    width,
    height,
  };
}

function largestOverlap(bounds: Rect, areas: readonly Rect[]): Rect | undefined {
  let best: Rect | undefined;
  let bestArea = 0;
  for (const area of areas) {
    const overlap = intersectionArea(bounds, area);
    if (overlap > bestArea) [best, bestArea] = [area, overlap];
  }
  return best;
}

function intersectionArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/** The state to open with: the saved one made visible, or the default when none was saved. */
export function restoreWindowState(saved: unknown, workAreas: readonly Rect[], primary: Rect): WindowState {
  const state = parseWindowState(saved);
  if (!state) return { bounds: defaultBounds(primary), maximized: false };
  return { bounds: clampToDisplays(state.bounds, workAreas, primary), maximized: state.maximized };
}
