import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { documentFromArgv } from '../core/argv.js';

const cwd = resolve('/home/u/work');

describe('documentFromArgv', () => {
  it('finds a program passed to the packaged app', () => {
    expect(documentFromArgv(['/opt/Gradscope/gradscope', 'model.ts'], cwd, false)).toBe(resolve(cwd, 'model.ts'));
  });

  it('skips the app path in development, even when it is a .js file', () => {
    expect(documentFromArgv(['/x/electron', 'dist/electron/main.js'], cwd, true)).toBeNull();
    expect(documentFromArgv(['/x/electron', '--inspect=0', 'dist/electron/main.js'], cwd, true)).toBeNull();
    expect(documentFromArgv(['/x/electron', '.', '../other/model.ts'], cwd, true)).toBe(resolve('/home/u/other/model.ts'));
  });

  it('ignores Chromium switches and unrelated arguments, taking the last program', () => {
    const argv = ['/opt/gradscope', '--no-sandbox', '--enable-features=X', 'notes.md', 'a.ts', '/abs/b.txt'];
    expect(documentFromArgv(argv, cwd, false)).toBe(resolve('/abs/b.txt'));
  });

  it('returns null when there is no program', () => {
    expect(documentFromArgv(['/opt/gradscope'], cwd, false)).toBeNull();
    expect(documentFromArgv(['/opt/gradscope', '--inspect'], cwd, false)).toBeNull();
  });
});
