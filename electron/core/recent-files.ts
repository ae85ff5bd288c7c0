// The Open Recent list: most recent first, no duplicates, at most ten, and
// never a file that has since disappeared. Kept as plain data so the menu can
// be rebuilt from it at any time.

import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { readJsonFile, writeJsonFile } from './json-file.js';

export const MAX_RECENT_FILES = 10;

/** `path` moved (or added) to the front; the list stays capped. */
export function addRecent(list: readonly string[], path: string): string[] {
  return [path, ...list.filter((p) => p !== path)].slice(0, MAX_RECENT_FILES);
}

export function removeRecent(list: readonly string[], path: string): string[] {
  return list.filter((p) => p !== path);
}

/** Only the entries that still name a regular file. */
export async function dropMissing(list: readonly string[]): Promise<string[]> {
  const exists = await Promise.all(list.map((p) => stat(p).then((s) => s.isFile(), () => false)));
  return list.filter((_, i) => exists[i]);
}

/** Accepts only a well-formed list from disk: absolute string paths, deduplicated, capped. */
export function parseRecent(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const paths = value.filter((p): p is string => typeof p === 'string' && isAbsolute(p));
  return [...new Set(paths)].slice(0, MAX_RECENT_FILES);
}

export async function loadRecent(file: string): Promise<string[]> {
  return dropMissing(parseRecent(await readJsonFile(file)));
}

export async function saveRecent(file: string, list: readonly string[]): Promise<void> {
  await writeJsonFile(file, list);
}

/**
 * The live list: every change is persisted (through `persist`, so the caller
 * can track the write) and announced, so the menu and the OS's own recent
 * documents stay in step.
 */
export class RecentFiles {
  private list: string[] = [];
  // Writes are chained so an older list can never land after a newer one.
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly persist: (write: Promise<void>) => void,
    private readonly onChange: (list: readonly string[]) => void,
  ) {}

  get paths(): readonly string[] {
    return this.list;
  }

  async load(): Promise<void> {
    this.set(await loadRecent(this.file), false);
  }

  add(path: string): void {
    this.set(addRecent(this.list, path));
  }

  remove(path: string): void {
    this.set(removeRecent(this.list, path));
  }

  clear(): void {
    this.set([]);
  }

  private set(list: string[], save = true): void {
    this.list = list;
    if (save) {
      this.writing = this.writing.catch(() => {}).then(() => saveRecent(this.file, list));
      this.persist(this.writing);
    }
    this.onChange(list);
  }
}
