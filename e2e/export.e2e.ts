// File ▸ Export from the browser build: every format saved as a download and
// checked as a file (images and GIFs decoded, SVG parsed and compared with the
// CLI's, DOT run through Graphviz, JSON compared with the CLI's), plus the
// canvas-limit refusal, the animation's progress and Cancel.
import { expect, test, type Download, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import omggif from 'omggif';
import { engineRun, expectedGrads, openApp, pasteAndWait, readme, screenshot, settled, typeAndWait, viewState } from './helpers.js';

const engine = engineRun(readme);
const call = engine.backward[0]!;
const total = call.steps.length;
const mid = Math.floor(total / 2);
const grads = expectedGrads(engine, 0, mid);
const idOf = (label: string) => engine.nodes.find((n) => n.label === label)!.id;

interface Options {
  format: string; scale?: string; scope?: string; background?: string; selection?: boolean; name?: string;
  figure?: 'clean' | 'shown'; direction?: 'lr' | 'tb'; theme?: 'light' | 'dark'; every?: string; delay?: string;
}

async function openDialog(page: Page): Promise<void> {
  if (!(await page.getByRole('dialog', { name: 'Export graph' }).isVisible())) await page.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('dialog', { name: 'Export graph' })).toBeVisible();
}

async function choose(page: Page, o: Options): Promise<void> {
  await openDialog(page);
  const dialog = page.getByRole('dialog', { name: 'Export graph' });
  await dialog.getByRole('radio', { name: o.format }).check();
  if (o.scale) await dialog.getByLabel('Scale').selectOption(o.scale);
  if (o.scope) await dialog.getByLabel('Area').selectOption(o.scope);
  if (o.background) await dialog.getByLabel('Background').selectOption(o.background);
  if (o.selection !== undefined) await dialog.getByLabel('Include selection').setChecked(o.selection);
  if (o.figure) await dialog.getByLabel('Figure', { exact: true }).selectOption(o.figure);
  if (o.direction) await dialog.getByLabel('Direction').selectOption(o.direction);
  if (o.theme) await dialog.getByLabel('Theme').selectOption(o.theme);
  if (o.every) await dialog.getByLabel('Every k-th step').fill(o.every);
  if (o.delay) await dialog.getByLabel('Frame time (ms)').fill(o.delay);
  if (o.name !== undefined) await dialog.getByLabel('File name').fill(o.name);
}

