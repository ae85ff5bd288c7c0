// The engine's Web Worker: runs one program per message. The UI terminates
// this worker when a run overstays its time limit and starts a fresh one.

import { run } from './runner/run.js';
import type { FromWorker, ToWorker } from './protocol.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromWorker) => scope.postMessage(message);

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type !== 'run') return;
  const started = performance.now();
  const snapshot = run(message.source, message.options);
  post({ type: 'result', id: message.id, snapshot, ms: performance.now() - started });
};

post({ type: 'ready' });
