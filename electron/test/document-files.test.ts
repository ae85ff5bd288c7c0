import { describe, expect, it } from 'vitest';
import { mkdir, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DocumentError, MAX_DOCUMENT_BYTES, isOpenableName, readDocument, withDefaultExtension } from '../core/document-files.js';
import { tempDir } from './temp-dir.js';

describe('readDocument', () => {
  it('reads .ts, .js and .txt files as UTF-8', async () => {
    const dir = await tempDir();
    for (const name of ['a.ts', 'b.js', 'c.txt', 'D.TS']) {
      await writeFile(join(dir, name), `// ${name} ∂`);
      expect(await readDocument(join(dir, name))).toBe(`// ${name} ∂`);
    }
  });

  it('refuses other file types without reading them', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'secret.json'), '{}');
    await expect(readDocument(join(dir, 'secret.json'))).rejects.toThrow(DocumentError);
  });

  it('reports a missing file', async () => {
    const dir = await tempDir();
    await expect(readDocument(join(dir, 'gone.ts'))).rejects.toThrow(/not found/);
  });

  it('refuses a directory named like a program', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'folder.ts'));
    await expect(readDocument(join(dir, 'folder.ts'))).rejects.toThrow(/Not a file/);
  });

  it('refuses a file over the size cap, accepts one at it', async () => {
    const dir = await tempDir();
    const big = join(dir, 'big.ts');
    await writeFile(big, '');
    await truncate(big, MAX_DOCUMENT_BYTES + 1);
    await expect(readDocument(big)).rejects.toThrow(/too large/);
    await truncate(big, MAX_DOCUMENT_BYTES);
    expect((await readDocument(big)).length).toBe(MAX_DOCUMENT_BYTES);
  });
});

describe('isOpenableName', () => {
  it('knows program extensions, case-insensitively', () => {
    expect(isOpenableName('/x/model.ts')).toBe(true);
    expect(isOpenableName('/x/model.TXT')).toBe(true);
    expect(isOpenableName('/x/model.tsx')).toBe(false);
    expect(isOpenableName('/x/model')).toBe(false);
  });
});

describe('withDefaultExtension', () => {
  it('adds .ts to a bare Save As name', () => {
    expect(withDefaultExtension('/home/u/model')).toBe('/home/u/model.ts');
  });

  it('keeps any extension the user typed', () => {
    expect(withDefaultExtension('/home/u/model.ts')).toBe('/home/u/model.ts');
    expect(withDefaultExtension('/home/u/notes.txt')).toBe('/home/u/notes.txt');
    expect(withDefaultExtension('/home/u/v1.2/model.js')).toBe('/home/u/v1.2/model.js');
  });

  it('looks only at the file name, not at dots in folders', () => {
    expect(withDefaultExtension('/home/u/v1.2/model')).toBe('/home/u/v1.2/model.ts');
  });
});
