import { describe, expect, it } from 'vitest';
import { isTrustedSenderUrl } from '../core/sender.js';

describe('isTrustedSenderUrl', () => {
  it.each(['app://gradscope/index.html', 'app://gradscope/', 'app://gradscope/index.html?x=1#y', 'app://GRADSCOPE/index.html'])(
    'trusts our page %s',
    (url) => {
      expect(isTrustedSenderUrl(url)).toBe(true);
    },
  );

  it.each([
    'app://evil/index.html',
    'app://gradscope.evil.com/index.html',
    'app://user@gradscope/index.html',
    'https://gradscope/index.html',
    'file:///home/u/dist/web/index.html',
    'http://127.0.0.1:5173/',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isTrustedSenderUrl(url)).toBe(false);
  });

  it('refuses a missing frame URL (frame navigated or destroyed)', () => {
    expect(isTrustedSenderUrl(null)).toBe(false);
    expect(isTrustedSenderUrl(undefined)).toBe(false);
  });
});
