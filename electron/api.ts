// The whole surface the desktop gives the renderer, exposed by preload.ts as
// `window.gradscopeDesktop` through contextBridge. The renderer imports this
// file for its types only; in a plain browser the object is absent.

/** Commands the native menus send to the renderer. */
export type MenuCommand =
  | 'file:new' | 'file:open' | 'file:save' | 'file:save-as' | 'file:export' | 'file:examples'
  | 'view:toggle-console' | 'view:toggle-inspector' | 'view:fit' | 'view:presentation' | 'view:theme'
  | 'debug:step' | 'debug:step-back' | 'debug:run-to-end' | 'debug:reset' | 'debug:run';

export interface OpenedFile {
  path: string;
  text: string;
}

/** What File ▸ Export writes: an image, Graphviz DOT or gradscope.graph/1 JSON. */
export type ExportKind = 'png' | 'jpeg' | 'svg' | 'gif' | 'webm' | 'dot' | 'json';

export interface ExportFile {
  /** Suggested file name (no folders); the extension is added when missing. */
  name: string;
  kind: ExportKind;
  /** Text (SVG, DOT, JSON) or bytes (PNG, JPEG). */
  data: string | Uint8Array;
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
  /** Asks where to save an export (native Save dialog; replacing a file is always
   *  confirmed) and writes it atomically. The path written, or null when cancelled. */
  saveExport(file: ExportFile): Promise<string | null>;
  /** Captures the whole window (webContents.capturePage) and saves it as PNG like saveExport. */
  saveWindowScreenshot(name: string): Promise<string | null>;
  /** Opens an http(s) URL in the system browser after validation. */
  openExternal(url: string): Promise<void>;
  readonly platform: string;
}
