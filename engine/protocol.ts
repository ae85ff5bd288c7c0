// Messages between the UI thread and the engine worker. The worker owns the
// runner; the UI owns the worker and terminates it when a run overstays.

import type { Snapshot } from './snapshot.js';

export interface RunOptions {
  /** Most Values a program may hold at once (default 1,000,000). */
  maxNodes?: number;
  /** Wall-time limit in milliseconds (default 10,000). */
  timeoutMs?: number;
  /** Seed of the program's Math.random and of nn's initial weights (default 1337). */
  seed?: number;
  /** Most recorded backward deltas kept over all calls (default 1,000,000). */
  maxRecordedDeltas?: number;
}

export type ToWorker = { type: 'run'; id: number; source: string; options?: RunOptions };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; snapshot: Snapshot; ms: number };
