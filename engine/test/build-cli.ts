// Vitest global setup: the CLI tests run the real binary, so build the engine
// once before any test file starts (never from two files at once).

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  execFileSync('npm', ['run', 'build:engine'], { cwd: fileURLToPath(new URL('../../', import.meta.url)), stdio: 'pipe' });
}
