// Unsaved work in the browser build: what counts as unsaved, what asks
// before it is replaced, and a draft too large to keep.
import { expect, test, type Page } from '@playwright/test';
import { openApp, pasteAndWait, settled, typeProgram } from './helpers.js';

const unsaved = (page: Page) => page.evaluate(() => document.title.startsWith('• '));

test('unsaved follows the text: an edit is unsaved, undoing it back is not', async ({ page }) => {
  await openApp(page);
  await settled(page);
  expect(await unsaved(page)).toBe(false);
  await page.locator('#editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\n// note');
  await expect.poll(() => unsaved(page)).toBe(true);
  for (let i = 0; i < 10 && (await unsaved(page)); i++) await page.keyboard.press('ControlOrMeta+Z');
  expect(await unsaved(page)).toBe(false);
});

test('a restored draft is unsaved work: opening an example asks first, and No keeps the text', async ({ page }) => {
  await openApp(page);
  await typeProgram(page, 'const mine = new Value(5);');
  await settled(page);
  await page.reload();
  await settled(page);
  await expect(page.locator('#editor .view-lines')).toContainText('const\u00a0mine');
  expect(await unsaved(page)).toBe(true);
  const asked: string[] = [];
  page.on('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByRole('button', { name: 'Examples…' }).click();
  await page.getByRole('dialog', { name: 'Examples' }).locator('[data-example="tanh-neuron.ts"]').click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toMatch(/unsaved changes/);
  await expect(page.locator('#editor .view-lines')).toContainText('const\u00a0mine');
});

test('a draft over the storage limit is said, and an older draft does not come back in its place', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  await pasteAndWait(page, 'const old = new Value(1);\n');
  // ~6 M characters of comment lines (12 MB as UTF-16): past Chromium's localStorage quota.
  const big = `const big = new Value(1);\n${`// ${'x'.repeat(97)}\n`.repeat(60_000)}`;
  await page.locator('#editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, big);
  const mb = ((big.length * 2) / 1e6).toFixed(1); // UTF-16, as localStorage counts
  await expect(page.locator('#status')).toContainText(`draft not kept: ${mb} MB is over the browser's storage limit`, { timeout: 30_000 });
  expect(await page.evaluate(() => localStorage.getItem('gradscope.draft'))).toBeNull();
});
