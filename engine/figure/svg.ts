// A laid-out figure as SVG text, in the decided value look: a record box with
// the label on top and `data` | `grad` below (the grad cell tinted by sign and
// size), a small ellipse per op with its symbol, arrows from inputs to op to
// output. Text stays <text>. Marks of a step (class "mark") only when asked.

import {
  dataText, deltaFontSize, deltaText, fontFamily, fontSize, gradText, inputEdgeKey, opKey, rowHeight, textWidth, valueKey,
  type FigureGraph, type LaidOut, type Rect,
} from './layout.js';
import { dataOf, type FigureSource, type FigureState } from './model.js';
import { boxFill, gradTint, type Theme } from './theme.js';

export interface SvgOptions {
  theme: Theme;
  /** null: transparent. */
  background: string | null;
  margin: number;
  /** Draw the step's marks and deltas ("as shown"); false for a clean figure. */
  marks: boolean;
  /** Lines under the graph (an animation frame's explanation), or none. */
  caption: string[];
  /** Caption lines to make room for (every frame of an animation the same height). */
  captionLines: number;
  /** Width to make room for, at least the graph's (every frame the same width). */
  minWidth: number;
  title: string;
}

export const captionLineHeight = 18;

/** Width and height of the SVG for a layout and options. */
export function figureSize(laid: LaidOut, o: Pick<SvgOptions, 'margin' | 'captionLines' | 'minWidth'>): { width: number; height: number } {
  const width = Math.ceil(Math.max(laid.width, o.minWidth) + 2 * o.margin);
  const captionHeight = o.captionLines > 0 ? o.captionLines * captionLineHeight + 10 : 0;
  return { width, height: Math.ceil(laid.height + 2 * o.margin + captionHeight) };
}

