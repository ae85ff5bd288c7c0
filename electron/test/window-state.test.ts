import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DEFAULT_SIZE, clampToDisplays, defaultBounds, parseWindowState, restoreWindowState, type Rect } from '../core/window-state.js';
import { readJsonFile, writeJsonFile } from '../core/json-file.js';
import { tempDir } from './temp-dir.js';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1050 };
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1410 };

describe('defaultBounds', () => {
  it('centres the default size on the primary display', () => {
    expect(defaultBounds(laptop)).toEqual({ x: 320, y: 125, ...DEFAULT_SIZE });
  });

  it('shrinks to a display smaller than the default', () => {
    expect(defaultBounds({ x: 0, y: 0, width: 1024, height: 600 })).toEqual({ x: 0, y: 0, width: 1024, height: 600 });
  });
});

describe('clampToDisplays', () => {
  it('keeps bounds that are fully visible', () => {
    const bounds = { x: 100, y: 50, width: 1000, height: 700 };
    expect(clampToDisplays(bounds, [laptop], laptop)).toEqual(bounds);
  });

  it('pulls a window hanging off the edge back onto the screen', () => {
    expect(clampToDisplays({ x: 1500, y: 900, width: 1000, height: 700 }, [laptop], laptop)).toEqual({ x: 920, y: 350, width: 1000, height: 700 });
  });

  it('falls back to the default when the saved monitor is gone', () => {
    const onUnpluggedMonitor = { x: 2200, y: 100, width: 1200, height: 800 };
    expect(clampToDisplays(onUnpluggedMonitor, [laptop], laptop)).toEqual(defaultBounds(laptop));
  });

  it('keeps a window on the monitor it mostly overlaps', () => {
    const straddling = { x: 1800, y: 100, width: 1200, height: 800 };
    expect(clampToDisplays(straddling, [laptop, rightMonitor], laptop)).toEqual({ x: 1920, y: 100, width: 1200, height: 800 });
  });

  it('shrinks a window larger than its display', () => {
    expect(clampToDisplays({ x: -50, y: -50, width: 5000, height: 3000 }, [laptop], laptop)).toEqual(laptop);
  });
});

describe('parseWindowState', () => {
  it('accepts saved bounds and the maximized flag', () => {
    expect(parseWindowState({ bounds: { x: 1, y: 2, width: 3, height: 4 }, maximized: true })).toEqual({
      bounds: { x: 1, y: 2, width: 3, height: 4 },
      maximized: true,
    });
  });

  it.each([undefined, null, 'x', {}, { bounds: { x: 1, y: 2, width: 3 } }, { bounds: { x: 1, y: 2, width: Infinity, height: 4 } }])(
    'rejects %j',
    (value) => {
      expect(parseWindowState(value)).toBeUndefined();
    },
  );
});

describe('restoreWindowState', () => {
  it('reopens where the window was, through a real settings file', async () => {
    const file = join(await tempDir(), 'window-state.json');
    const closedAt = { bounds: { x: 2000, y: 40, width: 1400, height: 900 }, maximized: false };
    await writeJsonFile(file, closedAt);
    expect(restoreWindowState(await readJsonFile(file), [laptop, rightMonitor], laptop)).toEqual(closedAt);
  });

  it('uses the default, not maximized, when nothing was saved', async () => {
    const file = join(await tempDir(), 'window-state.json');
    expect(restoreWindowState(await readJsonFile(file), [laptop], laptop)).toEqual({ bounds: defaultBounds(laptop), maximized: false });
  });
});
