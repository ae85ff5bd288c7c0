// The inspector: everything about the selected node, with its inputs and
// consumers as links and the source line that created it.

import type { GraphNode } from '../../common/snapshot.js';
import { full } from '../../common/format.js';
import { opSymbol } from '../../common/ops.js';
import { nameOf, opText } from '../../common/snapshot.js';

export interface InspectorData {
  node: GraphNode;
  data: number;
  grad: number;
  inputs: GraphNode[];
  consumers: GraphNode[];
  sourceLine: string | null;
  breakpoint: boolean;
  /** What the explanation line calls a value (`c₂` for a reused label); default its label. */
  name?: (id: number) => string;
}

export function renderInspector(panel: HTMLElement, item: InspectorData | null, select: (id: number) => void): void {
  panel.replaceChildren();
  const title = document.createElement('h2');
  title.textContent = 'Inspector';
  panel.append(title);
  if (item === null) {
    panel.append(paragraph('Click a node to inspect it.', 'hint'));
    return;
  }
  const { node } = item;
  const name = item.name ?? ((id: number) => nameOf(id === node.id ? node : [...item.inputs, ...item.consumers].find((n) => n.id === id)!));
  const rows: [string, string][] = [
    ['label', node.label === null || name(node.id) === node.label ? node.label ?? '(none)' : `${node.label} (${name(node.id)} in the steps)`],
    ['id', `#${node.id}`],
    ['op', opLabel(node)],
    ['data', full(item.data)],
    ['grad', full(item.grad)],
  ];
  if (node.module !== null) rows.push(['module', node.module]);
  if (item.breakpoint) rows.push(['breakpoint', 'on']);
  const table = document.createElement('dl');
  for (const [k, v] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    dd.dataset.field = k;
    if (k === 'data' || k === 'grad') dd.classList.toggle('nonfinite', !Number.isFinite(Number(v)));
    table.append(dt, dd);
  }
  panel.append(table);
  panel.append(links('Inputs', item.inputs, select, name), links('Consumers', item.consumers, select, name));
  const source = document.createElement('div');
  source.className = 'source';
  source.dataset.field = 'source';
  source.textContent = node.loc === null ? 'created outside the program text' : `line ${node.loc.line}: ${item.sourceLine?.trim() ?? ''}`;
  panel.append(heading('Source'), source);
}

function opLabel(node: GraphNode): string {
  if (node.op === null) return node.inputs.length === 0 ? 'leaf' : `${node.userOp ?? '?'} (your class's op, not checked)`;
  const symbol = opSymbol(node.op, node.k);
  const own = node.userOp === undefined ? '' : `, your class's \`${node.userOp}\``;
  return symbol === node.op && own === '' ? symbol : `${node.op} (${symbol}${own})`;
}

function links(title: string, nodes: GraphNode[], select: (id: number) => void, name: (id: number) => string): HTMLElement {
  const box = document.createElement('div');
  box.append(heading(`${title} (${nodes.length})`));
  const list = document.createElement('ul');
  list.setAttribute('aria-label', title);
  for (const n of nodes.slice(0, 200)) {
    const li = document.createElement('li');
    const a = document.createElement('button');
    a.className = 'link';
    const symbol = opText(n);
    a.textContent = `${name(n.id)}${symbol === null ? '' : ` (${symbol})`}`;
    a.onclick = () => select(n.id);
    li.append(a);
    list.append(li);
  }
  if (nodes.length > 200) list.append(paragraph(`… ${nodes.length - 200} more`, 'hint'));
  box.append(list);
  return box;
}

function heading(text: string): HTMLElement {
  const h = document.createElement('h3');
  h.textContent = text;
  return h;
}

function paragraph(text: string, className: string): HTMLElement {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}
