// The value record's cells, drawn as one background image shared by every
// value box of a drawing (they all have the same size): the label row and the
// data cell in the box colour, the dividers as lines, and the grad cell left
// transparent so the node's own background (its grad tint) shows through.
// One image for thousands of boxes keeps a step's restyle to a colour change.

import type { Palette } from './style.js';

export interface RecordImage { url: string; width: number; height: number }

export function recordImage(width: number, height: number, palette: Palette): RecordImage {
  const row = height / 2;
  const half = width / 2;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`
    + `<rect x="0" y="0" width="${width}" height="${row}" fill="${palette.box}"/>`
    + `<rect x="0" y="${row}" width="${half}" height="${row}" fill="${palette.box}"/>`
    + `<path d="M0 ${row}H${width}M${half} ${row}V${height}" stroke="${palette.divider}" stroke-width="1" fill="none"/>`
    + '</svg>';
  return { url: `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`, width, height };
}
