// Playwright config for the desktop app test (e2e/electron.spec.ts) only. The
// root playwright.config.ts drives the browser build against a web server;
// this one launches Electron itself, so it needs no server and no browser.
// Run with `npm run test:electron` (which builds the app first).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '../e2e',
  testMatch: /electron\.spec\.ts$/,
  outputDir: '../test-results/electron',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
});
