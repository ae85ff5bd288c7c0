// File ▸ Export and the window screenshot, on the main side: the native Save
// dialog (replacing a file is always confirmed, also when we append the
// extension after the dialog), then an atomic write.

import { app, dialog, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ExportFile, ExportKind } from './api.js';
import { writeFileAtomic } from './core/atomic-write.js';
import { exportFilters, exportPath } from './core/export-files.js';

export class ExportSession {
  private folder: string | null = null;

  constructor(private readonly window: () => BrowserWindow | null) {}

  async save(file: ExportFile): Promise<string | null> {
    const target = await this.askPath(file.name, file.kind);
    if (target === null) return null;
    return this.write(target, file.data);
  }

  async screenshot(name: string): Promise<string | null> {
    const win = this.window();
    if (!win || win.isDestroyed()) return null;
    // Captured before the dialog opens, so the dialog is not in the picture.
    const png = (await win.webContents.capturePage()).toPNG();
    const target = await this.askPath(name, 'png');
    if (target === null) return null;
    return this.write(target, new Uint8Array(png.buffer, png.byteOffset, png.byteLength));
  }

  private async askPath(name: string, kind: ExportKind): Promise<string | null> {
    const win = this.window();
    const options: Electron.SaveDialogOptions = {
      title: 'Export',
      defaultPath: join(this.folder ?? app.getPath('documents'), name),
      filters: exportFilters(kind),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return null;
    const target = exportPath(result.filePath, kind);
    // The dialog confirmed replacing the name it returned; a name we extended may be another existing file.
    if (target !== result.filePath && existsSync(target) && !(await this.confirmReplace(target))) return null;
    return target;
  }

  private async confirmReplace(path: string): Promise<boolean> {
    const box = {
      type: 'warning' as const, title: 'Replace file?', message: `“${basename(path)}” already exists. Replace it?`,
      buttons: ['Replace', 'Cancel'], defaultId: 1, cancelId: 1, noLink: true,
    };
    const win = this.window();
    const { response } = win ? await dialog.showMessageBox(win, box) : await dialog.showMessageBox(box);
    return response === 0;
  }

  private async write(target: string, data: string | Uint8Array): Promise<string | null> {
    try {
      await writeFileAtomic(target, data);
    } catch (error) {
      const box = { type: 'error' as const, title: 'Gradscope', message: `Could not export ${basename(target)}`, detail: error instanceof Error ? error.message : String(error) };
      const win = this.window();
      if (win) await dialog.showMessageBox(win, box);
      else await dialog.showMessageBox(box);
      return null;
    }
    this.folder = join(target, '..');
    return target;
  }
}
