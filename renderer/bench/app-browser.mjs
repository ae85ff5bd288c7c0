// What the UI benchmarks share: the built app (dist/web) served by vite
// preview, and Chromium (Debian's, or Playwright's) to open it in.

import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { chromiumArgs, findChromium, playwrightChromium } from '../../dist/engine/node/chromium.js';

/** Serves the app and starts the browser. GRADSCOPE_BENCH_PORT lets two checkouts benchmark side by side. */
export async function startApp() {
  const port = Number(process.env.GRADSCOPE_BENCH_PORT ?? 4174);
  const server = await preview({ configFile: 'renderer/vite.config.ts', preview: { host: '127.0.0.1', port, strictPort: true } });
  const choice = findChromium(process.env, playwrightChromium(chromium));
  if (choice.path === null) throw new Error(choice.source);
  const browser = await chromium.launch({ executablePath: choice.path, args: chromiumArgs });
  return {
    browser,
    url: `http://127.0.0.1:${port}/`,
    async close() {
      await browser.close();
      await new Promise((r) => server.httpServer.close(r));
    },
  };
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * A new page of the app, welcomed, its long tasks collected in
 * `window.__longTasks` ({ start, duration }) from the start, with the run time
 * limit at 60 s and the editor emptied: ready for a program to be pasted.
 * Returns the page and its draw count before the paste.
 */
export async function emptyApp(browser, url, viewport) {
  const page = await browser.newPage({ viewport });
  await page.addInitScript(() => {
    localStorage.getItem('gradscope.welcomed') ?? localStorage.setItem('gradscope.welcomed', '1');
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => window.gradscope?.snapshot().draws > 0 && !window.gradscope.snapshot().busy);
  await page.getByRole('combobox', { name: 'Time limit' }).selectOption({ label: '60 s' });
  const draws = await page.evaluate(() => window.gradscope.snapshot().draws);
  await page.locator('#editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.waitForFunction(() => !window.gradscope.snapshot().busy);
  return { page, draws };
}
