// The IPC channels between preload and main, as types only. The sandboxed
// preload must be one CommonJS file that requires nothing but 'electron', so it
// cannot import shared runtime constants; instead both sides type their channel
// names against these maps and the compiler keeps them in agreement.

import type { ExportFile, MenuCommand, OpenedFile } from './api.js';

/** ipcRenderer.invoke / ipcMain.handle: arguments and result of each channel. */
export interface InvokeChannels {
  'file:open': { args: []; result: OpenedFile | null };
  'file:open-path': { args: [path: string]; result: OpenedFile | null };
  /** A path the user dropped on the window (from preload only, never exposed to the page). */
  'file:open-dropped': { args: [path: string]; result: void };
  'file:save': { args: [path: string | null, text: string]; result: string | null };
  'shell:open-external': { args: [url: string]; result: void };
  'export:save': { args: [file: ExportFile]; result: string | null };
  'export:screenshot': { args: [name: string]; result: string | null };
}

/** ipcRenderer.send / ipcMain.on: one-way messages to main. */
export interface SendChannels {
  'document:state': [state: { path: string | null; dirty: boolean }];
}

/** webContents.send / ipcRenderer.on: messages main pushes to the page. */
export interface PushChannels {
  'menu:command': [command: MenuCommand];
  'file:opened': [file: OpenedFile];
}
