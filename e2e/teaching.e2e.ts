// Teaching: the examples gallery (and start screen), autoplay, presentation
// mode, the derivative explorer, training plots, and stopping a long run.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { clickNode, engineRun, focusPage, openApp, openExample, settled, typeAndWait, typeProgram, viewState } from './helpers.js';

const artifacts = 'e2e/artifacts';
const example = (file: string) => readFileSync(`examples/${file}`, 'utf8');

/** Waits until no CSS transition or animation runs, then for a painted frame: a screenshot's moment. */
async function animationsDone(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function nonEmptyCanvas(page: Page, selector: string): Promise<number> {
  return page.locator(`${selector} canvas`).first().evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
    return painted / (canvas.width * canvas.height);
  });
}

test('the start screen offers every example; each opens as a new document and runs without error', async ({ page }) => {
  test.setTimeout(180_000);
  // No openApp: a first start shows the gallery as the start screen.
  await page.goto('/');
  const start = page.getByRole('dialog', { name: 'Welcome to Gradscope' });
  await expect(start).toBeVisible();
  const files = readdirSync('examples').filter((f) => f.endsWith('.ts'));
  expect(files.length).toBeGreaterThanOrEqual(10);
  for (const file of files) {
    const card = start.locator(`[data-example="${file}"]`);
    await card.scrollIntoViewIfNeeded();
    await expect(card).toBeVisible();
    // Each card says in one line what to look at.
    await expect(card.locator('.gallery-look')).toHaveText(/^Look at: /);
  }
  mkdirSync(artifacts, { recursive: true });
  await start.screenshot({ path: `${artifacts}/gallery-start.png` });
  await start.getByRole('button', { name: 'Close' }).click();
  await page.waitForFunction(() => window.gradscope?.snapshot().draws > 0);

  for (const file of files.filter((f) => f !== 'moons-demo.ts')) {
    await openExample(page, file, 60_000);
    const state = await viewState(page);
    expect(state.error, file).toBeNull();
    expect(state.nodes.length, file).toBeGreaterThan(0);
    const expected = engineRun(example(file)).console;
    await expect(page.locator('#console'), file).toContainText(expected[expected.length - 1]!);
    await expect(page.locator('.view-lines')).toContainText(example(file).split('\n')[0]!.slice(3, 30).replace(/ /g, '\u00a0'));
  }
  // The README example's numbers, as micrograd prints them.
  await openExample(page, 'micrograd-readme.ts');
  await expect(page.locator('#console')).toContainText('24.7041');
  // A training loop draws its loss curve.
  await openExample(page, 'tiny-mlp.ts');
  await expect(page.locator('[data-plot="loss"] canvas')).toBeVisible();
});

test('the full two-moons demo reaches 100% training accuracy and draws its plots', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  await openExample(page, 'moons-demo.ts', 150_000);
  const state = await viewState(page);
  expect(state.error).toBeNull();
  // The program's last line (the engine's notes about dropped calls follow it).
  const lines = (await page.locator('#console').innerText()).trim().split('\n').filter((l) => l.startsWith('step'));
  expect(lines[lines.length - 1]).toMatch(/^step 99 loss [\d.]+, accuracy 100%$/);
  for (const plot of ['loss', 'series:accuracy', 'boundary:0']) {
    // The first canvas: a chart drawn progressively (the boundary's mesh) has a layer for it too.
    await expect(page.locator(`[data-plot="${plot}"] canvas`).first()).toBeVisible();
    expect(await nonEmptyCanvas(page, `[data-plot="${plot}"]`), plot).toBeGreaterThan(0.02);
  }
  mkdirSync(artifacts, { recursive: true });
  await page.locator('[data-plot="boundary:0"]').screenshot({ path: `${artifacts}/plot-moons-boundary.png` });
  await page.locator('#plots').screenshot({ path: `${artifacts}/plots-moons.png` });
});

