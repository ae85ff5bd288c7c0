import { expect, test } from '@playwright/test';
import { openApp, pasteAndWait, readme, screenshot, typeAndWait, typeProgram, viewState } from './helpers.js';

test('a syntax error is located, the last graph stays dimmed, and fixing it redraws', async ({ page }) => {
  await openApp(page);
  const good = await pasteAndWait(page, readme);
  await typeAndWait(page, 'const a = new Value(1);\nconst b = a.add(;\n');
  const bar = page.locator('#error-bar');
  await expect(bar).toContainText('Line 2');
  await expect(bar).toContainText('syntax error');
  const state = await viewState(page);
  expect(state.error?.kind).toBe('syntax');
  expect(state.error?.line).toBe(2);
  // The last good graph is still there, dimmed.
  expect(state.nodes.length).toBe(good.nodes.length);
  await expect(page.locator('#graph-wrap')).toHaveClass(/dimmed/);
  await expect(page.locator('#editor .squiggly-error').first()).toBeVisible();
  await screenshot(page, 'syntax-error');
  await typeAndWait(page, 'const a = new Value(1);\nconst b = a.add(2);\n');
  await expect(bar).toBeHidden();
  await expect(page.locator('#graph-wrap')).not.toHaveClass(/dimmed/);
  expect((await viewState(page)).nodes.find((n) => n.label === 'b')?.data).toBe(3);
});

test('a runtime error shows at its line and column', async ({ page }) => {
  await openApp(page);
  await typeAndWait(page, 'const a = new Value(1);\nconst b = a.add(undefinedName);\n');
  await expect(page.locator('#error-bar')).toContainText('Line 2, column');
  await expect(page.locator('#error-bar')).toContainText('undefinedName');
  expect((await viewState(page)).error?.kind).toBe('runtime');
});

test('an infinite loop is stopped after 10 s at its line while the app stays responsive', async ({ page }) => {
  test.setTimeout(90_000);
  await openApp(page);
  await typeProgram(page, 'const a = new Value(1);\nlet i = 0;\nwhile (true) { i++; }\n');
  await expect(page.locator('#status')).toHaveText(/^running…/);
  // The UI thread is free while the worker loops: the graph tools respond.
  await page.getByRole('button', { name: 'Fit' }).click();
  await page.getByRole('searchbox', { name: 'Find node by label' }).fill('xyz');
  await expect(page.locator('#search-count')).toHaveText('0 found');
  expect((await viewState(page)).busy).toBe(true);
  await expect(page.locator('#error-bar')).toContainText('stopped after 10 s', { timeout: 20_000 });
  await expect(page.locator('#error-bar')).toContainText('Line 3');
  expect((await viewState(page)).error?.kind).toBe('timeout');
  await screenshot(page, 'infinite-loop');
  // A fresh worker runs the next program.
  const state = await typeAndWait(page, 'const x = new Value(5);\nconst y = x.mul(2);\n');
  expect(state.error).toBeNull();
  expect(state.nodes.find((n) => n.label === 'y')?.data).toBe(10);
});
