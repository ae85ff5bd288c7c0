import { describe, expect, it } from 'vitest';
import { chmod, lstat, mkdir, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ReadOnlyError, writeFileAtomic } from '../core/atomic-write.js';
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

  it('keeps group write permission (664 stays 664, whatever the umask)', async () => {
    const dir = await tempDir();
    const file = join(dir, 'shared.ts');
    await writeFile(file, 'old');
    await chmod(file, 0o664);
    await writeFileAtomic(file, 'new');
    expect((await stat(file)).mode & 0o777).toBe(0o664);
  });

  it('writes through a symlink to its target; the link stays a link', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'real'));
    const target = join(dir, 'real', 'model.ts');
    await writeFile(target, 'old');
    const link = join(dir, 'link.ts');
    await symlink('real/model.ts', link);
    await writeFileAtomic(link, 'new');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe('real/model.ts');
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readdir(join(dir, 'real'))).toEqual(['model.ts']);
  });

  it('creates the file a dangling symlink points to', async () => {
    const dir = await tempDir();
    const link = join(dir, 'link.ts');
    await symlink('made.ts', link);
    await writeFileAtomic(link, 'fresh');
    expect(await readFile(join(dir, 'made.ts'), 'utf8')).toBe('fresh');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
  });

  it('refuses a read-only file unless asked, leaving it as it was', async () => {
    const dir = await tempDir();
    const file = join(dir, 'locked.ts');
    await writeFile(file, 'keep me');
    await chmod(file, 0o444);
    await expect(writeFileAtomic(file, 'new')).rejects.toBeInstanceOf(ReadOnlyError);
    expect(await readFile(file, 'utf8')).toBe('keep me');
    expect(await readdir(dir)).toEqual(['locked.ts']);
    await writeFileAtomic(file, 'new', { overwriteReadOnly: true });
    expect(await readFile(file, 'utf8')).toBe('new');
    expect((await stat(file)).mode & 0o777).toBe(0o444);
  });

  it('refuses a directory target before writing anything (no temp file left)', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'out.ts'));
    await expect(writeFileAtomic(join(dir, 'out.ts'), 'x')).rejects.toThrow(/is a directory/);
    expect(await readdir(dir)).toEqual(['out.ts']);
  });

  it('writes into a device instead of renaming a file over it (/dev/null stays a device)', async () => {
    await writeFileAtomic('/dev/null', 'discarded');
    expect((await stat('/dev/null')).isCharacterDevice()).toBe(true);
  });

  it('overlapping saves of one file land in the order they were made (100 trials)', async () => {
    const dir = await tempDir();
    const file = join(dir, 'model.ts');
    for (let trial = 0; trial < 100; trial++) {
      // The first write is large (slow), the second small (fast): unordered, the first would land last.
      await Promise.all([writeFileAtomic(file, `first ${trial} `.repeat(50_000)), writeFileAtomic(file, `second ${trial}`)]);
      expect(await readFile(file, 'utf8')).toBe(`second ${trial}`);
    }
    expect(await readdir(dir)).toEqual(['model.ts']);
  });

  it('orders writes by the file they reach: a path and a symlink to it share one queue', async () => {
    const dir = await tempDir();
    const file = join(dir, 'model.ts');
    await writeFile(file, '');
    await symlink('model.ts', join(dir, 'alias.ts'));
    for (let trial = 0; trial < 20; trial++) {
      await Promise.all([writeFileAtomic(file, 'a'.repeat(500_000)), writeFileAtomic(join(dir, 'alias.ts'), `b ${trial}`)]);
      expect(await readFile(file, 'utf8')).toBe(`b ${trial}`);
    }
  });
});
