// Talks to the layout worker. Only the latest request matters: an older reply
// that arrives late is dropped.

import type { LayoutReply, LayoutRequest } from './layout.worker.js';

export type Layout = Omit<LayoutReply, 'id' | 'error'>;

export class LayoutClient {
  private worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  private latest = 0;
  private waiting = new Map<number, (reply: LayoutReply | null) => void>();

  constructor() {
    this.worker.onmessage = (event: MessageEvent<LayoutReply>) => {
      const done = this.waiting.get(event.data.id);
      this.waiting.delete(event.data.id);
      done?.(event.data.id === this.latest ? event.data : null);
    };
  }

  /** Positions for `input`, or null when a newer request replaced this one. */
  layout(input: Omit<LayoutRequest, 'id'>): Promise<Layout | null> {
    const id = ++this.latest;
    for (const [old, resolve] of this.waiting) if (old !== id) resolve(null);
    this.waiting.clear();
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.postMessage({ id, ...input });
    });
  }
}
