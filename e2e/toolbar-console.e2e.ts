// What the 1280×720 window shows of the console and the graph toolbar: console
// lines wrap instead of running past the panel's edge; typing in "Find by
// label" leaves the toolbar on one row, so the graph pane does not move.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openApp, pasteAndWait, readme, screenshot } from './helpers.js';

test.use({ viewport: { width: 1280, height: 720 } });

test('console lines wrap: none runs past the console panel (chain-rule-by-hand)', async ({ page }) => {
  await openApp(page);
  await pasteAndWait(page, readFileSync('examples/chain-rule-by-hand.ts', 'utf8'));
  await expect(page.locator('#console')).toContainText('by backward');
  const overflow = await page.locator('#console').evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow, 'console content wider than the console').toBeLessThanOrEqual(0);
  // Every printed line is there whole.
  await expect(page.locator('#console')).toContainText('a.grad: by hand 6.0000, by backward 6.0000');
  await screenshot(page, 'console-wrapped-1280');
});

test('typing in "Find by label" keeps the graph toolbar on one row and the graph pane where it was', async ({ page }) => {
  await openApp(page);
  await pasteAndWait(page, readme);
  const before = await page.locator('#graph').boundingBox();
  const toolsBefore = await page.locator('.graph-tools').boundingBox();
  await page.locator('#search').fill('b');
  await expect(page.locator('#search-count')).toContainText('found');
  const tools = await page.locator('.graph-tools').boundingBox();
  expect(tools!.height, 'toolbar height').toBe(toolsBefore!.height);
  expect((await page.locator('#graph').boundingBox())!.y, 'graph pane top').toBe(before!.y);
  // Nothing in the toolbar is pushed out of it (the Panel button stays visible).
  const panel = (await page.locator('#side-toggle').boundingBox())!;
  expect(panel.x + panel.width).toBeLessThanOrEqual(tools!.x + tools!.width);
  expect(panel.y).toBeLessThan(tools!.y + toolsBefore!.height);
  await screenshot(page, 'find-b-1280');
});
