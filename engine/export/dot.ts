// Graphviz DOT in the look of micrograd's draw_dot: left to right, each value
// a record `{ label | data 0.0000 | grad 0.0000 }`, each op a small node of
// its own between its inputs and its output.

import { opText, type GraphNode } from '../../common/snapshot.js';
import { fixed4 } from '../../common/format.js';

export interface DotOptions {
  /** Node to draw highlighted (the debugger's current step), if any. */
  current?: number | null;
  /** Node to draw selected, if any. */
  selected?: number | null;
}

/** `nodes` is the graph to draw with the grads to show; inputs outside it are left out. */
export function toDot(nodes: readonly GraphNode[], options: DotOptions = {}): string {
  const present = new Set(nodes.map((n) => n.id));
  const lines = ['digraph gradscope {', '  graph [rankdir=LR];', '  node [fontname="Helvetica"];'];
  for (const n of nodes) {
    const style = nodeStyle(n, options);
    lines.push(`  v${n.id} [shape=record, label="{ ${recordText(n.label ?? '')} | data ${fixed4(n.data)} | grad ${fixed4(n.grad)} }"${style}];`);
    const symbol = opText(n);
    if (symbol === null) continue;
    lines.push(`  v${n.id}_op [label="${escapeString(symbol)}"];`);
    lines.push(`  v${n.id}_op -> v${n.id};`);
    for (const input of n.inputs) if (present.has(input)) lines.push(`  v${input} -> v${n.id}_op;`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function nodeStyle(n: GraphNode, options: DotOptions): string {
  const attrs: string[] = [];
  if (n.nonFinite) attrs.push('color="#d62728"', 'fontcolor="#d62728"');
  if (n.id === options.current) attrs.push('style=filled', 'fillcolor="#fff3b0"', 'penwidth=2');
  else if (n.id === options.selected) attrs.push('penwidth=2.5');
  return attrs.length === 0 ? '' : `, ${attrs.join(', ')}`;
}

/** Record labels give { } | < > their own meaning; escape them and the quote. */
function recordText(text: string): string {
  return escapeString(text).replace(/[{}|<>]/g, (c) => `\\${c}`);
}

function escapeString(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
