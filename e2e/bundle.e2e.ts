// The lean Monaco bundle (renderer/src/editor/monaco.ts imports only the
// TypeScript and JavaScript languages) still colours the user's program, and
// the page loads no worker of a language it does not edit.
import { expect, test } from '@playwright/test';
import { openApp, typeProgram } from './helpers.js';

test('TypeScript is highlighted: keywords, strings, numbers and comments each have their colour', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await openApp(page);
  await typeProgram(page, "const label = 'text'; // a note\nlet n = 42;");
  const colourOf = async (line: number, text: string) =>
    page.locator('#editor .view-line').nth(line).locator('span > span', { hasText: text }).first()
      .evaluate((span) => getComputedStyle(span).color);
  await expect.poll(() => colourOf(0, 'const')).not.toBe(await colourOf(0, 'label'));
  const name = await colourOf(0, 'label');
  const colours = {
    keyword: await colourOf(0, 'const'),
    string: await colourOf(0, "'text'"),
    comment: await colourOf(0, '// a note'),
    number: await colourOf(1, '42'),
  };
  for (const [kind, colour] of Object.entries(colours)) expect(colour, `${kind} coloured like a name`).not.toBe(name);
  expect(new Set(Object.values(colours)).size).toBe(4);
  await page.screenshot({ path: 'e2e/artifacts/bundle-highlighting.png' });
  expect(requests.filter((url) => /(css|html|json)\.worker/.test(url))).toEqual([]);
});
