// The CLI's text output: console lines, warnings, then a table of the graph.

import type { GraphNode, Snapshot } from '../../common/snapshot.js';
import { defaultGraph } from '../export/graph.js';

const maxRows = 1_000;

export function formatTable(snapshot: Snapshot): string {
  const out: string[] = [];
  for (const line of snapshot.console) out.push(line);
  for (const warning of snapshot.warnings) out.push(`warning: ${warning}`);
  for (const d of snapshot.diagnostics ?? []) out.push(`${d.kind}${d.line === null ? '' : ` at ${d.line}:${d.column}`}: ${d.message}`);
  const last = snapshot.backward.at(-1);
  const nodes = defaultGraph(snapshot);
  if (nodes.length === 0) return out.map((l) => `${l}\n`).join('');
  if (out.length > 0) out.push('');
  out.push(
    last === undefined
      ? `${nodes.length} values (no backward() call):`
      : `graph of the last backward() (root #${last.root}${labelOf(nodes.find((n) => n.id === last.root))}), ${nodes.length} values:`,
  );
  const rows = nodes.slice(0, maxRows).map((n) => [
    `#${n.id}`,
    n.label ?? '',
    n.op === null ? (n.inputs.length > 0 ? (n.userOp ?? '?') : 'leaf') : n.op === 'pow' ? `pow ${n.k}` : n.op,
    formatNumber(n.data),
    formatNumber(n.grad),
    n.loc === null ? '' : `${n.loc.line}:${n.loc.column}`,
  ]);
  out.push(...alignColumns([['id', 'label', 'op', 'data', 'grad', 'line:col'], ...rows]));
  if (nodes.length > maxRows) out.push(`… ${nodes.length - maxRows} more values (use --json to see them all)`);
  return out.map((l) => `${l}\n`).join('');
}

function labelOf(node: GraphNode | undefined): string {
  return node?.label ? ` ${node.label}` : '';
}

function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  return abs !== 0 && (abs >= 1e7 || abs < 1e-4) ? x.toExponential(4) : x.toFixed(4);
}

function alignColumns(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const numeric = new Set([3, 4]);
  return rows.map((r) =>
    r.map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd(),
  );
}
