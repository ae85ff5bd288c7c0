// Saving must never leave a half-written program behind: a crash or a full
// disk mid-write would otherwise truncate the user's only copy. So we write a
// sibling temp file (same directory => same filesystem => rename is atomic),
// flush it to disk, and only then rename it over the target.

import { open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Writes `text` (or bytes) to `path` atomically; on any failure the original file is untouched. */
export async function writeFileAtomic(path: string, text: string | Uint8Array): Promise<void> {
  // Short fixed-length name: a long target name must not make the temp name exceed NAME_MAX.
  const temp = join(dirname(path), `.gradscope-${randomBytes(6).toString('hex')}.tmp`);
  const mode = await existingMode(path);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await (typeof text === 'string' ? handle.writeFile(text, 'utf8') : handle.writeFile(text));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Keeps the permissions of the file being replaced (a fresh file gets the default). */
async function existingMode(path: string): Promise<number> {
  try {
    return (await stat(path)).mode & 0o777;
  } catch {
    return 0o666;
  }
}
