// Presentation mode on the lecture's own graphs (the L graph, the tanh
// neuron): whole on screen at ≥ 9 px text, the editor showing whole lines,
// the graph pane not resizing while stepping. The overview (minimap) never
// covers a drawn node.
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { type Box, focusPage, openApp, openExample, pasteAndWait, restingView, screenshot, viewState } from './helpers.js';

const whole = (b: Box | null, v: Box) => b !== null && b.x1 >= v.x1 - 0.5 && b.x2 <= v.x2 + 0.5 && b.y1 >= v.y1 - 0.5 && b.y2 <= v.y2 + 0.5;

/** Drawn nodes the visible overview covers (client rects). */
async function underMinimap(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const m = document.getElementById('minimap')!;
    if (m.hidden || getComputedStyle(m).visibility === 'hidden') return [];
    const r = m.getBoundingClientRect();
    const s = window.gradscope.snapshot().view;
    return window.gradscope.drawn()
      .filter(({ box: b }) => b.x2 > Math.max(r.left, s.x1) && b.x1 < Math.min(r.right, s.x2) && b.y2 > Math.max(r.top, s.y1) && b.y1 < Math.min(r.bottom, s.y2))
      .map(({ id }) => id);
  });
}

const lecture = [
  { file: 'chain-rule-by-hand.ts', line: "const a = new Value(2.0, 'a');" },
  { file: 'tanh-neuron.ts', line: null },
];

for (const size of [{ width: 1280, height: 720 }, { width: 1400, height: 900 }]) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });
    for (const { file, line } of lecture) {
      // At 1280×720 the neuron (5 values deep) fits the presentation pane only at ~8 px: it opens on its root.
      if (file === 'tanh-neuron.ts' && size.width === 1280) continue;
      test(`presenting ${file}: the whole graph at ≥ 9 px text, through every step, and the pane keeps its size`, async ({ page }) => {
        await openApp(page);
        await pasteAndWait(page, readFileSync(`examples/${file}`, 'utf8'));
        await page.getByRole('button', { name: 'Reset' }).click();
        await focusPage(page);
        await page.keyboard.press('Shift+F11');
        await expect(page.locator('body')).toHaveClass(/presentation/);
        let state = await restingView(page);
        const graph = await page.locator('#graph').boundingBox();
        const total = state.totalSteps;
        for (let k = 0; k <= total; k++) {
          const off = state.nodes.filter((n) => !whole(n.box, state.view)).map((n) => `#${n.id} ${n.label ?? ''}`);
          expect(off, `step ${k}: values off screen`).toEqual([]);
          expect(state.view.textPx, `step ${k}: text size`).toBeGreaterThanOrEqual(9 - 1e-6);
          expect(await page.locator('#graph').boundingBox(), `step ${k}: graph pane`).toEqual(graph);
          if (k === 1) await screenshot(page, `present-${file.replace('.ts', '')}-${size.width}-step1`);
          if (k === total) break;
          await page.getByRole('button', { name: 'Step', exact: true }).click();
          state = await restingView(page);
        }
        if (line) {
          // The editor shows the program's first statement whole.
          const span = page.locator('#editor .view-line', { hasText: line }).first();
          const right = await span.evaluate((el) => {
            const text = [...el.querySelectorAll('span span')].at(-1)!.getBoundingClientRect();
            return text.right;
          });
          const editor = (await page.locator('#editor .monaco-scrollable-element').first().boundingBox())!;
          expect(right, `"${line}" ends inside the editor`).toBeLessThanOrEqual(editor.x + editor.width);
        }
      });
    }
  });
}

test.describe('the overview', () => {
  test.use({ viewport: { width: 1280, height: 720 } });
  test('never covers a drawn node: the README example at every step, two-moons at step 6', async ({ page }) => {
    test.setTimeout(240_000);
    await openApp(page);
    for (const file of ['micrograd-readme.ts', 'two-moons.ts']) {
      await openExample(page, file);
      await page.getByRole('button', { name: 'Reset' }).click();
      const steps = file === 'two-moons.ts' ? 6 : (await viewState(page)).totalSteps;
      const hits: string[] = [];
      for (let k = 0; k <= steps; k++) {
        await restingView(page);
        const under = await underMinimap(page);
        if (under.length > 0) hits.push(`${file} step ${k}: ${under.join(', ')}`);
        if (k === steps) break;
        await page.getByRole('button', { name: 'Step', exact: true }).click();
      }
      await screenshot(page, `minimap-${file.replace('.ts', '')}-step${steps}`);
      expect(hits).toEqual([]);
    }
  });
});
