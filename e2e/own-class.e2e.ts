// debug() in the app: the user's own micrograd Value class with a bug in `+`'s
// _backward (as in examples/own-value-class.ts), pasted into the editor. Its graph
// is drawn with the engine's numbers, its own _backward steps with F10/Step,
// and the value whose step disagrees with the chain rule is visibly marked
// (red dashed border, ⚠) and named in the explanation line.

import { expect, test, type Page } from '@playwright/test';
import { decode } from 'fast-png';
import { engineRun, openApp, pasteAndWait, screenshot, settled, viewState, type Box } from './helpers.js';

// The class of examples/own-value-class.ts written compactly, so the editor shows all of it.
const source = `class Value {
  data: number; grad = 0; _backward = () => {}; _prev: Set<Value>; _op: string;
  constructor(data: number, children: Value[] = [], op = '') {
    this.data = data; this._prev = new Set(children); this._op = op;
  }
  add(other: Value): Value {
    const out = new Value(this.data + other.data, [this, other], '+');
    out._backward = () => { this.grad = out.grad; other.grad += out.grad; };
    return out;
  }
  mul(other: Value): Value {
    const out = new Value(this.data * other.data, [this, other], '*');
    out._backward = () => { this.grad += other.data * out.grad; other.grad += this.data * out.grad; };
    return out;
  }
}
const a = new Value(2.0);
const b = new Value(-3.0);
const c = new Value(10.0);
const x = a.mul(b);
const s = x.add(c);
const L = s.mul(x);
debug(L);
`;
const engine = engineRun(source);
const flaggedId = engine.nodes.find((n) => n.label === 's')!.id;

/** Strongly red pixels (the flagged border, #c00000) inside `box` of a screenshot of the page. */
async function redPixels(page: Page, box: Box): Promise<number> {
  const png = decode(await page.screenshot());
  const channels = png.channels;
  let count = 0;
  for (let y = Math.max(0, Math.floor(box.y1) - 3); y < Math.min(png.height, Math.ceil(box.y2) + 3); y++) {
    for (let x = Math.max(0, Math.floor(box.x1) - 3); x < Math.min(png.width, Math.ceil(box.x2) + 3); x++) {
      const i = (y * png.width + x) * channels;
      if (png.data[i]! > 150 && png.data[i + 1]! < 70 && png.data[i + 2]! < 70) count++;
    }
  }
  return count;
}

for (const [width, height] of [[1400, 900], [1280, 720]] as const) {
  test(`a pasted own Value class: its graph, its steps, the flagged node marked (${width}×${height})`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openApp(page);
    const state = await pasteAndWait(page, source);
    expect(state.error).toBeNull();
    // The graph of the user's objects, with the engine's numbers, every value drawn.
    const shown = [...state.nodes].sort((p, q) => p.id - q.id);
    expect(shown.map((n) => [n.id, n.label, n.data, n.grad])).toEqual(engine.nodes.map((n) => [n.id, n.label, n.data, n.grad]));
    for (const n of state.nodes) expect(n.box, `${n.label} is drawn`).not.toBeNull();
    expect(state.nodes.filter((n) => n.flagged).map((n) => n.id)).toEqual([flaggedId]);
    expect(state.totalSteps).toBe(3);

    // What the user sees: the flagged record has the red dashed border, the others none.
    const boxOf = (id: number) => state.nodes.find((n) => n.id === id)!.box!;
    expect(await redPixels(page, boxOf(flaggedId))).toBeGreaterThan(40);
    for (const n of state.nodes.filter((m) => m.id !== flaggedId)) expect(await redPixels(page, boxOf(n.id)), `${n.label}`).toBe(0);
    await screenshot(page, `own-class-${width}x${height}`);

    // Step its own _backward: Reset, Step (L = s * x), then F10 (s = x + c, the wrong one).
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect(page.locator('#explain')).toContainText('backward() sets L.grad = 1.0000');
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(page.locator('#explain')).toContainText('x.grad = x.grad + s.data × L.grad = 0.0000 + 4.0000 × 1.0000 = 4.0000');
    await page.locator('#editor .view-lines').click();
    await page.keyboard.press('F10');
    const after = await settled(page);
    expect(after.step).toBe(2);
    const x = engine.nodes.find((n) => n.label === 'x')!.id;
    expect(after.nodes.find((n) => n.id === x)!.grad).toBe(-6);
    const explain = page.locator('#explain');
    await expect(explain).toContainText("x.grad = 4.0000 + (−10.0000) = −6.0000 (added by s's own _backward)");
    await expect(explain).toContainText('⚠ your `_backward` of `+` (s) added -10.0000 to x.grad; the chain rule gives s.grad = -6.0000 — it set x.grad instead of adding to it');
    await expect(explain).toBeVisible();
    await screenshot(page, `own-class-step2-${width}x${height}`);
    expect((await viewState(page)).nodes.filter((n) => n.flagged).map((n) => n.id)).toEqual([flaggedId]);
  });
}

test('the editor does not underline a pasted class called Value, or debug(); a real type error still is', async ({ page }) => {
  await openApp(page);
  const state = await pasteAndWait(page, `${source}const n: string = 5;\n`);
  expect(state.error).toBeNull();
  // One squiggle, on the last line's `n` (the real error): none for `class Value` shadowing the global.
  await expect(page.locator('#editor .squiggly-error')).toHaveCount(1, { timeout: 30_000 });
  const squiggle = await page.locator('#editor .squiggly-error').boundingBox();
  const lastLine = await page.locator('#editor .view-line').filter({ hasText: 'const n: string = 5;' }).boundingBox();
  expect(Math.abs(squiggle!.y - lastLine!.y)).toBeLessThan(lastLine!.height);
});
