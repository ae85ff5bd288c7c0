// Gradscope's main process: one window on the built renderer, served from
// app://gradscope/. This file only wires things together; the logic lives in
// document-session.ts and in the Electron-free modules under core/.

import { app, dialog, type BrowserWindow } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerAppScheme, serveAppProtocol } from './app-protocol.js';
import { installMenu } from './app-menu.js';
import { DocumentSession } from './document-session.js';
import { registerExportHandlers, registerIpcHandlers } from './ipc-handlers.js';
import { ExportSession } from './export-session.js';
import { createMainWindow } from './main-window.js';
import { applyWebSecurity, openExternalSafely } from './web-security.js';
import { documentFromArgv } from './core/argv.js';
import { readJsonFile, writeJsonFile } from './core/json-file.js';
import { PendingWrites } from './core/pending-writes.js';
import { RecentFiles } from './core/recent-files.js';
import { expectExternalUrl } from './core/ipc-validation.js';

const here = dirname(fileURLToPath(import.meta.url)); // dist/electron
const webRoot = join(here, '..', 'web');
const preload = join(here, 'preload.cjs');

const writes = new PendingWrites();
let mainWindow: BrowserWindow | null = null;
let session: DocumentSession | null = null;
let recent: RecentFiles | null = null;
let quitting = false;
/** A file to open once the window is ready (argv, or macOS open-file before launch). */
let startupFile: string | null = null;

// Scheme privileges must be registered before 'ready'.
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit(); // another Gradscope is running; it receives our argv in 'second-instance'
} else {
  startupFile = documentFromArgv(process.argv, process.cwd(), isDevelopment());
  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusWindow();
    const path = documentFromArgv(argv, workingDirectory, isDevelopment());
    if (path) void session?.openAndPush(path);
  });
  // macOS delivers file-association opens as events, possibly before 'ready'.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (mainWindow && session) void session.openAndPush(path);
    else startupFile = path;
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', (event) => {
    if (writes.size === 0) return;
    event.preventDefault(); // finish writing settings, then quit for real
    void writes.idle().then(() => app.quit());
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && mainWindow === null) void openWindow();
  });
  app.whenReady().then(start, (error: unknown) => fail(error));
}

/** In development (`electron .`) the first argument is the app path, not a document. */
function isDevelopment(): boolean {
  return process.defaultApp === true;
}

async function start(): Promise<void> {
  applyWebSecurity();
  serveAppProtocol(webRoot);
  if (!existsSync(join(webRoot, 'index.html'))) {
    dialog.showErrorBox('Gradscope is not built', `No renderer at ${webRoot}.\nRun "npm run build:web" (or "npm start").`);
    app.quit();
    return;
  }
  recent = new RecentFiles(
    join(app.getPath('userData'), 'recent-files.json'),
    (write) => writes.track(write, logError),
    (paths) => {
      if (paths[0] !== undefined) app.addRecentDocument(paths[0]); // the OS's own list (Dock, jump list)
      refreshMenu(paths);
    },
  );
  await recent.load();
  session = new DocumentSession(recent);
  registerIpcHandlers(session);
  registerExportHandlers(new ExportSession(() => mainWindow));
  await openWindow();
}

async function openWindow(): Promise<void> {
  const current = session;
  if (!current) return;
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const window = createMainWindow({
    preload,
    savedState: await readJsonFile(stateFile),
    saveState: (state) => writes.track(writeJsonFile(stateFile, state), logError),
    mayCloseNow: () => !current.isDirty,
    confirmClose: async () => {
      const ok = await current.mayDiscardChanges(quitting ? 'quit' : 'close');
      if (!ok) quitting = false;
      return ok;
    },
    proceed: (win) => (quitting ? app.quit() : win.close()),
    rendererGone: (reason) => void current.rendererGone(reason, () => mainWindow?.webContents.reload()).catch(logError),
  });
  mainWindow = window;
  current.attach(window);
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  window.webContents.once('did-finish-load', () => {
    const path = startupFile;
    startupFile = null;
    if (path) void current.openAndPush(path);
  });
}

function refreshMenu(recentFiles: readonly string[]): void {
  installMenu(
    { platform: process.platform, recentFiles, readmeUrl: projectUrl() },
    {
      send: (command) => session?.sendCommand(command),
      newDocument: () => void session?.newDocument(),
      openRecent: (path) => void session?.openAndPush(path),
      clearRecent: () => {
        app.clearRecentDocuments();
        recent?.clear();
      },
      about: () => void showAbout(),
      openReadme: (url) => void openExternalSafely(url).catch(logError),
    },
  );
}

/** The "homepage" of package.json, when it is a web link; Help shows it. */
let cachedProjectUrl: string | null | undefined;
function projectUrl(): string | null {
  if (cachedProjectUrl === undefined) {
    cachedProjectUrl = null;
    try {
      const pkg: unknown = JSON.parse(readFileSync(join(app.getAppPath(), 'package.json'), 'utf8'));
      const homepage = typeof pkg === 'object' && pkg !== null ? (pkg as Record<string, unknown>).homepage : undefined;
      cachedProjectUrl = expectExternalUrl(homepage);
    } catch {
      // no homepage: Help leaves the item out
    }
  }
  return cachedProjectUrl;
}

async function showAbout(): Promise<void> {
  const detail = [
    'A debugger and teaching tool for automatic differentiation.',
    '',
    `Electron ${process.versions.electron}  ·  Chromium ${process.versions.chrome}  ·  Node ${process.versions.node}`,
  ].join('\n');
  const box = { type: 'info' as const, title: 'About Gradscope', message: `Gradscope ${app.getVersion()}`, detail };
  if (mainWindow) await dialog.showMessageBox(mainWindow, box);
  else await dialog.showMessageBox(box);
}

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

function logError(error: unknown): void {
  console.error('[gradscope]', error);
}

function fail(error: unknown): void {
  logError(error);
  dialog.showErrorBox('Gradscope could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}
