// Shared steps for the e2e tests: open the app, put a program in the editor
// the way a user would, and wait until the view has drawn it.
import { expect, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { run } from '../engine/runner/run.js';
import type { Diagnostic, Group, Snapshot } from '../common/snapshot.js';

export interface Box { x1: number; y1: number; x2: number; y2: number }

/** Box `b` lies wholly inside `view`. */
export const inside = (b: Box, view: Box): boolean => b.x1 >= view.x1 && b.x2 <= view.x2 && b.y1 >= view.y1 && b.y2 <= view.y2;

/** The engine's groups of a run, by id, and `within(g, outer)`: group `g` is `outer` or nested in it. */
export function groupTree(snapshot: Snapshot): { byId: Map<number, Group>; within(g: number | null | undefined, outer: number): boolean } {
  const byId = new Map((snapshot.groups ?? []).map((g) => [g.id, g]));
  const within = (g: number | null | undefined, outer: number): boolean => {
    for (let x = g ?? null, hops = 0; x !== null && hops < 64; hops++) {
      if (x === outer) return true;
      x = byId.get(x)?.parent ?? null;
    }
    return false;
  };
  return { byId, within };
}
export interface ViewNode { id: number; label: string | null; name: string; op: string | null; data: number; grad: number; selected: boolean; current: boolean; onCursorLine: boolean; flagged: boolean; box: Box | null; group: number | null }
export interface ViewGroup { id: number; label: string; kind: 'module' | 'function' | 'chain'; size: number; collapsed: boolean; parent: number | null; box: Box | null }
export interface ViewState { nodes: ViewNode[]; step: number; totalSteps: number; error: { message: string; line: number | null; column: number | null; kind: string } | null; draws: number; call: number; calls: number; busy: boolean; view: Box & { zoom: number; textPx: number }; findings: Diagnostic[]; cursor: { line: number; column: number } | null; groups: ViewGroup[] }

/** micrograd's README example, as shipped in examples/ (comments and import included). */
export const readme = readFileSync('examples/micrograd-readme.ts', 'utf8');

/** The 1-based line of `source` that holds `text`. */
export function lineOf(source: string, text: string): number {
  const i = source.split('\n').findIndex((line) => line.includes(text));
  if (i < 0) throw new Error(`no line holds ${text}`);
  return i + 1;
}

/** The engine run in the test process, independent of the UI. */
export function engineRun(source: string): Snapshot {
  return run(source);
}

export async function openApp(page: Page): Promise<void> {
  // Tests start past the first-start screen (the examples gallery); teaching.e2e.ts tests it.
  await page.addInitScript(() => localStorage.getItem('gradscope.welcomed') ?? localStorage.setItem('gradscope.welcomed', '1'));
  await page.goto('/');
  await expect(page.locator('#editor .monaco-editor')).toBeVisible();
  await page.waitForFunction(() => window.gradscope?.snapshot().draws > 0);
}

export async function viewState(page: Page): Promise<ViewState> {
  return page.evaluate(() => window.gradscope.snapshot());
}

/**
 * Replaces the editor's text by typing it line by line (insertText, so Monaco
 * does not reformat), undoing what the editor adds by itself: an auto-closed
 * bracket after the cursor, and the auto-indent after Enter. Typing always
 * happens at the end of the text, so these deletes never touch typed text.
 */
export async function typeProgram(page: Page, source: string): Promise<void> {
  await page.locator('#editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  const lines = source.replace(/\n$/, '').split('\n');
  for (const [i, line] of lines.entries()) {
    await page.keyboard.insertText(line);
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Delete');
    if (i === lines.length - 1) break;
    // A suggestion list may be open; Enter would accept it instead of breaking the line.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Delete');
  }
  // Monaco renders on the next frame: poll until the typed text is on screen.
  const shown = async () => (await page.locator('#editor .view-lines').innerText()).replace(/\u00a0/g, ' ').trim();
  await expect.poll(shown, { message: 'the editor holds the typed program' }).toBe(source.trim());
}

/**
 * Replaces the editor's text as a user's paste does (select all, then a paste
 * event carrying the text), so a program with comments, imports and
 * indentation arrives exactly as written: typing it would meet the editor's
 * auto-closing, auto-indent and suggestions at every line.
 */
export async function pasteProgram(page: Page, source: string): Promise<void> {
  await page.locator('#editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, source);
  // The rendered lines, compared without blank lines (an empty line renders no text).
  const nonBlank = (text: string) => text.replace(/\u00a0/g, ' ').split('\n').filter((l) => l.trim() !== '').join('\n');
  const shown = async () => nonBlank(await page.locator('#editor .view-lines').innerText());
  await expect.poll(shown, { message: 'the editor holds the pasted program' }).toBe(nonBlank(source));
}

/** Pastes a program and waits until the app has run and drawn it (or shown its error). */
export async function pasteAndWait(page: Page, source: string): Promise<ViewState> {
  await pasteProgram(page, source);
  return settled(page);
}

/** Types a program and waits until the app has run and drawn it (or shown its error). */
export async function typeAndWait(page: Page, source: string): Promise<ViewState> {
  await typeProgram(page, source);
  return settled(page);
}

/** Waits until no edit is waiting to run and nothing is running or drawing. */
export async function settled(page: Page): Promise<ViewState> {
  await page.waitForFunction(() => !window.gradscope.snapshot().busy, undefined, { timeout: 30_000 });
  return viewState(page);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('e2e/artifacts', { recursive: true });
  await page.screenshot({ path: `e2e/artifacts/${name}.png` });
}

/** Grads the engine's recorded call gives after `k` steps, replayed here in the test. */
export function expectedGrads(snapshot: Snapshot, callIndex: number, k: number): Map<number, number> {
  const call = snapshot.backward[callIndex]!;
  const grads = new Map<number, number>(call.gradsBefore);
  grads.set(call.root, 1);
  for (const step of call.steps.slice(0, k)) for (const [id, delta] of step.deltas) grads.set(id, (grads.get(id) ?? 0) + delta);
  return grads;
}

/** Every drawn node's grad equals the replayed grad (0 where nothing was added). */
export function expectGradsMatch(state: ViewState, expected: Map<number, number>, where: string): void {
  for (const node of state.nodes) {
    expect(node.grad, `${where}: grad of #${node.id} (${node.label ?? node.op})`).toBe(expected.get(node.id) ?? 0);
  }
}

export async function clickNode(page: Page, id: number, button: 'left' | 'right' = 'left'): Promise<void> {
  const position = async () => {
    const p = await page.evaluate((nid) => window.gradscope.position(nid), id);
    expect(p, `node #${id} is drawn`).not.toBeNull();
    return p!;
  };
  let at = await position();
  const box = (await page.locator('#graph').boundingBox())!;
  const inside = (p: { x: number; y: number }) => p.x > box.x + 5 && p.x < box.x + box.width - 5 && p.y > box.y + 5 && p.y < box.y + box.height - 5;
  if (!inside(at)) {
    // Off screen at the initial zoom: fit the graph first, as a user would.
    await page.getByRole('button', { name: 'Fit' }).click();
    at = await position();
  }
  await page.mouse.click(at.x, at.y, { button });
}

/** Moves keyboard focus out of the editor, as a user clicking the page would. */
export async function focusPage(page: Page): Promise<void> {
  await page.locator('#position-text').click();
}

/**
 * Drawn nodes (values, ops, groups) that the graph pane's edge cuts: partly on
 * screen, partly off it, so their text is cut. Boxes are cytoscape's rendered
 * boxes (`window.gradscope.drawn()`), compared with the pane's client rect.
 */
export async function cutByPane(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const s = window.gradscope.snapshot().view;
    const slack = 0.5;
    return window.gradscope.drawn()
      .filter(({ box: b }) => b.x2 > s.x1 && b.x1 < s.x2 && b.y2 > s.y1 && b.y1 < s.y2)
      .filter(({ box: b }) => b.x1 < s.x1 - slack || b.x2 > s.x2 + slack || b.y1 < s.y1 - slack || b.y2 > s.y2 + slack)
      .map(({ id, box: b }) => `${id} (${Math.round(b.x1)}, ${Math.round(b.y1)})–(${Math.round(b.x2)}, ${Math.round(b.y2)}) in pane (${Math.round(s.x1)}, ${Math.round(s.y1)})–(${Math.round(s.x2)}, ${Math.round(s.y2)})`);
  });
}

/**
 * Watches every frame from now until `legendCovered` is called: in each, the
 * part of each drawn node the user can see (its box within the graph pane)
 * that the grad legend's rect overlaps. Frames are read in requestAnimationFrame,
 * so what a redraw, an animation or the legend's own move shows for a frame is seen.
 */
export async function watchLegend(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { legendWatch?: { hits: string[]; frames: number; stop: boolean } };
    const watch = { hits: [] as string[], frames: 0, stop: false };
    w.legendWatch = watch;
    const frame = () => {
      if (watch.stop) return;
      watch.frames++;
      const legend = document.getElementById('legend');
      const r = legend?.getBoundingClientRect();
      if (legend && r && r.width > 0 && legend.checkVisibility()) {
        const s = window.gradscope.snapshot().view;
        for (const { id, box: b } of window.gradscope.drawn()) {
          const x1 = Math.max(b.x1, s.x1), x2 = Math.min(b.x2, s.x2), y1 = Math.max(b.y1, s.y1), y2 = Math.min(b.y2, s.y2);
          if (x1 < x2 && y1 < y2 && x1 < r.right && x2 > r.left && y1 < r.bottom && y2 > r.top) {
            if (watch.hits.length < 20) watch.hits.push(`frame ${watch.frames}: ${id} under the legend (${Math.round(r.left)}, ${Math.round(r.top)})–(${Math.round(r.right)}, ${Math.round(r.bottom)})`);
          }
        }
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/** Stops `watchLegend`; the nodes the legend covered in any frame, and how many frames were seen. */
export async function legendCovered(page: Page): Promise<{ hits: string[]; frames: number }> {
  return page.evaluate(() => {
    const w = window as unknown as { legendWatch: { hits: string[]; frames: number; stop: boolean } };
    w.legendWatch.stop = true;
    return { hits: w.legendWatch.hits, frames: w.legendWatch.frames };
  });
}

/** Opens a gallery example as a user does (some examples do not survive a
 *  paste's auto-indent), and waits until its run has finished: drawn, or failed. */
export async function openExample(page: Page, file: string, timeout = 170_000): Promise<void> {
  const before = (await viewState(page)).draws;
  await page.getByRole('button', { name: 'Examples…' }).click();
  const gallery = page.getByRole('dialog', { name: 'Examples' });
  await expect(gallery).toBeVisible();
  await gallery.locator(`[data-example="${file}"]`).click();
  await expect(gallery).toBeHidden();
  await page.waitForFunction(
    (n) => {
      const s = window.gradscope.snapshot();
      return !s.busy && (s.draws > n || s.error !== null);
    },
    before,
    { timeout },
  );
}

/** The view once its animation has ended: the drawn boxes stop moving (three
 *  reads 100 ms apart agree: on a loaded machine one frame can outlast a read). */
export async function restingView(page: Page): Promise<ViewState> {
  const boxes = () => page.evaluate(() => JSON.stringify(window.gradscope.drawn()));
  let last = await boxes();
  let same = 0;
  for (let i = 0; i < 60 && same < 2; i++) {
    await page.waitForTimeout(100);
    const now = await boxes();
    same = now === last ? same + 1 : 0;
    last = now;
  }
  return viewState(page);
}
