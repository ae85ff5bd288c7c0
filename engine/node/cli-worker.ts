// Runs one program in a worker thread, so the CLI can stop a runaway program
// by terminating the thread, as the app terminates its Web Worker.

import { parentPort, workerData } from 'node:worker_threads';
import { run } from '../runner/run.js';
import type { RunOptions } from '../protocol.js';

const { source, options } = workerData as { source: string; options: RunOptions };
parentPort!.postMessage(run(source, options));
