// How the graph looks: draw_dot's records (label above, data | grad below) and
// op ellipses, and the classes the stepper, selection and search toggle.
// Stepping changes only these classes and a few nodes' data, never positions.
// The theme and presentation mode are inputs: the view rebuilds the stylesheet
// when they change instead of patching it after each draw.

import type cytoscape from 'cytoscape';
import type { RecordImage } from './record.js';

/** Value text at zoom 1 (px): at least 13, as decided for the node look. */
export const fontSize = 13;
export const fontFamily = '"DejaVu Sans Mono", ui-monospace, Menlo, Consolas, monospace';
/** One record row; a value box has two (label, then data | grad). */
export const rowHeight = 20;
export const valueHeight = 2 * rowHeight;
export const opHeight = 22;

export interface Palette {
  box: string;
  text: string;
  border: string;
  divider: string;
  opFill: string;
  edge: string;
  delta: string;
  deltaBackground: string;
  nonFinite: string;
}

export const palettes: Record<'light' | 'dark', Palette> = {
  // Text on the strongest grad tint is ≥ 4.5:1 (WCAG AA) in both themes (colour.ts).
  light: {
    box: '#ffffff', text: '#1d2330', border: '#5b6475', divider: '#8a93a6', opFill: '#eef1f6',
    edge: '#7d879a', delta: '#11702e', deltaBackground: '#ffffff', nonFinite: '#c00000',
  },
  dark: {
    box: '#242935', text: '#e8ecf2', border: '#9aa5b8', divider: '#6f7a8e', opFill: '#323a4b',
    edge: '#8e99ad', delta: '#7ee29b', deltaBackground: '#111318', nonFinite: '#ff8080',
  },
};

export interface StyleOptions {
  /** Above ~400 values: no arrows, no small text, straight edges. */
  large: boolean;
  theme: 'light' | 'dark';
  presenting: boolean;
  record: RecordImage | null;
  direction: 'LR' | 'TB';
}

