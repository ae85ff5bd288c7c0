// When the unsaved-changes box says Save, the main process cannot save by
// itself: the text lives in the renderer's editor. It sends 'file:save' and
// waits. The renderer answers by calling saveFile (whose outcome the main
// process sees directly: written, or Save As cancelled) or by reporting a clean
// document. If it does neither in time (hung page), the answer is "not saved",
// so nothing is discarded.

export const RENDERER_RESPONSE_TIMEOUT_MS = 10_000;

interface Pending {
  resolve(saved: boolean): void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export class SaveRequest {
  private pending: Pending | null = null;
  private promise: Promise<boolean> | null = null;

  constructor(private readonly timeoutMs = RENDERER_RESPONSE_TIMEOUT_MS) {}

  /** Asks the renderer to save (via `send`); resolves true once the document is saved. */
  request(send: () => void): Promise<boolean> {
    if (this.promise) return this.promise;
    this.promise = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => this.settle(false), this.timeoutMs);
      this.pending = { resolve, timer };
    });
    send();
    return this.promise;
  }

  /** The renderer called saveFile: it is alive, and the save's own outcome will settle us. */
  saveStarted(): void {
    if (this.pending) clearTimeout(this.pending.timer);
  }

  /** saveFile finished: true when written, false when cancelled or failed. */
  saveFinished(saved: boolean): void {
    this.settle(saved);
  }

  /** The renderer is gone (crashed or killed): it will never answer, so the answer is "not saved" now, not after the timeout. */
  rendererGone(): void {
    this.settle(false);
  }

  /** The renderer reported its state; a clean document means it saved. */
  stateReported(dirty: boolean): void {
    if (!dirty) this.settle(true);
  }

  private settle(saved: boolean): void {
    if (!this.pending) return;
    clearTimeout(this.pending.timer);
    this.pending.resolve(saved);
    this.pending = null;
    this.promise = null;
  }
}
