import { expect, test } from '@playwright/test';
import { type Box, clickNode, engineRun, expectGradsMatch, expectedGrads, focusPage, openApp, pasteAndWait, readme, restingView, screenshot, viewState } from './helpers.js';

const engine = engineRun(readme);
const call = engine.backward[0]!;
const total = call.steps.length;

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await pasteAndWait(page, readme);
});

test('the graph opens at the end of backward with the engine grads', async ({ page }) => {
  const state = await viewState(page);
  expect(state.step).toBe(total);
  expect(state.totalSteps).toBe(total);
  for (const node of state.nodes) expect(node.grad).toBe(engine.nodes[node.id]!.grad);
  await expect(page.getByRole('slider', { name: `Step ${total} of ${total}` })).toBeVisible();
});

test('stepping through the whole backward matches the engine after every step, and back to 0', async ({ page }) => {
  await page.getByRole('button', { name: 'Reset' }).click();
  let state = await viewState(page);
  expect(state.step).toBe(0);
  expectGradsMatch(state, expectedGrads(engine, 0, 0), 'step 0');
  await expect(page.locator('#explain')).toContainText('backward() sets g₂.grad = 1.0000');
  for (let k = 1; k <= total; k++) {
    // Half with the button, half with F10 while the editor has focus.
    if (k % 2 === 1) await page.getByRole('button', { name: 'Step', exact: true }).click();
    else {
      await page.locator('#editor .view-lines').click();
      await page.keyboard.press('F10');
    }
    state = await viewState(page);
    expect(state.step).toBe(k);
    expectGradsMatch(state, expectedGrads(engine, 0, k), `step ${k}`);
    const next = call.steps[k]?.node;
    expect(state.nodes.filter((n) => n.current).map((n) => n.id)).toEqual(next === undefined ? [] : [next]);
    await expect(page.getByRole('slider', { name: `Step ${k} of ${total}` })).toBeVisible();
  }
  await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeDisabled();
  await focusPage(page);
  for (let k = total - 1; k >= 0; k--) {
    await page.keyboard.press('Shift+F10');
    state = await viewState(page);
    expect(state.step).toBe(k);
    expectGradsMatch(state, expectedGrads(engine, 0, k), `back to step ${k}`);
  }
  await expect(page.getByRole('button', { name: 'Step back' })).toBeDisabled();
});

test('the explanation line gives the chain-rule update in numbers', async ({ page }) => {
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  // The root g₂ = g + 10/f (the second value labelled g): both inputs get g₂.grad (1).
  await expect(page.locator('#explain')).toContainText('g.grad = g.grad + g₂.grad = 0.0000 + 1.0000 = 1.0000');
  // A multiplication step: the input gets the other input's data × out.grad, added to its grad.
  const k = call.steps.findIndex((s) => engine.nodes[s.node]!.op === 'mul');
  await page.getByRole('slider').fill(String(k + 1));
  const mul = engine.nodes[call.steps[k]!.node]!;
  const other = engine.nodes[mul.inputs[1]!]!;
  // Reused labels are numbered in creation order: the second `d` is `d₂`.
  const uses = engine.nodes.filter((n) => n.label !== null && n.label === mul.label && n.id <= mul.id).length;
  const name = mul.label === null ? `#${mul.id}` : uses === 1 ? mul.label : `${mul.label}${'₀₁₂₃₄₅₆₇₈₉'[uses]}`;
  const shown = (x: number) => (x < 0 ? `(−${(-x).toFixed(4)})` : x.toFixed(4));
  await expect(page.locator('#explain')).toContainText(`.data × ${name}.grad = `);
  await expect(page.locator('#explain')).toContainText(` + ${shown(other.data)} × ${shown(mul.grad)} = `);
  await screenshot(page, 'stepper-mid-backward');
});

