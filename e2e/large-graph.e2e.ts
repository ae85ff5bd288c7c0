import { expect, test } from '@playwright/test';
import { engineRun, openApp, pasteAndWait, readme, viewState } from './helpers.js';

test('a graph over the drawing limit shows its size and the part nearest the root, and can be widened', async ({ page }) => {
  const total = engineRun(readme).nodes.length;
  await openApp(page);
  await pasteAndWait(page, readme);
  await page.getByRole('spinbutton', { name: 'Drawing limit' }).fill('10');
  await page.getByRole('spinbutton', { name: 'Drawing limit' }).press('Enter');
  const notice = page.getByRole('note');
  await expect(notice).toContainText(`This graph has ${total} values`);
  const small = await viewState(page);
  expect(small.nodes.length).toBeLessThanOrEqual(10);
  expect(small.nodes.length).toBeGreaterThan(0);
  // The root is always drawn.
  const root = engineRun(readme).backward[0]!.root;
  expect(small.nodes.some((n) => n.id === root)).toBe(true);
  await page.getByRole('button', { name: 'Widen' }).click();
  await expect.poll(async () => (await viewState(page)).nodes.length).toBeGreaterThan(small.nodes.length);
  // Stepping still works on the part drawn.
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  expect((await viewState(page)).step).toBe(1);
});
