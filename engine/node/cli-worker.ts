// Runs one program in a worker thread, so the CLI can stop a runaway program
// by terminating the thread, as the app terminates its Web Worker.

import { parentPort, workerData } from 'node:worker_threads';
import { run } from '../runner/run.js';
import { toJSON, type RunError } from '../snapshot.js';
import { formatTable } from './table.js';
import type { RunOptions } from '../protocol.js';

export interface CliResult {
  /** The JSON text with --json, else the table. Text crosses threads far
   *  faster than a structured clone of a large graph. */
  text: string;
  error: RunError | null;
}

const { source, options, json } = workerData as { source: string; options: RunOptions; json: boolean };
const snapshot = run(source, options);
const result: CliResult = { text: json ? toJSON(snapshot) : formatTable(snapshot), error: snapshot.error };
parentPort!.postMessage(result);
