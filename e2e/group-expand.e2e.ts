// Expanding and collapsing groups keeps the rest of the drawing in place
// (issue 8), and expanding past the drawing limit offers to open the group one
// level instead. A small MLP on 12 samples (1,108 values: grouped, opening
// with the calls and layers open and most neurons collapsed, nothing cut), so
// each test runs in seconds.
import { expect, test, type Page } from '@playwright/test';
import type { Snapshot } from '../common/snapshot.js';
import { engineRun, groupTree, inside, legendCovered, openApp, pasteAndWait, screenshot, viewState, watchLegend, type Box, type ViewState } from './helpers.js';

const program = `// MLP(3, [4, 4, 1]) on 12 points, squared error.
const model = new MLP(3, [4, 4, 1]);
const xs = Array.from({ length: 12 }, (_, k) => [Math.sin(k), Math.cos(k), k / 12 - 0.5]);
const ys = xs.map((x) => (x[0] > 0 ? 1 : -1));
const loss = xs
  .map((x, i) => model.forward(x).tanh().sub(ys[i]).pow(2))
  .reduce((total, term) => total.add(term));
loss.backward();
`;

let engine: Snapshot;
let within: (g: number | null | undefined, outer: number) => boolean;
test.beforeAll(() => {
  engine = engineRun(program);
  expect(engine.error).toBeNull();
  ({ within } = groupTree(engine));
});

const centre = (b: Box) => ({ x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2 });

/** Every drawn box: values by `v<id>`, collapsed groups by `g<id>`. */
function drawnBoxes(state: ViewState): Map<string, Box> {
  const boxes = new Map<string, Box>();
  for (const n of state.nodes) if (n.box) boxes.set(`v${n.id}`, n.box);
  for (const g of state.groups) if (g.box) boxes.set(`g${g.id}`, g.box);
  return boxes;
}

/** Pairs of drawn boxes that overlap (by more than half a pixel each way). */
function overlapping(boxes: Map<string, Box>): [string, string][] {
  const list = [...boxes].sort((a, b) => a[1].x1 - b[1].x1);
  const found: [string, string][] = [];
  for (let i = 0; i < list.length; i++) {
    const [a, p] = list[i]!;
    for (let j = i + 1; j < list.length && list[j]![1].x1 < p.x2 - 0.5; j++) {
      const [b, q] = list[j]!;
      if (q.y1 < p.y2 - 0.5 && p.y1 < q.y2 - 0.5 && q.x1 < p.x2 - 0.5) found.push([a, b]);
    }
  }
  return found;
}

async function openProgram(page: Page, size: { width: number; height: number }): Promise<ViewState> {
  await page.setViewportSize(size);
  await openApp(page);
  const state = await pasteAndWait(page, program);
  expect(state.error).toBeNull();
  expect(state.groups.length, 'the graph is grouped').toBeGreaterThan(100);
  return state;
}

/** Runs `action` and waits for the redraw it causes. */
async function redrawn(page: Page, action: () => Promise<unknown>): Promise<ViewState> {
  const draws = await page.evaluate(() => window.gradscope.snapshot().draws);
  await action();
  await page.waitForFunction((d) => { const s = window.gradscope.snapshot(); return s.draws > d && !s.busy; }, draws, { timeout: 30_000 });
  return viewState(page);
}

/** Runs `action` (one that moves the view, no redraw) and reads the view once it rests. */
async function redrawnView(page: Page, action: () => Promise<unknown>): Promise<ViewState> {
  await action();
  await page.waitForTimeout(200);
  return viewState(page);
}

/** Zooms in with the mouse wheel over group `id`'s box until value text reads at 12 px
 *  (zooming about the pointer keeps the box under it). */
async function zoomInto(page: Page, id: number): Promise<ViewState> {
  for (let k = 0; k < 20; k++) {
    const state = await viewState(page);
    if (state.view.textPx >= 12) return state;
    const c = centre(state.groups.find((g) => g.id === id)!.box!);
    await page.mouse.move(c.x, c.y);
    for (let w = 0; w < 20; w++) await page.mouse.wheel(0, -120);
    await page.waitForTimeout(100);
  }
  throw new Error('the wheel did not zoom in');
}

// Positions come from the same model coordinates and the same pan and zoom before and after,
// so a box that stays is equal up to floating-point error: half a pixel is generous.
const tolerance = 0.5;

