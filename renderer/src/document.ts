// The open program as a document: where it lives (path) and whether it holds
// unsaved changes. Unsaved is judged by the editor model's version, then by
// the text, as Monaco's undo does not always return to the same version:
// undoing back to the saved text is clean again, and edits typed while a save
// runs stay unsaved. A restored draft was never saved anywhere: it is unsaved.

/** The part of Monaco's text model a document reads. */
export interface TextModel {
  getAlternativeVersionId(): number;
  getValue(): string;
  getValueLength(): number;
  setValue(text: string): void;
}

/** A version of the text as it was written to a file. */
export interface SavedVersion {
  version: number;
  text: string;
}

/** True when the model's text is not the one saved (none saved: always). */
export function unsaved(saved: SavedVersion | null, model: TextModel): boolean {
  if (saved === null) return true;
  if (saved.version === model.getAlternativeVersionId()) return false;
  return model.getValueLength() !== saved.text.length || model.getValue() !== saved.text;
}

export class ProgramDocument {
  /** The file the text came from or was saved to; null for an untitled text. */
  path: string | null = null;
  private saved: SavedVersion | null;
  private dirty: boolean;

  /** `stateChanged` hears every change of path or dirtiness (the desktop's title bar). */
  constructor(
    private readonly model: TextModel,
    restoredDraft: boolean,
    private readonly stateChanged: (path: string | null, dirty: boolean) => void,
  ) {
    this.saved = restoredDraft ? null : this.version();
    this.dirty = this.isDirty();
    stateChanged(this.path, this.dirty);
  }

  isDirty(): boolean {
    return unsaved(this.saved, this.model);
  }

  /** After every edit: says so only when dirtiness changed. */
  edited(): void {
    const dirty = this.isDirty();
    if (dirty === this.dirty) return;
    this.dirty = dirty;
    this.stateChanged(this.path, dirty);
  }

  /** Replaces the text with a file's (or a new, untitled one): clean. */
  replace(text: string, path: string | null): void {
    this.path = path;
    this.model.setValue(text);
    this.saved = this.version();
    this.dirty = false;
    this.stateChanged(path, false);
  }

  /** The text as it is now; give it back to `wasSaved` once it is written. */
  version(): SavedVersion {
    return { version: this.model.getAlternativeVersionId(), text: this.model.getValue() };
  }

  /** `version` was written to `path`; edits made since stay unsaved. */
  wasSaved(path: string, version: SavedVersion): void {
    this.path = path;
    this.saved = version;
    this.dirty = this.isDirty();
    this.stateChanged(path, this.dirty);
  }
}
