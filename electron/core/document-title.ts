// The window title shows which program is open and whether it has unsaved
// changes, like any document editor: "model.ts • — Gradscope".

import { basename } from 'node:path';

export function documentName(path: string | null): string {
  return path === null ? 'Untitled' : basename(path);
}

export function windowTitle(path: string | null, dirty: boolean): string {
  return `${documentName(path)}${dirty ? ' •' : ''} — Gradscope`;
}
