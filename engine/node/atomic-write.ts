// Writing a file so that nothing is ever lost or misplaced, for the CLI's
// `-o` and the desktop app's saves and exports (electron/core/atomic-write.ts
// re-exports this module through the package's "./node/atomic-write" export).
//
// - The bytes go to a temp file with a random name, created exclusively
//   (`wx`: a file or symlink planted under that name makes it fail), in the
//   target's own directory (same file system, so the rename is atomic);
//   the file and then the directory are fsynced, so a crash leaves the old
//   version or the new one, never a torn one.
// - A symlink is followed: the file it points to is replaced, the link stays.
// - The replaced file's permission bits are kept; a read-only file (no write
//   bit for anyone) is refused unless `overwriteReadOnly` is set.
// - A failure at any step removes the temp file and leaves the target as it was.
// - Writes to one file run one after the other, in the order they were asked for.

import { randomBytes } from 'node:crypto';
import { lstat, open, readlink, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';

export interface AtomicWriteOptions {
  /** Replace a file that has no write permission bit (default: refuse). */
  overwriteReadOnly?: boolean;
}

/** The target is read-only and the caller did not ask to replace it anyway. */
export class ReadOnlyError extends Error {
  readonly code = 'EREADONLY';
  constructor(readonly path: string) {
    super(`${path} is read-only`);
  }
}

const queues = new Map<string, Promise<unknown>>();
/** Finding a write's target takes a few awaits; this keeps calls in their order while they do. */
let resolving: Promise<unknown> = Promise.resolve();

/** Writes `data` to `path` atomically (see above); on any failure the original file is untouched. */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const queued = resolving.then(async () => {
    const target = await resolveTarget(path);
    const previous = queues.get(target) ?? Promise.resolve();
    const write = previous.catch(() => {}).then(() => replace(target, data, options));
    queues.set(target, write);
    // Wrapped: the chain of calls waits for the target to be known, not for the write.
    return { target, write };
  });
  resolving = queued.catch(() => {});
  const { target, write } = await queued;
  try {
    await write;
  } finally {
    if (queues.get(target) === write) queues.delete(target);
  }
}

/** Where the bytes must go: the file at the end of any chain of symlinks (which may not exist yet). */
export async function resolveTarget(path: string): Promise<string> {
  let current = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    try {
      return await realpath(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    // Missing: a new file, or a symlink whose target does not exist yet.
    let link: string;
    try {
      if (!(await lstat(current)).isSymbolicLink()) return current;
      link = await readlink(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return current;
      throw error;
    }
    current = isAbsolute(link) ? link : resolve(dirname(current), link);
  }
  throw Object.assign(new Error(`${path}: too many levels of symbolic links`), { code: 'ELOOP' });
}

async function replace(target: string, data: string | Uint8Array, options: AtomicWriteOptions): Promise<void> {
  const existing = await stat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (existing?.isDirectory()) throw Object.assign(new Error(`${target} is a directory`), { code: 'EISDIR' });
  if (existing && (existing.mode & 0o222) === 0 && !options.overwriteReadOnly) throw new ReadOnlyError(target);
  // A device or a pipe (-o /dev/stdout, a FIFO) is written into: renaming a file over it would replace the device.
  if (existing && !existing.isFile()) {
    await writeFile(target, data);
    return;
  }
  const dir = dirname(target);
  // Short fixed-length name: a long target name must not make the temp name exceed NAME_MAX.
  const temp = join(dir, `.gradscope-${randomBytes(8).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await (typeof data === 'string' ? handle.writeFile(data, 'utf8') : handle.writeFile(data));
      // The umask does not apply to chmod: the new file gets exactly the old bits.
      await handle.chmod(existing ? existing.mode & 0o7777 : 0o666 & ~currentUmask());
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

/** Makes the rename itself durable. Some platforms cannot open or fsync a directory; the write stands there anyway. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // EISDIR/EPERM/EINVAL on Windows and some file systems
  } finally {
    await handle?.close();
  }
}

function currentUmask(): number {
  // process.umask() without an argument is deprecated for reading only in
  // worker threads; the main thread may read it.
  try {
    return process.umask();
  } catch {
    return 0o022;
  }
}
