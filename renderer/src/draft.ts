// The editor text kept in localStorage as the user types, so a reload (or a
// crash) loses nothing. A text over the storage quota is said, not silently
// dropped.

export class Draft {
  /** Appended to the status line while the text is too large to keep ("" when kept). */
  notice = '';

  constructor(
    readonly key: string,
    private readonly storage: Storage = localStorage,
  ) {}

  /** The draft left by the last session, if any. */
  restored(): string | null {
    return this.storage.getItem(this.key);
  }

  /** Keeps `text`; returns false (and sets `notice`) when storage refused it. */
  keep(text: string): boolean {
    try {
      this.storage.setItem(this.key, text);
      this.notice = '';
      return true;
    } catch {
      // An older draft would come back on reload as if it were this text: remove it.
      this.storage.removeItem(this.key);
      const mb = ((text.length * 2) / 1e6).toFixed(1);
      this.notice = ` · draft not kept: ${mb} MB is over the browser's storage limit — save it to a file`;
      return false;
    }
  }
}
