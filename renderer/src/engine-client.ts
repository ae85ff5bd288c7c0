// Owns the engine worker. Every run gets a fresh worker (a spare is kept
// ready, so a run starts at once): whatever one program changes in its
// worker (a prototype, the message handler, a timer left running) dies with
// it and never reaches the next program. The worker of the last run stays to
// answer the derivative explorer's questions about that run. A run that
// overstays its time limit by 2 s, or that the user stops, is ended by
// terminating its worker. Results are checked (validate-snapshot.ts) before
// the page uses them. The UI thread never runs a program.

import type { FromWorker, RunOptions, ToWorker } from '../../common/protocol.js';
import type { GradientCheck, LeafCheck } from '../../common/protocol.js';
import { failedSnapshot, type RunProgress, type Snapshot } from '../../common/snapshot.js';
import { Decoder, WireError, type WireSnapshot } from '../../common/wire.js';
import { maxNodeId, validateSteps } from './validate-snapshot.js';
import { yieldToPage } from './yield-to-page.js';

export const defaultTimeoutMs = 10_000;
const backstopMs = 2_000;
/** A result is decoded this many values or steps at a time, yielding to the page every sliceMs. */
const sliceItems = 500;
const sliceMs = 8;

export interface RunResult {
  id: number;
  snapshot: Snapshot;
  ms: number;
}

export class EngineClient {
  private worker!: Worker;
  /** Started ahead of time, for the next run. */
  private spare: Worker | null = null;
  /** Whether the current worker has run a program (then the next run needs a fresh one). */
  private used = false;
  private nextId = 0;
  private inFlight: { id: number; timer: ReturnType<typeof setTimeout> } | null = null;
  /** The good result the worker holds (its last run): explore and check questions are about it. */
  private held: Snapshot | null = null;
  /** Explore/check questions waiting for the worker's answer. */
  private questions = new Map<number, { resolve(answer: unknown): void; reject(error: Error): void }>();

  constructor(
    private readonly onResult: (result: RunResult) => void,
    private readonly onBusy: (busy: boolean) => void = () => {},
    private readonly onProgress: (progress: RunProgress) => void = () => {},
  ) {
    this.use(createWorker());
    this.spare = createWorker();
  }

  run(source: string, options: RunOptions = {}): number {
    if (this.inFlight !== null || this.used) this.restart();
    this.used = true;
    this.held = null;
    const id = ++this.nextId;
    const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    const timer = setTimeout(() => this.overstayed(id, timeoutMs), timeoutMs + backstopMs);
    this.inFlight = { id, timer };
    this.onBusy(true);
    const message: ToWorker = { type: 'run', id, source, options: { ...options, timeoutMs } };
    this.worker.postMessage(message);
    return id;
  }

  /** Stops the run in flight (terminating the worker); it ends as "stopped by you". False when nothing ran. */
  stop(): boolean {
    const id = this.inFlight?.id;
    if (id === undefined) return false;
    this.restart();
    this.onResult({ id, snapshot: failed('stopped by you', 'timeout'), ms: 0 });
    return true;
  }

  /** Whether `snapshot` is the result of the worker's last run, which explore and check ask about. */
  holds(snapshot: Snapshot | null): boolean {
    return snapshot !== null && snapshot === this.held;
  }

  /** Finite differences of the last run's backward call `call` for one leaf. */
  explore(call: number, leaf: number): Promise<LeafCheck> {
    return this.ask<LeafCheck>({ type: 'explore', id: ++this.nextId, call, leaf });
  }

  /** The finite-difference check of every leaf of the last run's call `call`. */
  check(call: number): Promise<GradientCheck> {
    return this.ask<GradientCheck>({ type: 'check', id: ++this.nextId, call });
  }

