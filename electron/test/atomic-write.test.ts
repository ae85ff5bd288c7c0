import { describe, expect, it } from 'vitest';
import { mkdir, readdir, readFile, stat, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.js';
import { tempDir } from './temp-dir.js';

describe('writeFileAtomic', () => {
  it('creates a new file with the text', async () => {
    const dir = await tempDir();
    const file = join(dir, 'model.ts');
    await writeFileAtomic(file, 'const a = 1;\n');
    expect(await readFile(file, 'utf8')).toBe('const a = 1;\n');
  });

  it('writes bytes as they are (exported images)', async () => {
    const dir = await tempDir();
    const path = join(dir, 'graph.png');
    const bytes = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 255]);
    await writeFileAtomic(path, bytes);
    expect(new Uint8Array(await readFile(path))).toEqual(bytes);
  });

  it('replaces an existing file and leaves no temp file behind', async () => {
    const dir = await tempDir();
    const file = join(dir, 'model.ts');
    await writeFile(file, 'old');
    await writeFileAtomic(file, 'new ∂ text');
    expect(await readFile(file, 'utf8')).toBe('new ∂ text');
    expect(await readdir(dir)).toEqual(['model.ts']);
  });

  it('keeps the permissions of the file it replaces', async () => {
    const dir = await tempDir();
    const file = join(dir, 'private.ts');
    await writeFile(file, 'old');
    await chmod(file, 0o600);
    await writeFileAtomic(file, 'new');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('leaves the original intact and cleans up when the final rename fails', async () => {
    const dir = await tempDir();
    // A non-empty directory cannot be replaced by a file: the rename step fails
    // after the temp file was fully written.
    const target = join(dir, 'model.ts');
    await mkdir(target);
    await writeFile(join(target, 'inside.txt'), 'precious');
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
    expect(await readFile(join(target, 'inside.txt'), 'utf8')).toBe('precious');
    expect(await readdir(dir)).toEqual(['model.ts']);
  });

  it('fails without creating anything when the folder does not exist', async () => {
    const dir = await tempDir();
    await expect(writeFileAtomic(join(dir, 'missing', 'model.ts'), 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it('handles a name close to the file-system limit', async () => {
    const dir = await tempDir();
    const file = join(dir, `${'m'.repeat(240)}.ts`);
    await writeFileAtomic(file, 'long name');
    expect(await readFile(file, 'utf8')).toBe('long name');
  });

  it('concurrent saves each land whole: the file ends as one complete version', async () => {
    const dir = await tempDir();
    const file = join(dir, 'model.ts');
    const versions = Array.from({ length: 8 }, (_, i) => `version ${i} `.repeat(10_000));
    await Promise.all(versions.map((text) => writeFileAtomic(file, text)));
    expect(versions).toContain(await readFile(file, 'utf8'));
    expect(await readdir(dir)).toEqual(['model.ts']);
  });
});
