// When the program runs and when the app counts as busy (tests wait on it).

import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { RunLoop } from '../src/run-loop.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

test('typing runs once, after the pause, and is busy from the first key', () => {
  let runs = 0;
  const loop = new RunLoop(() => runs++, 300);
  expect(loop.busy).toBe(false);
  loop.edited();
  vi.advanceTimersByTime(200);
  loop.edited();
  vi.advanceTimersByTime(200);
  expect(runs).toBe(0);
  expect(loop.busy).toBe(true);
  vi.advanceTimersByTime(100);
  expect(runs).toBe(1);
  // Pause over, no run reported yet by the engine: not busy.
  expect(loop.busy).toBe(false);
  vi.advanceTimersByTime(1000);
  expect(runs).toBe(1);
});

test('Run drops the pending debounced run', () => {
  let runs = 0;
  const loop = new RunLoop(() => runs++, 300);
  loop.edited();
  loop.runNow();
  expect(runs).toBe(1);
  vi.advanceTimersByTime(1000);
  expect(runs).toBe(1);
});

test('busy while the engine runs and while the result is drawn', async () => {
  const loop = new RunLoop(() => {}, 300);
  loop.setRunning(true);
  expect(loop.busy).toBe(true);
  loop.setRunning(false);
  expect(loop.busy).toBe(false);
  let finish!: () => void;
  const drawn = loop.whileDrawing(new Promise<void>((resolve) => (finish = resolve)));
  expect(loop.busy).toBe(true);
  finish();
  await drawn;
  expect(loop.busy).toBe(false);
});

test('a drawing that fails is not busy forever', async () => {
  const loop = new RunLoop(() => {}, 300);
  await expect(loop.whileDrawing(Promise.reject(new Error('layout failed')))).rejects.toThrow('layout failed');
  expect(loop.busy).toBe(false);
});
