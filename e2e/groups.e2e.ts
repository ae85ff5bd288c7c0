// Grouped graphs (issue 8), on micrograd's demo step (65,818 values): it opens
// with groups collapsed and its root on screen; a forward call, a layer and a
// neuron expand; a breakpoint on a group stops Run to end at its first step;
// a search finds a weight left out of the drawing and draws it. The groups are
// the engine's (run here in the test process). Each test prints the long
// tasks on the main thread (PerformanceObserver 'longtask') while the program
// runs and its graph opens, while groups expand, while stepping and while
// searching, and fails on a freeze (see `freeze`; the 100 ms target is
// measured by `npm run bench:ui`).
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { Group, Snapshot } from '../common/snapshot.js';
import { cutByPane, engineRun, groupTree, inside, legendCovered, openApp, screenshot, viewState, watchLegend, type Box, type ViewState } from './helpers.js';

const demoStep = readFileSync('examples/moons-demo.ts', 'utf8').replace('k < 100', 'k < 1');
let engine: Snapshot;
let groupById: Map<number, Group>;
let within: (g: number | null | undefined, outer: number) => boolean;
test.beforeAll(() => {
  engine = engineRun(demoStep);
  expect(engine.error).toBeNull();
  ({ byId: groupById, within } = groupTree(engine));
});

/** Long tasks (ms) seen while the last openDemo ran the program and opened its graph (asserted after each test's own checks). */
let opening: number[] = [];

async function openDemo(page: Page, source = demoStep): Promise<ViewState> {
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await openApp(page);
  await page.getByRole('combobox', { name: 'Time limit' }).selectOption({ label: '60 s' });
  const draws = await page.evaluate(() => window.gradscope.snapshot().draws);
  // The program as one paste, as a user would bring it in (typing 45 lines is the editor's own
  // long work; pasteProgram's check of the lines shown does not apply: the editor shows only some).
  await page.locator('#editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.waitForFunction(() => !window.gradscope.snapshot().busy);
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, source);
  // Counted from the start of the run (the editor taking the pasted text is the editor's work).
  await page.waitForFunction(() => window.gradscope.snapshot().busy, undefined, { polling: 20 });
  await longTasks(page);
  await page.waitForFunction((d) => { const s = window.gradscope.snapshot(); return s.draws > d && !s.busy; }, draws, { timeout: 120_000, polling: 250 });
  // What follows the drawing (the plots, a chart a frame) is part of opening too.
  await page.waitForTimeout(1500);
  opening = await longTasks(page);
  return viewState(page);
}


/**
 * Issue 8's target is no main-thread task over 100 ms while a program runs, a
 * graph opens, a group expands or the user steps; speed targets are met in
 * benchmarks (`npm run bench:ui` prints the longest task on a quiet machine),
 * not in timed tests. Here, with two browsers sharing the test machine's two
 * cores (and whatever else runs on it: one such run saw a 591 ms task where a
 * quiet machine sees 60–90 ms), every long task is printed and the test fails
 * on a freeze of a second or more (the page used to freeze for 1.8 s when a
 * two-moons run ended).
 */
const freeze = 1000;

/** Prints the long tasks (over 50 ms) seen during `what` and asserts none is a freeze. */
function expectNoFreeze(what: string, tasks: number[]): void {
  console.log(`${what}: long tasks ${JSON.stringify(tasks)} ms (target: none over 100 ms; a freeze: over ${freeze} ms)`);
  expect(Math.max(0, ...tasks), `the longest main-thread task while ${what}`).toBeLessThanOrEqual(freeze);
}

/** Long tasks (ms) the page saw since the last call. */
async function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    const tasks = w.longTasks.map(Math.round);
    w.longTasks = [];
    return tasks;
  });
}

/** Long tasks seen during actions (not while the test reads the full snapshot, itself a long task on 65,818 values). */
const during: number[] = [];

