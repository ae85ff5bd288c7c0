import { describe, expect, it } from 'vitest';
import { SaveRequest } from '../core/save-request.js';

describe('SaveRequest', () => {
  it('sends the save command and resolves true when the renderer reports a clean document', async () => {
    const request = new SaveRequest(1000);
    let sent = 0;
    const saved = request.request(() => sent++);
    expect(sent).toBe(1);
    request.stateReported(true); // still dirty: keep waiting
    request.stateReported(false);
    expect(await saved).toBe(true);
  });

  it('follows the outcome of the renderer’s saveFile call', async () => {
    const request = new SaveRequest(1000);
    const written = request.request(() => {});
    request.saveStarted();
    request.saveFinished(true);
    expect(await written).toBe(true);

    const cancelled = request.request(() => {});
    request.saveStarted();
    request.saveFinished(false); // Save As dialog cancelled
    expect(await cancelled).toBe(false);
  });

  it('gives up (not saved) when the renderer never answers', async () => {
    const request = new SaveRequest(20);
    expect(await request.request(() => {})).toBe(false);
  });

  it('answers "not saved" at once when the renderer crashes, instead of waiting out the timeout', async () => {
    const request = new SaveRequest(60_000);
    const started = Date.now();
    const saved = request.request(() => {});
    request.saveStarted(); // even mid-save: a dead page finishes nothing
    request.rendererGone();
    expect(await saved).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('stops the timeout once the renderer has started saving (the user may sit in Save As)', async () => {
    const request = new SaveRequest(20);
    const saved = request.request(() => {});
    request.saveStarted();
    await new Promise((resolve) => setTimeout(resolve, 60));
    request.saveFinished(true);
    expect(await saved).toBe(true);
  });

  it('shares one pending request and ignores outcomes when nothing is pending', async () => {
    const request = new SaveRequest(1000);
    request.saveFinished(true); // no request: nothing happens
    let sent = 0;
    const a = request.request(() => sent++);
    const b = request.request(() => sent++);
    expect(a).toBe(b);
    expect(sent).toBe(1);
    request.stateReported(false);
    expect(await a).toBe(true);
  });
});
