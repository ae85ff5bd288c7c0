// A vector image of the graph as the view draws it: record boxes with their
// grad strip, op ellipses, edges with arrows and step deltas, the underlay
// highlights (current node, selection…). Node text stays <text>, so it can be
// searched, copied and edited. Pure: capture.ts reads the model from cytoscape.

export interface SvgNode {
  shape: 'round-rectangle' | 'ellipse';
  x: number; y: number; w: number; h: number;
  text: string;
  textColour: string;
  bold: boolean;
  fill: string;
  /** A value box's grad cell: `fill` up to `stop` percent, then `colour`. */
  strip?: { stop: number; colour: string };
  border: { colour: string; width: number; style: 'solid' | 'dashed' | 'dotted' | 'double' };
  /** A translucent halo (current node, selection, search hit…). */
  underlay?: { colour: string; opacity: number; padding: number };
  /** A value record: label row above a data | grad row (the view's look). */
  record?: { label: string; data: string; grad: string; box: string; divider: string; gradFill: string };
}

export interface SvgEdge {
  from: [number, number];
  to: [number, number];
  colour: string;
  width: number;
  arrow: boolean;
  label?: { text: string; x: number; y: number; colour: string; background: string | null };
}

export interface SvgGraph {
  nodes: SvgNode[];
  edges: SvgEdge[];
  /** The area to show, in graph units. */
  box: { x1: number; y1: number; x2: number; y2: number };
  /** Image size per graph unit (a view export uses the view's zoom). */
  scale: number;
  /** null: transparent. */
  background: string | null;
  fontFamily: string;
  fontSize: number;
  edgeFontSize: number;
}