/** Runs `action` and waits for the redraw it causes (polling only the draw count, which is cheap). */
async function redrawn(page: Page, action: () => Promise<unknown>): Promise<ViewState> {
  const draws = await page.evaluate(() => window.gradscope.snapshot().draws);
  await longTasks(page);
  await action();
  await page.waitForFunction((d) => window.gradscope.snapshot().draws > d, draws, { timeout: 180_000, polling: 250 });
  // The frames after the drawing (marks, the minimap) are the action's too; then the observer has reported them.
  await page.waitForTimeout(300);
  during.push(...(await longTasks(page)));
  return viewState(page);
}

const centre = (b: Box) => ({ x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2 });

for (const size of [{ width: 1280, height: 720 }, { width: 1400, height: 900 }]) {
  test(`micrograd's demo step opens grouped, within about 1,000 elements, with its root on screen (${size.width}×${size.height})`, async ({ page }) => {
    test.setTimeout(480_000);
    await page.setViewportSize(size);
    const state = await openDemo(page);
    const root = engine.backward[0]!.root;
    // Every value under the root is listed, drawn or not.
    expect(state.nodes.length).toBe(underRoot().size);
    const rootNode = state.nodes.find((n) => n.id === root)!;
    expect(rootNode.box, 'the root is drawn').not.toBeNull();
    expect(inside(rootNode.box!, state.view), 'the root is on screen').toBe(true);
    // The groups the page lists are the engine's, with the same names and nesting.
    expect(state.groups.length).toBeGreaterThan(100);
    for (const g of state.groups) {
      expect(g.label).toBe(groupById.get(g.id)!.label);
      expect(g.parent).toBe(groupById.get(g.id)!.parent);
    }
    // Collapsed groups drawn as boxes, among few enough records to read.
    const drawnGroups = state.groups.filter((g) => g.box !== null);
    expect(drawnGroups.length).toBeGreaterThan(0);
    expect(drawnGroups.every((g) => g.collapsed)).toBe(true);
    const drawnValues = state.nodes.filter((n) => n.box !== null).length;
    expect(drawnValues + drawnGroups.length).toBeLessThanOrEqual(1000);
    await expect(page.locator('#status')).toContainText(new RegExp(`65,818 values in ${state.groups.length.toLocaleString('en-US')} groups · ${(drawnValues + drawnGroups.length).toLocaleString('en-US')} drawn`));
    // A folded chain is one of the boxes drawn: micrograd's sum of 100 losses.
    const sum = drawnGroups.find((g) => g.label === 'Σ 100 terms');
    expect(sum, 'Σ 100 terms is drawn').toBeDefined();
    // What the opening view shows, it shows whole: no box (value, op or group) is cut by the
    // pane's edge, with the root on screen and value text readable.
    expect(await cutByPane(page), 'boxes cut by the graph pane\'s edge').toEqual([]);
    expect(state.view.textPx).toBeGreaterThanOrEqual(11);
    // The grad legend covers nothing on screen.
    await watchLegend(page);
    await page.waitForTimeout(300);
    const legend = await legendCovered(page);
    expect(legend.frames, 'frames watched').toBeGreaterThan(0);
    expect(legend.hits, 'nodes under the grad legend').toEqual([]);
    // The status line shows all of itself, the run time included (it may take two lines; nothing is cut).
    const status = page.locator('#status');
    await expect(status).toContainText(/ran in \d+ ms/);
    const fits = await status.evaluate((e) => ({ cut: e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight, text: e.textContent }));
    expect(fits.cut, `the status line "${fits.text}" is cut`).toBe(false);
    await screenshot(page, `groups-demo-${size.width}x${size.height}`);
    expectNoFreeze('running and opening the demo step', opening);
  });
}

/** Ids of the values under the root of the demo's backward call (from the engine's snapshot). */
function underRoot(): Set<number> {
  const byId = new Map(engine.nodes.map((n) => [n.id, n]));
  const under = new Set([engine.backward[0]!.root]);
  const stack = [engine.backward[0]!.root];
  while (stack.length > 0) {
    for (const i of byId.get(stack.pop()!)!.inputs) {
      if (under.has(i)) continue;
      under.add(i);
      stack.push(i);
    }
  }
  return under;
}