test('Run to end stops before a breakpoint node, then continues to the end', async ({ page }) => {
  const target = call.steps[Math.floor(total / 2)]!.node;
  const at = call.steps.findIndex((s) => s.node === target);
  await clickNode(page, target);
  await page.keyboard.press('F9');
  await expect(page.locator('#inspector [data-field="breakpoint"]')).toHaveText('on');
  await page.keyboard.press('Control+Shift+F5');
  expect((await viewState(page)).step).toBe(0);
  await page.keyboard.press('F5');
  let state = await viewState(page);
  expect(state.step).toBe(at);
  expect(state.nodes.find((n) => n.current)?.id).toBe(target);
  await page.getByRole('button', { name: 'Run to end' }).click();
  state = await viewState(page);
  expect(state.step).toBe(total);

  // The context menu toggles a breakpoint too; removing it lets F5 run through.
  await clickNode(page, target, 'right');
  await page.getByRole('menuitem', { name: 'Remove breakpoint' }).click();
  await page.getByRole('button', { name: 'Reset' }).click();
  await focusPage(page);
  await page.keyboard.press('F5');
  expect((await viewState(page)).step).toBe(total);
});

for (const size of [{ width: 1280, height: 720 }, { width: 1400, height: 900 }]) {
  test(`following the steps keeps the current node whole on screen with its inputs when they fit at 11 px text, the nearest input when it fits at 8 px (${size.width}×${size.height})`, async ({ page }) => {
    await page.setViewportSize(size);
    await pasteAndWait(page, readme);
    await page.getByRole('button', { name: 'Reset' }).click();
    const missed: string[] = [];
    let bothShown = 0;
    let allShown = 0;
    for (let k = 0; k < total; k++) {
      const state = await restingView(page);
      const next = call.steps[k]!.node;
      const pane = state.view;
      const t = state.view.textPx;
      expect(t, `step ${k}: text size`).toBeGreaterThanOrEqual(8 - 1e-6);
      const boxOf = (id: number) => state.nodes.find((n) => n.id === id)?.box ?? null;
      const whole = (b: Box | null) => b !== null && b.x1 >= pane.x1 - 0.5 && b.x2 <= pane.x2 + 0.5 && b.y1 >= pane.y1 - 0.5 && b.y2 <= pane.y2 + 0.5;
      const at = (b: Box | null) => (b ? `(${Math.round(b.x1)}, ${Math.round(b.y1)})–(${Math.round(b.x2)}, ${Math.round(b.y2)})` : 'not drawn');
      // Would these boxes fit the pane (less margins and the overview's strip) with text at `px`, or at this zoom if smaller?
      const fits = (boxes: Box[], px: number) => {
        const s = Math.min(px, t) / t;
        const x1 = Math.min(...boxes.map((b) => b.x1)), x2 = Math.max(...boxes.map((b) => b.x2));
        const y1 = Math.min(...boxes.map((b) => b.y1)), y2 = Math.max(...boxes.map((b) => b.y2));
        return (x2 - x1) * s <= pane.x2 - pane.x1 - 60 && (y2 - y1) * s <= pane.y2 - pane.y1 - 150;
      };
      const current = boxOf(next);
      if (!whole(current)) missed.push(`step ${k}: current #${next} at ${at(current)}`);
      const centre = (b: Box) => [(b.x1 + b.x2) / 2, (b.y1 + b.y2) / 2] as const;
      const inputs = [...new Set(engine.nodes[next]!.inputs)].map((id) => ({ id, box: boxOf(id) })).filter((i): i is { id: number; box: Box } => i.box !== null);
      if (current && inputs.length > 0) {
        const d = (b: Box) => Math.hypot(centre(b)[0] - centre(current)[0], centre(b)[1] - centre(current)[1]);
        const nearest = [...inputs].sort((p, q) => d(p.box) - d(q.box))[0]!;
        if (fits([current, nearest.box], 8)) {
          bothShown++;
          if (!whole(nearest.box)) missed.push(`step ${k}: nearest input #${nearest.id} at ${at(nearest.box)}, current at ${at(current)}`);
        }
        if (fits([current, ...inputs.map((i) => i.box)], 11)) {
          allShown++;
          for (const i of inputs) if (!whole(i.box)) missed.push(`step ${k}: input #${i.id} at ${at(i.box)}, current at ${at(current)}`);
        }
      }
      if (k === 6 || k === 20) await screenshot(page, `follow-readme-step${k}-${size.width}`);
      await page.getByRole('button', { name: 'Step', exact: true }).click();
    }
    expect(missed).toEqual([]);
    // Most steps are checked (the rest have inputs across the whole drawing).
    expect(bothShown, 'steps whose current node and nearest input fit at 8 px').toBeGreaterThan(total / 2);
    expect(allShown).toBeGreaterThan(total / 3);
  });
}
