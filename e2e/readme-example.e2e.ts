import { expect, test } from '@playwright/test';
import { engineRun, openApp, pasteAndWait, readme, screenshot } from './helpers.js';

test('pasting the README example draws its graph with micrograd values', async ({ page }) => {
  await openApp(page);
  const state = await pasteAndWait(page, readme);
  expect(state.error).toBeNull();
  const byLabel = (l: string) => state.nodes.find((n) => n.label === l)!;
  expect(byLabel('g').data).toBeCloseTo(24.70408163265306, 12);
  expect(byLabel('a').grad).toBeCloseTo(138.83381924198252, 10);
  expect(byLabel('b').grad).toBeCloseTo(645.5772594752186, 10);
  // The same graph as the engine run on its own.
  expect(state.nodes.length).toBe(engineRun(readme).nodes.length);
  // The numbers micrograd's README prints.
  await expect(page.locator('#console')).toContainText('g.data = 24.7041');
  await expect(page.locator('#console')).toContainText('a.grad = 138.8338');
  await expect(page.locator('#console')).toContainText('b.grad = 645.5773');
  await expect(page.getByRole('slider', { name: /^Step \d+ of \d+$/ })).toBeVisible();
  await screenshot(page, 'readme-example');
});
