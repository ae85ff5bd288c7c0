// Messages between the UI thread and the engine worker. The worker owns the
// runner; the UI owns the worker and terminates it when a run overstays.

import type { RunProgress } from './snapshot.js';
import type { WireSnapshot } from './wire.js';

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

export type ToWorker =
  | { type: 'run'; id: number; source: string; options?: RunOptions }
  /** Finite differences of backward call `call` of the last run, for one leaf. */
  | { type: 'explore'; id: number; call: number; leaf: number }
  /** Finite differences of backward call `call` of the last run, for every leaf. */
  | { type: 'check'; id: number; call: number };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; id: number; progress: RunProgress }
  /** The run's snapshot in its wire form (common/wire.ts), its buffers transferred. */
  | { type: 'result'; id: number; snapshot: WireSnapshot; ms: number }
  | { type: 'explored'; id: number; result: LeafCheck }
  | { type: 'checked'; id: number; result: GradientCheck }
  /** An explore or check the worker could not answer (no such call or leaf). */
  | { type: 'failed'; id: number; message: string };

/** One finite-difference slope of the derivative explorer. */
export interface Slope {
  h: number;
  /** (f(x + h) − f(x)) / h */
  slope: number;
  /** |slope − grad| / max(|grad|, 1e-12) */
  relError: number;
}

export interface LeafCheck {
  leaf: number;
  /** d root / d leaf as backward computed it in this call. */
  grad: number;
  slopes: Slope[];
  /** The slope closest to grad, and its h. */
  best: Slope;
}

export interface GradientCheck {
  leaves: LeafCheck[];
  /** The leaf whose best slope is furthest from its grad, or null with no leaves. */
  worst: LeafCheck | null;
}
