// The opening view of small graphs: whole when it fits with text ≥ 9 px;
// otherwise on the stepper's last step (the README example: a and b, which
// its "Look at" comment names and the explanation line's last step updates),
// with no box cut by the pane's edge.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { type Box, cutByPane, engineRun, openApp, pasteAndWait, readme, screenshot } from './helpers.js';

const whole = (b: Box | null, v: Box) => b !== null && b.x1 >= v.x1 - 0.5 && b.x2 <= v.x2 + 0.5 && b.y1 >= v.y1 - 0.5 && b.y2 <= v.y2 + 0.5;

for (const size of [{ width: 1280, height: 720 }, { width: 1400, height: 900 }]) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('the README example opens on the last step: a and b, and the node that updated them, whole and readable', async ({ page }) => {
      await openApp(page);
      const state = await pasteAndWait(page, readme);
      const engine = engineRun(readme);
      const last = engine.backward[0]!.steps.at(-1)!;
      const shown = [last.node, ...last.deltas.map(([id]) => id)];
      const labels = shown.map((id) => state.nodes.find((n) => n.id === id)!.label);
      expect(labels).toEqual(expect.arrayContaining(['a', 'b']));
      for (const id of shown) expect(whole(state.nodes.find((n) => n.id === id)!.box, state.view), `#${id} on screen`).toBe(true);
      expect(state.view.textPx).toBeGreaterThanOrEqual(11 - 1e-6);
      await expect(page.locator('#explain')).toContainText('a.grad = a.grad + c.grad');
      expect(await cutByPane(page)).toEqual([]);
      await screenshot(page, `opening-readme-${size.width}`);
    });
  });
}

// Both fit whole only below 11 px text (10.5 and 10.2 px): they opened with 2 of 11 and 7 of 9 values on screen.
for (const [file, size] of [['softmax.ts', { width: 1400, height: 900 }], ['derivative-definition.ts', { width: 1280, height: 720 }]] as const) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });
    test(`${file} opens whole, text at least 9 px`, async ({ page }) => {
      await openApp(page);
      const state = await pasteAndWait(page, readFileSync(`examples/${file}`, 'utf8'));
      const off = state.nodes.filter((n) => !whole(n.box, state.view)).map((n) => `#${n.id} ${n.label ?? ''}`);
      expect(off).toEqual([]);
      expect(state.view.textPx).toBeGreaterThanOrEqual(9 - 1e-6);
      await screenshot(page, `opening-${file.replace('.ts', '')}-${size.width}`);
    });
  });
}
