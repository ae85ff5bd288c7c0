// Does drawing cost grow linearly with the drawn elements? (issue 8.) After
// `npm run build:web`: `node renderer/bench/bench-draw-scaling.mjs`. In
// headless Chromium against the static build, draws programs of doubling size
// whole (the drawing limit raised past them) and prints, per size, the drawn
// elements and the main thread's parts of a draw from the view's own timing
// (the status line's tooltip): building the elements, adding them to
// cytoscape, the first paint, and the time until the last chunk is added;
// then each per 1,000 elements. Linear cost shows as a flat per-1,000 column.
// Asserts nothing.

import { startApp } from './app-browser.mjs';

const sizes = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map(Number) : [1000, 2000, 4000, 8000, 16000];

/** About `n` values: leaves, then s = tanh(s + tanh(x_i·x_j)) repeated (no run of one op, so no
 *  folded chain: the graph is drawn value by value, not grouped). */
function program(n) {
  const leaves = Math.max(2, Math.round(n / 10));
  const terms = Math.max(1, Math.round((n - leaves - 1) / 4));
  return `const xs = [];
for (let i = 0; i < ${leaves}; i++) xs.push(new Value(Math.sin(i) * 0.5, 'x' + i));
let s = new Value(0, 's');
for (let i = 0; i < ${terms}; i++) s = s.add(xs[i % ${leaves}].mul(xs[(i * 7 + 3) % ${leaves}]).tanh()).tanh();
s.backward();
`;
}

const app = await startApp();
const rows = [];
try {
  for (const n of sizes) {
    const page = await app.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript(() => localStorage.getItem('gradscope.welcomed') ?? localStorage.setItem('gradscope.welcomed', '1'));
    await page.goto(app.url);
    await page.waitForFunction(() => window.gradscope?.snapshot().draws > 0 && !window.gradscope.snapshot().busy);
    await page.getByRole('combobox', { name: 'Time limit' }).selectOption({ label: '60 s' });
    // The whole graph drawn: the limit above every size.
    await page.locator('#limit').fill(String(4 * n));
    await page.locator('#limit').press('Enter');
    const draws = await page.evaluate(() => window.gradscope.snapshot().draws);
    await page.locator('#editor .view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(program(n));
    await page.waitForFunction((d) => { const s = window.gradscope.snapshot(); return s.draws > d && !s.busy; }, draws, { timeout: 180_000, polling: 100 });
    const firstPaint = await page.evaluate(() => performance.now());
    // Until the last chunk is added (the container's data-loading goes).
    await page.waitForFunction(() => !document.querySelector('[data-loading]'), undefined, { timeout: 180_000, polling: 100 });
    const r = await page.evaluate((painted) => {
      const title = document.getElementById('status').title;
      const ms = (name) => Number(new RegExp(`${name} (\\d+) ms`).exec(title)?.[1] ?? NaN);
      const received = performance.getEntriesByName('gradscope:result-received', 'mark').at(-1)?.startTime ?? NaN;
      const s = window.gradscope.snapshot();
      if (s.groups.length > 0) throw new Error('the graph is grouped');
      const drawn = s.nodes.filter((x) => x.box !== null);
      const ops = drawn.filter((x) => x.op !== null);
      // Records, op nodes, each op's result edge, and its input edges (one into tanh, two into add and mul).
      const elements = drawn.length + 2 * ops.length + ops.reduce((k, x) => k + (x.op === 'tanh' ? 1 : 2), 0);
      const done = performance.now();
      return { values: s.nodes.length, drawn: drawn.length, elements, build: ms('elements'), layout: ms('layout'), trip: ms('round trip'), add: ms('add'), paint: ms('first paint'), drawn1: painted - received, rest: done - painted, all: done - received };
    }, firstPaint);
    rows.push(r);
    await page.close();
  }
} finally {
  await app.close();
}

const per = (ms, n) => (1000 * ms / n).toFixed(2);
console.log('| values drawn | elements | build (ms) | layout in worker / round trip (ms) | first add (ms) | first paint (ms) | result → drawn (ms) | drawn → all added (ms) | build / 1k | round trip / 1k | all added / 1k |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.drawn} | ${r.elements} | ${r.build} | ${r.layout} / ${r.trip} | ${r.add} | ${r.paint} | ${Math.round(r.drawn1)} | ${Math.round(r.rest)} | ${per(r.build, r.elements)} | ${per(r.trip, r.elements)} | ${per(r.all, r.elements)} |`);
}
