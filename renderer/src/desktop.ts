// File open/save and document state: through the desktop API when running in
// Electron (window.gradscopeDesktop), else the browser's file APIs (File System
// Access where available, an <input type=file> and a download otherwise).

import type { DesktopApi, MenuCommand, OpenedFile } from '../../electron/api.js';

declare global {
  interface Window {
    gradscopeDesktop?: DesktopApi;
    showOpenFilePicker?: (options?: object) => Promise<FileSystemFileHandleLike[]>;
    showSaveFilePicker?: (options?: object) => Promise<FileSystemFileHandleLike>;
  }
}

interface FileSystemFileHandleLike {
  name: string;
  getFile(): Promise<File>;
  createWritable(): Promise<{ write(text: string): Promise<void>; close(): Promise<void> }>;
}

export interface FileHost {
  open(): Promise<OpenedFile | null>;
  /** Saves to the current file, or asks where (always asks when `as`). Returns the name, or null if cancelled. */
  save(text: string, as: boolean): Promise<string | null>;
  setDocumentState(path: string | null, dirty: boolean): void;
  onMenuCommand(listener: (command: MenuCommand) => void): void;
  onOpenFile(listener: (file: OpenedFile) => void): void;
  readonly desktop: boolean;
}

export function fileHost(): FileHost {
  const api = window.gradscopeDesktop;
  return api ? desktopHost(api) : browserHost();
}

function desktopHost(api: DesktopApi): FileHost {
  let path: string | null = null;
  return {
    desktop: true,
    async open() {
      const file = await api.openFile();
      if (file) path = file.path;
      return file;
    },
    async save(text, as) {
      const written = await api.saveFile(as ? null : path, text);
      if (written !== null) path = written;
      return written;
    },
    setDocumentState: (p, dirty) => {
      // The document decides which file it is: after File ▸ New there is none,
      // so the next Save asks where instead of writing over the last file.
      path = p;
      api.setDocumentState({ path: p, dirty });
    },
    onMenuCommand: (listener) => void api.onMenuCommand(listener),
    onOpenFile: (listener) =>
      void api.onOpenFile((file) => {
        path = file.path;
        listener(file);
      }),
  };
}

const types = [{ description: 'TypeScript program', accept: { 'text/plain': ['.ts', '.js', '.txt'] } }];

function browserHost(): FileHost {
  let handle: FileSystemFileHandleLike | null = null;
  let name = 'program.ts';
  return {
    desktop: false,
    async open() {
      if (window.showOpenFilePicker) {
        try {
          [handle = null] = await window.showOpenFilePicker({ types });
        } catch {
          return null; // cancelled
        }
        if (!handle) return null;
        name = handle.name;
        return { path: handle.name, text: await (await handle.getFile()).text() };
      }
      const file = await pickWithInput();
      if (!file) return null;
      name = file.name;
      return { path: file.name, text: await file.text() };
    },
    async save(text, as) {
      if (window.showSaveFilePicker) {
        try {
          if (as || !handle) handle = await window.showSaveFilePicker({ suggestedName: name, types });
          const writable = await handle.createWritable();
          await writable.write(text);
          await writable.close();
          name = handle.name;
          return name;
        } catch {
          return null;
        }
      }
      download(name, text);
      return name;
    },
    setDocumentState: (path, dirty) => {
      document.title = `${dirty ? '• ' : ''}${path ?? name} — Gradscope`;
    },
    onMenuCommand: () => {},
    onOpenFile: () => {},
  };
}

function pickWithInput(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.ts,.js,.txt';
    input.onchange = () => resolve(input.files?.[0] ?? null);
    input.addEventListener('cancel', () => resolve(null));
    input.click();
  });
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
