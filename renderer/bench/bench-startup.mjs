// Startup benchmark (`npm run bench:startup`, builds dist/web first): loads
// the static build in headless Chromium, each time in a fresh browser context
// (empty HTTP cache), and measures from navigation start to
//   - first contentful paint (Chromium's own paint timing),
//   - the editor painted: the program's first line is on screen in Monaco,
//   - the graph drawn for the first time (the example program ran in the worker),
// plus the bytes the page downloaded by then. Prints medians and minima.
// BENCH_COMPARE=path also measures another build (e.g. a copy of an older
// dist/web), alternating loads of the two (A B B A …) so that the machine's
// load affects both alike. BENCH_RUNS sets the number of loads of each (default 9).

import { chromium } from '@playwright/test';
import { resolve } from 'node:path';
import { preview } from 'vite';

const runs = Number(process.env.BENCH_RUNS ?? 9);
const port = Number(process.env.GRADSCOPE_BENCH_PORT ?? 4174);
const builds = ['dist/web', ...(process.env.BENCH_COMPARE ? [process.env.BENCH_COMPARE] : [])];

const servers = [];
for (const [i, outDir] of builds.entries()) {
  servers.push(await preview({
    configFile: 'renderer/vite.config.ts',
    preview: { host: '127.0.0.1', port: port + i, strictPort: true },
    build: { outDir: resolve(outDir) }, // relative to where npm runs, not to the config's root
    logLevel: 'warn',
  }));
}
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const version = browser.version();

/** One cold load of the build served on `at`: its timings in ms and the KiB downloaded. */
async function load(at) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  // Past the first-start screen (the examples gallery), as the e2e tests are.
  await page.addInitScript(() => localStorage.setItem('gradscope.welcomed', '1'));
  let bytes = 0;
  page.on('response', async (response) => {
    const body = await response.body().catch(() => null);
    if (body) bytes += body.length;
  });
  await page.goto(`http://127.0.0.1:${at}/`, { waitUntil: 'commit' });
  const editor = await page.evaluate(() => new Promise((resolve) => {
    const painted = () => document.querySelector('#editor .view-lines .view-line')?.textContent?.trim();
    const poll = () => (painted() ? resolve(performance.now()) : requestAnimationFrame(poll));
    poll();
  }));
  await page.waitForFunction(() => window.gradscope?.snapshot().draws > 0, undefined, { polling: 'raf', timeout: 60_000 });
  const graph = await page.evaluate(() => performance.now());
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
  await page.waitForLoadState('networkidle');
  await context.close();
  return { fcp, editor, graph, kib: bytes / 1024 };
}

const samples = builds.map(() => []);
try {
  for (const [i] of builds.entries()) await load(port + i); // warm-up: server, browser, OS file cache
  for (let r = 0; r < runs; r++) {
    // A B, B A, A B, …: neither build always goes first.
    const order = r % 2 === 0 ? [...builds.keys()] : [...builds.keys()].reverse();
    for (const i of order) samples[i].push(await load(port + i));
  }
} finally {
  await browser.close();
  for (const server of servers) await new Promise((resolve) => server.httpServer.close(resolve));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`Startup in Chromium ${version}, median (fastest) of ${runs} cold loads each (1280×720):\n`);
console.log('| build | first contentful paint (ms) | editor painted (ms) | first graph drawn (ms) | downloaded (KiB) |');
console.log('|:--|---:|---:|---:|---:|');
for (const [i, dir] of builds.entries()) {
  const m = (key) => {
    const xs = samples[i].map((s) => s[key]);
    return key === 'kib' ? median(xs).toFixed(0) : `${median(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)})`;
  };
  console.log(`| ${dir} | ${m('fcp')} | ${m('editor')} | ${m('graph')} | ${m('kib')} |`);
}
