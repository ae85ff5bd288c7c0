// Snapshot → cytoscape elements, in draw_dot's shape: a record box per value
// (`label │ data │ grad`) and a small op node between its inputs and it.
// Pure: the view supplies the numbers to show and the font's character width.

import type { ElementDefinition } from 'cytoscape';
import type { GraphNode } from '../../../common/snapshot.js';
import { opSymbol } from '../../../common/ops.js';
import { short } from '../../../common/format.js';
import { gradColour } from './colour.js';
import type { GraphIndex } from './subgraph.js';

// Fixed widths keep a box the same size at every step, so nothing moves.
const numberWidth = 10;
const maxLabel = 18;
export const padX = 8;

export function labelCell(node: GraphNode): string {
  const label = node.label ?? '';
  return label.length > maxLabel ? `${label.slice(0, maxLabel - 1)}…` : label;
}

/** The box text, and where its grad cell starts (in characters). */
export function valueText(label: string, data: number, grad: number): { text: string; gradAt: number } {
  const head = `${label === '' ? '' : `${label} │ `}data ${short(data).padEnd(numberWidth)} │ `;
  return { text: `${head}grad ${short(grad).padEnd(numberWidth)}`, gradAt: head.length - 1 };
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
  /** Box width of each drawn value, for the layout. */
  widths: Map<string, number>;
}

export function buildElements(index: GraphIndex, ids: number[], numbers: Numbers, charWidth: number): BuiltElements {
  const drawn = new Set(ids);
  const elements: ElementDefinition[] = [];
  const widths = new Map<string, number>();
  for (const id of ids) {
    const i = index.indexOf[id]!;
    const node = index.nodes[i]!;
    const data = numbers.data(i);
    const grad = numbers.grad(i);
    const { text, gradAt } = valueText(labelCell(node), data, grad);
    const width = Math.ceil(text.length * charWidth + 2 * padX);
    widths.set(valueId(id), width);
    elements.push({
      group: 'nodes',
      data: {
        id: valueId(id), nid: id, kind: 'value', text, w: width,
        gradStop: ((padX + gradAt * charWidth) / width) * 100,
        gradFill: gradColour(grad, numbers.scale),
      },
      classes: nonFinite(data, grad) ? 'value nonfinite' : 'value',
    });
    if (node.op === null) continue;
    const cut = node.inputs.some((input) => !drawn.has(input));
    const symbol = opSymbol(node.op, node.k);
    const opWidth = Math.max(24, Math.ceil(symbol.length * charWidth + 12));
    widths.set(opId(id), opWidth);
    elements.push({ group: 'nodes', data: { id: opId(id), nid: id, kind: 'op', text: symbol, w: opWidth }, classes: cut ? 'op cut' : 'op' });
    // `delta` is what a step added along the edge; noDelta when none is shown.
    elements.push({ group: 'edges', data: { id: `r${id}`, source: opId(id), target: valueId(id), delta: noDelta } });
    node.inputs.forEach((input, k) => {
      if (drawn.has(input)) elements.push({ group: 'edges', data: { id: `e${id}_${k}`, source: valueId(input), target: opId(id), nid: input, into: id, delta: noDelta } });
    });
  }
  return { elements, widths };
}

export function nonFinite(data: number, grad: number): boolean {
  return !Number.isFinite(data) || !Number.isFinite(grad);
}
