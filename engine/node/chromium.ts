// Which Chromium the e2e tests and the benchmarks drive, in one place
// (playwright.config.ts, engine/node/bench.ts, renderer/bench/bench-ui.mjs):
//   1. $GRADSCOPE_CHROMIUM, when set (it must exist: a typo should not
//      silently test another browser);
//   2. Playwright's own Chromium, where `npx playwright install chromium` put it;
//   3. Debian's /usr/bin/chromium (`apt-get install chromium`).

import { existsSync } from 'node:fs';

export const chromiumEnvVar = 'GRADSCOPE_CHROMIUM';
export const systemChromium = '/usr/bin/chromium';

/** Flags for a headless Chromium in a container or on CI (no OS sandbox as root, no GPU, no network chatter). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface ChromiumChoice {
  /** The executable, or null when none of the three is installed. */
  path: string | null;
  /** Where it came from, or what was looked for, to print. */
  source: string;
}

/**
 * `playwrightOwn` is Playwright's `chromium.executablePath()` (where its own
 * download would be); `exists` is injectable for tests.
 */
export function findChromium(
  env: Record<string, string | undefined> = process.env,
  playwrightOwn: string | null = null,
  exists: (path: string) => boolean = existsSync,
): ChromiumChoice {
  const fromEnv = env[chromiumEnvVar];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!exists(fromEnv)) throw new Error(`${chromiumEnvVar}=${fromEnv}: no such file`);
    return { path: fromEnv, source: `$${chromiumEnvVar}` };
  }
  if (playwrightOwn && exists(playwrightOwn)) return { path: playwrightOwn, source: "Playwright's Chromium" };
  if (exists(systemChromium)) return { path: systemChromium, source: systemChromium };
  return {
    path: null,
    source: `no Chromium: set ${chromiumEnvVar}, run \`npx playwright install chromium\`, or apt-get install chromium`,
  };
}

/** Playwright's own Chromium path; null when Playwright cannot say (it throws for unknown platforms). */
export function playwrightChromium(browserType: { executablePath(): string }): string | null {
  try {
    return browserType.executablePath();
  } catch {
    return null;
  }
}
