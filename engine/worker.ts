// The engine's Web Worker: runs programs, and answers questions about the last
// run (finite differences). The UI terminates this worker when a run overstays
// its time limit, or the user stops it, and starts a fresh one.

import { run } from './runner/run.js';
import { checkAllGradients, exploreLeaf } from './explore.js';
import type { FromWorker, ToWorker } from '../common/protocol.js';
import type { Snapshot } from '../common/snapshot.js';
import { encodeSnapshot } from '../common/wire.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;

// A program that reaches this worker's global object (an escape from the
// runner's scope) finds no way out: network and storage APIs are removed
// before any program runs. The Content-Security-Policy is the main guard
// (connect-src 'self'); this holds where a server sends none. Each run gets a
// fresh worker, so nothing a program changes here outlives it.
for (const name of [
  'fetch', 'XMLHttpRequest', 'WebSocket', 'WebTransport', 'EventSource', 'importScripts',
  'Worker', 'SharedWorker', 'BroadcastChannel', 'indexedDB', 'caches',
]) {
  for (let o: object | null = scope; o !== null; o = Object.getPrototypeOf(o)) {
    if (Object.hasOwn(o, name)) delete (o as Record<string, unknown>)[name];
  }
}
const post = (message: FromWorker) => scope.postMessage(message);

let last: Snapshot | null = null;

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'run') {
    const started = performance.now();
    last = null;
    last = run(message.source, message.options, (progress) => post({ type: 'progress', id: message.id, progress }));
    // Values and backward calls go as transferred typed arrays (common/wire.ts),
    // so that the page is never stuck decoding a large run in one task.
    const { wire, transfer } = encodeSnapshot(last);
    const result: FromWorker = { type: 'result', id: message.id, snapshot: wire, ms: performance.now() - started };
    scope.postMessage(result, transfer);
    return;
  }
  const call = last?.backward[message.call];
  if (last === null || call === undefined) {
    post({ type: 'failed', id: message.id, message: `no backward() call #${message.call + 1} in the last run` });
  } else if (message.type === 'explore') {
    if (!last.nodes.some((n) => n.id === message.leaf && n.op === null)) {
      post({ type: 'failed', id: message.id, message: `#${message.leaf} is not a leaf of the last run` });
    } else {
      post({ type: 'explored', id: message.id, result: exploreLeaf(last, message.call, message.leaf) });
    }
  } else {
    post({ type: 'checked', id: message.id, result: checkAllGradients(last, message.call) });
  }
};

post({ type: 'ready' });
