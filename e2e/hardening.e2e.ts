// What one program can do to the app: nothing that outlives its run, nothing
// the page cannot check, no other host, and no crash loop.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { openApp, pasteAndWait, readme, screenshot, viewState } from './helpers.js';

test('a program that poisons its worker (prototype, message handler, a timer) does not change the next run', async ({ page }) => {
  await openApp(page);
  const poison = `const g = ({}).constructor.constructor('return this')();
Value.prototype.backward = function () { this.grad = 42; };
g.setInterval(() => { Value.prototype.tanh = () => { throw new Error('poisoned'); }; }, 1);
g.onmessage = () => {};
const a = new Value(1, 'a');
const b = a.mul(3);
b.backward();
console.log('poisoned', b.grad);
`;
  const poisoned = await pasteAndWait(page, poison);
  expect(poisoned.error).toBeNull();
  await expect(page.locator('#console')).toContainText('poisoned 42'); // the override worked, in its own run
  // The next program runs in a fresh worker: micrograd's numbers, as if nothing had happened.
  const state = await pasteAndWait(page, `${readme}\nconst t = new Value(0.5).tanh();\n`);
  expect(state.error).toBeNull();
  expect(state.nodes.find((n) => n.label === 'a')!.grad).toBeCloseTo(138.83381924198252, 10);
  await expect(page.locator('#console')).toContainText('a.grad = 138.8338');
});

test('a result a program has tampered with (an id of 2^31 − 2) is refused with a clear error; the last graph stays', async ({ page }) => {
  await openApp(page);
  const good = await pasteAndWait(page, readme);
  expect(good.error).toBeNull();
  // Value's id has no setter, so a program reaches past the engine: it
  // wraps the worker's postMessage and changes the result on its way out
  // (in its wire form, common/wire.ts: the values' ids are one column).
  const tamper = [
    'const a = new Value(1);',
    'const b = a.mul(2);',
    'b.backward();',
    "const g = ({}).constructor.constructor('return this')();",
    'const post = g.postMessage.bind(g);',
    'g.postMessage = (m) => { if (m && m.snapshot) m.snapshot.nodes.id[0] = 2 ** 31 - 2; post(m); };',
    '',
  ].join('\n');
  const state = await pasteAndWait(page, tamper);
  expect(state.error?.message).toBe("the program's result cannot be shown: value 0 has id 2147483646: ids are whole numbers from 0 to 33554432");
  await expect(page.locator('#error-bar')).toContainText('value 0 has id 2147483646');
  await expect(page.locator('#graph-wrap')).toHaveClass(/dimmed/);
  expect(state.nodes.length).toBe(good.nodes.length);
});

test('the browser build has a CSP: the page cannot eval, and a program cannot reach another host', async ({ page }) => {
  let hits = 0;
  const other: Server = createServer((_req, res) => {
    hits++;
    res.setHeader('content-type', 'text/javascript');
    res.setHeader('access-control-allow-origin', '*');
    res.end('export const x = 1;');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}/evil.js`;
  try {
    await openApp(page);
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /script-src 'self'; /);
    // An injected inline script does not run, and the page reports the violation.
    const injected = await page.evaluate(async () => {
      const violated = new Promise<string>((resolve) => document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true }));
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.injected = "ran";';
      document.head.append(script);
      return { directive: await violated, ran: document.body.dataset.injected ?? null };
    });
    expect(injected).toEqual({ directive: 'script-src-elem', ran: null });
    const program = `const g = ({}).constructor.constructor('return this')();
console.log(typeof g.fetch, typeof g.XMLHttpRequest, typeof g.WebSocket, typeof g.importScripts);
(0, eval)('import(${JSON.stringify(url)})').then(() => console.log('reached'), () => console.log('blocked'));
const a = new Value(1);
`;
    const state = await pasteAndWait(page, program);
    expect(state.error).toBeNull();
    await expect(page.locator('#console')).toContainText('undefined undefined undefined undefined');
    // The dynamic import fails at the worker's CSP; the other host never hears of it.
    await page.waitForTimeout(1000);
    expect(hits).toBe(0);
  } finally {
    other.close();
  }
});

test('after the page dies during a run, the app opens the draft without running it and says why; every start until a run finishes', async ({ page: crashed, browser }, testInfo) => {
  const page = crashed;
  await openApp(page);
  await page.getByRole('combobox', { name: 'Time limit' }).selectOption({ label: '60 s' });
  const endless = 'const w = new Value(3, "w");\nfor (let k = 0; ; k++) {\n  const loss = w.mul(w);\n  loss.backward();\n}\n';
  await pasteAndWait(page, 'const a = new Value(1);\n'); // a finished run first
  // The endless program starts (the draft is saved as it is pasted), then the page crashes mid-run.
  const { pasteProgram } = await import('./helpers.js');
  await pasteProgram(page, endless);
  await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled({ timeout: 10_000 });
  // The page dies in the middle of the run: what survives a crash is the
  // storage as it was at that moment. (Chromium's Page.crash takes this
  // headless browser down with it, and closing a page runs its pagehide, which
  // a crash does not: so the storage is taken mid-run and the page dropped.)
  const storageState = await crashed.context().storageState();
  await crashed.context().close();
  const context = await browser.newContext({ storageState, baseURL: testInfo.project.use.baseURL, viewport: { width: 1440, height: 900 } });
  let again = crashed;
  for (const start of [1, 2]) {
    // A new start of the app (same storage), as after a crash or a restart.
    if (start === 2) await again.close();
    again = await context.newPage();
    const page = again;
    await page.goto('/');
    await expect(page.locator('#editor .monaco-editor')).toBeVisible();
    await expect(page.locator('#error-bar'), `start ${start}`).toContainText('It was not run again');
    await expect(page.locator('#status')).toHaveText('not run: the last session stopped during a run');
    await expect(page.locator('#editor .view-lines')).toContainText('for (let k = 0; ; k++) {'.replace(/ /g, '\u00a0'));
    const state = await viewState(page);
    expect(state.busy).toBe(false);
    expect(state.draws).toBe(0);
    await expect(page.getByRole('button', { name: 'Stop' })).toBeDisabled();
  }
  await screenshot(again, 'safe-start-after-crash');
  // A finished run clears the mark: the next start runs the draft again.
  await pasteAndWait(again, readme);
  await again.reload();
  await expect.poll(async () => (await viewState(again)).draws).toBeGreaterThan(0);
  await expect(again.locator('#error-bar')).toBeHidden();
  await context.close();
});