/** Exports with the dialog and returns the downloaded file. */
async function exportFile(page: Page, o: Options): Promise<{ download: Download; path: string; bytes: Buffer }> {
  await choose(page, o);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export', exact: true }).click()]);
  const path = join(dir, `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(path);
  await expect(page.locator('#export-message')).toContainText('Exported');
  return { download, path, bytes: readFileSync(path) };
}

/** Decodes an image in the page: its size and how many pixels differ from the corner (background) pixel. */
async function decode(page: Page, bytes: Buffer, type: string): Promise<{ width: number; height: number; differing: number; corner: number[] }> {
  return page.evaluate(async ({ b64, type }) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([data], { type }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const px = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const corner = [px[0]!, px[1]!, px[2]!, px[3]!];
    let differing = 0;
    for (let i = 0; i < px.length; i += 4) {
      if (Math.abs(px[i]! - corner[0]!) + Math.abs(px[i + 1]! - corner[1]!) + Math.abs(px[i + 2]! - corner[2]!) + Math.abs(px[i + 3]! - corner[3]!) > 24) differing++;
    }
    return { width: bitmap.width, height: bitmap.height, differing, corner };
  }, { b64: bytes.toString('base64'), type });
}

// Figures are laid out by ELK and drawn frame by frame: on a busy 2-core
// machine several exports in one test take more than the default minute.
test.describe.configure({ timeout: 180_000 });

let dir = '';
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gradscope-export-'));
});

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await pasteAndWait(page, readme);
  await page.getByRole('slider').fill(String(mid));
  expect((await viewState(page)).step).toBe(mid);
});

test('exports PNG at 1× and 2×, JPEG and SVG of the graph at the current step', async ({ page }) => {
  const png1 = await exportFile(page, { format: 'PNG', scale: '1', background: 'white', name: 'graph-1x' });
  expect(png1.download.suggestedFilename()).toBe('graph-1x.png');
  const one = await decode(page, png1.bytes, 'image/png');
  const png2 = await exportFile(page, { format: 'PNG', scale: '2', name: 'graph-2x' });
  expect(png2.download.suggestedFilename()).toBe('graph-2x.png');
  expect(png2.bytes.subarray(1, 4).toString()).toBe('PNG');
  const two = await decode(page, png2.bytes, 'image/png');
  expect(one.width).toBeGreaterThan(400);
  expect([two.width, two.height]).toEqual([2 * one.width, 2 * one.height]);
  // Not blank: boxes, text and edges differ from the background.
  expect(one.differing).toBeGreaterThan(one.width * one.height * 0.02);
  expect(two.differing).toBeGreaterThan(two.width * two.height * 0.02);
  expect(one.corner).toEqual([255, 255, 255, 255]);

  const transparent = await decode(page, (await exportFile(page, { format: 'PNG', scale: '1', background: 'transparent', name: 'clear' })).bytes, 'image/png');
  expect(transparent.corner[3]).toBe(0);

  const jpeg = await exportFile(page, { format: 'JPEG', scale: '1', name: 'graph' });
  expect(jpeg.download.suggestedFilename()).toBe('graph.jpg');
  expect([...jpeg.bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  const j = await decode(page, jpeg.bytes, 'image/jpeg');
  expect([j.width, j.height]).toEqual([one.width, one.height]);
  expect(j.differing).toBeGreaterThan(j.width * j.height * 0.02);
  expect(await page.getByLabel('Background').locator('option[value="transparent"]').isDisabled()).toBe(true);

  const svg = await exportFile(page, { format: 'SVG (vector)', name: 'graph' });
  expect(svg.download.suggestedFilename()).toBe('graph.svg');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const values = [...doc.querySelectorAll('g.value')].map((g) => ({
      label: g.querySelector('text.label')?.textContent ?? '', data: g.querySelector('text.data')?.textContent ?? '', grad: g.querySelector('text.grad')?.textContent ?? '',
    }));
    return { error: doc.querySelector('parsererror')?.textContent ?? null, root: doc.documentElement.nodeName, values, marks: doc.querySelectorAll('.mark').length };
  }, svg.bytes.toString('utf8'));
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  // Each value is a record: its label, then its data and grad cells (4 decimals).
  for (const label of ['a', 'b', 'g']) {
    const id = idOf(label);
    const value = parsed.values.find((v) => v.label === label);
    expect(value, `the SVG has a value box for ${label}`).toBeDefined();
    // The grad at the current step, with 4 decimals as draw_dot prints it.
    expect(value!.grad).toBe(`grad ${(grads.get(id) ?? 0).toFixed(4)}`);
    expect(value!.data).toMatch(/^data -?\d+\.\d{4}$/);
  }
  expect(parsed.values.length).toBe((await viewState(page)).nodes.length);
  // A clean figure by default: no step marks.
  expect(parsed.marks).toBe(0);
});

test('the app and the CLI write the same SVG for the same program and step', async ({ page }) => {
  const program = join(dir, 'readme-same.ts');
  writeFileSync(program, readme);
  const cliSvg = (...args: string[]) => execFileSync(process.execPath, ['dist/engine/node/cli.js', 'export', program, '--format', 'svg', '-o', '-', '--step', String(mid), ...args], { encoding: 'utf8' });
  const clean = await exportFile(page, { format: 'SVG (vector)', figure: 'clean', direction: 'lr', theme: 'light', background: 'theme', name: 'same' });
  expect(clean.bytes.toString('utf8')).toBe(cliSvg());
  const shown = await exportFile(page, { format: 'SVG (vector)', figure: 'shown', direction: 'tb', theme: 'dark', background: 'transparent', name: 'same-shown' });
  const text = shown.bytes.toString('utf8');
  expect(text).toBe(cliSvg('--as-shown', '--direction', 'tb', '--theme', 'dark', '--background', 'transparent'));
  expect(text).toContain('class="mark');
  expect(text).toContain(`Step ${mid} of ${total}`);
});

test('a GIF of backward: one frame per step and the start, same size; progress and Cancel', async ({ page }) => {
  test.setTimeout(180_000);
  // The lecture's neuron: a small figure, so every frame is quick to draw.
  const neuron = [
    "const x1 = new Value(2.0, 'x1');", "const x2 = new Value(0.0, 'x2');", "const w1 = new Value(-3.0, 'w1');",
    "const w2 = new Value(1.0, 'w2');", "const b = new Value(6.8813735870195432, 'b');",
    'const n = x1.mul(w1).add(x2.mul(w2)).add(b);', 'const o = n.tanh();', 'o.backward();', '',
  ].join('\n');
  const total = engineRun(neuron).backward[0]!.steps.length;
  await typeAndWait(page, neuron);
  const gif = await exportFile(page, { format: 'GIF (animation)', scale: '1', every: '1' });
  expect(gif.download.suggestedFilename()).toBe('graph.call1.gif');
  const reader = new omggif.GifReader(gif.bytes);
  expect(reader.numFrames()).toBe(total + 1);
  for (let i = 0; i < reader.numFrames(); i++) {
    const f = reader.frameInfo(i);
    expect([f.width, f.height], `frame ${i}`).toEqual([reader.width, reader.height]);
  }
  await expect(page.locator('#export-message')).toContainText(`${total + 1} frames (${total} steps)`);

  // Every 2nd step: fewer frames, the last step kept.
  const every = new omggif.GifReader((await exportFile(page, { format: 'GIF (animation)', scale: '1', every: '2', name: 'every2' })).bytes);
  expect(every.numFrames()).toBe(Math.ceil(total / 2) + 1);

  // A long WebM (or, where the browser cannot record, a GIF) shows its progress and can be cancelled.
  const webm = await page.evaluate(() => typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported('video/webm'));
  let downloads = 0;
  page.on('download', () => downloads++);
  await choose(page, { format: webm ? 'WebM (video)' : 'GIF (animation)', delay: '2000', every: '1', name: 'cancelled' });
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const bar = page.getByRole('progressbar', { name: 'Export progress' });
  await expect(bar).toBeVisible();
  await expect(page.locator('#export-progress-text')).toContainText(/Frame \d+ of \d+/);
  await screenshot(page, 'export-animation-progress');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('#export-message')).toHaveText('Export cancelled.');
  expect(downloads).toBe(0);
  if (webm) {
    // And a short one, recorded to the end: a WebM file (EBML header).
    const video = await exportFile(page, { format: 'WebM (video)', delay: '200', every: '1', name: 'video' });
    expect(video.download.suggestedFilename()).toBe('video.webm');
    expect([...video.bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
  } else {
    console.log('WebM not checked: this Chromium has no MediaRecorder for WebM');
  }
});

test('exports DOT that Graphviz accepts and JSON equal to the CLI’s', async ({ page }) => {
  const dot = await exportFile(page, { format: 'Graphviz DOT', name: 'graph' });
  expect(dot.download.suggestedFilename()).toBe('graph.dot');
  const text = dot.bytes.toString('utf8');
  const svgOut = execFileSync('dot', ['-Tsvg', dot.path], { encoding: 'utf8' });
  expect(svgOut).toContain('<svg');
  expect(text).toContain('graph [rankdir=LR];');
  const a = grads.get(idOf('a')) ?? 0;
  expect(text).toContain(`{ a | data -4.0000 | grad ${a.toFixed(4)} }`);
  const b = grads.get(idOf('b')) ?? 0;
  expect(text).toContain(`{ b | data 2.0000 | grad ${b.toFixed(4)} }`);
  const next = call.steps[mid]!.node;
  expect(text).toMatch(new RegExp(`v${next} \\[shape=record, label="[^"]*", style=filled, fillcolor="#fff3b0"`));

  const json = await exportFile(page, { format: 'JSON (gradscope.graph/1)', name: 'graph' });
  expect(json.download.suggestedFilename()).toBe('graph.json');
  const program = join(dir, 'readme.ts');
  writeFileSync(program, readme);
  const cli = execFileSync(process.execPath, ['dist/engine/node/cli.js', 'export', program, '--format', 'json'], { encoding: 'utf8' });
  expect(JSON.parse(json.bytes.toString('utf8'))).toEqual(JSON.parse(cli));
});

