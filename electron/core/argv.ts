// A program opened from the file manager (file association) or the command
// line arrives as an argument: `gradscope model.ts` packaged, or
// `electron . model.ts` in development. Flags and the app path are skipped.

import { resolve } from 'node:path';
import { isOpenableName } from './document-files.js';

/**
 * The last argument that names an openable program, resolved against `cwd`;
 * null if none. In development the first non-flag argument is the app path
 * (which may itself be a .js file), so `development` skips it.
 */
export function documentFromArgv(argv: readonly string[], cwd: string, development: boolean): string | null {
  const operands = argv.slice(1).filter((arg) => !arg.startsWith('-'));
  const candidates = (development ? operands.slice(1) : operands).filter(isOpenableName);
  const last = candidates.at(-1);
  return last === undefined ? null : resolve(cwd, last);
}
