// Main-thread benchmark (`npm run bench:main-thread`, after build:web): in
// headless Chromium against the static build, runs large programs in the app
// and reports the main thread's long tasks (PerformanceObserver 'longtask',
// tasks over 50 ms) from pasting the program until the graph is drawn, and how
// the result is received: the worker's message (structured-clone decoding,
// before the handler runs), decoding and checking its values and backward
// calls (common/wire.ts, a slice at a time, over several tasks), and showing
// it (the synchronous rest: view update, layout start).
// Target (issue 8): no task over 100 ms. Prints a table; asserts nothing.

import { readFileSync } from 'node:fs';
// Built by build:web (through gen:engine-dts → build:engine), which bench:main-thread runs first.
import { emptyApp, median, startApp } from './app-browser.mjs';

const example = (name) => readFileSync(`examples/${name}`, 'utf8');
const demo = example('moons-demo.ts');
const workloads = [
  // One step of micrograd's demo: the graph of 65,818 values.
  { name: "micrograd's demo step", source: demo.replace('k < 100', 'k < 1') },
  // The whole demo: 100 steps, the values of the kept backward calls.
  { name: 'moons-demo (100 steps)', source: demo },
  { name: 'two-moons (40 steps)', source: example('two-moons.ts') },
].filter((w) => !process.env.BENCH_ONLY || w.name.includes(process.env.BENCH_ONLY));
const repeats = Number(process.env.BENCH_REPEATS ?? 3);

const app = await startApp();
const { browser } = app;
const rows = [];
try {
  for (const workload of workloads) {
    for (let r = 0; r < repeats; r++) {
      const { page, draws } = await emptyApp(browser, app.url, { width: 1400, height: 900 });
      const typedAt = await page.evaluate(() => {
        performance.clearMarks();
        return performance.now();
      });
      // A paste, as e2e/helpers.ts's pasteProgram does (typing 45 lines is the editor's own long work).
      await page.evaluate((text) => {
        const data = new DataTransfer();
        data.setData('text/plain', text);
        document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      }, workload.source);
      await page.waitForFunction((d) => { const s = window.gradscope.snapshot(); return s.draws > d && !s.busy; }, draws, { timeout: 180_000, polling: 500 });
      // Let anything queued after the draw run, then read the long tasks.
      await page.waitForTimeout(1500);
      const result = await page.evaluate((t0) => {
        const mark = (name) => performance.getEntriesByName(name, 'mark').at(-1)?.startTime ?? NaN;
        const received = mark('gradscope:result-received');
        const tasks = window.__longTasks.filter((t) => t.start + t.duration >= t0);
        // While the program runs (the editor taking the typed text included), and from the result on.
        const running = tasks.filter((t) => t.start < received);
        const opening = tasks.filter((t) => t.start + t.duration >= received);
        // The task that ran the result handler: the long task containing its mark.
        const task = tasks.find((t) => t.start <= received && received <= t.start + t.duration) ?? null;
        const s = window.gradscope.snapshot();
        return {
          values: document.getElementById('status')?.innerText ?? '',
          error: s.error?.message ?? null,
          longest: Math.max(0, ...tasks.map((t) => t.duration)),
          longestRunning: Math.max(0, ...running.map((t) => t.duration)),
          longestOpening: Math.max(0, ...opening.map((t) => t.duration)),
          over100: tasks.filter((t) => t.duration > 100).length,
          total: tasks.reduce((sum, t) => sum + t.duration, 0),
          receive: task === null ? NaN : received - task.start,
          check: mark('gradscope:result-checked') - received,
          show: mark('gradscope:result-shown') - mark('gradscope:result-checked'),
          resultTask: task?.duration ?? NaN,
        };
      }, typedAt);
      if (result.error) throw new Error(`${workload.name}: ${result.error}`);
      rows.push({ name: workload.name, ...result });
      await page.close();
    }
  }
} finally {
  await app.close();
}

const f = (x) => (Number.isFinite(x) ? x.toFixed(0) : '–');
console.log('\nGradscope main-thread benchmark (headless Chromium, static build, 1400×900)\n');
console.log(`Medians of ${repeats} runs; long tasks counted from the paste until 1.5 s after the graph is drawn.\n`);
console.log('| program | status line | longest task (ms) | while running | while opening | tasks > 100 ms | all long tasks (ms) | task receiving the result (ms) | its message decoding (ms) | decode + check, wall (ms) | show (ms) |');
console.log('|:--|:--|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
for (const name of [...new Set(rows.map((r) => r.name))]) {
  const rs = rows.filter((r) => r.name === name);
  const m = (key) => median(rs.map((r) => r[key]));
  console.log(`| ${name} | ${rs[0].values.split('\n')[0]} | ${f(m('longest'))} | ${f(m('longestRunning'))} | ${f(m('longestOpening'))} | ${m('over100')} | ${f(m('total'))} | ${f(m('resultTask'))} | ${f(m('receive'))} | ${f(m('check'))} | ${f(m('show'))} |`);
}
console.log('\nwhile running: from the paste (the editor taking the text included) until the result arrives; while opening: from then on.');
console.log('message decoding: from the start of the task that delivers the worker\'s result to its handler (structured clone);');
console.log('decode + check: wire.ts and validate-snapshot.ts, wall time over slices; show: the rest (view update, layout start). Target: no task over 100 ms.');