export function graphStyle(o: StyleOptions): cytoscape.StylesheetStyle[] {
  const p = palettes[o.theme];
  const bold = o.presenting ? 1.6 : 1;
  const record = o.record;
  return [
    {
      selector: 'node',
      style: {
        label: 'data(text)', 'font-family': fontFamily, 'font-size': fontSize, color: p.text,
        'text-valign': 'center', 'text-halign': 'center', width: 'data(w)',
        'min-zoomed-font-size': o.large ? 6 : 0, 'border-width': bold, 'border-color': p.border,
        'underlay-padding': o.presenting ? 7 : 5, 'underlay-opacity': 0, 'underlay-shape': 'round-rectangle',
      },
    },
    {
      selector: 'node.value',
      style: {
        shape: 'round-rectangle', 'corner-radius': 4, height: valueHeight, 'background-color': 'data(gradFill)',
        'text-wrap': 'wrap', 'text-max-width': '10000px', 'line-height': rowHeight / fontSize,
        ...(record ? {
          'background-image': record.url, 'background-fit': 'none', 'background-clip': 'node',
          'background-width': `${record.width}px`, 'background-height': `${record.height}px`,
          'background-image-containment': 'over', 'background-image-smoothing': 'no',
        } : {}),
      } as unknown as cytoscape.Css.Node,
    },
    { selector: 'node.op', style: { shape: 'ellipse', height: opHeight, 'background-color': p.opFill, 'font-weight': 'bold' } },
    // A collapsed group (graph/groups.ts): a rounded box with a double border, three rows of text;
    // a folded chain (Σ, Π) has a dashed one.
    {
      selector: 'node.group',
      style: {
        shape: 'round-rectangle', 'corner-radius': 10, height: 3 * rowHeight, 'background-color': 'data(gradFill)',
        'border-style': 'double', 'border-width': 4 * bold, 'text-wrap': 'wrap', 'text-max-width': '10000px',
        'line-height': rowHeight / fontSize,
      } as unknown as cytoscape.Css.Node,
    },
    { selector: 'node.group.chain', style: { 'border-style': 'dashed', 'border-width': 2 * bold } },
    { selector: 'node.group.nonfinite', style: { 'border-color': p.nonFinite, 'border-width': 4 * bold } },
    { selector: 'node.op.cut', style: { 'border-style': 'dashed' } },
    { selector: 'node.nonfinite', style: { color: p.nonFinite, 'border-color': p.nonFinite, 'border-width': 2.5 } },
    // debug(): a value whose forward or local backward disagrees with the op table, and its op.
    { selector: 'node.flagged', style: { 'border-color': p.nonFinite, 'border-style': 'dashed', 'border-width': 3 } },
    { selector: 'node.breakpoint', style: { 'border-color': '#c4122f', 'border-width': 3, 'border-style': 'double' } },
    { selector: 'node.receiving', style: { 'border-color': '#178a3a', 'border-width': 3 } },
    { selector: 'node.current', style: { 'underlay-color': '#ffb300', 'underlay-opacity': o.presenting ? 0.8 : 0.6 } },
    { selector: 'node.just-ran', style: { 'underlay-color': '#9aa5b8', 'underlay-opacity': 0.35 } },
    { selector: 'node.line-hit', style: { 'underlay-color': '#8e44ad', 'underlay-opacity': 0.35 } },
    { selector: 'node.match', style: { 'underlay-color': '#1f9d55', 'underlay-opacity': 0.45 } },
    { selector: 'node:selected', style: { 'underlay-color': '#1565c0', 'underlay-opacity': 0.5 } },
    {
      selector: 'edge',
      style: {
        // Every edge has a label (invisible until a step puts a delta on it):
        // a label going from empty to non-empty makes cytoscape re-sort every
        // element by z-order, tens of ms per step on large graphs.
        label: 'data(delta)', 'font-size': 12, 'font-family': fontFamily, color: p.delta,
        // ...and it is not painted: zoomed below 1, Chromium draws the empty
        // label's zero-width space as a small mark on every edge.
        'text-opacity': 0,
        width: 1.2 * bold, 'line-color': p.edge,
        // Bezier fans out two edges between the same pair (a value used twice by one op).
        'curve-style': o.large ? 'haystack' : 'bezier', 'control-point-step-size': 32,
        'target-arrow-shape': o.large ? 'none' : 'triangle', 'target-arrow-color': p.edge, 'arrow-scale': 0.8,
        'text-rotation': 'none',
        // Edges leave a box from the middle of its output side, as in draw_dot:
        // from the centre, two inputs of one op stacked in a column would leave
        // their wide boxes near the same corner, and their delta labels collide.
        'source-endpoint': o.direction === 'TB' ? '0% 50%' : '50% 0%',
      },
    },
    // Routed around the boxes by ELK (the bend points are in the edge's data).
    {
      selector: 'edge.routed',
      style: { 'curve-style': 'segments', 'segment-weights': 'data(segW)', 'segment-distances': 'data(segD)', 'edge-distances': 'node-position', 'segment-radius': 10 } as unknown as cytoscape.Css.Edge,
    },
    {
      selector: 'edge.delta',
      style: {
        width: 2.5 * bold, 'line-color': '#178a3a', 'target-arrow-color': '#178a3a', 'font-weight': 'bold', 'text-opacity': 1,
        'text-background-color': p.deltaBackground, 'text-background-opacity': 0.9, 'text-background-padding': '2px',
        'text-border-color': '#178a3a', 'text-border-width': 1, 'text-border-opacity': 0.6,
      },
    },
    // A value used twice by one op: the two delta labels side by side across the flow.
    { selector: 'edge.twin-a.delta', style: o.direction === 'TB' ? { 'text-margin-x': -32 } : { 'text-margin-y': -11 } },
    { selector: 'edge.twin-b.delta', style: o.direction === 'TB' ? { 'text-margin-x': 32 } : { 'text-margin-y': 11 } },
    // A bundled edge into or out of a collapsed group, labelled with how many it stands for (×100).
    {
      selector: 'edge.bundle',
      style: {
        width: 2 * bold, 'line-style': 'solid', 'text-opacity': 1, 'text-background-color': p.deltaBackground, 'text-background-opacity': 0.9,
        'text-background-padding': '1px', color: p.text, 'font-size': 12,
      },
    },
    // A bundle standing for one edge has no count: nothing to paint (not even the label's background).
    { selector: 'edge.bundle[delta = "\u200b"]', style: { 'text-opacity': 0, 'text-background-opacity': 0 } },
    { selector: 'edge.receiving', style: { 'line-color': '#ffb300', 'target-arrow-color': '#ffb300', width: 2.5 * bold } },
  ] as cytoscape.StylesheetStyle[];
}
