// The single application window: locked-down web preferences, remembered
// bounds, and a close handler that asks about unsaved changes first.

import { BrowserWindow, screen } from 'electron';
import { APP_START_URL } from './core/app-url.js';
import { restoreWindowState, MIN_SIZE, type WindowState } from './core/window-state.js';
import { windowTitle } from './core/document-title.js';

export interface MainWindowOptions {
  preload: string;
  /** Whatever was saved last time (validated and clamped here). */
  savedState: unknown;
  /** Called with the bounds to remember when the window really closes. */
  saveState(state: WindowState): void;
  /** The page's process died (crash, out of memory, killed); `reason` is Electron's. */
  rendererGone?(reason: string): void;
  /** Whether the window may close now; false defers to `confirmClose`. */
  mayCloseNow(): boolean;
  /** Asks about unsaved changes; resolves true when closing may go ahead. */
  confirmClose(): Promise<boolean>;
  /** Called after `confirmClose` said yes: finish closing (or quitting). */
  proceed(window: BrowserWindow): void;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const primary = screen.getPrimaryDisplay().workArea;
  const areas = screen.getAllDisplays().map((d) => d.workArea);
  const state = restoreWindowState(options.savedState, areas, primary);
  const window = new BrowserWindow({
    ...state.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: windowTitle(null, false),
    backgroundColor: '#1e1e1e',
    show: false,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  // The title shows the document (set by DocumentSession), not the page's <title>.
  window.on('page-title-updated', (event) => event.preventDefault());
  guardClose(window, options);
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit') options.rendererGone?.(details.reason);
  });
  void window.loadURL(APP_START_URL);
  return window;
}

function guardClose(window: BrowserWindow, options: MainWindowOptions): void {
  let confirmed = false;
  window.on('close', (event) => {
    if (confirmed || options.mayCloseNow()) {
      options.saveState({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
      return;
    }
    event.preventDefault();
    void options.confirmClose().then((ok) => {
      if (!ok || window.isDestroyed()) return;
      confirmed = true;
      options.proceed(window);
    });
  });
}
