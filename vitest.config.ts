// Unit tests only: e2e/ holds Playwright specs, which Vitest must not collect.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['engine/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts'],
    // The CLI tests run the built binary: build it once, before every file.
    globalSetup: ['engine/test/build-cli.ts'],
    // Many tests start the CLI, which runs each program in a process of its
    // own; on a loaded 2-core machine two such runs can pass vitest's 5 s.
    testTimeout: 30_000,
  },
});