test('autoplay steps backward on a timer, follows the current node, and pauses', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'tanh-neuron.ts');
  await page.getByRole('button', { name: 'Reset' }).click();
  const start = await viewState(page);
  expect(start.step).toBe(0);
  const root = start.nodes.find((n) => n.current)!; // the first _backward to run is the root's
  expect(root.label).toBe('o');
  // Drag the view to the right (the graph runs left to right, the root is
  // rightmost) until the root is out of view, so following it has to move the view.
  const graph = (await page.locator('#graph').boundingBox())!;
  const at = (id: number) => page.evaluate((nid) => window.gradscope.position(nid), id);
  const inView = async (id: number) => {
    const p = await at(id);
    return p !== null && p.x > graph.x && p.x < graph.x + graph.width && p.y > graph.y && p.y < graph.y + graph.height;
  };
  for (let i = 0; i < 5 && (await inView(root.id)); i++) {
    // From the empty band at the top of the view.
    await page.mouse.move(graph.x + 20, graph.y + 8);
    await page.mouse.down();
    await page.mouse.move(graph.x + graph.width * 0.6, graph.y + 8, { steps: 10 });
    await page.mouse.up();
  }
  expect(await inView(root.id), 'the root is out of view before autoplay').toBe(false);
  expect(start.totalSteps).toBe(5);
  const rootBefore = (await at(root.id))!;

  // 2 steps a second: the 5 steps take 2.5 s, time to pause in the middle.
  const speed = page.getByRole('combobox', { name: 'Autoplay speed (steps per second)' });
  await speed.selectOption('2');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(async () => (await viewState(page)).step, { intervals: [50] }).toBeGreaterThanOrEqual(1);
  await page.getByRole('button', { name: 'Pause' }).click();
  await speed.selectOption('8');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const paused = await viewState(page);
  // The view followed: the node whose step runs next is in view (after the pan's short animation).
  const current = paused.nodes.find((n) => n.current)!;
  await expect.poll(() => inView(current.id), { message: `#${current.id} ${current.label ?? current.op} is in view` }).toBe(true);
  // The view moved to get there: autoplay panned to the root, out of view when it started.
  expect((await at(root.id))!.x).toBeLessThan(rootBefore.x - 50);
  // Paused means no step for several autoplay intervals (125 ms at 8 steps/s):
  // showing that something does not happen takes waiting.
  await page.waitForTimeout(6 * 125);
  expect((await viewState(page)).step).toBe(paused.step);
  // Played to the end, it stops by itself there.
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await viewState(page)).step, { timeout: 10_000 }).toBe(paused.totalSteps);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
});

test('the derivative explorer converges to the grad; Check all gradients reports the largest error', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'tanh-neuron.ts');
  const x1 = (await viewState(page)).nodes.find((n) => n.label === 'x1')!;
  await clickNode(page, x1.id);
  const explorer = page.getByRole('region', { name: 'Derivative explorer' });
  await expect(explorer.locator('[data-field="grad"]')).toHaveText('-1.5');
  const rows = explorer.getByRole('table', { name: 'Finite differences' }).locator('tbody tr');
  await expect(rows).toHaveCount(15);
  expect(await rows.locator('[data-field="h"]').allTextContents()).toEqual(['1e-1', '1e-2', '1e-3', '1e-4', '1e-5', '1e-6', '1e-7', '1e-8', '1e-9', '1e-10', '1e-11', '1e-12', '1e-13', '1e-14', '1e-15']);
  // Below the best h the rows are shaded, and one sentence says why.
  const bestH = Number(await explorer.locator('tr.best').getAttribute('data-h'));
  const roundingHs = (await explorer.locator('tr.rounding').evaluateAll((trs) => trs.map((tr) => Number((tr as HTMLElement).dataset.h))));
  expect(roundingHs.length).toBeGreaterThan(2);
  for (const h of roundingHs) expect(h).toBeLessThan(bestH);
  expect(roundingHs).toContain(1e-15);
  await expect(explorer.locator('.explorer-rounding')).toContainText(`Below h = ${bestH.toExponential(0)} (shaded rows) rounding error takes over`);
  await expect(explorer.locator('.explorer-rounding')).toContainText('cancellation');
  const bestError = Number(await explorer.locator('tr.best [data-field="error"]').textContent());
  expect(bestError).toBeLessThan(1e-5);
  const bestSlope = Number(await explorer.locator('tr.best [data-field="slope"]').textContent());
  expect(Math.abs(bestSlope - -1.5) / 1.5).toBeLessThan(1e-5);
  await expect(explorer.locator('.explorer-chart canvas')).toBeVisible();
  expect(await nonEmptyCanvas(page, '.explorer-chart')).toBeGreaterThan(0.01);

  await explorer.getByRole('button', { name: 'Check all gradients' }).click();
  await expect(explorer.locator('.check-result')).toContainText('Largest relative error');
  expect(Number(await explorer.locator('.check-result').getAttribute('data-worst'))).toBeLessThan(1e-5);
  mkdirSync(artifacts, { recursive: true });
  await explorer.screenshot({ path: `${artifacts}/explorer-tanh-x1.png` });
});

