// Snapshot → cytoscape elements, in draw_dot's shape: a record box per value
// (label above, `data | grad` below) and a small op node between its inputs and it.
// Pure: the view supplies the numbers to show and the font's character width.

import type { ElementDefinition } from 'cytoscape';
import { nameOf, opText, type GraphNode } from '../../../common/snapshot.js';
import { fixed4 } from '../../../common/format.js';
import { gradColour } from './colour.js';
import type { GraphIndex } from './subgraph.js';
import type { DisplayNames } from '../names.js';

// A value is a record: its label on top, then a `data | grad` row of two
// equal cells. Every box of a drawing has the same width (from the widest
// number it can show), so a box never resizes while stepping and the cell
// dividers can be one shared background image (see record.ts).
const maxLabel = 24;

export interface RecordShape {
  /** Characters per cell; each cell is `cellChars + 1` characters wide, the extra one split as padding. */
  cellChars: number;
  charWidth: number;
  width: number;
}

export function recordShape(cellChars: number, charWidth: number): RecordShape {
  return { cellChars, charWidth, width: Math.ceil((2 * cellChars + 2) * charWidth) };
}

/** Cell width for a drawing: enough for every data and for the largest final
 *  |grad| (a partial grad while stepping that is longer spills into the cell's padding). */
export function cellCharsFor(datas: Iterable<number>, gradScale: number): number {
  let longest = `grad ${fixed4(-Math.max(1, gradScale))}`.length;
  for (const d of datas) longest = Math.max(longest, 5 + fixed4(d).length);
  return longest;
}

/** The label row: the value's name as the explanation line and the tooltip give it (names.ts):
 *  its label (`c₂` for the second `c`), or `#id` for an unlabelled value, which the
 *  explanation line names so (draw_dot leaves that row empty; then no box could be found
 *  from the line); ⚠ before it when debug() found the value's forward or local backward wrong. */
export function labelCell(node: GraphNode, maxChars = maxLabel, names?: DisplayNames | null): string {
  const label = names?.name(node) ?? nameOf(node);
  const mark = node.flagged ? '⚠ ' : '';
  const max = Math.min(maxLabel, maxChars) - mark.length;
  return mark + (label.length > max ? `${label.slice(0, max - 1)}…` : label);
}

/** Padding between and around the cells: a space cytoscape's line wrapping keeps. */
const pad = '\u00a0';
/** Cytoscape trims a label's ends (String.trim, which takes the no-break spaces too) but not
 *  this zero-width space: it keeps an empty label line, and the last cell's padding, in place. */
const keep = '\u200b';
const centre = (text: string, width: number) => {
  const left = Math.max(0, Math.floor((width - text.length) / 2));
  return `${pad.repeat(left)}${text}`.padEnd(width, pad);
};

/** The box text: the label line, then the two cells (a space where the divider is drawn). */
export function valueText(label: string, data: number, grad: number, cellChars: number): { text: string } {
  const row = `${centre(`data ${fixed4(data)}`, cellChars)}${pad}${centre(`grad ${fixed4(grad)}`, cellChars)}`;
  return { text: `${label === '' ? keep : label}\n${row}${keep}` };
}

/** An edge label that draws nothing but is not "empty" to cytoscape (which
 *  re-sorts every element when a label turns non-empty; whitespace counts as empty). */
export const noDelta = '\u200b';

export const valueId = (id: number) => `v${id}`;
export const opId = (id: number) => `o${id}`;

export interface Numbers {
  data(index: number): number;
  grad(index: number): number;
  /** Largest |grad| in view, for the colour scale. */
  scale: number;
}

export interface BuiltElements {
  elements: ElementDefinition[];
  /** Box width of each drawn node, for the layout. */
  widths: Map<string, number>;
  /** The value records' shared shape. */
  shape: RecordShape;
}

export function buildElements(index: GraphIndex, ids: number[], numbers: Numbers, charWidth: number, dark = false, names: DisplayNames | null = null): BuiltElements {
  const drawn = new Set(ids);
  const elements: ElementDefinition[] = [];
  const widths = new Map<string, number>();
  const shape = recordShape(cellCharsFor(ids.map((id) => numbers.data(index.indexOf[id]!)), numbers.scale), charWidth);
  const labelChars = 2 * shape.cellChars;
  for (const id of ids) {
    const i = index.indexOf[id]!;
    const node = index.nodes[i]!;
    const data = numbers.data(i);
    const grad = numbers.grad(i);
    const { text } = valueText(labelCell(node, labelChars, names), data, grad, shape.cellChars);
    // debug() found this value's forward or local backward wrong: a red dashed border (style.ts).
    const flagged = node.flagged ? ' flagged' : '';
    widths.set(valueId(id), shape.width);
    elements.push({
      group: 'nodes',
      data: {
        id: valueId(id), nid: id, kind: 'value', text, w: shape.width,
        gradFill: gradColour(grad, numbers.scale, dark),
      },
      classes: `${nonFinite(data, grad) ? 'value nonfinite' : 'value'}${flagged}`,
    });
    const symbol = opText(node);
    if (symbol === null) continue;
    const cut = node.inputs.some((input) => !drawn.has(input));
    const opWidth = Math.max(24, Math.ceil(symbol.length * charWidth + 12));
    widths.set(opId(id), opWidth);
    elements.push({ group: 'nodes', data: { id: opId(id), nid: id, kind: 'op', text: symbol, w: opWidth }, classes: `${cut ? 'op cut' : 'op'}${flagged}` });
    // `delta` is what a step added along the edge; noDelta when none is shown.
    elements.push({ group: 'edges', data: { id: `r${id}`, source: opId(id), target: valueId(id), delta: noDelta } });
    node.inputs.forEach((input, k) => {
      if (drawn.has(input)) elements.push({ group: 'edges', data: { id: `e${id}_${k}`, source: valueId(input), target: opId(id), nid: input, into: id, delta: noDelta } });
    });
  }
  return { elements, widths, shape };
}

export function nonFinite(data: number, grad: number): boolean {
  return !Number.isFinite(data) || !Number.isFinite(grad);
}
