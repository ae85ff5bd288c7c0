// The one rule behind close, quit, New and Open: an unsaved change is never
// lost without asking. The dialog itself and the actual save are passed in, so
// the decision logic runs (and is tested) without Electron.

export type GuardReason = 'close' | 'quit' | 'new' | 'open';
export type PromptChoice = 'save' | 'discard' | 'cancel';

/** Button order of the native message box; the index it returns maps back through this. */
export const PROMPT_BUTTONS = ['Save', "Don't Save", 'Cancel'] as const;
const CHOICES: readonly PromptChoice[] = ['save', 'discard', 'cancel'];

export interface UnsavedPrompt {
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
}

const ACTION: Readonly<Record<GuardReason, string>> = {
  close: 'closing',
  quit: 'quitting',
  new: 'starting a new program',
  open: 'opening another file',
};

export function unsavedPrompt(reason: GuardReason, documentName: string): UnsavedPrompt {
  return {
    message: `Save changes to ${documentName} before ${ACTION[reason]}?`,
    detail: "Your changes will be lost if you don't save them.",
    buttons: [...PROMPT_BUTTONS],
    defaultId: 0,
    cancelId: 2,
  };
}

/** Escape, closing the box, or an unknown index all mean Cancel: the safe answer. */
export function choiceFromButton(index: number): PromptChoice {
  return CHOICES[index] ?? 'cancel';
}

export interface GuardDeps {
  isDirty(): boolean;
  documentName(): string;
  ask(prompt: UnsavedPrompt): Promise<PromptChoice>;
  /** Saves the document; false when the user cancelled the save or it failed. */
  save(): Promise<boolean>;
}

/**
 * Decides whether the current document may be replaced or closed. Concurrent
 * calls (a second close click while the box is up) share the pending answer
 * instead of stacking dialogs.
 */
export class UnsavedChangesGuard {
  private pending: Promise<boolean> | null = null;

  constructor(private readonly deps: GuardDeps) {}

  mayProceed(reason: GuardReason): Promise<boolean> {
    if (!this.pending) {
      this.pending = this.decide(reason).finally(() => {
        this.pending = null;
      });
    }
    return this.pending;
  }

  private async decide(reason: GuardReason): Promise<boolean> {
    if (!this.deps.isDirty()) return true;
    const choice = await this.deps.ask(unsavedPrompt(reason, this.deps.documentName()));
    if (choice === 'discard') return true;
    if (choice === 'cancel') return false;
    return this.deps.save();
  }
}
