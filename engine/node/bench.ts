// npm run bench: the engine's speed on micrograd's own workloads, under Node
// and in headless Chromium, where the app's engine worker runs. Prints tables
// of medians; asserts nothing (speed targets live here, not in tests).

import { operatorRows } from '../bench/operators.js';
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFile, spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { benchRows, type memoryProfile, type MicrogradTimes } from '../bench/workloads.js';
import { makeMoons } from '../data.js';
import { seed } from '../random.js';
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

async function benchInChromium(micrograd: MicrogradTimes | null): Promise<void> {
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
      const source = "import { benchRows } from '${url}engine/bench/workloads.js'; postMessage(benchRows(${JSON.stringify(micrograd).replace(/"/g, '\\"')}));";
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
function benchInSandbox(micrograd: MicrogradTimes | null): Promise<string[][]> {
  const source = `import { benchRows } from ${JSON.stringify(new URL('../bench/workloads.js', import.meta.url).href)};
    process.stdout.write(JSON.stringify(benchRows(${JSON.stringify(micrograd)})));`;
  const args = [...sandboxNodeFlags(), ...sandboxReadPaths().map((p) => `--allow-fs-read=${p}`), '--input-type=module', '-e', source];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as string[][]);
    });
  });
}

/** micrograd's demo step in CPython on the same points, with GC on and off; null without python3. */
function benchMicrograd(): MicrogradTimes | null {
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

/** Allocation per value and memory held, in a worker whose young generation
 *  holds a whole step (so no collection runs inside the measured step). */
function benchMemory(): Promise<ReturnType<typeof memoryProfile>> {
  const source = `import { parentPort } from 'node:worker_threads';
    import { setFlagsFromString } from 'node:v8';
    import { runInNewContext } from 'node:vm';
    import { memoryProfile } from ${JSON.stringify(new URL('../bench/workloads.js', import.meta.url).href)};
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc');
    const used = () => { const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
    parentPort.postMessage(memoryProfile(used, gc));`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`), { resourceLimits: { maxYoungGenerationSizeMb: 512 } });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: ReturnType<typeof memoryProfile>) => {
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', reject);
  });
}

const micrograd = benchMicrograd();
if (micrograd !== null) {
  console.log(`micrograd (CPython ${spawnSync('python3', ['--version'], { encoding: 'utf8' }).stdout.trim().replace('Python ', '')}) demo step, median: ${micrograd.gc.toFixed(0)} ms, ${micrograd.noGc.toFixed(0)} ms with gc.disable()`);
}
printTable(`Node ${process.version}, main thread, default flags:`, benchRows(micrograd));
const memory = await benchMemory();
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
console.log(
  `\nMemory (Node): ${memory.bytesPerValue.toFixed(0)} bytes allocated per value in a demo step; ` +
    `held after 10 steps ${mb(memory.heldAfter10)}, after 100 steps ${mb(memory.heldAfter100)} (heap + array buffers, after a full GC).`,
);
printTable("Numbers-only code in a program (micrograd's operators rewritten):", operatorRows());
printTable(
  `Node ${process.version}, in the CLI's sandbox process (semi-space ${semiSpaceMb(defaultMemoryMb)} MB):`,
  await benchInSandbox(micrograd),
);
await benchInChromium(micrograd);
console.log('\nMedians over 3 trainings (300 steps) untraced and 3 traced, 5 chains and 30 backward pairs, after one warm-up training each.');
