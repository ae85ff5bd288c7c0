// End-to-end tests of the browser build: the static dist/web served by
// `vite preview`, driven in the Chromium engine/node/chromium.ts picks
// ($GRADSCOPE_CHROMIUM, Playwright's own, or Debian's /usr/bin/chromium).
// electron.spec.ts has its own launcher and is not run here.
import { chromium, defineConfig } from '@playwright/test';
import { chromiumArgs, findChromium, playwrightChromium } from './engine/node/chromium.js';

// GRADSCOPE_E2E_PORT lets two checkouts run their e2e suites side by side.
const port = Number(process.env.GRADSCOPE_E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  testMatch: /.*\.e2e\.ts$/,
  outputDir: 'test-results',
  workers: 2,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      // Undefined when none is installed: Playwright then says how to install its own.
      executablePath: findChromium(process.env, playwrightChromium(chromium)).path ?? undefined,
      args: chromiumArgs,
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    // Serves the static build: `npm test` and `npm run test:e2e` build it first.
    command: `npx vite preview --config renderer/vite.config.ts --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
