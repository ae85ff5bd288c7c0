// The main process's side of the open document: which file it is, whether it
// has unsaved changes (as the renderer reports), which paths the user has
// chosen, and the native dialogs around opening and saving. The decisions
// themselves live in core/ (validation, the unsaved-changes guard, the save
// request, atomic writes); this class wires them to Electron.

import { app, dialog, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { MenuCommand, OpenedFile } from './api.js';
import type { PushChannels } from './ipc-contract.js';
import { ReadOnlyError, writeFileAtomic } from './core/atomic-write.js';
import { readDocument, withDefaultExtension } from './core/document-files.js';
import { documentName, windowTitle } from './core/document-title.js';
import type { DocumentState } from './core/ipc-validation.js';
import type { RecentFiles } from './core/recent-files.js';
import { SaveRequest } from './core/save-request.js';
import { UnsavedChangesGuard, choiceFromButton, type GuardReason } from './core/unsaved-changes.js';

const FILE_FILTERS = [
  { name: 'TypeScript program', extensions: ['ts'] },
  { name: 'Programs and text', extensions: ['ts', 'js', 'txt'] },
];

export class DocumentSession {
  private window: BrowserWindow | null = null;
  private state: DocumentState = { path: null, dirty: false };
  /** Paths the user picked (dialogs, recent list, drops, argv): the only ones the page may name. */
  private readonly granted = new Set<string>();
  private readonly saveRequest = new SaveRequest();
  private readonly guard = new UnsavedChangesGuard({
    isDirty: () => this.state.dirty,
    documentName: () => documentName(this.state.path),
    ask: async (prompt) => {
      const box = { type: 'warning' as const, title: 'Unsaved changes', noLink: true, ...prompt };
      const { response } = this.window ? await dialog.showMessageBox(this.window, box) : await dialog.showMessageBox(box);
      return choiceFromButton(response);
    },
    save: () => this.saveRequest.request(() => this.push('menu:command', 'file:save')),
  });

  constructor(private readonly recent: RecentFiles) {
    for (const path of recent.paths) this.granted.add(path);
  }

  /** Binds a (new) window; its document starts empty and clean. */
  attach(window: BrowserWindow): void {
    this.window = window;
    this.setState({ path: null, dirty: false });
  }

  get isDirty(): boolean {
    return this.state.dirty;
  }

  mayDiscardChanges(reason: GuardReason): Promise<boolean> {
    return this.guard.mayProceed(reason);
  }

  setState(state: DocumentState): void {
    this.state = state;
    this.saveRequest.stateReported(state.dirty);
    const win = this.window;
    if (!win || win.isDestroyed()) return;
    win.setTitle(windowTitle(state.path, state.dirty));
    if (process.platform === 'darwin') {
      win.setDocumentEdited(state.dirty); // the dot in the close button
      win.setRepresentedFilename(state.path ?? '');
    }
  }

  sendCommand(command: MenuCommand): void {
    this.push('menu:command', command);
  }

  /** File > New: only after the unsaved-changes question. */
  async newDocument(): Promise<void> {
    if (await this.mayDiscardChanges('new')) this.sendCommand('file:new');
  }

  /** The Open dialog (IPC file:open). Unreadable choices are reported here and yield null. */
  async openWithDialog(): Promise<OpenedFile | null> {
    if (!(await this.mayDiscardChanges('open'))) return null;
    const options = { title: 'Open Program', properties: ['openFile' as const], filters: FILE_FILTERS, defaultPath: this.dialogFolder() };
    const result = this.window ? await dialog.showOpenDialog(this.window, options) : await dialog.showOpenDialog(options);
    const path = result.filePaths[0];
    if (result.canceled || path === undefined) return null;
    this.granted.add(path);
    return this.readOrReport(path);
  }

  /** A path the page names (IPC file:open-path): allowed only if the user chose it before. */
  async openGranted(path: string): Promise<OpenedFile | null> {
    if (!this.granted.has(path)) throw new Error(`Not a file you have opened: ${path}`);
    if (!(await this.mayDiscardChanges('open'))) return null;
    const file = { path, text: await readDocument(path) };
    this.recent.add(path);
    return file;
  }

  /**
   * Opens a file the user chose outside the page (Open Recent, drop, argv,
   * file association) and pushes it to the renderer.
   */
  async openAndPush(path: string): Promise<void> {
    this.granted.add(path);
    if (!(await this.mayDiscardChanges('open'))) return;
    const file = await this.readOrReport(path);
    if (file) this.push('file:opened', file);
  }

  /**
   * The page crashed: a pending "save before closing" is answered "not saved"
   * at once (nothing is discarded), the user is told, and the page is loaded
   * again. It restores the draft and, since the crash came during a run, does
   * not run it (renderer/src/crash-guard.ts).
   */
  async rendererGone(reason: string, reload: () => void): Promise<void> {
    this.saveRequest.rendererGone();
    const box = {
      type: 'error' as const, title: 'Gradscope',
      message: 'The editor page stopped unexpectedly and has been reloaded.',
      detail: `Reason: ${reason}. Your text is kept as a draft; a program that was running is not run again until you run it.`,
    };
    reload();
    if (this.window && !this.window.isDestroyed()) await dialog.showMessageBox(this.window, box);
  }

  /** IPC file:save: writes to a chosen path, or asks for one. Null when cancelled or failed. */
  async save(path: string | null, text: string): Promise<string | null> {
    this.saveRequest.saveStarted();
    const target = path !== null && this.granted.has(path) ? path : await this.askSavePath(path);
    if (target === null) {
      this.saveRequest.saveFinished(false);
      return null;
    }
    try {
      await this.writeAsking(target, text);
    } catch (error) {
      this.saveRequest.saveFinished(false);
      await this.reportError(`Could not save ${documentName(target)}`, error);
      return null;
    }
    this.granted.add(target);
    this.recent.add(target);
    this.saveRequest.saveFinished(true);
    return target;
  }

  /** Writes atomically; a read-only file is replaced only when the user says so. */
  private async writeAsking(target: string, text: string): Promise<void> {
    try {
      await writeFileAtomic(target, text);
    } catch (error) {
      if (!(error instanceof ReadOnlyError)) throw error;
      const question = `“${basename(target)}” is read-only. Replace it anyway?`;
      if (!(await this.confirm('Read-only file', question, 'Replace'))) throw error;
      await writeFileAtomic(target, text, { overwriteReadOnly: true });
    }
  }

  private async askSavePath(suggested: string | null): Promise<string | null> {
    const defaultPath = suggested ?? join(this.dialogFolder(), 'untitled.ts');
    // Linux's dialog asks before replacing only when told to.
    const properties: ('createDirectory' | 'showOverwriteConfirmation')[] = ['createDirectory', 'showOverwriteConfirmation'];
    const options = { title: 'Save Program', defaultPath, filters: FILE_FILTERS, properties };
    const result = this.window ? await dialog.showSaveDialog(this.window, options) : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return null;
    const target = withDefaultExtension(result.filePath);
    // The dialog confirmed replacing the name it returned; the name with ".ts" added may be another existing file.
    if (target !== result.filePath && existsSync(target)) {
      if (!(await this.confirm('Replace file?', `“${basename(target)}” already exists. Replace it?`, 'Replace'))) return null;
    }
    return target;
  }

  private async confirm(title: string, message: string, yes: string): Promise<boolean> {
    const box = { type: 'warning' as const, title, message, buttons: [yes, 'Cancel'], defaultId: 1, cancelId: 1, noLink: true };
    const { response } = this.window ? await dialog.showMessageBox(this.window, box) : await dialog.showMessageBox(box);
    return response === 0;
  }

  private async readOrReport(path: string): Promise<OpenedFile | null> {
    try {
      const file = { path, text: await readDocument(path) };
      this.recent.add(path);
      return file;
    } catch (error) {
      this.recent.remove(path);
      await this.reportError(`Could not open ${documentName(path)}`, error);
      return null;
    }
  }

  private dialogFolder(): string {
    return this.state.path ? dirname(this.state.path) : app.getPath('documents');
  }

  private async reportError(message: string, error: unknown): Promise<void> {
    const detail = error instanceof Error ? error.message : String(error);
    const box = { type: 'error' as const, title: 'Gradscope', message, detail };
    if (this.window) await dialog.showMessageBox(this.window, box);
    else await dialog.showMessageBox(box);
  }

  private push<K extends keyof PushChannels>(channel: K, ...args: PushChannels[K]): void {
    const win = this.window;
    if (win && !win.isDestroyed()) win.webContents.send(channel, ...args);
  }
}
