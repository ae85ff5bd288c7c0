import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile, writeJsonFile } from '../core/json-file.js';
import { tempDir } from './temp-dir.js';

describe('json settings files', () => {
  it('round-trips a value, creating missing folders', async () => {
    const file = join(await tempDir(), 'deep', 'er', 'settings.json');
    await writeJsonFile(file, { a: [1, 2], b: 'x' });
    expect(await readJsonFile(file)).toEqual({ a: [1, 2], b: 'x' });
    expect(await readFile(file, 'utf8')).toMatch(/\n$/);
  });

  it('reads a missing file as undefined', async () => {
    expect(await readJsonFile(join(await tempDir(), 'none.json'))).toBeUndefined();
  });

  it('reads a corrupt file as undefined instead of failing startup', async () => {
    const file = join(await tempDir(), 'bad.json');
    await writeFile(file, '{"bounds": {');
    expect(await readJsonFile(file)).toBeUndefined();
  });
});
