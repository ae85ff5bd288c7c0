// A program that exhausts memory can take the whole page (or the desktop
// app's renderer) down with it. The draft is saved as the user types, so the
// next start would run it again and crash again, holding the text hostage.
// So a run is marked in localStorage from its start until its result has been
// shown; a start that finds the mark knows the last session ended inside a
// run, and opens the draft without running it, saying why.

const key = 'gradscope.run-in-flight';

export const notRunAgainMessage =
  'Gradscope stopped while this program was running last time (it may need more memory than the page has). ' +
  'It was not run again: edit it, or press Run (Ctrl/Cmd+Enter) to run it.';

export class CrashGuard {
  /** True when the last session ended while a program was running. */
  readonly interruptedLastTime: boolean;
  /** This page has a run in flight. */
  private running = false;

  constructor(private readonly storage: Storage = localStorage) {
    // The mark stays until a run finishes: every start is safe until then,
    // however often the app is restarted.
    this.interruptedLastTime = storage.getItem(key) !== null;
    // Leaving the page on purpose (reload, navigation, closing the tab) in the
    // middle of its own run is not a crash: the page gets to say goodbye, a
    // crashed one does not. A mark from an earlier crash stays.
    addEventListener('pagehide', () => {
      if (this.running) this.finished();
    });
  }

  /** A run begins: until finished(), a crash leaves the mark behind. */
  started(): void {
    this.running = true;
    try {
      this.storage.setItem(key, new Date().toISOString());
    } catch {
      // storage full or disabled: no guard, nothing worse than before
    }
  }

  /** The run's result (or error) is on screen. */
  finished(): void {
    this.running = false;
    this.storage.removeItem(key);
  }
}