for (const size of [{ width: 1280, height: 720 }, { width: 1400, height: 900 }]) {
  test(`expanding a neuron keeps the rest where it was; collapsing it puts everything back (${size.width}×${size.height})`, async ({ page }) => {
    await openProgram(page, size);
    // The whole graph (Fit), then a collapsed neuron with drawn boxes on both sides, zoomed into with the wheel.
    const fitted = await redrawnView(page, () => page.getByRole('button', { name: 'Fit' }).click());
    const candidates = fitted.groups.filter((g) => g.collapsed && g.box !== null && inside(g.box, fitted.view) && /^layer\d\.neuron\d+ #\d+$/.test(g.label));
    expect(candidates.length, 'collapsed neurons on screen').toBeGreaterThan(0);
    const all = drawnBoxes(fitted);
    const hasBothSides = (g: Box) => [...all.values()].some((b) => b.x1 >= g.x2) && [...all.values()].some((b) => b.x2 <= g.x1);
    const neuron = candidates.find((g) => hasBothSides(g.box!)) ?? candidates[0]!;
    const opened = await zoomInto(page, neuron.id);
    const boxes0 = drawnBoxes(opened);
    const g0 = opened.groups.find((g) => g.id === neuron.id)!.box!;
    await screenshot(page, `group-expand-before-${size.width}x${size.height}`);

    const at = centre(g0);
    // Every frame from the double-click until the view has rested: the grad legend covers no node on screen.
    await watchLegend(page);
    const expanded = await redrawn(page, () => page.mouse.dblclick(at.x, at.y));
    await page.waitForTimeout(500);
    const legend = await legendCovered(page);
    expect(legend.frames, 'frames watched').toBeGreaterThan(0);
    expect(legend.hits, 'nodes under the grad legend while expanding and after').toEqual([]);
    expect(expanded.groups.find((g) => g.id === neuron.id)!.collapsed).toBe(false);
    // The neuron's own values are drawn now (its weighted sum, a chain, as a collapsed box).
    const mine = engine.nodes.filter((n) => n.group === neuron.id && expanded.nodes.some((s) => s.id === n.id));
    expect(mine.length).toBeGreaterThan(0);
    for (const n of mine) expect(expanded.nodes.find((s) => s.id === n.id)!.box, `#${n.id} of ${neuron.label} is drawn`).not.toBeNull();
    const boxes1 = drawnBoxes(expanded);
    // Everything drawn before (but the neuron's box) is still drawn.
    for (const id of boxes0.keys()) if (id !== `g${neuron.id}`) expect(boxes1.has(id), `${id} is still drawn`).toBe(true);
    // The root's side (right of the neuron's box) has not moved at all; the inputs' side (left of it)
    // moved as one piece, straight back; what shares the neuron's column kept its column.
    const moved = (id: string) => ({ dx: boxes1.get(id)!.x1 - boxes0.get(id)!.x1, dy: boxes1.get(id)!.y1 - boxes0.get(id)!.y1, dw: boxes1.get(id)!.x2 - boxes1.get(id)!.x1 - (boxes0.get(id)!.x2 - boxes0.get(id)!.x1) });
    let right = 0;
    let left = 0;
    let shift: number | null = null;
    for (const [id, b] of boxes0) {
      if (id === `g${neuron.id}`) continue;
      const m = moved(id);
      expect(Math.abs(m.dw), `${id} keeps its size`).toBeLessThan(tolerance);
      if (b.x1 >= g0.x2) {
        right++;
        expect(Math.hypot(m.dx, m.dy), `${id} (root side) stays`).toBeLessThan(tolerance);
      } else if (b.x2 <= g0.x1) {
        left++;
        shift ??= m.dx;
        expect(Math.abs(m.dx - shift), `${id} (inputs side) moves with the rest of its side`).toBeLessThan(tolerance);
        expect(Math.abs(m.dy), `${id} (inputs side) moves only back`).toBeLessThan(tolerance);
      } else expect(Math.abs(m.dx), `${id} (the neuron's column) keeps its column`).toBeLessThan(tolerance);
    }
    expect(right, 'drawn boxes on the root side').toBeGreaterThan(0);
    const status = await page.locator('#status').innerText();
    console.log(`${size.width}×${size.height}: expanding ${neuron.label}: ${right} boxes on the root side stayed, ${left} on the inputs side moved ${shift === null ? 0 : Math.round(shift)} px as one piece; status: ${status}`);
    // The neuron's content overlaps nothing drawn.
    expect(overlapping(boxes1)).toEqual([]);
    await screenshot(page, `group-expand-after-${size.width}x${size.height}`);

    // Collapse it again (from a value's menu, as a user would): the drawing is as it was.
    const value = expanded.nodes.find((n) => n.group === neuron.id && n.box !== null && inside(n.box, expanded.view))!;
    expect(value, 'a value of the neuron is on screen').toBeDefined();
    const c = centre(value.box!);
    await page.mouse.click(c.x, c.y, { button: 'right' });
    const collapsed = await redrawn(page, () => page.getByRole('menuitem', { name: `Collapse ${neuron.label}` }).click());
    expect(collapsed.groups.find((g) => g.id === neuron.id)!.collapsed).toBe(true);
    const boxes2 = drawnBoxes(collapsed);
    expect([...boxes2.keys()].sort()).toEqual([...boxes0.keys()].sort());
    for (const [id, b] of boxes0) {
      const d = Math.max(...(['x1', 'y1', 'x2', 'y2'] as const).map((k) => Math.abs(boxes2.get(id)![k] - b[k])));
      expect(d, `${id} is back where it was`).toBeLessThan(tolerance);
    }
  });
}

test('expanding a group past the drawing limit offers its children one level, which draws its nested groups collapsed', async ({ page }) => {
  const opened = await openProgram(page, { width: 1280, height: 720 });
  // The call nearest the root opens with its layers open.
  const call = opened.groups.find((g) => g.label === 'MLP.forward #12')!;
  expect(call.collapsed).toBe(false);
  const layers = opened.groups.filter((g) => g.parent === call.id);
  expect(layers.length).toBe(3);
  expect(layers.some((g) => !g.collapsed), 'a layer of it is open').toBe(true);
  // The limit just under what is drawn now: the same drawing opens (nothing is cut at this size).
  const drawn = opened.nodes.filter((n) => n.box !== null).length + opened.groups.filter((g) => g.box !== null).length;
  await redrawn(page, async () => {
    await page.locator('#limit').fill(String(drawn - 1));
    await page.locator('#limit').press('Enter');
  });
  let state = await redrawn(page, () => page.evaluate((id) => window.gradscope.collapse(id), call.id));
  expect(state.groups.find((g) => g.id === call.id)!.collapsed).toBe(true);
  // Expanding it again would draw its layers as they were: past the limit. Said, and offered one level.
  await redrawnView(page, () => page.getByRole('button', { name: 'Fit' }).click());
  state = await zoomInto(page, call.id);
  const box = state.groups.find((g) => g.id === call.id)!.box!;
  await page.mouse.dblclick(centre(box).x, centre(box).y);
  const notice = page.locator('#group-notice');
  await expect(notice).toContainText(`Expanding MLP.forward #12 would draw ${drawn.toLocaleString('en-US')} values and groups, more than the drawing limit (${(drawn - 1).toLocaleString('en-US')})`);
  const offer = notice.getByRole('button', { name: 'Expand children one level' });
  await expect(offer).toBeVisible();
  expect((await viewState(page)).groups.find((g) => g.id === call.id)!.collapsed, 'nothing expanded yet').toBe(true);
  await screenshot(page, 'group-expand-offer-1280x720');
  // The group's context menu offers the same (the notice above the graph moved it down: where is it now).
  const moved = (await viewState(page)).groups.find((g) => g.id === call.id)!.box!;
  await page.mouse.click(centre(moved).x, centre(moved).y, { button: 'right' });
  await expect(page.locator('#group-menu').getByRole('menuitem', { name: 'Expand children one level' })).toBeVisible();
  state = await redrawn(page, () => offer.click());
  // Opened, with each layer one collapsed box on screen and nothing of theirs drawn.
  expect(state.groups.find((g) => g.id === call.id)!.collapsed).toBe(false);
  for (const layer of layers) {
    const shown = state.groups.find((g) => g.id === layer.id)!;
    expect(shown.collapsed, `${layer.label} is collapsed`).toBe(true);
    expect(shown.box, `${layer.label} is drawn as a box`).not.toBeNull();
  }
  const inLayers = state.nodes.filter((n) => layers.some((l) => within(n.group, l.id)));
  expect(inLayers.length).toBeGreaterThan(0);
  expect(inLayers.every((n) => n.box === null)).toBe(true);
  const count = state.nodes.filter((n) => n.box !== null).length + state.groups.filter((g) => g.box !== null).length;
  expect(count).toBeLessThanOrEqual(drawn - 1);
  await expect(offer).toBeHidden();
  await expect(page.locator('#group-menu')).toBeHidden();
  await screenshot(page, 'group-expand-children-1280x720');
});
