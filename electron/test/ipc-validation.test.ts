import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import {
  MAX_EXPORT_BYTES,
  MAX_TEXT_LENGTH,
  ValidationError,
  expectAbsolutePath,
  expectDocumentState,
  expectExportFile,
  expectExternalUrl,
  expectFileName,
  expectOptionalPath,
  expectText,
} from '../core/ipc-validation.js';

const absolute = resolve('/tmp/model.ts');

describe('expectAbsolutePath', () => {
  it('accepts an absolute path', () => {
    expect(expectAbsolutePath(absolute)).toBe(absolute);
  });

  it.each([
    ['a number', 42],
    ['an object', { path: absolute }],
    ['undefined', undefined],
    ['an empty string', ''],
    ['a relative path', 'model.ts'],
    ['a dot-relative path', '../model.ts'],
    ['a path with NUL', `${absolute}\0.png`],
    ['a huge path', `/${'a'.repeat(5000)}`],
  ])('rejects %s', (_what, value) => {
    expect(() => expectAbsolutePath(value)).toThrow(ValidationError);
  });
});

describe('expectOptionalPath', () => {
  it('passes null through (Save As) and checks anything else', () => {
    expect(expectOptionalPath(null)).toBeNull();
    expect(expectOptionalPath(absolute)).toBe(absolute);
    expect(() => expectOptionalPath(undefined)).toThrow(ValidationError);
    expect(() => expectOptionalPath('relative.ts')).toThrow(ValidationError);
  });
});

describe('expectText', () => {
  it('accepts strings up to the cap', () => {
    expect(expectText('')).toBe('');
    expect(expectText('x'.repeat(MAX_TEXT_LENGTH)).length).toBe(MAX_TEXT_LENGTH);
  });

  it('rejects non-strings and oversized text', () => {
    expect(() => expectText(new Uint8Array(3))).toThrow(ValidationError);
    expect(() => expectText(null)).toThrow(ValidationError);
    expect(() => expectText('x'.repeat(MAX_TEXT_LENGTH + 1))).toThrow(/too large/);
  });
});

describe('expectExternalUrl', () => {
  it('accepts http and https links, normalised', () => {
    expect(expectExternalUrl('https://example.org/docs?q=1#x')).toBe('https://example.org/docs?q=1#x');
    expect(expectExternalUrl('HTTP://Example.org')).toBe('http://example.org/');
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'app://gradscope/index.html',
    'smb://server/share',
    'data:text/html,<script>alert(1)</script>',
    'https://user:pass@example.org/',
    'not a url',
  ])('rejects %s', (url) => {
    expect(() => expectExternalUrl(url)).toThrow(ValidationError);
  });

  it('rejects non-strings and absurdly long links', () => {
    expect(() => expectExternalUrl({ href: 'https://example.org' })).toThrow(ValidationError);
    expect(() => expectExternalUrl(`https://example.org/${'a'.repeat(3000)}`)).toThrow(ValidationError);
  });
});

describe('expectDocumentState', () => {
  it('accepts a path and a dirty flag', () => {
    expect(expectDocumentState({ path: absolute, dirty: true })).toEqual({ path: absolute, dirty: true });
    expect(expectDocumentState({ path: null, dirty: false })).toEqual({ path: null, dirty: false });
  });

  it('keeps the dirty flag but drops a path that is not absolute (a browser file name)', () => {
    expect(expectDocumentState({ path: 'model.ts', dirty: true })).toEqual({ path: null, dirty: true });
  });

  it('rejects a missing or non-boolean dirty flag and a non-string path', () => {
    expect(() => expectDocumentState({ path: null })).toThrow(ValidationError);
    expect(() => expectDocumentState({ path: null, dirty: 'yes' })).toThrow(ValidationError);
    expect(() => expectDocumentState({ path: 7, dirty: false })).toThrow(ValidationError);
    expect(() => expectDocumentState(null)).toThrow(ValidationError);
    expect(() => expectDocumentState('dirty')).toThrow(ValidationError);
  });
});

describe('expectFileName and expectExportFile', () => {
  it('accepts a plain suggested name', () => {
    expect(expectFileName('graph-step3.png')).toBe('graph-step3.png');
  });

  it.each([
    ['a number', 1],
    ['an empty name', '  '],
    ['a path', '/etc/passwd'],
    ['a relative path', '../graph.png'],
    ['a Windows path', 'C:\\graph.png'],
    ['NUL', 'graph\0.png'],
    ['dot-dot', '..'],
    ['a huge name', `${'g'.repeat(300)}.png`],
  ])('refuses %s as a file name', (_what, value) => {
    expect(() => expectFileName(value)).toThrow(ValidationError);
  });

  it('accepts text for SVG, DOT and JSON and bytes for PNG and JPEG', () => {
    expect(expectExportFile({ name: 'g.dot', kind: 'dot', data: 'digraph {}' })).toEqual({ name: 'g.dot', kind: 'dot', data: 'digraph {}' });
    const bytes = new Uint8Array([137, 80, 78, 71]);
    expect(expectExportFile({ name: 'g', kind: 'png', data: bytes }).data).toBe(bytes);
  });

  it.each([
    ['not an object', 'g.png'],
    ['an unknown kind', { name: 'g', kind: 'exe', data: 'x' }],
    ['text for an image', { name: 'g', kind: 'png', data: 'not bytes' }],
    ['bytes for text', { name: 'g', kind: 'json', data: new Uint8Array(2) }],
    ['a path as name', { name: '/tmp/g.json', kind: 'json', data: '{}' }],
  ])('refuses %s', (_what, value) => {
    expect(() => expectExportFile(value)).toThrow(ValidationError);
  });

  it('refuses an export over the size limit without copying it', () => {
    const huge = { length: MAX_EXPORT_BYTES + 1 };
    Object.setPrototypeOf(huge, Uint8Array.prototype);
    expect(() => expectExportFile({ name: 'g', kind: 'png', data: huge })).toThrow('too large');
  });
});
