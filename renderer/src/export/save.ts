// Where an export goes. Electron: the native Save dialog through the desktop
// API (confirms replacing, writes atomically, adds the extension). Browser: a
// download, which never overwrites (the browser renames or asks) and which
// tests can capture; the name always carries the format's extension.

import type { DesktopApi } from '../../../electron/api.js';
import { formatInfo, withExtension, type ExportFormat } from './filename.js';

export type Payload = string | Blob;

/** Saves `data`; resolves to the name or path written, or null when the user cancelled. */
export async function saveExport(desktop: DesktopApi | null, name: string, format: ExportFormat, data: Payload): Promise<string | null> {
  const file = withExtension(name, format);
  if (desktop) {
    const bytes = typeof data === 'string' ? data : new Uint8Array(await data.arrayBuffer());
    return desktop.saveExport({ name: file, kind: format, data: bytes });
  }
  download(file, typeof data === 'string' ? new Blob([data], { type: formatInfo[format].mime }) : data);
  return file;
}

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Large files are read after the click returns; give the download time to start.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
