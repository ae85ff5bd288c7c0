import { describe, expect, it } from 'vitest';
import { DOCUMENT_CSP, WORKER_CSP, contentTypeFor, responseHeaders } from '../core/content-policy.js';

/** The directives of a policy as a map, for exact checks. */
function directives(policy: string): Map<string, string> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+(.*)/s, 2) as [string, string]));
}

describe('DOCUMENT_CSP', () => {
  const csp = directives(DOCUMENT_CSP);

  it('has the directives the app needs and nothing looser', () => {
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('worker-src')).toBe("'self' blob:");
    expect(csp.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(csp.get('img-src')).toBe("'self' data: blob:");
    expect(csp.get('font-src')).toBe("'self' data:");
    expect(csp.get('connect-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
  });

  it('never allows eval or remote scripts in the page', () => {
    expect(DOCUMENT_CSP).not.toContain('unsafe-eval');
    expect(DOCUMENT_CSP).not.toMatch(/https?:/);
  });
});

describe('WORKER_CSP', () => {
  it('lets workers evaluate the user program but load code only from the app', () => {
    const csp = directives(WORKER_CSP);
    expect(csp.get('script-src')).toBe("'self' 'unsafe-eval'");
    expect(csp.get('connect-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
  });
});

describe('responseHeaders', () => {
  it('gives documents the page policy and scripts the worker policy', () => {
    expect(responseHeaders('/web/index.html')['Content-Security-Policy']).toBe(DOCUMENT_CSP);
    expect(responseHeaders('/web/assets/worker-1.js')['Content-Security-Policy']).toBe(WORKER_CSP);
  });

  it('forbids MIME sniffing', () => {
    expect(responseHeaders('/web/index.html')['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.MJS', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['codicon.ttf', 'font/ttf'],
    ['icon.svg', 'image/svg+xml'],
    ['blob.bin', 'application/octet-stream'],
  ])('%s is %s', (name, type) => {
    expect(contentTypeFor(`/web/${name}`)).toBe(type);
  });
});
