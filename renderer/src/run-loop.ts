// When the program runs, and whether the app is busy with it. An edit runs the
// program after a short pause in typing (the debounce); Run runs it at once.
// The app is busy from a keystroke until its run is drawn: debounce pending,
// run in flight, or drawing — tests and benchmarks wait on that.

import type { RunError } from '../../common/snapshot.js';

export const debounceMs = 300;

export class RunLoop {
  /** The last run's error (null after a run that succeeded). */
  lastError: RunError | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private debouncing = false;
  private running = false;
  private drawing = false;

  constructor(
    private readonly run: () => void,
    private readonly pauseMs = debounceMs,
  ) {}

  /** The text changed: run once typing pauses. */
  edited(): void {
    clearTimeout(this.timer);
    this.debouncing = true;
    this.timer = setTimeout(() => this.runNow(), this.pauseMs);
  }

  /** Runs now; a pending debounced run is dropped (this one has the newer text). */
  runNow(): void {
    clearTimeout(this.timer);
    this.debouncing = false;
    this.run();
  }

  /** The engine reports a run starting (true) or over (false). */
  setRunning(running: boolean): void {
    this.running = running;
  }

  /** Busy while `drawn` settles (the result being drawn). */
  async whileDrawing<T>(drawn: Promise<T>): Promise<T> {
    this.drawing = true;
    try {
      return await drawn;
    } finally {
      this.drawing = false;
    }
  }

  get busy(): boolean {
    return this.debouncing || this.running || this.drawing;
  }
}
