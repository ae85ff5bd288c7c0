// The whole surface the desktop gives the renderer, exposed by preload.ts as
// `window.gradscopeDesktop` through contextBridge. The renderer imports this
// file for its types only; in a plain browser the object is absent.

/** Commands the native menus send to the renderer. */
export type MenuCommand =
  | 'file:new' | 'file:open' | 'file:save' | 'file:save-as'
  | 'view:toggle-console' | 'view:toggle-inspector' | 'view:fit'
  | 'debug:step' | 'debug:step-back' | 'debug:run-to-end' | 'debug:reset' | 'debug:run';

export interface OpenedFile {
  path: string;
  text: string;
}

export interface DesktopApi {
  /** Shows the native Open dialog; null when cancelled. */
  openFile(): Promise<OpenedFile | null>;
  /** Opens a path the user already chose (Open Recent, a drop, an earlier Open or Save);
   *  resolves to null when the user cancelled at the unsaved-changes prompt, and
   *  rejects with a message when the file is unreadable or was never chosen. */
  openPath(path: string): Promise<OpenedFile | null>;
  /** Writes atomically to `path`, or asks for one (Save As) when path is null or
   *  is not a file the user chose. Resolves to the path written, or null when the
   *  user cancelled (or the write failed, which the main process has reported). */
  saveFile(path: string | null, text: string): Promise<string | null>;
  /** Tells the main process whether the document has unsaved changes, so
   *  close/quit/open can prompt, and which file is open (for the title). */
  setDocumentState(state: { path: string | null; dirty: boolean }): void;
  /** Subscribes to menu commands; returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Subscribes to files the main process opens (Open Recent, drag-and-drop, argv). */
  onOpenFile(listener: (file: OpenedFile) => void): () => void;
  /** Opens an http(s) URL in the system browser after validation. */
  openExternal(url: string): Promise<void>;
  readonly platform: string;
}