test('one MLP.forward call, one of its layers and one neuron expand; the rest stays where it was', async ({ page }) => {
  test.setTimeout(480_000);
  await openDemo(page);
  during.length = 0;
  const call = [...groupById.values()].find((g) => g.label === 'MLP.forward #100')!;
  expect(call).toBeDefined();
  // The call's box is left out of the opening drawing (it is far from the root): open it as its menu would.
  let state = await redrawn(page, () => page.evaluate((id) => window.gradscope.expand(id), call.id));
  expect(state.groups.find((g) => g.id === call.id)!.collapsed).toBe(false);
  const layer = state.groups.find((g) => g.parent === call.id && g.label === 'layer1 #100')!;
  expect(layer.box, 'its layers are drawn as boxes').not.toBeNull();
  expect(inside(layer.box!, state.view), 'and shown').toBe(true);
  // Double-click the layer: its neurons appear, and the layer's place on screen is kept.
  const before = centre(layer.box!);
  state = await redrawn(page, () => page.mouse.dblclick(before.x, before.y));
  expect(state.groups.find((g) => g.id === layer.id)!.collapsed).toBe(false);
  const neurons = state.groups.filter((g) => g.parent === layer.id);
  expect(neurons.length).toBe(16);
  const neuron = neurons.find((g) => g.box !== null && inside(g.box, state.view))!;
  expect(neuron, 'a neuron of the layer is on screen').toBeDefined();
  // Enter on a selected group expands it too.
  const at = centre(neuron.box!);
  await page.mouse.click(at.x, at.y);
  state = await redrawn(page, () => page.keyboard.press('Enter'));
  expect(state.groups.find((g) => g.id === neuron.id)!.collapsed).toBe(false);
  // The neuron's own values are drawn with the engine's numbers.
  const mine = engine.nodes.filter((n) => n.group === neuron.id);
  expect(mine.length).toBeGreaterThan(0);
  for (const n of mine) {
    const shown = state.nodes.find((s) => s.id === n.id)!;
    expect(shown.box, `#${n.id} is drawn`).not.toBeNull();
    expect(shown.data).toBe(n.data);
    expect(shown.group).toBe(neuron.id);
  }
  await screenshot(page, 'groups-demo-neuron-expanded');
  // Collapse it again from the value's menu.
  const value = state.nodes.find((n) => n.id === mine[0]!.id && n.box !== null && inside(n.box, state.view))
    ?? state.nodes.find((n) => mine.some((m) => m.id === n.id) && n.box !== null && inside(n.box, state.view))!;
  expect(value, 'a value of the neuron is on screen').toBeDefined();
  const c = centre(value.box!);
  await page.mouse.click(c.x, c.y, { button: 'right' });
  state = await redrawn(page, () => page.getByRole('menuitem', { name: `Collapse ${neuron.label}` }).click());
  expect(state.groups.find((g) => g.id === neuron.id)!.collapsed).toBe(true);
  // Stepping with groups: the first steps, then the long tasks seen while expanding and stepping.
  await page.getByRole('button', { name: 'Reset' }).click();
  await longTasks(page);
  for (let k = 0; k < 5; k++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByRole('slider', { name: /^Step 5 of / })).toBeVisible();
  await page.waitForTimeout(300);
  const stepping = await longTasks(page);
  expectNoFreeze('expanding a call, a layer and a neuron and collapsing the neuron', during);
  expectNoFreeze('stepping 5 times', stepping);
});

