// Settings are written asynchronously, but the process may exit right after a
// window closes. Writes are tracked here so the app can wait for them in
// 'will-quit' instead of losing the last window position or recent file.

export class PendingWrites {
  private readonly inFlight = new Set<Promise<unknown>>();

  /** Remembers `write` until it settles; its failure is reported, not thrown. */
  track(write: Promise<unknown>, onError: (error: unknown) => void = () => {}): void {
    const settled = write.catch(onError).finally(() => this.inFlight.delete(settled));
    this.inFlight.add(settled);
  }

  get size(): number {
    return this.inFlight.size;
  }

  /** Resolves once every write tracked so far (and any tracked meanwhile) has settled. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }
}
