// How the graph looks: draw_dot's record boxes and op circles, the grad strip,
// and the classes the stepper, selection and search toggle. Stepping changes
// only these classes and a few nodes' data, never positions.

import type cytoscape from 'cytoscape';

export const fontSize = 11;
export const fontFamily = 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace';
export const valueHeight = 24;
export const opHeight = 20;

export function graphStyle(large: boolean): cytoscape.StylesheetStyle[] {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(text)', 'font-family': fontFamily, 'font-size': fontSize, color: '#1d2330',
        'text-valign': 'center', 'text-halign': 'center', width: 'data(w)',
        'min-zoomed-font-size': large ? 7 : 0, 'border-width': 1, 'border-color': '#5b6475',
        'underlay-padding': 5, 'underlay-opacity': 0, 'underlay-shape': 'round-rectangle',
      },
    },
    large ? {
      // Large graphs: the whole box takes the grad colour (a gradient fill
      // per box costs too much to paint at thousands of boxes).
      selector: 'node.value',
      style: { shape: 'round-rectangle', height: valueHeight, 'background-color': 'data(gradFill)' },
    } : {
      selector: 'node.value',
      style: {
        shape: 'round-rectangle', height: valueHeight, 'background-fill': 'linear-gradient',
        'background-gradient-direction': 'to-right',
        'background-gradient-stop-colors': (n: cytoscape.NodeSingular) => `#ffffff #ffffff ${n.data('gradFill')} ${n.data('gradFill')}`,
        'background-gradient-stop-positions': (n: cytoscape.NodeSingular) => `0 ${n.data('gradStop')} ${n.data('gradStop')} 100`,
      } as unknown as cytoscape.Css.Node,
    },
    { selector: 'node.op', style: { shape: 'ellipse', height: opHeight, 'background-color': '#eef1f6', 'font-weight': 'bold' } },
    { selector: 'node.op.cut', style: { 'border-style': 'dashed' } },
    { selector: 'node.nonfinite', style: { color: '#d00000', 'border-color': '#d00000', 'border-width': 2.5 } },
    { selector: 'node.breakpoint', style: { 'border-color': '#c4122f', 'border-width': 3, 'border-style': 'double' } },
    { selector: 'node.receiving', style: { 'border-color': '#178a3a', 'border-width': 3 } },
    { selector: 'node.current', style: { 'underlay-color': '#ffb300', 'underlay-opacity': 0.55 } },
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
        label: 'data(delta)', 'font-size': 10, 'font-family': fontFamily,
        width: 1.2, 'line-color': '#8a93a6', 'curve-style': large ? 'haystack' : 'straight',
        'target-arrow-shape': large ? 'none' : 'triangle', 'target-arrow-color': '#8a93a6', 'arrow-scale': 0.8,
      },
    },
    {
      selector: 'edge.delta',
      style: {
        color: '#178a3a', width: 2.5, 'text-margin-y': -8,
        'line-color': '#178a3a', 'target-arrow-color': '#178a3a', 'text-background-color': '#ffffff',
        'text-background-opacity': 0.85, 'text-background-padding': '1px',
      },
    },
    { selector: 'edge.receiving', style: { 'line-color': '#ffb300', 'target-arrow-color': '#ffb300', width: 2.5 } },
  ] as cytoscape.StylesheetStyle[];
}
