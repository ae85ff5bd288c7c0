// The findings panel (diagnostics of the last good run, each clickable to its
// value and line) and "Check all gradients" on the shown call, with kinks
// told apart from errors. Expected positions are computed from the program
// text here; expected findings from the engine run in the test process.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { engineRun, lineOf, openApp, pasteAndWait, screenshot, settled, typeAndWait, viewState } from './helpers.js';

const logProgram = `const a = new Value(-2);
const b = new Value(3);
const c = a.mul(b);
const d = a.log();
const e = d.add(c).mul(b);
e.backward();`;

const tinyMlp = readFileSync('examples/tiny-mlp.ts', 'utf8');

const readmeOperators = readFileSync('engine/test/fixtures/micrograd-readme-operators.txt', 'utf8');

const findings = (page: Page) => page.getByRole('region', { name: 'Findings' });

test('log(-2): a nonfinite-origin finding; clicking it selects d and puts the cursor on its line', async ({ page }) => {
  await openApp(page);
  const state = await pasteAndWait(page, logProgram);
  expect(state.error).toBeNull();
  const d = engineRun(logProgram).nodes.find((n) => n.label === 'd')!;
  const line = lineOf(logProgram, 'a.log()');

  const panel = findings(page);
  const row = panel.locator('.finding[data-kind="nonfinite-origin"]').first();
  await expect(row).toBeVisible();
  await expect(row).toContainText(`line ${line}`);
  await expect(row).toContainText('d = log(a = -2.0000) is NaN');
  // The count is in the panel's header, where it is seen.
  const count = (await viewState(page)).findings.length;
  expect(count).toBeGreaterThanOrEqual(1);
  await expect(panel.locator('h2 .findings-count')).toHaveText(String(count));

  await row.click();
  await expect.poll(async () => (await viewState(page)).nodes.find((n) => n.selected)?.id).toBe(d.id);
  const after = await viewState(page);
  expect(after.cursor?.line).toBe(line);
  // What the user sees: the inspector shows d, and d is highlighted as made on the cursor's line.
  await expect(page.locator('#inspector [data-field="label"]')).toHaveText('d');
  expect(after.nodes.find((n) => n.id === d.id)!.onCursorLine).toBe(true);
  const box = after.nodes.find((n) => n.id === d.id)!.box!;
  expect(box.x1 >= after.view.x1 && box.x2 <= after.view.x2 && box.y1 >= after.view.y1 && box.y2 <= after.view.y2, 'd is in view').toBe(true);

  for (const [width, height] of [[1280, 720], [1400, 900]] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(300);
    await screenshot(page, `findings-${width}x${height}`);
  }
  // With the side panel hidden, its toggle still shows the count.
  await page.getByRole('button', { name: 'Panel ▸' }).click();
  await expect(panel).toBeHidden();
  await expect(page.locator('#side-toggle')).toHaveAttribute('data-findings', `${count} finding${count === 1 ? '' : 's'}`);
  await screenshot(page, 'findings-panel-hidden');
});

test('no findings says so; a failed run keeps the last good findings; a fixed program clears them', async ({ page }) => {
  await openApp(page);
  await pasteAndWait(page, logProgram);
  const panel = findings(page);
  await expect(panel.locator('.finding[data-kind="nonfinite-origin"]')).toHaveCount(1);

  const failed = await typeAndWait(page, 'const a = new Value(-2);\nconst d = a.log(;');
  expect(failed.error).not.toBeNull();
  await expect(panel.locator('.finding[data-kind="nonfinite-origin"]')).toHaveCount(1);
  await expect(panel).toHaveClass(/stale/);

  const fine = 'const a = new Value(2);\nconst d = a.log();\nd.backward();';
  expect(engineRun(fine).diagnostics).toEqual([]);
  await pasteAndWait(page, fine);
  await expect(panel.locator('.finding')).toHaveCount(0);
  await expect(panel).toContainText('No findings');
  await expect(panel.locator('h2 .findings-count')).toHaveText('0');
  await expect(panel).not.toHaveClass(/stale/);
});

