// What the CLI prints or writes for a snapshot, in each output format.

import { toJSON, type Snapshot } from '../../common/snapshot.js';
import { toDot } from '../export/dot.js';
import { defaultGraph } from '../export/graph.js';
import { formatTable } from './table.js';

export type OutputFormat = 'table' | 'json' | 'dot';

export function render(snapshot: Snapshot, format: OutputFormat): string {
  if (format === 'json') return `${toJSON(snapshot)}\n`;
  if (format === 'dot') return toDot(defaultGraph(snapshot));
  return formatTable(snapshot);
}
