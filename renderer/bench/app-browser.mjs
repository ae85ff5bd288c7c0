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
