// The desktop app, launched for real through Playwright's Electron support.
// Electron's binary is downloaded by its npm package at install time; where
// that download is impossible (offline build machines) the binary is absent,
// and these tests are skipped with the reason printed. Run: npm run test:electron.

import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = join(root, 'e2e', 'artifacts');

/**
 * The Electron executable, found the way the electron package finds it but
 * without its fallback of downloading (require('electron') would try that).
 */
function findElectron(): { executable: string } | { reason: string } {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron npm package is not installed (run npm install)' };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { reason: `${pathFile} is missing: the package's postinstall could not download the Electron binary (no access to Electron's release downloads on this machine)` };
  }
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const executable = join(distDir, readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? { executable } : { reason: `${executable} does not exist: the Electron binary was not downloaded` };
}

const found = findElectron();
const skipReason = 'reason' in found ? `Electron binary not installed here: ${found.reason}` : null;
if (skipReason) console.log(`[electron.spec] skipped: ${skipReason}`);

test.describe('Gradscope desktop app', () => {
  test.skip(skipReason !== null, skipReason ?? '');

  let userData: string;
  let app: ElectronApplication | undefined;

  test.beforeEach(() => {
    for (const built of ['dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/web/index.html']) {
      expect(existsSync(join(root, built)), `${built} is missing: run npm run build:web && npm run build:electron`).toBe(true);
    }
    userData = mkdtempSync(join(tmpdir(), 'gradscope-e2e-userdata-'));
  });

  test.afterEach(async () => {
    await app?.close();
    app = undefined;
    rmSync(userData, { recursive: true, force: true });
  });

  async function launch(...extraArgs: string[]): Promise<ElectronApplication> {
    if (!('executable' in found)) throw new Error('unreachable: skipped above');
    // Chromium refuses to run as root with its OS sandbox (CI containers).
    const rootFlags = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = await electron.launch({
      executablePath: found.executable,
      args: [...rootFlags, `--user-data-dir=${userData}`, '.', ...extraArgs],
      cwd: root,
    });
    return app;
  }

  test('opens one locked-down window on app://gradscope', async () => {
    const desktop = await launch();
    const page = await desktop.firstWindow();
    await page.waitForLoadState('load');

    expect(page.url()).toMatch(/^app:\/\/gradscope\//);
    const title = await desktop.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle()));
    expect(title).toHaveLength(1);
    expect(title[0]).toContain('Gradscope');

    // The page sees the desktop API and nothing of Node.
    const globals = await page.evaluate(() => {
      const scope = globalThis as unknown as Record<string, unknown>;
      const api = scope.gradscopeDesktop;
      return {
        api: typeof api,
        methods: api && typeof api === 'object' ? Object.keys(api).sort() : [],
        process: typeof scope.process,
        require: typeof scope.require,
        module: typeof scope.module,
      };
    });
    expect(globals).toEqual({
      api: 'object',
      methods: ['onMenuCommand', 'onOpenFile', 'openExternal', 'openFile', 'openPath', 'platform', 'saveExport', 'saveFile', 'saveWindowScreenshot', 'setDocumentState'],
      process: 'undefined',
      require: 'undefined',
      module: 'undefined',
    });

    // The protocol handler sends the Content-Security-Policy with the page.
    const csp = await page.evaluate(async () => (await fetch('app://gradscope/index.html')).headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');

    // IPC refuses a path the user never chose.
    const refused = await page.evaluate(async () => {
      const api = (globalThis as unknown as { gradscopeDesktop: { openPath(p: string): Promise<unknown> } }).gradscopeDesktop;
      return api.openPath('/etc/passwd').then(
        () => 'opened',
        (error: unknown) => String(error),
      );
    });
    expect(refused).toMatch(/Not a file you have opened/);

    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'electron-window.png') });
  });

  test('opens a program passed on the command line (file association)', async () => {
    const program = join(userData, 'from-argv.ts');
    writeFileSync(program, 'const a = new Value(2);\nconst b = a.mul(3);\nb.backward();\n');
    const desktop = await launch(program);
    const page = await desktop.firstWindow();
    await page.waitForLoadState('load');
    // The renderer reports the opened file back; main puts its name in the title.
    await expect
      .poll(() => desktop.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle() ?? ''))
      .toBe('from-argv.ts — Gradscope');
  });
});