test('the shortcut opens the dialog from the editor; copy image and the browser screenshot', async ({ page, context }) => {
  await page.locator('#editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+Shift+E');
  const dialog = page.getByRole('dialog', { name: 'Export graph' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('File name')).toHaveValue(`graph.call1.step${mid}.png`);
  await screenshot(page, 'export-dialog');
  // Every option readable, nothing cut off, at a small and a large window.
  for (const [width, height] of [[1280, 720], [1400, 900]] as const) {
    await page.setViewportSize({ width, height });
    await dialog.getByRole('radio', { name: 'GIF (animation)' }).check();
    await expect(dialog.getByRole('button', { name: 'Export', exact: true })).toBeInViewport();
    await screenshot(page, `export-dialog-${width}x${height}`);
  }
  await dialog.getByRole('radio', { name: 'PNG' }).check();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await choose(page, { format: 'PNG', scale: '1', background: 'white' });
  await dialog.getByRole('button', { name: 'Copy image' }).click();
  await expect(page.locator('#export-message')).toContainText('Copied the graph as a PNG image');
  const copied = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    const bitmap = await createImageBitmap(await item!.getType('image/png'));
    return { width: bitmap.width, height: bitmap.height };
  });
  expect(copied.width).toBeGreaterThan(400);

  const [shot] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Screenshot window' }).click()]);
  expect(shot.suggestedFilename()).toMatch(/-view\.png$/);
  await expect(page.locator('#export-message')).toContainText('graph view only');
});