  private ask<T>(message: ToWorker): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.questions.set(message.id, { resolve: resolve as (answer: unknown) => void, reject });
      this.worker.postMessage(message);
    });
  }

  private use(worker: Worker): void {
    this.worker = worker;
    this.used = false;
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      const question = 'id' in message ? this.questions.get(message.id) : undefined;
      if (question && (message.type === 'explored' || message.type === 'checked' || message.type === 'failed')) {
        this.questions.delete(message.id);
        if (message.type === 'failed') question.reject(new Error(message.message));
        else question.resolve(message.result);
        return;
      }
      if (message.type === 'progress' && this.inFlight?.id === message.id && validProgress(message.progress)) this.onProgress(message.progress);
      if (message.type !== 'result' || this.inFlight?.id !== message.id) return;
      // Marks for the main-thread benchmark (bench-main-thread.mjs): received,
      // decoded and checked (a slice at a time), shown.
      performance.mark('gradscope:result-received');
      clearTimeout(this.inFlight.timer); // the run is over; decoding it is the page's work
      void this.receive(message.id, message.snapshot, message.ms);
    };
    this.worker.onerror = (event) => {
      const id = this.inFlight?.id;
      if (id === undefined) return;
      this.restart();
      this.onResult({ id, snapshot: failed(`the engine worker failed: ${event.message || 'unknown error'}`, 'internal'), ms: 0 });
    };
  }

  /** Decodes a result a slice at a time, so the page stays responsive, then
   *  shows it unless another run (or Stop) has replaced it meanwhile. */
  private async receive(id: number, wire: WireSnapshot, ms: number): Promise<void> {
    let snapshot: Snapshot;
    try {
      const decoder = new Decoder(wire, maxNodeId);
      let sliceStart = performance.now();
      while (!decoder.next(sliceItems)) {
        if (performance.now() - sliceStart < sliceMs) continue;
        await yieldToPage();
        if (this.inFlight?.id !== id) return;
        sliceStart = performance.now();
      }
      // Checking is sliced as decoding is (a training run's groups check passes over every value kept).
      const checks = validateSteps(decoder.snapshot());
      let check = checks.next();
      while (!check.done) {
        if (performance.now() - sliceStart >= sliceMs) {
          await yieldToPage();
          if (this.inFlight?.id !== id) return;
          sliceStart = performance.now();
        }
        check = checks.next();
      }
      const checked = check.value;
      snapshot = 'snapshot' in checked ? checked.snapshot : cannotShow(checked.problem);
    } catch (e) {
      // Whatever went wrong, the run ends with an error the user sees, never a page stuck busy.
      snapshot = cannotShow(e instanceof WireError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (this.inFlight?.id !== id) return;
    performance.mark('gradscope:result-checked');
    this.finish();
    this.held = snapshot.error === null ? snapshot : null;
    this.onResult({ id, snapshot, ms });
    performance.mark('gradscope:result-shown');
  }

  private restart(): void {
    this.worker.terminate();
    // A fresh worker knows no run: questions to the old one are answered here.
    for (const question of this.questions.values()) question.reject(new Error('the engine restarted: run the program again'));
    this.questions.clear();
    this.held = null;
    this.finish();
    this.use(this.spare ?? createWorker());
    this.spare = createWorker();
  }

  private finish(): void {
    if (this.inFlight) clearTimeout(this.inFlight.timer);
    this.inFlight = null;
    this.onBusy(false);
  }

  /** The engine's own time check did not fire (e.g. one op ran long): stop it here. */
  private overstayed(id: number, timeoutMs: number): void {
    if (this.inFlight?.id !== id) return;
    this.restart();
    this.onResult({ id, snapshot: failed(`stopped after ${timeoutMs / 1000} s: the program ran too long`, 'timeout'), ms: timeoutMs });
  }
}

function createWorker(): Worker {
  return new Worker(new URL('../../engine/worker.ts', import.meta.url), { type: 'module', name: 'gradscope-engine' });
}

/** Progress feeds the live loss curve: numbers only. */
function validProgress(p: RunProgress): boolean {
  return (
    typeof p === 'object' && p !== null && Array.isArray(p.rootHistory) && p.rootHistory.every((x) => typeof x === 'number') &&
    Array.isArray(p.series) && p.series.every((s) => typeof s?.name === 'string' && Array.isArray(s.values) && s.values.every((x) => typeof x === 'number'))
  );
}

function cannotShow(problem: string): Snapshot {
  return failed(`the program's result cannot be shown: ${problem}`, 'internal');
}

function failed(message: string, kind: 'timeout' | 'internal'): Snapshot {
  return failedSnapshot({ message, line: null, column: null, kind });
}
