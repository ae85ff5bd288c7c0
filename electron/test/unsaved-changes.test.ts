import { describe, expect, it } from 'vitest';
import {
  PROMPT_BUTTONS,
  UnsavedChangesGuard,
  choiceFromButton,
  unsavedPrompt,
  type GuardDeps,
  type PromptChoice,
  type UnsavedPrompt,
} from '../core/unsaved-changes.js';

/** A guard over a fake document whose prompt answers `answer`; records what was asked and saved. */
function guardWith(dirty: boolean, answer: PromptChoice, saveResult = true) {
  const asked: UnsavedPrompt[] = [];
  let saves = 0;
  const deps: GuardDeps = {
    isDirty: () => dirty,
    documentName: () => 'model.ts',
    ask: async (prompt) => {
      asked.push(prompt);
      return answer;
    },
    save: async () => {
      saves++;
      return saveResult;
    },
  };
  return { guard: new UnsavedChangesGuard(deps), asked, saves: () => saves };
}

describe('UnsavedChangesGuard', () => {
  it.each(['close', 'quit', 'new', 'open'] as const)('lets a clean document %s without asking', async (reason) => {
    const { guard, asked } = guardWith(false, 'cancel');
    expect(await guard.mayProceed(reason)).toBe(true);
    expect(asked).toHaveLength(0);
  });

  it.each(['close', 'quit', 'new', 'open'] as const)('asks before a dirty document may %s', async (reason) => {
    const { guard, asked } = guardWith(true, 'discard');
    expect(await guard.mayProceed(reason)).toBe(true);
    expect(asked).toHaveLength(1);
  });

  it("Don't Save proceeds without saving", async () => {
    const { guard, saves } = guardWith(true, 'discard');
    expect(await guard.mayProceed('close')).toBe(true);
    expect(saves()).toBe(0);
  });

  it('Cancel stops and does not save', async () => {
    const { guard, saves } = guardWith(true, 'cancel');
    expect(await guard.mayProceed('quit')).toBe(false);
    expect(saves()).toBe(0);
  });

  it('Save proceeds only when the save succeeds', async () => {
    const ok = guardWith(true, 'save', true);
    expect(await ok.guard.mayProceed('open')).toBe(true);
    expect(ok.saves()).toBe(1);
    const cancelled = guardWith(true, 'save', false);
    expect(await cancelled.guard.mayProceed('open')).toBe(false);
  });

  it('shares one prompt between overlapping requests', async () => {
    let release: (choice: PromptChoice) => void = () => {};
    let asks = 0;
    const guard = new UnsavedChangesGuard({
      isDirty: () => true,
      documentName: () => 'model.ts',
      ask: () => {
        asks++;
        return new Promise((resolve) => (release = resolve));
      },
      save: async () => true,
    });
    const first = guard.mayProceed('close');
    const second = guard.mayProceed('close');
    release('cancel');
    expect(await Promise.all([first, second])).toEqual([false, false]);
    expect(asks).toBe(1);
    // ...and a later request asks again.
    const third = guard.mayProceed('close');
    release('discard');
    expect(await third).toBe(true);
    expect(asks).toBe(2);
  });
});

describe('unsavedPrompt', () => {
  it('names the document and the action, with Save as default and Cancel as escape', () => {
    const prompt = unsavedPrompt('quit', 'model.ts');
    expect(prompt.message).toBe('Save changes to model.ts before quitting?');
    expect(prompt.buttons).toEqual(['Save', "Don't Save", 'Cancel']);
    expect(prompt.buttons[prompt.defaultId]).toBe('Save');
    expect(prompt.buttons[prompt.cancelId]).toBe('Cancel');
    expect(unsavedPrompt('open', 'Untitled').message).toContain('opening another file');
  });
});

describe('choiceFromButton', () => {
  it('maps button indices to choices, and anything unknown to Cancel', () => {
    expect(PROMPT_BUTTONS.map((_, i) => choiceFromButton(i))).toEqual(['save', 'discard', 'cancel']);
    expect(choiceFromButton(-1)).toBe('cancel');
    expect(choiceFromButton(7)).toBe('cancel');
  });
});
