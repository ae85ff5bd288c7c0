import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PendingWrites } from '../core/pending-writes.js';
import { writeJsonFile } from '../core/json-file.js';
import { tempDir } from './temp-dir.js';

describe('PendingWrites', () => {
  it('is idle at once when nothing is pending', async () => {
    const writes = new PendingWrites();
    expect(writes.size).toBe(0);
    await writes.idle();
  });

  it('waits until tracked writes have reached the disk', async () => {
    const dir = await tempDir();
    const writes = new PendingWrites();
    writes.track(writeJsonFile(join(dir, 'a.json'), { a: 1 }));
    writes.track(writeJsonFile(join(dir, 'b.json'), { b: 2 }));
    expect(writes.size).toBe(2);
    await writes.idle();
    expect(writes.size).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'a.json'), 'utf8'))).toEqual({ a: 1 });
    expect(JSON.parse(await readFile(join(dir, 'b.json'), 'utf8'))).toEqual({ b: 2 });
  });

  it('reports a failed write instead of throwing from idle()', async () => {
    const dir = await tempDir();
    const writes = new PendingWrites();
    const errors: unknown[] = [];
    await writeFile(join(dir, 'blocker'), 'a file, so no folder can be made here');
    writes.track(writeJsonFile(join(dir, 'blocker', 'settings.json'), {}), (e) => errors.push(e));
    writes.track(writeJsonFile(join(dir, 'fine.json'), {}), (e) => errors.push(e));
    await writes.idle();
    expect(errors).toHaveLength(1);
    expect(writes.size).toBe(0);
    expect(await readFile(join(dir, 'fine.json'), 'utf8')).toBe('{}\n');
  });
});
