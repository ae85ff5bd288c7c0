// What a value box shows, read from the screen: the hover tooltip (hidden once
// the pointer leaves the graph, on every redraw, current numbers after a
// step), the box's cells (no grad tint where the label row and data cell are,
// after opening graphs of different box widths one after another), where its
// numbers are drawn (the bottom row, also without a label), and the one name a
// value has in the box, the tooltip and the explanation line.
import { expect, test, type Page } from '@playwright/test';
import { decode } from 'fast-png';
import { type Box, type ViewNode, clickNode, openApp, openExample, pasteAndWait, readme, screenshot, settled, viewState } from './helpers.js';

const lecture = `const a = new Value(2.0, 'a');
const b = new Value(-3.0, 'b');
const c = new Value(10.0, 'c');
const e = a.mul(b); e.label = 'e';
const d = e.add(c); d.label = 'd';
const f = new Value(-2.0, 'f');
const L = d.mul(f); L.label = 'L';
L.backward();
`;

/** A gallery example, opened without an error. */
async function openCleanly(page: Page, file: string): Promise<void> {
  await openExample(page, file);
  expect((await viewState(page)).error, file).toBeNull();
}

/** The page as drawn: RGBA pixels, one per CSS px (the tests run at device pixel ratio 1). */
async function pixels(page: Page): Promise<{ at(x: number, y: number): [number, number, number] }> {
  const png = decode(await page.screenshot());
  const channels = png.channels;
  return {
    at: (x, y) => {
      const k = (Math.round(y) * png.width + Math.round(x)) * channels;
      return [png.data[k]!, png.data[k + 1]!, png.data[k + 2]!];
    },
  };
}

/** A grad tint (blue or red): the light theme's box, text, border and divider are all near grey. */
const tinted = ([r, g, b]: number[]) => Math.max(r!, g!, b!) - Math.min(r!, g!, b!) > 40;
/** Text: dark (the divider and border greys are lighter). */
const ink = ([r, g, b]: number[]) => Math.max(r!, g!, b!) < 110;

/** Zooms in with the mouse wheel over value `id` until value text is at least `px` on screen,
 *  then moves the pointer off the graph (so no tooltip covers a box). */
async function zoomTo(page: Page, px: number, id: number): Promise<number> {
  for (let k = 0; k < 40 && (await viewState(page)).view.textPx < px; k++) {
    const at = (await page.evaluate((nid) => window.gradscope.position(nid), id))!;
    await page.mouse.move(at.x, at.y);
    await page.mouse.wheel(0, -120);
    await page.waitForTimeout(50);
  }
  await page.mouse.move(2, 2);
  await page.waitForTimeout(300);
  return (await viewState(page)).view.zoom;
}

const within = (b: Box, v: Box) => b.x1 >= v.x1 + 2 && b.y1 >= v.y1 + 2 && b.x2 <= v.x2 - 2 && b.y2 <= v.y2 - 2;

/** The value (of those `which` picks) whose box is nearest the view's centre. */
function central(nodes: ViewNode[], view: Box, which: (n: ViewNode) => boolean): number {
  const d = (b: Box) => Math.hypot((b.x1 + b.x2 - view.x1 - view.x2) / 2, (b.y1 + b.y2 - view.y1 - view.y2) / 2);
  const shown = nodes.filter((n) => n.box !== null && which(n)).sort((a, b) => d(a.box!) - d(b.box!));
  expect(shown.length, 'a value to zoom to').toBeGreaterThan(0);
  return shown[0]!.id;
}

/** Value boxes wholly in view (with their ids). */
async function boxesInView(page: Page): Promise<{ id: number; box: Box }[]> {
  const s = await viewState(page);
  return s.nodes.filter((n) => n.box !== null && within(n.box, s.view)).map((n) => ({ id: n.id, box: n.box! }));
}

const tooltip = (page: Page) => page.locator('#tooltip');

