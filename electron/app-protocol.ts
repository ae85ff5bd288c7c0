// Serves the built renderer (dist/web) on app://gradscope/. Which file a URL
// names, and the headers it gets (MIME type, CSP), are decided in core/.

import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_SCHEME, resolveAppPath } from './core/app-url.js';
import { responseHeaders } from './core/content-policy.js';

/** Must run before app 'ready': the scheme's privileges are fixed at startup. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Must run after 'ready'. */
export function serveAppProtocol(webRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const path = resolveAppPath(request.url, webRoot);
    if (!path || request.method !== 'GET') return new Response('Not found', { status: 404 });
    try {
      return new Response(await readFile(path), { headers: responseHeaders(path) });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
