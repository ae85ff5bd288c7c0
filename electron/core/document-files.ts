// Which files Gradscope opens, and how it reads them. Everything that reaches
// the editor from disk (Open dialog, Open Recent, drag-and-drop, argv) comes
// through readDocument, so the checks live in one place.

import { stat, readFile } from 'node:fs/promises';
import { extname } from 'node:path';

export const OPENABLE_EXTENSIONS: readonly string[] = ['.ts', '.js', '.txt'];

/** Programs are small; a bigger file is almost surely not one and would stall the editor. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

export class DocumentError extends Error {}

export function isOpenableName(path: string): boolean {
  return OPENABLE_EXTENSIONS.includes(extname(path).toLowerCase());
}

/** Reads a program after checking it is an existing regular file of an openable type and size. */
export async function readDocument(path: string): Promise<string> {
  if (!isOpenableName(path)) {
    throw new DocumentError(`Gradscope opens ${OPENABLE_EXTENSIONS.join(', ')} files, not ${path}`);
  }
  const info = await stat(path).catch(() => null);
  if (!info) throw new DocumentError(`File not found: ${path}`);
  if (!info.isFile()) throw new DocumentError(`Not a file: ${path}`);
  if (info.size > MAX_DOCUMENT_BYTES) throw new DocumentError(`File is too large to open: ${path}`);
  return readFile(path, 'utf8');
}

/** Save As with a bare name ("model") means a TypeScript program: add ".ts". */
export function withDefaultExtension(path: string): string {
  return withExtension(path, '.ts');
}

/** `path` with `extension` (".png") appended when the name has no extension at all. */
export function withExtension(path: string, extension: string): string {
  return extname(path) === '' ? `${path}${extension}` : path;
}
