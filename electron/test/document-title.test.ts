import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { documentName, windowTitle } from '../core/document-title.js';

describe('windowTitle', () => {
  it('shows the file name, a dot when unsaved, and the app name', () => {
    expect(windowTitle(join('/home', 'u', 'model.ts'), false)).toBe('model.ts — Gradscope');
    expect(windowTitle(join('/home', 'u', 'model.ts'), true)).toBe('model.ts • — Gradscope');
  });

  it('calls a document without a file Untitled', () => {
    expect(documentName(null)).toBe('Untitled');
    expect(windowTitle(null, false)).toBe('Untitled — Gradscope');
  });
});