test('a breakpoint on a group: Run to end stops at the first step inside it, and the group is marked current', async ({ page }) => {
  test.setTimeout(480_000);
  let state = await openDemo(page);
  let sum = state.groups.find((g) => g.label === 'Σ 337 terms' && g.box !== null)!;
  expect(sum, 'the regularisation sum is drawn').toBeDefined();
  // The opening view may leave it just off screen (it shows only whole boxes): zoom out with the
  // wheel over the root's end of the pane, as a user would, until it is on screen.
  for (let k = 0; k < 20 && !inside(sum.box!, state.view); k++) {
    await page.mouse.move(state.view.x2 - 40, (state.view.y1 + state.view.y2) / 2);
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(100);
    state = await viewState(page);
    sum = state.groups.find((g) => g.id === sum.id)!;
  }
  expect(inside(sum.box!, state.view), 'the regularisation sum is on screen').toBe(true);
  const at = centre(sum.box!);
  await page.mouse.click(at.x, at.y, { button: 'right' });
  await page.getByRole('menuitem', { name: 'Add breakpoint on group' }).click();
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.getByRole('button', { name: 'Run to end' }).click();
  // The first step (from the engine's record) whose node was made inside the group.
  const steps = engine.backward[0]!.steps;
  const groupOf = new Map(engine.nodes.map((n) => [n.id, n.group ?? null]));
  const first = steps.findIndex((s) => within(groupOf.get(s.node), sum.id));
  expect(first).toBeGreaterThan(0);
  await expect.poll(async () => (await viewState(page)).step, { timeout: 60_000 }).toBe(first);
  const now = await viewState(page);
  const current = now.nodes.find((n) => n.current)!;
  expect(within(current.group, sum.id)).toBe(true);
  // It is inside the collapsed group: not drawn itself; "Step into group" opens it.
  expect(current.box).toBeNull();
  await expect(page.getByRole('button', { name: 'Step into group' })).toBeEnabled();
  await expect(page.locator('#explain')).not.toBeEmpty();
  await screenshot(page, 'groups-demo-breakpoint');
  const opened = await redrawn(page, () => page.getByRole('button', { name: 'Step into group' }).click());
  const shown = opened.nodes.find((n) => n.current)!;
  expect(shown.id).toBe(current.id);
  expect(shown.box).not.toBeNull();
  expect(inside(shown.box!, opened.view)).toBe(true);
});

test('find by label searches inside collapsed groups and draws the match', async ({ page }) => {
  test.setTimeout(480_000);
  const state = await openDemo(page);
  // A weight not drawn at first: used inside the (collapsed) forward calls, its square left out as far from the root.
  const hiddenIds = new Set(state.nodes.filter((n) => n.box === null).map((n) => n.id));
  const weight = engine.nodes.find((n) => n.module !== null && /\.w\d+$/.test(n.module) && hiddenIds.has(n.id))!;
  expect(weight, 'a weight is not drawn at first').toBeDefined();
  during.length = 0;
  await longTasks(page);
  await page.getByRole('searchbox', { name: 'Find node by label' }).fill(weight.module!);
  // An exact match ranks first (search.ts); Enter goes to it.
  await expect(page.locator('#search-count')).toHaveText(/^[1-9]\d* found$/);
  await page.waitForTimeout(300);
  during.push(...(await longTasks(page)));
  const found = await redrawn(page, () => page.getByRole('searchbox', { name: 'Find node by label' }).press('Enter'));
  await expect.poll(async () => (await viewState(page)).nodes.find((n) => n.id === weight.id)!.selected, { timeout: 60_000 }).toBe(true);
  const shown = (await viewState(page)).nodes.find((n) => n.id === weight.id)!;
  expect(shown.box).not.toBeNull();
  expect(inside(shown.box!, found.view)).toBe(true);
  // A leaf shows its data as it was at the call (the demo's SGD step changes the weights afterwards).
  const atCall = new Map(engine.backward[0]!.leafData).get(weight.id) ?? weight.data;
  expect(shown.data).toBe(atCall);
  expectNoFreeze('searching inside collapsed groups and drawing the match', during);
});

test('a training run (two-moons: 841,177 values kept, 21,358 under the shown call) opens grouped without freezing the page', async ({ page }) => {
  test.setTimeout(480_000);
  // Its result is decoded, checked and indexed a slice at a time (every value the run kept, not only the shown call's).
  const state = await openDemo(page, readFileSync('examples/two-moons.ts', 'utf8'));
  const calls = page.getByRole('combobox', { name: 'Backward call' });
  await expect(calls.getByRole('option')).not.toHaveCount(0);
  const drawn = state.nodes.filter((n) => n.box !== null).length + state.groups.filter((g) => g.box !== null).length;
  expect(drawn).toBeGreaterThan(0);
  expect(drawn).toBeLessThanOrEqual(1000);
  await expect(page.locator('#status')).toContainText(new RegExp(`${state.nodes.length.toLocaleString('en-US')} values in ${state.groups.length.toLocaleString('en-US')} groups · ${drawn.toLocaleString('en-US')} drawn`));
  expectNoFreeze('running and opening two-moons', opening);
});
