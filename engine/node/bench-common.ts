// What the engine's benchmarks share: a table printer, and running modules in
// headless Chromium's Web Workers, where the app's engine runs, with the built
// engine (dist/) served so that they can import it.

import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import type { MicrogradTimes } from '../bench/workloads.js';
import { makeMoons } from '../data.js';
import { seed } from '../random.js';
import { chromiumArgs, findChromium, playwrightChromium } from './chromium.js';

// dist/, which holds the engine and the common layer it imports.
const distRoot = fileURLToPath(new URL('../..', import.meta.url));

export function printTable(title: string, rows: string[][]): void {
  console.log(`\n${title}\n`);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const [i, row] of rows.entries()) {
    console.log(`| ${row.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`);
    if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  }
}

/** Serves the built engine so a page can import it as ES modules. */
function serveEngine(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]));
    if (path === '/') {
      res.setHeader('content-type', 'text/html');
      res.end('<!doctype html><title>gradscope bench</title>');
      return;
    }
    const file = join(distRoot, path);
    if (!file.startsWith(distRoot) || !existsSync(file)) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('content-type', 'text/javascript');
    res.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/` });
    }),
  );
}


/**
 * Runs each module source that `sources(url)` gives (url: where dist/ is
 * served) in a fresh dedicated worker, one after another, and returns the
 * first message each posts; or, when there is no Chromium, why not.
 */
export async function inChromiumWorkers(sources: (url: string) => string[]): Promise<{ version: string; results: unknown[] } | string> {
  const { chromium } = await import('@playwright/test');
  const choice = findChromium(process.env, playwrightChromium(chromium));
  if (choice.path === null) return choice.source;
  const { server, url } = await serveEngine();
  const browser = await chromium.launch({ executablePath: choice.path, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    const results: unknown[] = [];
    for (const source of sources(url)) {
      // A string: this file is compiled without the DOM's types.
      results.push(
        await page.evaluate(`new Promise((resolve, reject) => {
          const worker = new Worker(URL.createObjectURL(new Blob([${JSON.stringify(source)}], { type: 'text/javascript' })), { type: 'module' });
          worker.onmessage = (e) => { resolve(e.data); worker.terminate(); };
          worker.onerror = (e) => reject(new Error(e.message));
        })`),
      );
    }
    return { version: browser.version(), results };
  } finally {
    await browser.close();
    server.close();
  }
}

/** micrograd's demo step in CPython on the same points, with GC on and off; null without python3. */
export function benchMicrograd(): MicrogradTimes | null {
  seed(1337);
  const { X, y } = makeMoons(100, 0.1);
  const script = fileURLToPath(new URL('../../../engine/bench/micrograd_demo.py', import.meta.url));
  const run = spawnSync('python3', [script], { input: JSON.stringify({ X, y, gcSteps: 2, noGcSteps: 5 }), encoding: 'utf8' });
  if (run.status !== 0) {
    console.log(`micrograd: not measured (python3 ${run.error?.message ?? run.stderr.trim()})`);
    return null;
  }
  return JSON.parse(run.stdout) as MicrogradTimes;
}
