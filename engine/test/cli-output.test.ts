// `gradscope export … -o OUT` writes through the one atomic-write module:
// never over the program, never a failed run's graph, never half a file.

import { execFile } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'dist/engine/node/cli.js');
const good = 'const a = new Value(2, "a");\nconst b = a.mul(a);\nb.backward();\n';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gradscope-out-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function gradscope(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', [cli, ...args], { cwd: root, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

function fresh(name: string): string {
  const d = join(dir, name);
  mkdirSync(d);
  return d;
}

describe('export -o OUT', { timeout: 30_000 }, () => {
  test('refuses OUT equal to the program (also through a symlink), leaving the program as it was', async () => {
    const d = fresh('same');
    const src = join(d, 'p.ts');
    writeFileSync(src, good);
    symlinkSync('p.ts', join(d, 'alias.ts'));
    for (const out of [src, join(d, 'alias.ts'), join(d, '.', 'p.ts')]) {
      const r = await gradscope(['export', src, '--format', 'json', '-o', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/is the program itself/);
      expect(readFileSync(src, 'utf8')).toBe(good);
    }
  });

  test('a failed run leaves OUT unchanged and says so (exit 1)', async () => {
    const d = fresh('failed');
    const src = join(d, 'bad.ts');
    writeFileSync(src, 'const a = new Value(1);\nthrow new Error("no");\n');
    const out = join(d, 'graph.json');
    writeFileSync(out, 'previous good graph');
    const r = await gradscope(['export', src, '--format', 'json', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${out} left unchanged: the program failed`);
    expect(readFileSync(out, 'utf8')).toBe('previous good graph');
    expect(readdirSync(d).sort()).toEqual(['bad.ts', 'graph.json']);
  });

  test('a directory as OUT is an error, and no temp file is left beside it', async () => {
    const d = fresh('dir');
    const src = join(d, 'p.ts');
    writeFileSync(src, good);
    mkdirSync(join(d, 'out.json'));
    const r = await gradscope(['export', src, '--format', 'json', '-o', join(d, 'out.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write .*out\.json: .*is a directory/);
    expect(readdirSync(d).sort()).toEqual(['out.json', 'p.ts']);
  });

  test('a read-only OUT is refused and kept', async () => {
    const d = fresh('readonly');
    const src = join(d, 'p.ts');
    writeFileSync(src, good);
    const out = join(d, 'locked.json');
    writeFileSync(out, 'keep');
    chmodSync(out, 0o444);
    const r = await gradscope(['export', src, '--format', 'json', '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/read-only/);
    expect(readFileSync(out, 'utf8')).toBe('keep');
  });

  test("OUT keeps its permissions, and a symlinked OUT updates the link's target", async () => {
    const d = fresh('mode');
    const src = join(d, 'p.ts');
    writeFileSync(src, good);
    const real = join(d, 'real.json');
    writeFileSync(real, 'old');
    chmodSync(real, 0o664);
    symlinkSync('real.json', join(d, 'link.json'));
    const r = await gradscope(['export', src, '--format', 'json', '-o', join(d, 'link.json')]);
    expect(r.code).toBe(0);
    expect(lstatSync(join(d, 'link.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(real, 'utf8')).format).toBe('gradscope.graph/1');
    expect(statSync(real).mode & 0o777).toBe(0o664);
    expect(readdirSync(d).sort()).toEqual(['link.json', 'p.ts', 'real.json']);
  });
});
