import { describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_START_URL, isAppUrl, resolveAppPath } from '../core/app-url.js';
import { tempDir } from './temp-dir.js';

/** A miniature dist/web next to a secret that must stay out of reach. */
async function webRoot(): Promise<{ root: string; outside: string }> {
  const dir = await tempDir();
  const root = join(dir, 'web');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<title>Gradscope</title>');
  await writeFile(join(root, 'assets', 'main-abc.js'), 'console.log(1)');
  await writeFile(join(root, 'assets', 'a b.css'), 'body{}');
  await writeFile(join(dir, 'secret.txt'), 'secret');
  return { root, outside: join(dir, 'secret.txt') };
}

describe('resolveAppPath', () => {
  it('serves index.html for the start URL and for the bare origin', async () => {
    const { root } = await webRoot();
    expect(resolveAppPath(APP_START_URL, root)).toBe(join(root, 'index.html'));
    expect(resolveAppPath('app://gradscope/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppPath('app://gradscope', root)).toBe(join(root, 'index.html'));
  });

  it('maps asset URLs to files that really exist under the root', async () => {
    const { root } = await webRoot();
    const path = resolveAppPath('app://gradscope/assets/main-abc.js?v=2#top', root);
    expect(path).toBe(join(root, 'assets', 'main-abc.js'));
    expect(await readFile(path ?? '', 'utf8')).toBe('console.log(1)');
    expect(resolveAppPath('app://gradscope/assets/a%20b.css', root)).toBe(join(root, 'assets', 'a b.css'));
  });

  it.each([
    'app://gradscope/../secret.txt',
    'app://gradscope/assets/../../secret.txt',
    'app://gradscope/%2e%2e/secret.txt',
    'app://gradscope/..%2fsecret.txt',
    'app://gradscope/assets/..%2F..%2Fsecret.txt',
    'app://gradscope/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://gradscope/..%5csecret.txt',
  ])('never resolves outside the root: %s', async (url) => {
    const { root, outside } = await webRoot();
    const path = resolveAppPath(url, root);
    expect(path).not.toBe(outside);
    if (path !== null) expect(path.startsWith(join(root, '/'))).toBe(true);
  });

  it('rejects encoded slashes that would escape the root', async () => {
    const { root } = await webRoot();
    expect(resolveAppPath('app://gradscope/..%2f..%2fsecret.txt', root)).toBeNull();
    expect(resolveAppPath('app://gradscope/..%2fweb%2findex.html', root)).toBe(join(root, 'index.html'));
  });

  it('treats dot segments the way the URL parser does: clamped at the origin root', async () => {
    const { root } = await webRoot();
    // WHATWG URLs resolve "/assets/%2e%2e/%2e%2e/x" to "/x" before we see it.
    expect(resolveAppPath('app://gradscope/assets/%2e%2e/%2e%2e/secret.txt', root)).toBe(join(root, 'secret.txt'));
  });

  it('rejects NUL bytes and malformed escapes', async () => {
    const { root } = await webRoot();
    expect(resolveAppPath('app://gradscope/index.html%00.png', root)).toBeNull();
    expect(resolveAppPath('app://gradscope/%E0%A4%A', root)).toBeNull();
  });

  it('rejects other hosts and schemes', async () => {
    const { root } = await webRoot();
    expect(resolveAppPath('app://other/index.html', root)).toBeNull();
    expect(resolveAppPath('file:///index.html', root)).toBeNull();
    expect(resolveAppPath('https://gradscope/index.html', root)).toBeNull();
  });
});

describe('isAppUrl', () => {
  it('recognises only app://gradscope', () => {
    expect(isAppUrl('app://gradscope/x')).toBe(true);
    expect(isAppUrl('app://gradscopex/x')).toBe(false);
    expect(isAppUrl('https://example.org')).toBe(false);
  });
});
