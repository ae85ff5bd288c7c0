// Which Chromium the e2e tests and benchmarks drive: the env variable, then
// Playwright's own browser, then Debian's.
import { describe, expect, it } from 'vitest';
import { findChromium, systemChromium } from '../node/chromium.js';

const installed = (...paths: string[]) => (p: string) => paths.includes(p);

describe('findChromium', () => {
  it('takes $GRADSCOPE_CHROMIUM first', () => {
    const choice = findChromium({ GRADSCOPE_CHROMIUM: '/opt/c/chrome' }, '/pw/chrome', installed('/opt/c/chrome', '/pw/chrome', systemChromium));
    expect(choice.path).toBe('/opt/c/chrome');
  });
  it('refuses a $GRADSCOPE_CHROMIUM that does not exist rather than testing another browser', () => {
    expect(() => findChromium({ GRADSCOPE_CHROMIUM: '/nope' }, null, installed(systemChromium))).toThrow(/GRADSCOPE_CHROMIUM=\/nope: no such file/);
  });
  it("falls back to Playwright's own Chromium where it is installed, then to /usr/bin/chromium", () => {
    expect(findChromium({}, '/pw/chrome', installed('/pw/chrome', systemChromium)).path).toBe('/pw/chrome');
    expect(findChromium({ GRADSCOPE_CHROMIUM: '' }, '/pw/chrome', installed(systemChromium)).path).toBe(systemChromium);
  });
  it('says how to get one when none is installed', () => {
    const choice = findChromium({}, '/pw/chrome', installed());
    expect(choice.path).toBeNull();
    expect(choice.source).toMatch(/GRADSCOPE_CHROMIUM.*playwright install chromium.*apt-get install chromium/);
  });
});
