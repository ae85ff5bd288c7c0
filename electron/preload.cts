// Runs in the sandboxed, context-isolated preload world and exposes the small
// typed DesktopApi as window.gradscopeDesktop. The page never gets ipcRenderer,
// events or Node: only these functions, which pass plain data.
//
// Under `sandbox: true` a preload may require nothing but 'electron' (and a few
// built-ins), so this file is self-contained CommonJS (.cts -> .cjs); channel
// names are checked against ipc-contract.ts by the compiler alone.

import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { DesktopApi, MenuCommand, OpenedFile } from './api.js';
import type { InvokeChannels, PushChannels, SendChannels } from './ipc-contract.js';

function invoke<K extends keyof InvokeChannels>(channel: K, ...args: InvokeChannels[K]['args']): Promise<InvokeChannels[K]['result']> {
  return ipcRenderer.invoke(channel, ...args) as Promise<InvokeChannels[K]['result']>;
}

function send<K extends keyof SendChannels>(channel: K, ...args: SendChannels[K]): void {
  ipcRenderer.send(channel, ...args);
}

/** Subscribes to a push channel; the IPC event object is never handed to the page. */
function subscribe<K extends keyof PushChannels>(channel: K, listener: (...args: PushChannels[K]) => void): () => void {
  const handler = (_event: IpcRendererEvent, ...args: unknown[]): void => listener(...(args as PushChannels[K]));
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

// A file can arrive (argv, file association) before the page has subscribed,
// e.g. while Monaco is still loading; keep it until someone listens.
const openedListeners = new Set<(file: OpenedFile) => void>();
const unclaimedFiles: OpenedFile[] = [];
subscribe('file:opened', (file) => {
  if (openedListeners.size === 0) unclaimedFiles.push(file);
  for (const listener of openedListeners) listener(file);
});

function onOpenFile(listener: (file: OpenedFile) => void): () => void {
  openedListeners.add(listener);
  for (const file of unclaimedFiles.splice(0)) listener(file);
  return () => {
    openedListeners.delete(listener);
  };
}

const api: DesktopApi = {
  openFile: () => invoke('file:open'),
  openPath: (path) => invoke('file:open-path', path),
  saveFile: (path, text) => invoke('file:save', path, text),
  setDocumentState: (state) => send('document:state', { path: state.path, dirty: state.dirty }),
  onMenuCommand: (listener: (command: MenuCommand) => void) => subscribe('menu:command', listener),
  onOpenFile,
  saveExport: (file) => invoke('export:save', { name: file.name, kind: file.kind, data: file.data }),
  saveWindowScreenshot: (name) => invoke('export:screenshot', name),
  openExternal: (url) => invoke('shell:open-external', url),
  platform: process.platform,
};

contextBridge.exposeInMainWorld('gradscopeDesktop', api);

// Dropping a file on the window opens it. Without this, Chromium would try to
// navigate to file://… (which main denies) and Monaco would paste the path.
// Capture phase, so the editor never sees file drops; text drags pass through.
function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

window.addEventListener(
  'dragover',
  (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  },
  true,
);

window.addEventListener(
  'drop',
  (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.stopPropagation();
    const file = event.dataTransfer?.files[0];
    const path = file ? webUtils.getPathForFile(file) : '';
    // Main validates the file, asks about unsaved changes, reports errors, and
    // delivers it through 'file:opened' like Open Recent.
    if (path) invoke('file:open-dropped', path).catch(() => {});
  },
  true,
);
