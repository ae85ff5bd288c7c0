// npm run bench: the engine's speed on micrograd's own workloads, under Node
// and in headless Chromium, where the app's engine worker runs. Prints tables
// of medians; asserts nothing (speed targets live here, not in tests).

import { operatorRows } from '../bench/operators.js';
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import { benchRows } from '../bench/workloads.js';
import { chromiumArgs, findChromium, playwrightChromium } from './chromium.js';
import { sandboxReadPaths } from './sandbox.js';
import { defaultMemoryMb, sandboxNodeFlags, semiSpaceMb } from './sandbox-limits.js';

// dist/, which holds the engine and the common layer it imports.
const distRoot = fileURLToPath(new URL('../..', import.meta.url));

function printTable(title: string, rows: string[][]): void {
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

async function benchInChromium(): Promise<void> {
  const { chromium } = await import('@playwright/test');
  const choice = findChromium(process.env, playwrightChromium(chromium));
  if (choice.path === null) {
    console.log(`\nChromium: skipped, ${choice.source}.`);
    return;
  }
  const { server, url } = await serveEngine();
  const browser = await chromium.launch({ executablePath: choice.path, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    // In a dedicated worker, like the app's engine. (A string: this file is
    // compiled without the DOM's types.)
    const rows = (await page.evaluate(`new Promise((resolve, reject) => {
      const source = "import { benchRows } from '${url}engine/bench/workloads.js'; postMessage(benchRows());";
      const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), { type: 'module' });
      worker.onmessage = (e) => resolve(e.data);
      worker.onerror = (e) => reject(new Error(e.message));
    })`)) as string[][];
    printTable(`Chromium ${browser.version()}, in a Web Worker as in the app:`, rows);
  } finally {
    await browser.close();
    server.close();
  }
}

/** Runs the workloads in a process started as the CLI starts the one that runs a program. */
function benchInSandbox(): Promise<string[][]> {
  const source = `import { benchRows } from ${JSON.stringify(new URL('../bench/workloads.js', import.meta.url).href)};
    process.stdout.write(JSON.stringify(benchRows()));`;
  const args = [...sandboxNodeFlags(), ...sandboxReadPaths().map((p) => `--allow-fs-read=${p}`), '--input-type=module', '-e', source];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as string[][]);
    });
  });
}

printTable(`Node ${process.version}, main thread, default flags:`, benchRows());
printTable("Numbers-only code in a program (micrograd's operators rewritten):", operatorRows());
printTable(
  `Node ${process.version}, in the CLI's sandbox process (semi-space ${semiSpaceMb(defaultMemoryMb)} MB):`,
  await benchInSandbox(),
);
await benchInChromium();
console.log('\nMedians over 3 trainings (300 steps), 5 chains and 30 backward pairs, after one warm-up training.');
