import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp, readme, settled, typeAndWait, typeProgram, viewState } from './helpers.js';

test('completions and hover docs for the engine API come from engine/ declarations', async ({ page }) => {
  await openApp(page);
  await typeProgram(page, 'const v = new Value(1);');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('v.');
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('#editor .suggest-widget');
  await expect(suggest).toContainText('backward', { timeout: 30_000 });
  await expect(suggest).toContainText('grad');
  await expect(suggest).not.toContainText('_mark'); // @internal members are left out
  await page.keyboard.press('Escape');
  await typeProgram(page, 'const v = new Value(1);\nv.backward();');
  await page.locator('#editor .view-line', { hasText: 'v.backward();' }).getByText('backward').hover();
  // The doc comment on Value.backward in engine/value.ts.
  // tsc's own declaration output, independent of the app's generator.
  const doc = readFileSync('dist/engine/value.d.ts', 'utf8').split('backward(): void;')[0]!.split('/**').pop()!.replace(/[*/]/g, ' ');
  const firstWords = doc.replace(/\s+/g, ' ').trim().split(' ').slice(0, 4).join(' ');
  expect(firstWords.length).toBeGreaterThan(5);
  await expect(page.locator('.monaco-hover').first()).toContainText(firstWords, { timeout: 30_000 });
});

test('a type error is squiggled but the program still runs', async ({ page }) => {
  await openApp(page);
  const state = await typeAndWait(page, "const a = new Value(2);\nconst n: string = a.mul(3).data;\nconst b = a.mul(3);\n");
  expect(state.error).toBeNull();
  expect(state.nodes.find((n) => n.label === 'b')?.data).toBe(6);
  await expect(page.locator('#editor .squiggly-error').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('#error-bar')).toBeHidden();
});

test('Ctrl+Enter runs now, and a reload keeps the draft', async ({ page }) => {
  await openApp(page);
  await typeAndWait(page, 'const a = new Value(7);\n');
  const before = (await viewState(page)).draws;
  await page.keyboard.press('Control+Enter');
  await expect.poll(async () => (await viewState(page)).draws).toBeGreaterThan(before);
  await page.reload();
  await openApp(page);
  const state = await settled(page);
  expect(state.nodes.map((n) => n.label)).toEqual(['a']);
  await expect(page.locator('#editor .view-lines')).toContainText('const a = new Value(7);');
  expect(readme).toContain('backward'); // the example is not what came back
});

test("micrograd's operators on Values run and are not squiggled; a real type error still is", async ({ page }) => {
  await openApp(page);
  const state = await typeAndWait(page, 'const a = new Value(3);\nconst b = 2 * a + a ** 2;\nconst n: string = 5;\n');
  expect(state.error).toBeNull();
  expect(state.nodes.find((n) => n.label === 'b')?.data).toBe(15);
  // One squiggle, on line 3's `n` (the real error); none on line 2.
  await expect(page.locator('#editor .squiggly-error')).toHaveCount(1, { timeout: 30_000 });
});

test('Find by label puts the exact match first, and its count follows the program', async ({ page }) => {
  await openApp(page);
  await typeAndWait(page, 'const x1 = new Value(2);\nconst w1 = new Value(-3);\nconst x1w1 = x1.mul(w1);\n');
  const box = page.getByRole('searchbox', { name: 'Find node by label' });
  await box.fill('w1');
  await expect(page.locator('#search-count')).toHaveText('2 found');
  await box.press('Enter');
  await expect.poll(async () => (await viewState(page)).nodes.find((n) => n.selected)?.label).toBe('w1');
  await typeAndWait(page, 'const x1 = new Value(2);\nconst w1 = new Value(-3);\nconst x1w1 = x1.mul(w1);\nconst w1b = w1.mul(2);\n');
  await expect(page.locator('#search-count')).toHaveText('3 found');
});
