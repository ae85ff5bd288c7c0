// The renderer is untrusted input: it runs user programs and a large editor,
// so every value crossing IPC is checked here before the main process acts on
// it. Each validator returns the typed value or throws ValidationError.

import { isAbsolute } from 'node:path';
import type { ExportFile } from '../api.js';
import { EXPORT_KINDS, isExportKind } from './export-files.js';

export class ValidationError extends Error {}

/** Larger than any program we open (2 MiB) with room for growth, small enough to refuse abuse. */
export const MAX_TEXT_LENGTH = 4 * 1024 * 1024;
const MAX_PATH_LENGTH = 4096;
const MAX_URL_LENGTH = 2048;

export function expectAbsolutePath(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw new ValidationError('Path must be a non-empty string');
  if (value.length > MAX_PATH_LENGTH) throw new ValidationError('Path is too long');
  if (value.includes('\0')) throw new ValidationError('Path contains a NUL character');
  if (!isAbsolute(value)) throw new ValidationError('Path must be absolute');
  return value;
}

export function expectOptionalPath(value: unknown): string | null {
  return value === null ? null : expectAbsolutePath(value);
}

export function expectText(value: unknown): string {
  if (typeof value !== 'string') throw new ValidationError('Text must be a string');
  if (value.length > MAX_TEXT_LENGTH) throw new ValidationError('Text is too large to save');
  return value;
}

/** Only web links leave the app; file:, javascript:, custom schemes could run or open anything. */
export function expectExternalUrl(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) throw new ValidationError('URL must be a short string');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ValidationError('URL is not valid');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ValidationError('Only http(s) links can be opened');
  if (url.username !== '' || url.password !== '') throw new ValidationError('Links with credentials are refused');
  return url.href;
}

export interface DocumentState {
  path: string | null;
  dirty: boolean;
}

export function expectDocumentState(value: unknown): DocumentState {
  if (typeof value !== 'object' || value === null) throw new ValidationError('Document state must be an object');
  const { path, dirty } = value as Record<string, unknown>;
  if (typeof dirty !== 'boolean') throw new ValidationError('dirty must be a boolean');
  if (path !== null && path !== undefined && typeof path !== 'string') throw new ValidationError('path must be a string or null');
  // Only the title uses this path (never a write), so a name that is not a real
  // absolute path (e.g. a file picked in browser mode) is simply dropped.
  const usable = typeof path === 'string' && isAbsolute(path) && path.length <= MAX_PATH_LENGTH;
  return { path: usable ? path : null, dirty };
}

/** A whole graph as JSON or an image at 4× can be large; beyond this it is refused, not written. */
export const MAX_EXPORT_BYTES = 512 * 1024 * 1024;
const MAX_NAME_LENGTH = 255;

/** A suggested file name: no folders (the user picks those in the dialog), no NUL, not empty. */
export function expectFileName(value: unknown): string {
  if (typeof value !== 'string' || value.trim().length === 0) throw new ValidationError('File name must be a non-empty string');
  if (value.length > MAX_NAME_LENGTH) throw new ValidationError('File name is too long');
  if (/[\\/\0]/.test(value) || value === '.' || value === '..') throw new ValidationError('File name must not contain folders or NUL');
  return value;
}

/** An export to save: images are bytes, the rest text; the size is bounded. */
export function expectExportFile(value: unknown): ExportFile {
  if (typeof value !== 'object' || value === null) throw new ValidationError('Export must be an object');
  const { name, kind, data } = value as Record<string, unknown>;
  if (!isExportKind(kind)) throw new ValidationError('Unknown export kind');
  const binary = EXPORT_KINDS[kind].binary;
  if (binary ? !(data instanceof Uint8Array) : typeof data !== 'string') {
    throw new ValidationError(binary ? 'Image data must be bytes' : 'Export data must be text');
  }
  if ((data as Uint8Array | string).length > MAX_EXPORT_BYTES) throw new ValidationError('Export is too large to save');
  return { name: expectFileName(name), kind, data: data as string | Uint8Array };
}
