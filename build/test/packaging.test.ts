// The packaged desktop app, checked without running it (Electron's binary
// cannot be downloaded where CI runs). electron-builder builds the Linux `dir`
// target from build/electron-builder.yml exactly as `npm run dist` would, but
// around a stand-in Electron distribution made here (a folder with an
// `electron` executable; electronDist), with the fuses left unflipped (a
// stand-in has no fuse wire; the fuse configuration is checked as data below).
// Then the resulting app.asar is opened and read. Needs dist/web and
// dist/electron built first (npm run test:package does both).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPackage, extractFile, statFile } from '@electron/asar';
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import { build, Platform, type AfterPackContext } from 'electron-builder';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const configFile = 'build/electron-builder.yml';
const require = createRequire(import.meta.url);
// electron-builder's own modules, for what its public API does not expose:
// its config loader, and the helper that writes the Linux desktop entry.
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper.js');
const { FuseV1Options } = require('@electron/fuses');

/** app.asar may not grow past this (13.9 MiB when set; 16.5 MiB with every Monaco language). */
const ASAR_BUDGET = 15.5 * 1024 * 1024;
/** What a sandboxed preload's require() can load (Electron's sandbox polyfill). */
const SANDBOXED_PRELOAD_MODULES = ['electron', 'events', 'timers', 'url', 'node:events', 'node:timers', 'node:url'];

let work: string;
let asar: string;
let files: Set<string>; // paths inside app.asar, without a leading slash
let installer: {
  desktopEntry: string;
  desktopFileName: string;
  mimeInfo: string;
  linuxIcons: Array<{ file: string; size: number }>;
  fuseWire: Record<string, unknown>;
};

