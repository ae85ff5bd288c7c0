// What File ▸ Export may write, and how the chosen path gets its extension.
// Electron-free, so it is unit-tested.

import type { ExportKind } from '../api.js';
import { withExtension } from './document-files.js';

export const EXPORT_KINDS: Readonly<Record<ExportKind, { label: string; extensions: string[]; binary: boolean }>> = {
  png: { label: 'PNG image', extensions: ['png'], binary: true },
  jpeg: { label: 'JPEG image', extensions: ['jpg', 'jpeg'], binary: true },
  svg: { label: 'SVG image', extensions: ['svg'], binary: false },
  gif: { label: 'GIF animation', extensions: ['gif'], binary: true },
  webm: { label: 'WebM video', extensions: ['webm'], binary: true },
  dot: { label: 'Graphviz DOT', extensions: ['dot', 'gv'], binary: false },
  json: { label: 'gradscope.graph/1 JSON', extensions: ['json'], binary: false },
};

export function isExportKind(value: unknown): value is ExportKind {
  return typeof value === 'string' && Object.hasOwn(EXPORT_KINDS, value);
}

/** The path to write for a path the Save dialog returned: "graph" becomes "graph.png". */
export function exportPath(chosen: string, kind: ExportKind): string {
  return withExtension(chosen, `.${EXPORT_KINDS[kind].extensions[0]}`);
}

/** The native dialog's filter for a kind. */
export function exportFilters(kind: ExportKind): { name: string; extensions: string[] }[] {
  return [{ name: EXPORT_KINDS[kind].label, extensions: EXPORT_KINDS[kind].extensions }];
}