export function buildSvg(g: SvgGraph): string {
  const { box } = g;
  const w = box.x2 - box.x1;
  const h = box.y2 - box.y1;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${num(w * g.scale)}" height="${num(h * g.scale)}" viewBox="${num(box.x1)} ${num(box.y1)} ${num(w)} ${num(h)}">`);
  out.push('<title>Gradscope computation graph</title>');
  const defs: string[] = [];
  const arrowColours = new Map<string, string>();
  for (const e of g.edges) if (e.arrow && !arrowColours.has(e.colour)) arrowColours.set(e.colour, `arrow${arrowColours.size}`);
  for (const [colour, id] of arrowColours) {
    defs.push(`<marker id="${id}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0L10,5L0,10z" fill="${attr(colour)}"/></marker>`);
  }
  g.nodes.forEach((n, i) => {
    if (!n.strip) return;
    const s = num(clamp(n.strip.stop, 0, 100));
    defs.push(`<linearGradient id="strip${i}" x1="0" y1="0" x2="1" y2="0"><stop offset="${s}%" stop-color="${attr(n.fill)}"/><stop offset="${s}%" stop-color="${attr(n.strip.colour)}"/></linearGradient>`);
  });
  if (defs.length > 0) out.push(`<defs>${defs.join('')}</defs>`);
  if (g.background !== null) out.push(`<rect x="${num(box.x1)}" y="${num(box.y1)}" width="${num(w)}" height="${num(h)}" fill="${attr(g.background)}"/>`);

  out.push('<g class="underlays">');
  for (const n of g.nodes) {
    if (!n.underlay || n.underlay.opacity <= 0) continue;
    const p = n.underlay.padding;
    out.push(shape(n.shape, n.x, n.y, n.w + 2 * p, n.h + 2 * p, `fill="${attr(n.underlay.colour)}" fill-opacity="${num(n.underlay.opacity)}"`));
  }
  out.push('</g>');

  out.push('<g class="edges" fill="none">');
  for (const e of g.edges) {
    const marker = e.arrow ? ` marker-end="url(#${arrowColours.get(e.colour)})"` : '';
    out.push(`<line x1="${num(e.from[0])}" y1="${num(e.from[1])}" x2="${num(e.to[0])}" y2="${num(e.to[1])}" stroke="${attr(e.colour)}" stroke-width="${num(e.width)}"${marker}/>`);
  }
  out.push('</g>');

  out.push(`<g class="nodes" font-family="${attr(g.fontFamily)}" font-size="${num(g.fontSize)}">`);
  g.nodes.forEach((n, i) => {
    const fill = n.strip ? `url(#strip${i})` : attr(n.fill);
    const dash = n.border.style === 'dashed' ? ' stroke-dasharray="5 3"' : n.border.style === 'dotted' ? ' stroke-dasharray="1 2"' : '';
    const paint = `fill="${fill}" stroke="${attr(n.border.colour)}" stroke-width="${num(n.border.width)}"${dash}`;
    out.push(`<g class="${n.shape === 'ellipse' ? 'op' : 'value'}">`);
    if (n.record) {
      out.push(record(n, n.record, dash));
      out.push('</g>');
      return;
    }
    out.push(shape(n.shape, n.x, n.y, n.w, n.h, paint));
    const weight = n.bold ? ' font-weight="bold"' : '';
    out.push(`<text x="${num(n.x)}" y="${num(n.y)}" text-anchor="middle" dominant-baseline="central" xml:space="preserve" fill="${attr(n.textColour)}"${weight}>${text(n.text)}</text>`);
    out.push('</g>');
  });
  out.push('</g>');

  const labelled = g.edges.filter((e) => e.label);
  if (labelled.length > 0) {
    out.push(`<g class="deltas" font-family="${attr(g.fontFamily)}" font-size="${num(g.edgeFontSize)}">`);
    for (const e of labelled) {
      const l = e.label!;
      if (l.background !== null) {
        const bw = l.text.length * g.edgeFontSize * 0.62 + 4;
        const bh = g.edgeFontSize + 3;
        out.push(`<rect x="${num(l.x - bw / 2)}" y="${num(l.y - bh / 2)}" width="${num(bw)}" height="${num(bh)}" fill="${attr(l.background)}" fill-opacity="0.85"/>`);
      }
      out.push(`<text x="${num(l.x)}" y="${num(l.y)}" text-anchor="middle" dominant-baseline="central" fill="${attr(l.colour)}">${text(l.text)}</text>`);
    }
    out.push('</g>');
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** The record's box, grad cell, dividers and its three texts. */
function record(n: SvgNode, r: NonNullable<SvgNode['record']>, dash: string): string {
  const x1 = n.x - n.w / 2;
  const y1 = n.y - n.h / 2;
  const row = n.h / 2;
  const t = (x: number, y: number, s: string) => `<text x="${num(x)}" y="${num(y)}" text-anchor="middle" dominant-baseline="central" xml:space="preserve" fill="${attr(n.textColour)}">${text(s)}</text>`;
  return [
    `<rect x="${num(x1)}" y="${num(y1)}" width="${num(n.w)}" height="${num(n.h)}" rx="4" fill="${attr(r.box)}"/>`,
    `<rect x="${num(n.x)}" y="${num(n.y)}" width="${num(n.w / 2)}" height="${num(row)}" fill="${attr(r.gradFill)}"/>`,
    `<path d="M${num(x1)} ${num(n.y)}H${num(x1 + n.w)}M${num(n.x)} ${num(n.y)}V${num(y1 + n.h)}" stroke="${attr(r.divider)}" stroke-width="1" fill="none"/>`,
    `<rect x="${num(x1)}" y="${num(y1)}" width="${num(n.w)}" height="${num(n.h)}" rx="4" fill="none" stroke="${attr(n.border.colour)}" stroke-width="${num(n.border.width)}"${dash}/>`,
    t(n.x, y1 + row / 2, r.label),
    t(n.x - n.w / 4, n.y + row / 2, r.data),
    t(n.x + n.w / 4, n.y + row / 2, r.grad),
  ].join('');
}

function shape(kind: SvgNode['shape'], x: number, y: number, w: number, h: number, paint: string): string {
  if (kind === 'ellipse') return `<ellipse cx="${num(x)}" cy="${num(y)}" rx="${num(w / 2)}" ry="${num(h / 2)}" ${paint}/>`;
  const r = Math.min(w, h) / 4; // cytoscape's round-rectangle corner
  return `<rect x="${num(x - w / 2)}" y="${num(y - h / 2)}" width="${num(w)}" height="${num(h)}" rx="${num(r)}" ${paint}/>`;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Short, finite numbers: SVG has no NaN. */
function num(x: number): string {
  if (!Number.isFinite(x)) return '0';
  return String(Math.round(x * 100) / 100);
}

function text(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;');
}
