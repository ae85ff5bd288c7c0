import { describe, expect, it } from 'vitest';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  MAX_RECENT_FILES,
  RecentFiles,
  addRecent,
  dropMissing,
  loadRecent,
  parseRecent,
  removeRecent,
  saveRecent,
} from '../core/recent-files.js';
import { tempDir } from './temp-dir.js';

async function programs(dir: string, count: number): Promise<string[]> {
  const paths = Array.from({ length: count }, (_, i) => join(dir, `p${i}.ts`));
  await Promise.all(paths.map((p) => writeFile(p, '')));
  return paths;
}

describe('addRecent / removeRecent', () => {
  it('puts the newest first and moves a reopened file to the front', () => {
    let list = addRecent([], '/a.ts');
    list = addRecent(list, '/b.ts');
    list = addRecent(list, '/a.ts');
    expect(list).toEqual(['/a.ts', '/b.ts']);
  });

  it('keeps at most ten, dropping the oldest', () => {
    let list: string[] = [];
    for (let i = 0; i < 12; i++) list = addRecent(list, `/p${i}.ts`);
    expect(list).toHaveLength(MAX_RECENT_FILES);
    expect(list[0]).toBe('/p11.ts');
    expect(list).not.toContain('/p0.ts');
    expect(list).not.toContain('/p1.ts');
  });

  it('removes one entry and leaves the input untouched', () => {
    const list = ['/a.ts', '/b.ts'];
    expect(removeRecent(list, '/a.ts')).toEqual(['/b.ts']);
    expect(list).toEqual(['/a.ts', '/b.ts']);
  });
});

describe('dropMissing', () => {
  it('keeps existing files in order and drops deleted ones and folders', async () => {
    const dir = await tempDir();
    const [a, b, c] = await programs(dir, 3);
    await rm(b as string);
    expect(await dropMissing([c as string, b as string, a as string, dir])).toEqual([c, a]);
  });
});

describe('parseRecent', () => {
  it('accepts only absolute string paths, deduplicated and capped', () => {
    expect(parseRecent(['/a.ts', 'relative.ts', 3, null, '/a.ts', '/b.ts'])).toEqual(['/a.ts', '/b.ts']);
    expect(parseRecent({ not: 'a list' })).toEqual([]);
    expect(parseRecent(Array.from({ length: 20 }, (_, i) => `/p${i}.ts`))).toHaveLength(MAX_RECENT_FILES);
  });
});

describe('loadRecent / saveRecent', () => {
  it('persists the list as JSON and reloads it without missing files', async () => {
    const dir = await tempDir();
    const [a, b] = await programs(dir, 2);
    const store = join(dir, 'user-data', 'recent-files.json');
    await saveRecent(store, [b as string, a as string]);
    expect(JSON.parse(await readFile(store, 'utf8'))).toEqual([b, a]);
    await rm(a as string);
    expect(await loadRecent(store)).toEqual([b]);
  });

  it('starts empty when nothing was saved or the file is corrupt', async () => {
    const dir = await tempDir();
    expect(await loadRecent(join(dir, 'none.json'))).toEqual([]);
    await writeFile(join(dir, 'bad.json'), '[oops');
    expect(await loadRecent(join(dir, 'bad.json'))).toEqual([]);
  });
});

describe('RecentFiles', () => {
  it('persists every change, announces it, and survives a restart', async () => {
    const dir = await tempDir();
    const [a, b] = await programs(dir, 2);
    const store = join(dir, 'recent-files.json');
    const writes: Promise<void>[] = [];
    const seen: string[][] = [];
    const recent = new RecentFiles(store, (w) => writes.push(w), (list) => seen.push([...list]));
    await recent.load();
    recent.add(a as string);
    recent.add(b as string);
    recent.add(a as string);
    await Promise.all(writes);
    expect(recent.paths).toEqual([a, b]);
    expect(seen).toEqual([[], [a], [b, a], [a, b]]);

    const again = new RecentFiles(store, () => {}, () => {});
    await again.load();
    expect(again.paths).toEqual([a, b]);
  });

  it('lands the newest list on disk even when writes overlap', async () => {
    const dir = await tempDir();
    const paths = await programs(dir, 6);
    const store = join(dir, 'recent-files.json');
    const writes: Promise<void>[] = [];
    const recent = new RecentFiles(store, (w) => writes.push(w), () => {});
    for (const p of paths) recent.add(p);
    recent.remove(paths[0] as string);
    await Promise.all(writes);
    expect(JSON.parse(await readFile(store, 'utf8'))).toEqual([...recent.paths]);
  });

  it('clears the list', async () => {
    const dir = await tempDir();
    const [a] = await programs(dir, 1);
    const store = join(dir, 'recent-files.json');
    const writes: Promise<void>[] = [];
    const recent = new RecentFiles(store, (w) => writes.push(w), () => {});
    recent.add(a as string);
    recent.clear();
    await Promise.all(writes);
    expect(await loadRecent(store)).toEqual([]);
  });
});
