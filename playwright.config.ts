// End-to-end tests of the browser build: the static dist/web served by
// `vite preview`, driven in Debian's Chromium (Playwright's own download does
// not work here). electron.spec.ts has its own launcher and is not run here.
import { defineConfig } from '@playwright/test';

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
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
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
