// Every IPC entry point of the main process. Each one first checks that the
// message comes from our own page's top frame, then validates its arguments
// (core/ipc-validation.ts) before anything touches the file system.

import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import type { InvokeChannels, SendChannels } from './ipc-contract.js';
import type { DocumentSession } from './document-session.js';
import type { ExportSession } from './export-session.js';
import { isTrustedSenderUrl } from './core/sender.js';
import { expectAbsolutePath, expectDocumentState, expectExportFile, expectExternalUrl, expectFileName, expectOptionalPath, expectText } from './core/ipc-validation.js';
import { openExternalSafely } from './web-security.js';

function isTrusted(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isTrustedSenderUrl(frame.url);
}

type Handler<K extends keyof InvokeChannels> = (...args: unknown[]) => Promise<InvokeChannels[K]['result']>;

function handle<K extends keyof InvokeChannels>(channel: K, handler: Handler<K>): void {
  ipcMain.handle(channel, async (event, ...args: unknown[]) => {
    if (!isTrusted(event)) throw new Error(`Refused ${channel} from an untrusted frame`);
    return handler(...args);
  });
}

function on<K extends keyof SendChannels>(channel: K, listener: (...args: unknown[]) => void): void {
  ipcMain.on(channel, (event, ...args: unknown[]) => {
    if (isTrusted(event)) listener(...args);
  });
}

export function registerIpcHandlers(session: DocumentSession): void {
  handle('file:open', () => session.openWithDialog());
  handle('file:open-path', (path) => session.openGranted(expectAbsolutePath(path)));
  handle('file:open-dropped', (path) => session.openAndPush(expectAbsolutePath(path)));
  handle('file:save', (path, text) => session.save(expectOptionalPath(path), expectText(text)));
  handle('shell:open-external', (url) => openExternalSafely(expectExternalUrl(url)));
  on('document:state', (state) => {
    try {
      session.setState(expectDocumentState(state));
    } catch {
      // A malformed report is ignored; the last good state stands.
    }
  });
}

export function registerExportHandlers(exports: ExportSession): void {
  handle('export:save', (file) => exports.save(expectExportFile(file)));
  handle('export:screenshot', (name) => exports.screenshot(expectFileName(name)));
}
