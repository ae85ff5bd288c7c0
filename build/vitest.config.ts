// The packaging checks (build/test/): they read the built app (dist/web and
// dist/electron), so they run after the builds, not with the unit tests.
// `npm run test:package` builds and runs them; `npm test` runs them after its builds.
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['build/test/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
