// Runs one program in a worker thread, so the CLI can stop a runaway program
// by terminating the thread, as the app terminates its Web Worker.

import { parentPort, workerData } from 'node:worker_threads';
import { run } from '../runner/run.js';
import type { RunError } from '../../common/snapshot.js';
import type { RunOptions } from '../../common/protocol.js';
import { render, type OutputFormat } from './render.js';

export interface CliJob {
  source: string;
  options: RunOptions;
  format: OutputFormat;
}

export interface CliResult {
  /** The output, rendered here: text crosses threads far faster than a
   *  structured clone of a large graph. */
  text: string;
  error: RunError | null;
}

const job = workerData as CliJob;
const snapshot = run(job.source, job.options);
const result: CliResult = { text: render(snapshot, job.format), error: snapshot.error };
parentPort!.postMessage(result);