test('Check all gradients on the tiny MLP: no error rows; the dead neuron is a kink row that selects its bias', async ({ page }) => {
  await openApp(page);
  await pasteAndWait(page, tinyMlp);
  // The findings panel names the same ReLU: a kink, not an error.
  await expect(findings(page).locator('.finding[data-kind="kink"]')).toContainText('(layer1.neuron2) = relu(');
  const explorer = page.getByRole('region', { name: 'Derivative explorer' });
  const check = async () => {
    await explorer.getByRole('button', { name: 'Check all gradients' }).click();
    await expect(explorer.locator('.check-result')).toContainText('leaves checked', { timeout: 30_000 });
  };
  // The last call (shown first): no error rows.
  await check();
  await expect(explorer.locator('.check-row.error')).toHaveCount(0);
  await expect(explorer.locator('.check-result')).toContainText('0 errors');

  // Call 2: layer1.neuron2 sits exactly on ReLU's kink (its inputs are all 0 and its bias is 0).
  await page.getByLabel('Backward call').selectOption('1');
  await expect.poll(async () => (await viewState(page)).call).toBe(1);
  await settled(page);
  await check();
  await expect(explorer.locator('.check-row.error')).toHaveCount(0);
  const kink = explorer.locator('.check-row.kink');
  await expect(kink).toHaveCount(1);
  await expect(kink).toContainText('finite differences are not meaningful here');
  const leaf = Number(await kink.getAttribute('data-leaf'));
  const expected = engineRun(tinyMlp).nodes.find((n) => n.id === leaf)!;
  expect(expected.module).toBe('layer1.neuron2.b');
  await kink.click();
  await expect.poll(async () => (await viewState(page)).nodes.find((n) => n.selected)?.id).toBe(leaf);
  await expect(page.locator('#inspector [data-field="module"]')).toHaveText('layer1.neuron2.b');
  await screenshot(page, 'check-kink-row');
  await explorer.screenshot({ path: 'e2e/artifacts/check-kink-row-explorer.png' });
});

test('Check all gradients checks the shown call only: a 20-step MLP(3, [16, 16, 1]) is not refused', async ({ page }) => {
  test.setTimeout(180_000);
  const program = tinyMlp.replaceAll('[4, 4, 1]', '[16, 16, 1]').replace('k < 30', 'k < 20').replace('k === 29', 'k === 19');
  const s = engineRun(program);
  const call = s.backward.at(-1)!;
  // The whole program is far over the check's budget (20,000,000 leaf × value evaluations); the call is not.
  expect(call.leafData.length * s.nodes.length).toBeGreaterThan(20_000_000);
  await openApp(page);
  await pasteAndWait(page, program);
  const explorer = page.getByRole('region', { name: 'Derivative explorer' });
  await explorer.getByRole('button', { name: 'Check all gradients' }).click();
  await expect(explorer.locator('.check-result')).toContainText(`${call.leafData.length} leaves checked`, { timeout: 120_000 });
  await expect(explorer.locator('.check-result')).not.toContainText('Too large');
  await expect(explorer.locator('.check-row.error')).toHaveCount(0);
});

test("micrograd's README example verbatim, Value(…) without new: it runs, only a real type error is squiggled, and the graph names the c's c, c₂, c₃", async ({ page }) => {
  const withoutNew = readmeOperators.replace(/new Value\(/g, 'Value(');
  expect(withoutNew).not.toContain('new ');
  await openApp(page);
  const state = await pasteAndWait(page, `${withoutNew}const n: string = 5;\n`);
  expect(state.error).toBeNull();
  const g = state.nodes.filter((n) => n.label === 'g').sort((x, y) => x.id - y.id).at(-1)!;
  expect(g.data).toBeCloseTo(24.70408163265306, 12);
  expect(state.nodes.filter((n) => n.label === 'c').sort((x, y) => x.id - y.id).map((n) => n.name)).toEqual(['c', 'c₂', 'c₃']);
  // One squiggle: the real error on the last line, none for Value(…) or the operators.
  await expect(page.locator('#editor .squiggly-error')).toHaveCount(1, { timeout: 30_000 });
  await expect(findings(page)).toContainText('No findings');
});