test.describe('the hover tooltip', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('hides when the pointer leaves the graph in one move, on a redraw and a theme switch, and shows the numbers after a step', async ({ page }) => {
    await openApp(page);
    const state = await pasteAndWait(page, lecture);
    const f = state.nodes.find((n) => n.label === 'f')!;
    expect(f.grad).toBe(4);
    const hover = async () => {
      const at = (await page.evaluate((id) => window.gradscope.position(id), f.id))!;
      await page.mouse.move(at.x - 30, at.y + 40);
      await page.mouse.move(at.x, at.y, { steps: 4 });
      await expect(tooltip(page)).toBeVisible();
      return at;
    };
    await hover();
    await expect(tooltip(page)).toHaveText(/^f {2}data -2 {2}grad 4$/);
    await screenshot(page, 'value-boxes-tooltip-1280x720');

    // Straight out of the pane to the inspector, in one move.
    await page.mouse.move(1200, 300);
    await expect(tooltip(page)).toBeHidden();

    // A step under a still pointer (F10 keys, the mouse stays on f): the tooltip shows f's numbers now.
    await hover();
    await page.keyboard.press('Control+Shift+F5'); // reset: no grad yet
    await expect.poll(async () => (await viewState(page)).step).toBe(0);
    const now = (await viewState(page)).nodes.find((n) => n.id === f.id)!;
    expect(now.grad).toBe(0);
    await expect(tooltip(page)).toHaveText(/^f {2}data -2 {2}grad 0$/);
    for (let k = 0; k < 3; k++) await page.keyboard.press('F10');
    await expect.poll(async () => (await viewState(page)).step).toBe(3);
    await expect(tooltip(page)).toHaveText(/^f {2}data -2 {2}grad 4$/);

    // A theme switch (the pointer does not move).
    await hover();
    await page.locator('#theme').selectOption('dark');
    await expect(tooltip(page)).toBeHidden();

    // A new run (Ctrl+Enter) draws the graph anew: the pointer has not moved, the tooltip goes.
    await hover();
    const draws = (await viewState(page)).draws;
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction((n) => window.gradscope.snapshot().draws > n, draws);
    await settled(page);
    await expect(tooltip(page)).toBeHidden();
  });
});

