// Response headers for app:// files: the MIME type (custom protocols get none
// for free) and the Content-Security-Policy, set as a header so it also covers
// workers, which a <meta> tag in index.html cannot.

import { extname } from 'node:path';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** The page: no eval, no remote code, inline styles only because Monaco sets them. */
export const DOCUMENT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * A dedicated worker takes its CSP from its own script response, not from the
 * page. The engine worker compiles the user's program with `new Function` by
 * design (that is what Gradscope does), so worker scripts may eval; they have
 * no DOM and no access to the desktop API, and the page above still may not.
 * A CSP header on a script the page merely imports has no effect, so giving
 * this header to every script is harmless outside workers.
 */
export const WORKER_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

/**
 * The browser build has no app:// handler to vary headers by file, so its
 * server sends one policy for everything: the page's, with eval allowed. The
 * page itself also carries DOCUMENT_CSP in a <meta> tag (renderer/csp.ts), and
 * a page obeys both, so the page still may not eval; the engine worker, which
 * gets only the header, may eval and may connect nowhere but its own origin,
 * as in the desktop app.
 */
export const BROWSER_SERVER_CSP = DOCUMENT_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'");

export function responseHeaders(path: string): Record<string, string> {
  const type = contentTypeFor(path);
  const isScript = type.startsWith('text/javascript');
  return {
    'Content-Type': type,
    'Content-Security-Policy': isScript ? WORKER_CSP : DOCUMENT_CSP,
    'X-Content-Type-Options': 'nosniff',
    // Files change only when the app is rebuilt; revalidate so a rebuilt app never shows stale code.
    'Cache-Control': 'no-cache',
  };
}
