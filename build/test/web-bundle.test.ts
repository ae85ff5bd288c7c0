// The browser build (dist/web, also the desktop app's renderer) stays lean:
// within a size budget, and with only the Monaco languages and workers the app
// uses (TypeScript/JavaScript; the editor's worker and the TypeScript worker).
// Needs dist/web built first (npm run test:package builds it).

import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const web = join(root, 'dist', 'web');
const monaco = join(root, 'node_modules', 'monaco-editor', 'esm', 'vs'); // its exports map hides package.json

const MiB = 1024 * 1024;
/** All of dist/web (13.8 MiB when set; 16.4 MiB with every Monaco language and worker). */
const WEB_BUDGET = 15 * MiB;
/** The entry script index.html loads, parsed before the editor can paint (4.26 MiB when set; 4.79 MiB with ECharts in it). */
const ENTRY_BUDGET = 4.6 * MiB;

let assets: Array<{ name: string; size: number }>;

beforeAll(() => {
  try {
    statSync(join(web, 'index.html'));
  } catch {
    throw new Error('dist/web/index.html is missing: run npm run build:web first (npm run test:package does)');
  }
  assets = readdirSync(join(web, 'assets')).map((name) => ({ name, size: statSync(join(web, 'assets', name)).size }));
});

const total = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((sum, d) => sum + (d.isDirectory() ? total(join(dir, d.name)) : statSync(join(dir, d.name)).size), 0);
const mib = (bytes: number) => `${(bytes / MiB).toFixed(2)} MiB`;

describe('dist/web', () => {
  it(`is at most ${WEB_BUDGET / MiB} MiB, and its entry script at most ${ENTRY_BUDGET / MiB} MiB`, () => {
    const size = total(web);
    const entry = readFileSync(join(web, 'index.html'), 'utf8').match(/<script type="module"[^>]* src="\.\/assets\/([^"]+)"/)?.[1];
    expect(entry, 'index.html loads no module script from assets/').toBeTruthy();
    const entrySize = statSync(join(web, 'assets', entry!)).size;
    const largest = [...assets].sort((a, b) => b.size - a.size).slice(0, 6).map((a) => `${a.name} ${mib(a.size)}`);
    console.log(`[web-bundle] dist/web ${mib(size)} (budget ${WEB_BUDGET / MiB} MiB), entry ${entry} ${mib(entrySize)}; largest: ${largest.join(', ')}`);
    expect(size).toBeLessThanOrEqual(WEB_BUDGET);
    expect(entrySize).toBeLessThanOrEqual(ENTRY_BUDGET);
  });

  it('has no Monaco language but TypeScript and JavaScript', () => {
    // Every language Monaco 0.57 defines, from the installed package.
    const languages = readdirSync(join(monaco, 'languages', 'definitions'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'common')
      .map((d) => d.name);
    expect(languages).toEqual(expect.arrayContaining(['typescript', 'javascript', 'python', 'abap', 'css', 'html']));
    // Vite names a lazily loaded language chunk after its module: python-<hash>.js.
    const chunkOf = (name: string) => name.match(/^(.+)-[\w-]{8}\.js$/)?.[1];
    const bundled = assets.map((a) => chunkOf(a.name)).filter((chunk) => chunk && languages.includes(chunk));
    expect(bundled.sort()).toEqual(['javascript', 'typescript']);
  });

  it("has, of Monaco's workers, only the editor's and the TypeScript one", () => {
    const workers = [join(monaco, 'editor', 'editor.worker.js')];
    for (const feature of readdirSync(join(monaco, 'languages', 'features'), { withFileTypes: true })) {
      if (!feature.isDirectory()) continue;
      for (const file of readdirSync(join(monaco, 'languages', 'features', feature.name))) if (file.endsWith('.worker.js')) workers.push(file);
    }
    const names = workers.map((w) => basename(w, '.js'));
    expect(names).toEqual(expect.arrayContaining(['editor.worker', 'ts.worker', 'css.worker', 'html.worker', 'json.worker']));
    const bundled = assets.map((a) => a.name.replace(/-[\w-]{8}\.js$/, '')).filter((name) => names.includes(name));
    expect(bundled.sort()).toEqual(['editor.worker', 'ts.worker']);
  });
});
