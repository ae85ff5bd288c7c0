// What the error bar says for the lecture's first line pasted as Python, and
// for a syntax error: the user's terms, at the line, nothing of the tools inside.
import { expect, test } from '@playwright/test';
import { openApp, pasteAndWait, screenshot } from './helpers.js';

test("the lecture's Python lines: the keyword argument is named, with the TypeScript to write", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  const state = await pasteAndWait(page, "a = Value(2.0, label='a')\nb = Value(-3.0, label='b')\ne = a*b; e.label = 'e'\ne.backward()\n");
  expect(state.error).toMatchObject({ kind: 'runtime', line: 1, column: 16 });
  const bar = page.locator('#error-bar');
  await expect(bar).toHaveText("Line 1, column 16: this looks like Python: `label='a'` is a keyword argument, and Gradscope runs TypeScript, which passes arguments by position: write `new Value(2.0, 'a')`");
  await expect(bar).not.toContainText('ReferenceError');
  await screenshot(page, 'python-keyword-1280');
});

test('a syntax error reads "syntax error: Unexpected token…" at its line, without the type stripper\'s words', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await openApp(page);
  const state = await pasteAndWait(page, "const a = new Value(2.0, 'a');\nconst f = new Value(-2.0, 'f';\nconst L = a * f;\nL.backward();\n");
  expect(state.error?.kind).toBe('syntax');
  const bar = page.locator('#error-bar');
  await expect(bar).toHaveText(`Line 2, column ${"const f = new Value(-2.0, 'f'".length + 1}: syntax error: Unexpected token, expected ","`);
  await expect(bar).not.toContainText('transforming');
  await expect(bar).not.toContainText('program.ts');
  await screenshot(page, 'syntax-error-wording-1400');
});
