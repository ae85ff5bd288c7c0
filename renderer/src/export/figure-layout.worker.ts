// Lays out export figures with ELK off the UI thread: the same elkjs and the
// same input (engine/figure/layout.ts) as `gradscope export` under Node, so
// the app and the CLI draw the same figure.

import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from '../../../engine/figure/layout.js';

const elk = new ELK();

self.onmessage = async (event: MessageEvent<{ id: number; graph: ElkNode }>) => {
  const { id, graph } = event.data;
  try {
    const result = await elk.layout(graph as never);
    (self as unknown as Worker).postMessage({ id, result });
  } catch (e) {
    (self as unknown as Worker).postMessage({ id, error: String(e) });
  }
};
