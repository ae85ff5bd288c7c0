// `npm start`'s launcher (electron/start.mjs), run as a real process against a
// copy of the real electron npm package. The copy has no binary, as on a
// machine where the download failed; its own installer (install.js, which
// fetches through @electron/get) then tries a mirror on a closed local port.

import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { chmod, copyFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './temp-dir.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const electronPackage = dirname(createRequire(import.meta.url).resolve('electron/package.json'));

/** A project with start.mjs and the electron package's files, but no Electron binary. */
async function projectWithoutBinary(): Promise<string> {
  const dir = await tempDir();
  await mkdir(join(dir, 'electron'));
  await copyFile(join(root, 'electron', 'start.mjs'), join(dir, 'electron', 'start.mjs'));
  const pkg = join(dir, 'node_modules', 'electron');
  await mkdir(pkg, { recursive: true });
  for (const file of ['package.json', 'index.js', 'cli.js', 'install.js', 'checksums.json']) {
    await copyFile(join(electronPackage, file), join(pkg, file));
  }
  return dir;
}

/** A TCP port on which nothing listens (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Run { status: number | null; stdout: string; stderr: string }

function runStart(dir: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(dir, 'electron', 'start.mjs'), ...args], {
      cwd: dir,
      // @electron/get and its dependencies come from the project's node_modules.
      // An .npmrc mirror (npm passes it on) would win over ELECTRON_MIRROR.
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: '', npm_config_electron_mirror: '', NPM_CONFIG_ELECTRON_MIRROR: '', NODE_PATH: join(root, 'node_modules'), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('npm start without an Electron binary', () => {
  it('says what failed and why, how to fix it, and that npm run web works; exits 1 without a stack trace', async () => {
    const dir = await projectWithoutBinary();
    const port = await closedPort();
    const run = await runStart(dir, ['.'], {
      ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
      electron_config_cache: join(dir, 'empty-cache'), // no cached release zip to fall back on
    });
    const text = run.stderr.replace(/\s+/g, ' ');

    expect(run.status).toBe(1);
    expect(text).toContain("Gradscope's desktop app could not start: Electron's binary is missing and downloading it failed");
    expect(text).toContain(`ECONNREFUSED 127.0.0.1:${port}`); // the underlying reason
    expect(text).toContain(`http://127.0.0.1:${port}/v`); // from where
    expect(text).toContain('ELECTRON_MIRROR');
    expect(text).toContain('`npx install-electron`');
    expect(text).toContain('`npm run web` opens the same app in your browser');
    expect(run.stderr).not.toMatch(/^\s+at /m); // no stack frames
    expect(run.stderr).not.toContain('Error:');
  });

  it('--check reports the same and exits 1', async () => {
    const dir = await projectWithoutBinary();
    const run = await runStart(dir, ['--check'], {
      ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/`,
      electron_config_cache: join(dir, 'empty-cache'),
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('`npm run web`');
  });
});

describe('npm start with an Electron binary', () => {
  it('runs it with the arguments, passes its output and exit code through, and adds nothing', async () => {
    const dir = await projectWithoutBinary();
    const pkg = join(dir, 'node_modules', 'electron');
    // A stand-in executable where the package's installer would have put Electron.
    await mkdir(join(pkg, 'dist'));
    await writeFile(join(pkg, 'path.txt'), 'electron');
    await writeFile(join(pkg, 'dist', 'electron'), '#!/bin/sh\necho "electron got: $*"\nexit 3\n');
    await chmod(join(pkg, 'dist', 'electron'), 0o755);

    const run = await runStart(dir, ['.', '--flag'], {});
    expect(run).toEqual({ status: 3, stdout: 'electron got: . --flag\n', stderr: '' });

    const check = await runStart(dir, ['--check'], {});
    expect(check).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});