beforeAll(async () => {
  const { main } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  for (const built of ['dist/web/index.html', main]) {
    await stat(join(root, built)).catch(() => {
      throw new Error(`${built} is missing: run npm run build:web && npm run build:electron first (npm run test:package does)`);
    });
  }
  work = await mkdtemp(join(tmpdir(), 'gradscope-package-'));
  const standIn = join(work, 'electron-dist');
  await mkdir(join(standIn, 'resources'), { recursive: true });
  await mkdir(join(standIn, 'locales'));
  await writeFile(join(standIn, 'electron'), '#!/bin/sh\necho "stand-in for Electron: packaging test only" >&2\nexit 1\n');
  await chmod(join(standIn, 'electron'), 0o755);

  const fileConfig = await configAsLoaded();
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir'),
    publish: 'never',
    config: {
      extends: configFile,
      electronDist: standIn,
      electronFuses: null, // nothing to flip on a stand-in; checked as data instead
      npmRebuild: false, // no native modules (checked below: nothing from node_modules is loaded)
      directories: { output: join(work, 'out') },
      afterPack: async (context: AfterPackContext) => {
        // While electron-builder's temp files still exist: what the deb and
        // AppImage targets would write, from the same packager.
        const packager = context.packager;
        const helper = new LinuxTargetHelper(packager);
        installer = {
          desktopEntry: await helper.computeDesktopEntry(packager.platformSpecificBuildOptions),
          desktopFileName: `${helper.getDesktopFileName()}.desktop`,
          mimeInfo: await readFile(await helper.mimeTypeFiles, 'utf8'),
          linuxIcons: await helper.icons,
          fuseWire: await (packager as unknown as { generateFuseConfig(f: unknown): Promise<Record<string, unknown>> })
            .generateFuseConfig(fileConfig.electronFuses),
        };
      },
    },
  });
  asar = join(work, 'out', 'linux-unpacked', 'resources', 'app.asar');
  files = new Set(listPackage(asar, { isPack: false }).map((p) => p.replace(/\\/g, '/').replace(/^\//, '')));
}, 120_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** build/electron-builder.yml as electron-builder loads and validates it. */
async function configAsLoaded(): Promise<Record<string, any>> {
  const config = await getConfig(root, configFile, {});
  await validateConfiguration(config, { isEnabled: false, add() {} });
  return config;
}

const text = (path: string) => extractFile(asar, path).toString('utf8');
/** The preload: the main process's one CommonJS file (sandboxed preloads cannot be ES modules). */
const preloadFiles = () => [...files].filter((f) => f.endsWith('.cjs') && !f.startsWith('dist/web/'));
const isFile = (path: string) => files.has(path) && !('files' in statFile(asar, path));

describe('app.asar', () => {
  it("has package.json, whose main is a file inside it, and an ES module (type: module) as the main process is", () => {
    const pkg = JSON.parse(text('package.json'));
    const main = posix.normalize(pkg.main);
    expect(isFile(main), `main ${pkg.main} is not in app.asar`).toBe(true);
    expect(pkg.type).toBe('module');
  });

  it("holds the renderer: index.html, everything it references, and every file of the build (workers, lazy chunks)", () => {
    expect(isFile('dist/web/index.html')).toBe(true);
    const html = text('dist/web/index.html');
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((u) => !/^[a-z]+:|^#/.test(u));
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(isFile(posix.join('dist/web', ref)), `index.html references ${ref}`).toBe(true);

    const built = walkDir(join(root, 'dist/web')).map((f) => posix.join('dist/web', f));
    for (const file of built) {
      expect(isFile(file), `${file} is not in app.asar`).toBe(true);
      expect(statFile(asar, file)).toMatchObject({ size: statSync(join(root, file)).size });
    }
  });

  it('has a CommonJS preload that loads only what a sandboxed preload can', () => {
    const preloads = preloadFiles();
    expect(preloads, 'no .cjs preload in app.asar').toHaveLength(1);
    const code = text(preloads[0]!);
    // A script, not a module: import/export would not parse.
    expect(() => acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script' })).not.toThrow();
    const { requires, imports, unresolvable } = loads(code, 'script');
    expect(imports).toEqual([]);
    expect(unresolvable).toEqual([]);
    for (const id of requires) expect(SANDBOXED_PRELOAD_MODULES, `preload requires ${id}`).toContain(id);
  });

  it('loads, from the main process and the preload, only files inside it, electron and node:*', () => {
    const main = posix.normalize(JSON.parse(text('package.json')).main);
    const start = [main, ...preloadFiles()];
    const seen = new Set<string>();
    const problems: string[] = [];
    const queue = [...start];
    while (queue.length > 0) {
      const file = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const { imports, requires, unresolvable } = loads(text(file), file.endsWith('.cjs') ? 'script' : 'module');
      for (const expr of unresolvable) problems.push(`${file}: loads a computed module name (${expr}); cannot be checked`);
      for (const id of [...imports, ...requires]) {
        if (id === 'electron' || id.startsWith('node:')) continue;
        const own = selfReference(id);
        if (own !== null) {
          // Node resolves a package's own name through its "exports" (self-reference).
          if (isFile(own)) queue.push(own);
          else problems.push(`${file}: loads "${id}", but its export ${own} is not in app.asar`);
          continue;
        }
        if (!id.startsWith('.')) {
          problems.push(`${file}: loads "${id}", which is not in app.asar (no node_modules is packed)`);
          continue;
        }
        const target = posix.join(posix.dirname(file), id);
        if (isFile(target)) queue.push(target);
        else problems.push(`${file}: loads "${id}", but ${target} is not in app.asar`);
      }
    }
    expect(problems).toEqual([]);
    expect(seen.size).toBeGreaterThan(start.length + 5); // the walk did follow the imports
  });

  it('packs no source maps, sources, tests or node_modules', () => {
    const unwanted = [...files].filter((f) =>
      /\.map$|\.tsx?$|\.mts$|\.cts$|(^|\/)(test|tests|e2e|__tests__|node_modules)(\/|$)|\.(test|spec|e2e)\.[cm]?[jt]s$/.test(f));
    expect(unwanted).toEqual([]);
    const tops = new Set([...files].map((f) => f.split('/')[0]));
    expect([...tops].sort()).toEqual(['dist', 'package.json']);
  });

  it(`is at most ${(ASAR_BUDGET / 1024 / 1024).toFixed(1)} MiB`, async () => {
    const { size } = await stat(asar);
    console.log(`[packaging] app.asar: ${(size / 1024 / 1024).toFixed(2)} MiB (${size} bytes); budget ${(ASAR_BUDGET / 1024 / 1024).toFixed(1)} MiB`);
    expect(size).toBeLessThanOrEqual(ASAR_BUDGET);
  });
});

describe('Electron fuses (build/electron-builder.yml, as electron-builder turns them into the fuse wire)', () => {
  it('keep the packaged binary from running as Node, taking NODE_OPTIONS or --inspect, or loading an app outside app.asar', () => {
    const wire = installer.fuseWire;
    expect(wire.version).toBe('1');
    expect(wire[FuseV1Options.RunAsNode]).toBe(false);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });
});

describe('installer metadata', () => {
  it('associates .ts files (desktop entry MimeType and the shared-mime-info glob)', () => {
    expect(entry('MimeType')?.split(';')).toContain('application/x-typescript');
    expect(installer.mimeInfo).toContain('<mime-type type="application/x-typescript">');
    expect(installer.mimeInfo).toContain('<glob pattern="*.ts"/>');
    // Files opened from a file manager reach the app as arguments.
    expect(entry('Exec')).toMatch(/\/gradscope %U$/);
  });

  it('names the desktop entry Gradscope, in the Development category, with the window class Electron will use', () => {
    expect(entry('Name')).toBe('Gradscope');
    expect(entry('Categories')?.split(';')).toContain('Development');
    expect(entry('Icon')).toBe('gradscope');
    // Electron takes its Wayland app id from package.json's desktopName and its
    // X11 WM_CLASS from the app's name: both must match the entry, or the
    // desktop shows the running window apart from its launcher.
    const pkg = JSON.parse(text('package.json'));
    expect(pkg.desktopName).toBe(installer.desktopFileName);
    expect(entry('StartupWMClass')).toBe(pkg.productName ?? pkg.name);
  });

  it('has a Linux icon at every size the desktop themes use, each the size its name says', async () => {
    const sizes = installer.linuxIcons.map((icon) => icon.size).sort((a, b) => a - b);
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) expect(sizes, `no ${size}x${size} icon`).toContain(size);
    for (const icon of installer.linuxIcons) {
      expect(pngSize(await readFile(icon.file)), relative(root, icon.file)).toEqual({ width: icon.size, height: icon.size });
    }
  });

  it('has a macOS .icns with every size and its retina variant (16 to 512 @1x and @2x)', async () => {
    const config = await configAsLoaded();
    const types = icnsTypes(await readFile(join(root, config.mac.icon)));
    // ic04/is32 16, ic05/il32 32, ic07/it32 128, ic08 256, ic09 512; retina: ic11 16@2x, ic12 32@2x, ic13 128@2x, ic14 256@2x, ic10 512@2x.
    const has = (...anyOf: string[]) => anyOf.some((t) => types.includes(t));
    for (const [what, anyOf] of Object.entries({
      '16': ['ic04', 'is32'], '32': ['ic05', 'il32'], '128': ['ic07', 'it32'], '256': ['ic08'], '512': ['ic09'],
      '16@2x': ['ic11'], '32@2x': ['ic12'], '128@2x': ['ic13'], '256@2x': ['ic14'], '512@2x': ['ic10'],
    })) expect(has(...anyOf), `icon.icns has no ${what} image (${anyOf.join(' or ')}); it has ${types.join(' ')}`).toBe(true);
  });

  it('has a Windows .ico with 16, 24, 32, 48, 64 and 256 px images', async () => {
    const config = await configAsLoaded();
    const sizes = icoSizes(await readFile(join(root, config.win.icon)));
    for (const size of [16, 24, 32, 48, 64, 256]) expect(sizes, `icon.ico has no ${size} px image`).toContain(size);
  });
});

/** A key of the generated desktop entry's [Desktop Entry] group. */
function entry(key: string): string | undefined {
  return installer.desktopEntry.match(new RegExp(`^${key}=(.*)$`, 'm'))?.[1];
}

/** The packed file a specifier that names the package itself (`gradscope/node/atomic-write`)
 *  resolves to through package.json's "exports", or null when it names another package. */
function selfReference(id: string): string | null {
  const pkg = JSON.parse(text('package.json')) as { name: string; exports?: Record<string, string | { default?: string }> };
  if (id !== pkg.name && !id.startsWith(`${pkg.name}/`)) return null;
  const entry = pkg.exports?.[`.${id.slice(pkg.name.length)}`];
  const target = typeof entry === 'string' ? entry : entry?.default;
  return target === undefined ? `(no export for ${id})` : posix.normalize(target);
}

/** The modules a file loads: static and literal dynamic imports, require('…') calls, and computed names. */
function loads(code: string, sourceType: 'module' | 'script') {
  const imports: string[] = [];
  const requires: string[] = [];
  const unresolvable: string[] = [];
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType });
  const literal = (node: any) => (node?.type === 'Literal' && typeof node.value === 'string' ? node.value : null);
  walk.simple(ast, {
    ImportDeclaration: (node: any) => imports.push(node.source.value),
    ExportNamedDeclaration: (node: any) => node.source && imports.push(node.source.value),
    ExportAllDeclaration: (node: any) => imports.push(node.source.value),
    ImportExpression: (node: any) => {
      const id = literal(node.source);
      if (id) imports.push(id);
      else unresolvable.push(code.slice(node.start, node.end));
    },
    CallExpression: (node: any) => {
      if (node.callee.type !== 'Identifier' || node.callee.name !== 'require') return;
      const id = literal(node.arguments[0]);
      if (id) requires.push(id);
      else unresolvable.push(code.slice(node.start, node.end));
    },
  });
  return { imports, requires, unresolvable };
}

function walkDir(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walkDir(join(dir, d.name), posix.join(prefix, d.name)) : [posix.join(prefix, d.name)]);
}

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The OSTypes of an .icns file's images. */
function icnsTypes(icns: Buffer): string[] {
  expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
  const types: string[] = [];
  for (let at = 8; at + 8 <= icns.length; at += icns.readUInt32BE(at + 4)) types.push(icns.subarray(at, at + 4).toString('latin1'));
  return types;
}

/** The image sizes of a Windows .ico (a 0 in the directory means 256). */
function icoSizes(ico: Buffer): number[] {
  expect(ico.readUInt16LE(2)).toBe(1); // type 1: icon
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + 16 * i] || 256);
}