export function renderSvg(graph: FigureGraph, laid: LaidOut, source: FigureSource, state: FigureState, o: SvgOptions): string {
  const t = o.theme;
  const { width, height } = figureSize(laid, o);
  const byId = new Map(source.nodes.map((n) => [n.id, n]));
  const marks = o.marks ? stepMarks(state) : null;
  let scale = 0;
  for (const g of state.grad.values()) if (Number.isFinite(g)) scale = Math.max(scale, Math.abs(g));

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`);
  out.push(`<title>${esc(o.title)}</title>`);
  const arrowColours = [t.edge, ...(marks ? [t.current, t.receiving] : [])];
  out.push(`<defs>${arrowColours.map((c, i) => `<marker id="arrow${i}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0L10,5L0,10z" fill="${c}"/></marker>`).join('')}</defs>`);
  if (o.background !== null) out.push(`<rect class="background" x="0" y="0" width="${width}" height="${height}" fill="${attr(o.background)}"/>`);
  out.push(`<g transform="translate(${o.margin} ${o.margin})" font-family="${attr(fontFamily)}" font-size="${fontSize}">`);

  // Underlays of the step's marks, below everything else.
  if (marks) {
    out.push('<g class="mark underlays">');
    const halo = (r: Rect | undefined, colour: string, opacity: number, cls: string) => {
      if (r) out.push(`<rect class="mark ${cls}" x="${n(r.x - 5)}" y="${n(r.y - 5)}" width="${n(r.w + 10)}" height="${n(r.h + 10)}" rx="6" fill="${colour}" fill-opacity="${opacity}"/>`);
    };
    if (marks.justRan !== null) halo(laid.boxes.get(valueKey(marks.justRan)), t.justRan, 0.4, 'just-ran');
    if (marks.next !== null) {
      halo(laid.boxes.get(valueKey(marks.next)), t.current, 0.55, 'current');
      halo(laid.boxes.get(opKey(marks.next)), t.current, 0.55, 'current');
    }
    out.push('</g>');
  }

  out.push('<g class="edges" fill="none">');
  for (const e of graph.edges) {
    const route = laid.edges.get(e.key);
    if (!route || route.points.length < 2) continue;
    const kind = marks?.deltaEdges.has(e.key) ? 2 : marks?.receivingEdges.has(e.key) ? 1 : 0;
    const colour = arrowColours[kind]!;
    const cls = kind === 0 ? 'edge' : `edge mark ${kind === 2 ? 'delta-edge' : 'receiving'}`;
    const d = route.points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${n(x)},${n(y)}`).join('');
    out.push(`<path class="${cls}" d="${d}" stroke="${colour}" stroke-width="${kind === 0 ? 1.3 : 2.5}" marker-end="url(#arrow${kind})"/>`);
  }
  out.push('</g>');

  out.push(`<g class="values">`);
  for (const v of graph.values) {
    const r = laid.boxes.get(v.key);
    const node = byId.get(v.id);
    if (!r || !node) continue;
    out.push(valueBox(v.id, v.label, r, dataOf(source, node), state.grad.get(v.id) ?? node.grad, scale, t, marks?.receiving.has(v.id) ?? false));
  }
  out.push('</g>');

  out.push('<g class="ops">');
  for (const op of graph.ops) {
    const r = laid.boxes.get(op.key);
    if (!r) continue;
    const cut = byId.get(op.id)!.inputs.some((id) => !byId.has(id));
    out.push(`<g class="op" data-id="${op.id}"><ellipse cx="${n(r.x + r.w / 2)}" cy="${n(r.y + r.h / 2)}" rx="${n(r.w / 2)}" ry="${n(r.h / 2)}" fill="${t.opFill}" stroke="${t.border}" stroke-width="1"${cut ? ' stroke-dasharray="4 3"' : ''}/>` +
      `<text x="${n(r.x + r.w / 2)}" y="${n(baseline(r.y, r.h))}" text-anchor="middle" font-weight="bold" fill="${t.text}">${esc(op.symbol)}</text></g>`);
  }
  out.push('</g>');

  if (marks && marks.deltas.size > 0) {
    out.push(`<g class="mark deltas" font-size="${deltaFontSize}">`);
    for (const [key, delta] of marks.deltas) {
      const label = laid.edges.get(key)?.label;
      if (!label) continue;
      out.push(`<g class="mark delta"><rect x="${n(label.x)}" y="${n(label.y)}" width="${n(label.w)}" height="${n(label.h)}" rx="3" fill="${t.deltaBackground}" fill-opacity="0.9"/>` +
        `<text x="${n(label.x + label.w / 2)}" y="${n(baseline(label.y, label.h, deltaFontSize))}" text-anchor="middle" fill="${t.delta}">${esc(deltaText(delta))}</text></g>`);
    }
    out.push('</g>');
  }

  if (o.caption.length > 0) {
    const top = laid.height + 10;
    out.push(`<g class="caption" fill="${t.text}">`);
    o.caption.forEach((line, i) => out.push(`<text x="0" y="${n(top + i * captionLineHeight + fontSize)}" xml:space="preserve">${esc(line)}</text>`));
    out.push('</g>');
  }
  out.push('</g>');
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function valueBox(id: number, label: string, r: Rect, data: number, grad: number, scale: number, t: Theme, receiving: boolean): string {
  const bad = !Number.isFinite(data) || !Number.isFinite(grad);
  const ink = bad ? t.nonFinite : t.text;
  const border = bad ? t.nonFinite : t.border;
  const cell = r.w / 2;
  const row = rowHeight;
  const parts = [
    `<g class="value${bad ? ' nonfinite' : ''}" data-id="${id}">`,
    `<rect class="box" x="${n(r.x)}" y="${n(r.y)}" width="${n(r.w)}" height="${n(r.h)}" fill="${boxFill(t)}"/>`,
    `<rect class="grad-cell" x="${n(r.x + cell)}" y="${n(r.y + row)}" width="${n(cell)}" height="${n(r.h - row)}" fill="${gradTint(grad, scale, t)}"/>`,
    `<path class="divider" d="M${n(r.x)},${n(r.y + row)}H${n(r.x + r.w)}M${n(r.x + cell)},${n(r.y + row)}V${n(r.y + r.h)}" stroke="${t.divider}" stroke-width="1" fill="none"/>`,
    `<rect class="outline" x="${n(r.x)}" y="${n(r.y)}" width="${n(r.w)}" height="${n(r.h)}" fill="none" stroke="${border}" stroke-width="${bad ? 2 : 1.2}"/>`,
  ];
  if (receiving) parts.push(`<rect class="mark receiving" x="${n(r.x - 1.5)}" y="${n(r.y - 1.5)}" width="${n(r.w + 3)}" height="${n(r.h + 3)}" fill="none" stroke="${t.receiving}" stroke-width="3"/>`);
  parts.push(
    `<text class="label" x="${n(r.x + r.w / 2)}" y="${n(baseline(r.y, row))}" text-anchor="middle" font-weight="bold" fill="${ink}">${esc(label)}</text>`,
    `<text class="data" x="${n(r.x + cell / 2)}" y="${n(baseline(r.y + row, row))}" text-anchor="middle" fill="${ink}">${esc(dataText(data))}</text>`,
    `<text class="grad" x="${n(r.x + cell * 1.5)}" y="${n(baseline(r.y + row, row))}" text-anchor="middle" fill="${ink}">${esc(gradText(grad))}</text>`,
    '</g>',
  );
  return parts.join('');
}

interface Marks {
  next: number | null;
  justRan: number | null;
  receiving: Set<number>;
  receivingEdges: Set<string>;
  deltas: Map<string, number>;
  deltaEdges: Set<string>;
}

/** The marks the app's stepper shows at a state: the next node, its inputs, and the deltas just added. */
function stepMarks(state: FigureState): Marks {
  const receivingEdges = new Set(state.next === null ? [] : state.nextInputs.map((_, k) => inputEdgeKey(state.next!, k)));
  const deltas = new Map<string, number>();
  state.justRan?.deltas.forEach(([, d], k) => deltas.set(inputEdgeKey(state.justRan!.node, k), d));
  return {
    next: state.next, justRan: state.justRan?.node ?? null, receiving: new Set(state.nextInputs), receivingEdges,
    deltas, deltaEdges: new Set(deltas.keys()),
  };
}

/** The y of a text baseline that centres `size`-px text in a row. */
function baseline(top: number, height: number, size = fontSize): number {
  return top + height / 2 + size * 0.35;
}

/** Two decimals at most: short files, and the same text in every JavaScript engine. */
function n(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x * 100) / 100) : '0';
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return esc(s).replace(/"/g, '&quot;');
}

export const captionChars = (width: number) => Math.max(40, Math.floor(width / textWidth(1)));