for (const size of [{ width: 1280, height: 720 }, { width: 1400, height: 900 }]) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('boxes keep their cells after opening examples of different box widths one after another', async ({ page }) => {
      test.setTimeout(300_000);
      await openApp(page);
      for (const file of ['tanh-from-exp.ts', 'tiny-mlp.ts', 'tanh-from-exp.ts']) {
        await openCleanly(page, file);
        const opened = await viewState(page);
        const zoom = await zoomTo(page, 26, central(opened.nodes, opened.view, () => true));
        const boxes = await boxesInView(page);
        expect(boxes.length, `${file}: boxes in view`).toBeGreaterThan(0);
        const shot = await pixels(page);
        await screenshot(page, `value-boxes-${file.replace(/\.ts$/, '')}-${size.width}x${size.height}`);
        const inset = Math.ceil(4 * zoom);
        let tintedCells = 0;
        for (const { id, box } of boxes) {
          const mid = (box.y1 + box.y2) / 2;
          const cx = (box.x1 + box.x2) / 2;
          const bad: string[] = [];
          // The label row and the data cell are the box colour (text aside), edge to edge.
          for (let y = Math.ceil(box.y1 + inset); y < box.y2 - inset; y += 2) {
            if (Math.abs(y - mid) < 2) continue;
            const x2 = y < mid ? box.x2 - inset : cx - 2;
            for (let x = Math.ceil(box.x1 + inset); x < x2; x++) if (tinted(shot.at(x, y))) bad.push(`${x},${y}`);
          }
          expect(bad.slice(0, 5), `${file}: grad tint in #${id}'s label row or data cell`).toEqual([]);
          // A tinted grad cell is tinted from the divider to the box's edge, just under the row line.
          const y = mid + 2.5 * zoom;
          if (tinted(shot.at((cx + box.x2) / 2, y))) {
            tintedCells++;
            for (let x = Math.ceil(cx + 2 * zoom); x < box.x2 - inset; x++) expect(tinted(shot.at(x, y)), `${file}: #${id}'s grad cell at ${x},${y}`).toBe(true);
          }
        }
        expect(tintedCells, `${file}: tinted grad cells seen`).toBeGreaterThan(0);
      }
    });

    test("micrograd's README program: an unlabelled box shows its #id in the label row and its numbers in the bottom row; the tooltip and the explanation line use the box's name", async ({ page }) => {
      await openApp(page);
      const state = await pasteAndWait(page, readme);
      // The opening view may show only labelled values (a, b, c at 1280×720): zoom out a little until an
      // unlabelled one is in view, then in on it.
      let opened = state;
      const unlabelledInView = (s: typeof state) => s.nodes.some((n) => n.label === null && n.box !== null && within(n.box, s.view));
      for (let k = 0; k < 20 && !unlabelledInView(opened); k++) {
        await page.mouse.move((opened.view.x1 + opened.view.x2) / 2, (opened.view.y1 + opened.view.y2) / 2);
        await page.mouse.wheel(0, 120);
        await page.waitForTimeout(80);
        opened = await viewState(page);
      }
      const zoom = await zoomTo(page, 16, central(opened.nodes, opened.view, (n) => n.label === null));
      const shot = await pixels(page);
      await screenshot(page, `value-boxes-readme-zoomed-${size.width}x${size.height}`);
      const unlabelled = (await boxesInView(page)).filter(({ id }) => state.nodes.find((n) => n.id === id)!.label === null);
      expect(unlabelled.length, 'unlabelled boxes in view').toBeGreaterThan(0);
      const inset = Math.ceil(4 * zoom);
      for (const { id, box } of unlabelled) {
        const mid = (box.y1 + box.y2) / 2;
        const count = (x1: number, x2: number, y1: number, y2: number) => {
          let n = 0;
          for (let y = Math.ceil(y1); y <= y2; y++) for (let x = Math.ceil(x1); x <= x2; x++) if (ink(shot.at(x, y))) n++;
          return n;
        };
        const left = box.x1 + inset;
        const right = box.x2 - inset;
        // No text across the row line; the numbers in the bottom row, the name in the label row.
        expect(count(left, right, mid - 1.5 * zoom, mid + 1.5 * zoom), `#${id}: text on the row line`).toBe(0);
        expect(count(left, (box.x1 + box.x2) / 2 - 2, mid + 2, box.y2 - inset), `#${id}: data text in the bottom row`).toBeGreaterThan(10);
        expect(count((box.x1 + box.x2) / 2 + 2, right, mid + 2, box.y2 - inset), `#${id}: grad text in the bottom row`).toBeGreaterThan(10);
        expect(count(left, right, box.y1 + inset, mid - 2), `#${id}: its name in the label row`).toBeGreaterThan(10);
      }

      // The tooltip names a box as the app does: g₂, not g.
      const g2 = state.nodes.find((n) => n.name === 'g₂')!;
      expect(g2.label).toBe('g');
      await page.getByRole('button', { name: 'Fit' }).click();
      const at = (await page.evaluate((id) => window.gradscope.position(id), g2.id))!;
      await page.mouse.move(at.x - 20, at.y + 30);
      await page.mouse.move(at.x, at.y, { steps: 4 });
      await expect(tooltip(page)).toHaveText(/^g₂ {2}data 24\.704\d* {2}grad 1$/);
      // So does the list of backward calls, for the call's root.
      await expect(page.locator('#calls option').first()).toHaveText(/^backward\(\) #1 of 1: g₂, \d+ steps$/);

      // Find by label finds a value by the #id its box shows.
      const unnamed = unlabelled[0]!.id;
      await page.getByPlaceholder('Find by label').fill(`#${unnamed}`);
      await expect(page.locator('#search-count')).toHaveText('1 found');
      await page.getByPlaceholder('Find by label').fill('');

      // Every value the explanation line names is a drawn value of that name (#id for unlabelled ones).
      const names = new Set(state.nodes.map((n) => n.name));
      const seen = new Set<string>();
      await page.keyboard.press('Control+Shift+F5');
      for (let k = 0; k < state.totalSteps; k++) {
        await page.keyboard.press('F10');
        const line = await page.locator('#explain').innerText();
        for (const m of line.matchAll(/([^\s()=+×÷−^]+)\.(?:grad|data)/g)) seen.add(m[1]!);
      }
      expect([...seen].filter((n) => n.startsWith('#')).length, 'unlabelled values named in the line').toBeGreaterThan(0);
      for (const name of seen) expect(names.has(name), `${name} in the explanation line is a drawn value's name`).toBe(true);
    });
  });
}

test('a parameter (w0₃) shows its module path in the inspector', async ({ page }) => {
  test.setTimeout(200_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await openApp(page);
  await openCleanly(page, 'tiny-mlp.ts');
  const s = await viewState(page);
  const w = s.nodes.find((n) => n.box !== null && n.op === null && /^w\d+[₀-₉]+$/.test(n.name))!;
  expect(w, 'a reused parameter name is drawn').toBeDefined();
  await clickNode(page, w.id);
  await expect(page.locator('[data-field="module"]')).toHaveText(/^layer\d+\.neuron\d+\.w\d+$/);
});
