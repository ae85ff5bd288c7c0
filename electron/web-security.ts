// Electron security checklist items that apply to every web contents: no
// navigation away from our page, no new windows, no <webview>, no permissions
// beyond what an editor needs. Links to the web open in the system browser,
// and only after the URL has been validated.

import { app, session, shell, type WebContents } from 'electron';
import { isAppUrl } from './core/app-url.js';
import { expectExternalUrl } from './core/ipc-validation.js';

/** Opens an http(s) URL in the user's browser; anything else is ignored. */
export async function openExternalSafely(url: unknown): Promise<void> {
  await shell.openExternal(expectExternalUrl(url));
}

function openLinkInBrowser(url: string): void {
  openExternalSafely(url).catch(() => {}); // not http(s): dropped on purpose
}

function harden(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return; // a reload of our own page
    event.preventDefault();
    openLinkInBrowser(url);
  });
  contents.setWindowOpenHandler(({ url }) => {
    openLinkInBrowser(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // The main process asks about unsaved changes itself; a page beforeunload
  // handler (written for the browser build) must not silently block closing.
  contents.on('will-prevent-unload', (event) => event.preventDefault());
}

// Copy from Monaco uses the async clipboard; full screen is a View menu item.
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write', 'fullscreen']);

/** Call once after 'ready'. */
export function applyWebSecurity(): void {
  app.on('web-contents-created', (_event, contents) => harden(contents));
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
}
