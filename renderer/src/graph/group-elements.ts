// A collapsed group's node and the bundled edges of a grouped drawing, as
// cytoscape elements. A group node reads: its name; how many values it holds
// and the largest |grad| inside; its output's data and grad (4 decimals, the
// common formatter); a red mark when a value inside is NaN or infinite.

import type { ElementDefinition } from 'cytoscape';
import { count, fixed4 } from '../../../common/format.js';
import { gradColour } from './colour.js';
import { noDelta } from './elements.js';
import { groupId, summarize, type DrawnView, type GroupIndex, type GroupSummary } from './groups.js';
import type { GraphIndex } from './subgraph.js';
import type { Numbers } from './elements.js';

/** Three text rows of the record's row height. */
export const groupRows = 3;
const maxLabel = 32;
const pad = '\u00a0';

/** `hasOutput`: false for a group that hands out several values (a layer of
 *  16 neurons returns 16), which has no one output's numbers to show. */
export function groupText(label: string, size: number, s: GroupSummary, hasOutput = true): string {
  const name = label.length > maxLabel ? `${label.slice(0, maxLabel - 1)}…` : label;
  const mark = s.nonFinite ? '  ⚠ NaN/∞' : '';
  const output = hasOutput ? `data${pad}${fixed4(s.data)}${pad}${pad}grad${pad}${fixed4(s.grad)}` : `several${pad}outputs`;
  return `${name}${mark}\n${count(size)} values${pad}·${pad}max|grad|${pad}${fixed4(s.maxGrad)}\n${output}`;
}

/** The node data of group `g` with the numbers as they are now. */
export function groupData(index: GraphIndex, groups: GroupIndex, g: number, numbers: Numbers, charWidth: number, dark: boolean): { data: Record<string, unknown>; nonfinite: boolean } {
  const group = groups.byId.get(g)!;
  const s = summarize(index, groups, g, numbers.data, numbers.grad);
  const text = groupText(group.label, group.size, s, group.output !== null);
  const chars = Math.max(...text.split('\n').map((l) => l.length));
  return {
    data: { text, w: Math.ceil((chars + 3) * charWidth), gradFill: gradColour(s.grad, numbers.scale, dark) },
    nonfinite: s.nonFinite,
  };
}

/** Group nodes and bundled edges (`×N` when an edge stands for more than one). */
export function buildGroupElements(index: GraphIndex, groups: GroupIndex, view: DrawnView, numbers: Numbers, charWidth: number, dark: boolean): { elements: ElementDefinition[]; widths: Map<string, number> } {
  const elements: ElementDefinition[] = [];
  const widths = new Map<string, number>();
  for (const g of view.groups) {
    const { data, nonfinite } = groupData(index, groups, g, numbers, charWidth, dark);
    const kind = groups.byId.get(g)!.kind;
    widths.set(groupId(g), data.w as number);
    elements.push({ group: 'nodes', data: { id: groupId(g), gid: g, kind: 'group', ...data }, classes: `group ${kind}${nonfinite ? ' nonfinite' : ''}` });
  }
  for (const b of view.bundles) {
    elements.push({ group: 'edges', data: { id: b.id, source: b.source, target: b.target, delta: b.count > 1 ? `×${count(b.count)}` : noDelta }, classes: 'bundle' });
  }
  return { elements, widths };
}
