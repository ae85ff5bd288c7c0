// Unsaved changes of the open program: by the model's version, then by the text.
// Monaco's model needs a DOM, so these tests drive the document through a text
// holder that numbers versions the way Monaco's alternative version id does:
// a new number per edit, the old number again after an undo.

import { expect, test } from 'vitest';
import { ProgramDocument, unsaved, type TextModel } from '../src/document.js';

class Text implements TextModel {
  private history: { id: number; text: string }[];
  private next = 2;
  constructor(text: string) {
    this.history = [{ id: 1, text }];
  }
  private get top() {
    return this.history[this.history.length - 1]!;
  }
  getAlternativeVersionId() {
    return this.top.id;
  }
  getValue() {
    return this.top.text;
  }
  getValueLength() {
    return this.top.text.length;
  }
  setValue(text: string) {
    this.history = [{ id: this.next++, text }];
  }
  type(text: string) {
    this.history.push({ id: this.next++, text });
  }
  undo() {
    this.history.pop();
  }
}

test('no saved version: unsaved whatever the text', () => {
  expect(unsaved(null, new Text(''))).toBe(true);
});

test('the same text under a new version is saved; a different text is not', () => {
  const model = new Text('a = 1');
  const saved = { version: model.getAlternativeVersionId(), text: 'a = 1' };
  expect(unsaved(saved, model)).toBe(false);
  model.type('a = 2');
  expect(unsaved(saved, model)).toBe(true);
  // Typing back the saved text (a new version) is clean again.
  model.type('a = 1');
  expect(unsaved(saved, model)).toBe(false);
});

test('a restored draft is unsaved work; opening a file is clean', () => {
  const states: [string | null, boolean][] = [];
  const model = new Text('draft text');
  const doc = new ProgramDocument(model, true, (path, dirty) => states.push([path, dirty]));
  expect(doc.isDirty()).toBe(true);
  doc.replace('from file', '/tmp/a.ts');
  expect(model.getValue()).toBe('from file');
  expect(doc.isDirty()).toBe(false);
  expect(doc.path).toBe('/tmp/a.ts');
  expect(states).toEqual([
    [null, true],
    ['/tmp/a.ts', false],
  ]);
});

test('edits say dirty once; undoing back to the saved text says clean', () => {
  const states: boolean[] = [];
  const model = new Text('x');
  const doc = new ProgramDocument(model, false, (_, dirty) => states.push(dirty));
  model.type('xy');
  doc.edited();
  model.type('xyz');
  doc.edited();
  model.undo();
  model.undo();
  doc.edited();
  expect(states).toEqual([false, true, false]);
});

test('edits typed while a save runs stay unsaved', () => {
  const model = new Text('v1');
  const doc = new ProgramDocument(model, true, () => {});
  const writing = doc.version();
  model.type('v2');
  doc.edited();
  doc.wasSaved('/tmp/p.ts', writing);
  expect(doc.path).toBe('/tmp/p.ts');
  expect(doc.isDirty()).toBe(true);
  // Saving again (the new text) is clean.
  doc.wasSaved('/tmp/p.ts', doc.version());
  expect(doc.isDirty()).toBe(false);
});