const plotProgram = `const X = [[2, 1], [1, 2], [-1, -2], [-2, -1], [1, -1], [-1, 1]];
const y = [1, 1, -1, -1, 1, -1];
const model = new MLP(2, [8, 1]);
for (let k = 0; k < 15; k++) {
  const scores = X.map((x) => model.forward(x) as Value);
  const loss = scores.reduce((sum, s, i) => sum.add(s.mul(-y[i]).add(1).relu()), new Value(0));
  model.zeroGrad();
  loss.backward();
  for (const p of model.parameters()) p.data -= 0.05 * p.grad;
  plot.line('accuracy', scores.filter((s, i) => s.data > 0 === y[i] > 0).length / y.length);
}
plot.decisionBoundary(model, X, y);
console.log('done');`;

test('plot.line and plot.decisionBoundary draw their charts next to the loss curve', async ({ page }) => {
  await openApp(page);
  const state = await typeAndWait(page, plotProgram);
  expect(state.error).toBeNull();
  const plots = page.getByRole('region', { name: 'Plots' });
  await expect(plots.getByRole('img', { name: 'Loss curve' })).toBeVisible();
  await expect(plots.getByRole('img', { name: 'Series accuracy' })).toBeVisible();
  await expect(plots.getByRole('img', { name: 'Decision boundary' })).toBeVisible();
  mkdirSync(artifacts, { recursive: true });
  for (const [plot, name] of [['loss', 'plot-loss'], ['series:accuracy', 'plot-line-accuracy'], ['boundary:0', 'plot-decision-boundary']]) {
    expect(await nonEmptyCanvas(page, `[data-plot="${plot}"]`), plot).toBeGreaterThan(0.02);
    await page.locator(`[data-plot="${plot}"]`).screenshot({ path: `${artifacts}/${name}.png` });
  }
});

const longRun = `const w = new Value(3, 'w');
for (let k = 0; ; k++) {
  let loss = new Value(0);
  for (let i = 0; i < 200; i++) loss = loss.add(w.mul(i / 200).sub(1).pow(2));
  loss.backward();
  w.data -= 0.01 * w.grad;
  w.grad = 0;
}`;

test('a long run shows its loss curve while it runs and can be stopped, keeping the curve', async ({ page }) => {
  await openApp(page);
  await page.getByRole('combobox', { name: 'Time limit' }).selectOption({ label: '60 s' });
  await typeProgram(page, longRun);
  await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled({ timeout: 10_000 });
  await expect(page.locator('[data-plot="loss"] canvas')).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('#status')).toContainText('running…');
  // The UI stays responsive: the autoplay speed control still works during the run.
  await page.getByRole('combobox', { name: 'Autoplay speed (steps per second)' }).selectOption('4');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.locator('#error-bar')).toHaveText('stopped by you');
  await expect(page.locator('#status')).toHaveText('stopped by you');
  await expect(page.getByRole('button', { name: 'Stop' })).toBeDisabled();
  await expect(page.locator('[data-plot="loss"] canvas')).toBeVisible();
  expect((await viewState(page)).error?.message).toBe('stopped by you');
});

test('presentation mode: large, high contrast, editor, graph and stepper only; themes switch', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'tanh-neuron.ts');
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await focusPage(page);
  await page.keyboard.press('Shift+F11');
  await expect(page.locator('body')).toHaveClass(/presentation/);
  await expect(page.getByRole('button', { name: 'Presentation' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeHidden();
  await expect(page.getByRole('region', { name: 'Console' })).toBeHidden();
  await expect(page.locator('#editor')).toBeVisible();
  await expect(page.locator('#graph')).toBeVisible();
  await expect(page.locator('#stepper')).toBeVisible();
  expect(await page.locator('#explain').evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(20);
  await animationsDone(page);
  await page.screenshot({ path: `${artifacts}/presentation-light.png` });
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await animationsDone(page);
  await page.screenshot({ path: `${artifacts}/presentation-dark.png` });
  // The shortcut works from inside the editor too; presentation off, dark theme kept.
  await page.locator('#editor .view-lines').click();
  await page.keyboard.press('Shift+F11');
  await expect(page.locator('body')).not.toHaveClass(/presentation/);
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeVisible();
  await page.getByRole('button', { name: 'Fit' }).click();
  await animationsDone(page);
  await page.screenshot({ path: `${artifacts}/dark-theme.png` });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
  await settled(page);
});
