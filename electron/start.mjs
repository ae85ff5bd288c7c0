#!/usr/bin/env node
// `npm start`'s launcher: runs Electron as `electron .` would, but first makes
// sure Electron's binary is there. The electron npm package downloads its
// binary on first use; where that download fails (offline, a proxy, a blocked
// host) its own launcher ends in a stack trace that explains nothing. This one
// prints what failed, why, and what to do instead, and exits with status 1.
//
//   node electron/start.mjs --check   only make sure the binary is installed
//   node electron/start.mjs ARGS…      then launch Electron with ARGS
//
// Plain JavaScript, not TypeScript: it runs before anything is compiled.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const args = process.argv.slice(2);
const checkOnly = args[0] === '--check';

const packageDir = electronPackageDir();
const problem = packageDir ? await ensureBinary(packageDir) : 'the electron npm package is not installed (run npm install)';
if (problem) {
  process.stderr.write(explain(problem));
  process.exit(1);
}
if (!checkOnly) launch(packageDir, args);

function electronPackageDir() {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The executable the electron package would run, or null when it is not installed. */
function installedBinary(dir) {
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(dir, 'dist');
  const executable = join(distDir, readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

/** Installs the binary with the package's own installer when missing; returns why that failed, or null. */
async function ensureBinary(dir) {
  if (installedBinary(dir)) return null;
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  process.stderr.write(`Electron ${version}'s binary is not installed yet; downloading it…\n`);
  // stderr is kept: on failure the installer prints a stack trace, of which
  // only the message's first line is shown (with its cause, found below).
  const result = spawnSync(process.execPath, [join(dir, 'install.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status === 0 && installedBinary(dir)) return null;
  const firstLine = (result.stderr || result.error?.message || '').split('\n').find((line) => line.trim()) ?? '';
  const message = firstLine.replace(/^\w*Error: /, '').trim() || `the installer exited with status ${result.status}`;
  // fetch() hides the network's answer in err.cause, which a stack trace
  // does not print: ask the same host again to learn it.
  const cause = /fetch failed|network|socket|timed? ?out/i.test(message) ? await networkCause(version) : null;
  return `downloading it failed: ${message}${cause ? ` (${cause})` : ''}`;
}

/** Why the release URL @electron/get downloads from cannot be fetched, or null. */
async function networkCause(version) {
  const env = process.env; // in @electron/get's order: .npmrc, then the environment
  const mirror = env.npm_config_electron_mirror || env.NPM_CONFIG_ELECTRON_MIRROR || env.ELECTRON_MIRROR || 'https://github.com/electron/electron/releases/download/';
  const platform = env.npm_config_platform || process.platform;
  const arch = env.npm_config_arch || process.arch;
  const dir = (env.npm_config_electron_custom_dir || env.ELECTRON_CUSTOM_DIR || 'v{{ version }}').replace('{{ version }}', version);
  const url = `${mirror.replace(/\/?$/, '/')}${dir}/electron-v${version}-${platform}-${arch}.zip`;
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });
    return response.ok ? null : `HTTP ${response.status} from ${url}`;
  } catch (error) {
    const detail = error.cause?.message ?? error.message;
    return `${detail}, fetching ${url}`;
  }
}

/** The one paragraph a user reads when the desktop app cannot start. */
function explain(problem) {
  const text =
    `Gradscope's desktop app could not start: Electron's binary is missing and ${problem}. ` +
    'To fix it, connect to the network (Electron downloads its release from github.com), ' +
    'or set ELECTRON_MIRROR to a mirror you can reach (for example ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/), ' +
    'then run `npx install-electron` (or `npm start` again). ' +
    'Meanwhile `npm run web` opens the same app in your browser, at http://127.0.0.1:5173/.';
  return `\n${wrap(text, 100)}\n\n`;
}

/** Breaks text into lines of at most width characters, never inside a `code span`. */
function wrap(text, width) {
  const lines = [];
  let line = '';
  for (const word of text.match(/`[^`]*`\S*|\S+/g)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line].join('\n');
}

/** Runs Electron's own launcher (it forwards signals and the exit code). */
function launch(dir, electronArgs) {
  const child = spawn(process.execPath, [join(dir, 'cli.js'), ...electronArgs], { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}
