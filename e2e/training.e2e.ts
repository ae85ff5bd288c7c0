import { expect, test } from '@playwright/test';
import { engineRun, expectGradsMatch, expectedGrads, openApp, screenshot, typeAndWait, viewState } from './helpers.js';

const training = `const model = new MLP(2, [4, 1]);
const opt = new SGD(model.parameters(), 0.1);
const X = [[1, 2], [-1, 0.5], [0.3, -2]];
const Y = [1, -1, 1];
for (let step = 0; step < 3; step++) {
  let loss = new Value(0);
  for (let i = 0; i < X.length; i++) {
    const score = model.forward(X[i]);
    loss = loss.add(score.sub(Y[i]).pow(2));
  }
  opt.zeroGrad();
  loss.backward();
  opt.step();
  console.log(step, loss.data.toFixed(4));
}
`;

test('a training loop lists its backward calls and opens any of them', async ({ page }) => {
  const engine = engineRun(training);
  expect(engine.backward.length).toBe(3);
  await openApp(page);
  let state = await typeAndWait(page, training);
  const calls = page.getByRole('combobox', { name: 'Backward call' });
  await expect(calls.getByRole('option')).toHaveCount(3);
  // The last call by default.
  expect(state.call).toBe(2);
  expect(state.totalSteps).toBe(engine.backward[2]!.steps.length);
  await expect(page.locator('#console')).toContainText(engine.console.join('\n'));

  await calls.selectOption({ index: 0 });
  await expect.poll(async () => (await viewState(page)).call).toBe(0);
  state = await viewState(page);
  const first = engine.backward[0]!;
  expect(state.totalSteps).toBe(first.steps.length);
  // Parameters show their data as of that call, not after training.
  for (const [id, data] of first.leafData) expect(state.nodes.find((n) => n.id === id)?.data).toBe(data);
  expectGradsMatch(state, expectedGrads(engine, 0, first.steps.length), 'call 1 at its end');
  await screenshot(page, 'training-loop');
});
