import { expect, test } from '@playwright/test';
import { clickNode, engineRun, lineOf, openApp, pasteAndWait, readme, screenshot, typeAndWait, viewState } from './helpers.js';

const engine = engineRun(readme);

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await pasteAndWait(page, readme);
});

test('clicking a node shows it in the inspector and highlights its source line', async ({ page }) => {
  const b = engine.nodes.find((n) => n.label === 'b')!;
  await clickNode(page, b.id);
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.locator('[data-field="label"]')).toHaveText('b');
  await expect(inspector.locator('[data-field="op"]')).toHaveText('leaf');
  await expect(inspector.locator('[data-field="data"]')).toHaveText('2');
  await expect(inspector.locator('[data-field="grad"]')).toHaveText(String(b.grad));
  await expect(inspector.locator('[data-field="source"]')).toHaveText(`line ${lineOf(readme, 'const b = ')}: const b = new Value(2.0);`);
  const consumers = engine.nodes.filter((n) => n.inputs.includes(b.id)).length;
  await expect(inspector.getByRole('list', { name: 'Consumers' }).getByRole('listitem')).toHaveCount(consumers);
  expect((await viewState(page)).nodes.filter((n) => n.selected).map((n) => n.id)).toEqual([b.id]);

  // The editor highlights b's line (the decoration sits on that line's row).
  const highlight = page.locator('#editor .source-line-highlight');
  await expect(highlight).toHaveCount(1);
  const line2 = page.locator('#editor .view-line', { hasText: 'const b = new Value(2.0);' });
  const [h, l] = [await highlight.boundingBox(), await line2.boundingBox()];
  expect(Math.abs(h!.y - l!.y)).toBeLessThan(2);
  await screenshot(page, 'node-selected');
});

test('putting the cursor on a line highlights the nodes it created', async ({ page }) => {
  await page.locator('#editor .view-line', { hasText: 'let d = a.mul(b).add(b.pow(3));' }).click();
  const expected = engine.nodes.filter((n) => n.loc?.line === lineOf(readme, 'let d = a.mul(b)')).map((n) => n.id).sort();
  expect(expected.length).toBe(3); // a*b, b**3 and their sum
  await expect.poll(async () => (await viewState(page)).nodes.filter((n) => n.onCursorLine).map((n) => n.id).sort()).toEqual(expected);
});

test('search finds nodes by label', async ({ page }) => {
  await page.getByRole('searchbox', { name: 'Find node by label' }).fill('d');
  const count = engine.nodes.filter((n) => (n.label ?? '').includes('d')).length;
  await expect(page.locator('#search-count')).toHaveText(`${count} found`);
  await page.getByRole('searchbox', { name: 'Find node by label' }).press('Enter');
  const selected = (await viewState(page)).nodes.find((n) => n.selected);
  expect(selected?.label).toBe('d');
});

test('hovering a value shows its data and grad in full precision', async ({ page }) => {
  const a = engine.nodes.find((n) => n.label === 'a')!;
  const at = (await page.evaluate((id) => window.gradscope.position(id), a.id))!;
  const box = (await page.locator('#graph').boundingBox())!;
  if (at.x < box.x || at.x > box.x + box.width) await page.getByRole('button', { name: 'Fit' }).click();
  const p = (await page.evaluate((id) => window.gradscope.position(id), a.id))!;
  await page.mouse.move(p.x, p.y);
  await expect(page.locator('#tooltip')).toHaveText(`a  data -4  grad ${a.grad}`);
});

test('non-finite values are marked in red', async ({ page }) => {
  await typeAndWait(page, 'const z = new Value(0);\nconst l = z.log();\nl.backward();\n');
  const engineL = engineRun('const z = new Value(0);\nconst l = z.log();\nl.backward();\n').nodes.find((n) => n.label === 'l')!;
  expect(engineL.nonFinite).toBe(true);
  const l = (await viewState(page)).nodes.find((n) => n.label === 'l')!;
  expect(l.data).toBe(-Infinity);
  await clickNode(page, l.id);
  await expect(page.locator('#inspector [data-field="data"]')).toHaveText('-Infinity');
  await expect(page.locator('#inspector [data-field="data"]')).toHaveCSS('color', 'rgb(208, 0, 0)');
  await screenshot(page, 'non-finite');
});
