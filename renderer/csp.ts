// The browser build's Content-Security-Policy, as strict as the desktop app's
// (electron/core/content-policy.ts holds the policies):
// - index.html gets DOCUMENT_CSP as a <meta> tag (the page: no eval, no remote code);
// - `vite preview` and `vite` send BROWSER_SERVER_CSP as a header (the engine
//   worker may eval programs and connect to its own origin only);
// - dist/web/_headers carries that header for static hosts that read such a file.
// Any other static server should send the same header (README, "The app").
import type { Plugin } from 'vite';
import { BROWSER_SERVER_CSP, DOCUMENT_CSP } from '../electron/core/content-policy.js';

export const serverHeaders = { 'Content-Security-Policy': BROWSER_SERVER_CSP };

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'gradscope-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: DOCUMENT_CSP }, injectTo: 'head-prepend' }],
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: `/*\n  Content-Security-Policy: ${BROWSER_SERVER_CSP}\n` });
    },
  };
}