test('an image over the canvas limit is scaled down or refused with the reason, never a file', async ({ page }) => {
  test.setTimeout(240_000);
  // A long chain: far wider than 32,767 px at 1×.
  const chain = `let x = new Value(1, 'x');
for (let i = 0; i < 400; i++) x = x.mul(1.001);
x.backward();
`;
  await typeAndWait(page, chain);
  let downloads = 0;
  page.on('download', () => downloads++);
  await choose(page, { format: 'PNG', scale: '1', scope: 'graph', name: 'chain' });
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  // Laying out 1,200 boxes takes seconds on a busy machine.
  await expect(page.locator('#export-message')).toContainText('over the browser\'s canvas limit', { timeout: 90_000 });
  await expect(page.locator('#export-message')).toContainText('too small to read');
  await expect(page.locator('#export-message')).toHaveClass(/error/);
  await screenshot(page, 'export-too-large');
  expect(downloads).toBe(0);

  // The same graph as SVG has no such limit.
  const svg = await exportFile(page, { format: 'SVG (vector)', name: 'chain' });
  expect(svg.bytes.toString('utf8')).toContain('<svg');

  // A shorter chain fits at 1× but not at 4×: it is scaled down, and the file has the size said.
  await page.keyboard.press('Escape');
  await typeAndWait(page, chain.replace('400', '60'));
  await settled(page);
  const png = await exportFile(page, { format: 'PNG', scale: '4', scope: 'graph', name: 'short' });
  const message = await page.locator('#export-message').innerText();
  expect(message).toMatch(/Scaled to \d+% \(asked for 4×\)/);
  const size = await decode(page, png.bytes, 'image/png');
  expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(32_767);
  expect(message).toContain(`${size.width.toLocaleString('en-US')} × ${size.height.toLocaleString('en-US')} px`);
});
