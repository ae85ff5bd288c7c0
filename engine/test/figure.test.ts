// Figures from the real `gradscope` binary: SVG parsed as XML, PNG and GIF
// decoded, each checked for what a reader of a slide or paper sees.

import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { decode } from 'fast-png';
import omggif from 'omggif';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { run } from '../runner/run.js';
import { figureFileName } from '../figure/figure.js';
import { sourceOf, stateAt } from '../figure/model.js';
import { caption, wrap } from '../figure/caption.js';
const readme = readFileSync(join(fileURLToPath(new URL('../../', import.meta.url)), 'examples/micrograd-readme.ts'), 'utf8');

// Each case runs the CLI (a worker, ELK, resvg) once or more: seconds on a busy 2-core machine.
vi.setConfig({ testTimeout: 120_000 });

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'dist/engine/node/cli.js');
const neuron = join(root, 'examples/tanh-neuron.ts');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gradscope-figure-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function gradscope(args: string[], cwd = dir): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', [cli, ...args], { cwd, timeout: 60_000, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr: stderr.toString() });
    });
  });
}

interface ParsedSvg { svg: Element; width: number; height: number; texts: string[]; all(cls: string): Element[] }

function parseSvg(text: string): ParsedSvg {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const svg = doc.documentElement!;
  expect(svg.tagName).toBe('svg');
  const elements = Array.from(doc.getElementsByTagName('*')) as Element[];
  return {
    svg,
    width: Number(svg.getAttribute('width')),
    height: Number(svg.getAttribute('height')),
    texts: (Array.from(doc.getElementsByTagName('text')) as Element[]).map((t) => t.textContent ?? ''),
    all: (cls) => elements.filter((e) => (e.getAttribute('class') ?? '').split(' ').includes(cls)),
  };
}

/** Every value box's extent in image coordinates (the graph is translated by the margin). */
function boxes(p: ParsedSvg): { x1: number; y1: number; x2: number; y2: number }[] {
  const [, tx, ty] = /translate\(([\d.]+) ([\d.]+)\)/.exec(p.svg.getElementsByTagName('g')[0]!.getAttribute('transform')!)!.map(Number);
  return p.all('box').map((r) => {
    const x = Number(r.getAttribute('x')) + tx!;
    const y = Number(r.getAttribute('y')) + ty!;
    return { x1: x, y1: y, x2: x + Number(r.getAttribute('width')), y2: y + Number(r.getAttribute('height')) };
  });
}

describe('gradscope export --format svg', () => {
  test("a clean figure of the lecture's neuron: every value's label, data and grad as text, a 16 px margin, no step marks", async () => {
    const { code, stdout } = await gradscope(['export', neuron, '--format', 'svg', '-o', '-']);
    expect(code).toBe(0);
    const p = parseSvg(stdout.toString());
    const snapshot = run(readFileSync(neuron, 'utf8'));
    // The lecture's numbers, as draw_dot prints them (%.4f), each a <text> of its own.
    const expected: Record<string, [string, string]> = {
      x1: ['2.0000', '-1.5000'], w1: ['-3.0000', '1.0000'], x2: ['0.0000', '0.5000'], w2: ['1.0000', '0.0000'],
      b: ['6.8814', '0.5000'], n: ['0.8814', '0.5000'], o: ['0.7071', '1.0000'],
    };
    for (const [label, [data, grad]] of Object.entries(expected)) {
      const value = p.all('value').find((g) => (Array.from(g.getElementsByTagName('text')) as Element[]).some((t) => t.getAttribute('class') === 'label' && t.textContent === label))!;
      expect(value, label).toBeDefined();
      const text = (cls: string) => (Array.from(value.getElementsByTagName('text')) as Element[]).find((t) => t.getAttribute('class') === cls)!.textContent;
      expect(text('data'), label).toBe(`data ${data}`);
      expect(text('grad'), label).toBe(`grad ${grad}`);
    }
    expect(p.all('value')).toHaveLength(snapshot.nodes.length);
    // The ops between, with their symbols.
    expect(p.all('op').map((g) => g.getElementsByTagName('text')[0]!.textContent).sort()).toEqual(['+', '+', 'tanh', '×', '×']);
    // Margin: nothing closer than 16 px to any edge.
    for (const b of boxes(p)) {
      expect(b.x1).toBeGreaterThanOrEqual(16);
      expect(b.y1).toBeGreaterThanOrEqual(16);
      expect(p.width - b.x2).toBeGreaterThanOrEqual(16);
      expect(p.height - b.y2).toBeGreaterThanOrEqual(16);
    }
    expect(Math.min(...boxes(p).map((b) => b.x1))).toBeLessThan(20);
    // Clean: no marks, no deltas, no caption.
    expect(p.all('mark')).toEqual([]);
    expect(p.texts.some((t) => /^[+-]\d/.test(t))).toBe(false);
    expect(p.all('caption')).toEqual([]);
    // Value text is at least 13 px.
    expect(Number(p.svg.getElementsByTagName('g')[0]!.getAttribute('font-size'))).toBeGreaterThanOrEqual(13);
  });

  test('--margin sets the space around the graph; --direction tb makes a tall figure', async () => {
    const wide = parseSvg((await gradscope(['export', neuron, '--format', 'svg', '-o', '-', '--margin', '40'])).stdout.toString());
    for (const b of boxes(wide)) {
      expect(b.x1).toBeGreaterThanOrEqual(40);
      expect(wide.width - b.x2).toBeGreaterThanOrEqual(40);
    }
    const tall = parseSvg((await gradscope(['export', neuron, '--format', 'svg', '-o', '-', '--direction', 'tb'])).stdout.toString());
    expect(wide.width / wide.height).toBeGreaterThan(3);
    expect(tall.height).toBeGreaterThan(2 * wide.height);
    expect(tall.width).toBeLessThan(wide.width * 0.75);
  });

  test('--as-shown --step N: the step’s marks, its deltas as signed labels that overlap nothing, and the explanation', async () => {
    const { stdout } = await gradscope(['export', neuron, '--format', 'svg', '-o', '-', '--as-shown', '--step', '3']);
    const p = parseSvg(stdout.toString());
    expect(p.all('current').length).toBe(2); // the next node's value and op
    expect(p.all('receiving').length).toBeGreaterThan(0);
    // Step 3 was x1w1x2w2 = x1w1 + x2w2: it added 0.5 to each input.
    const deltas = p.all('delta').map((g) => g.getElementsByTagName('text')[0]!.textContent);
    expect(deltas).toEqual(['+0.5000', '+0.5000']);
    expect(p.all('caption')[0]!.textContent).toContain('Step 3 of 5: x1w1x2w2 = x1w1 + x2w2 sent its grad back: x1w1.grad += 0.5000 → 0.5000');
    // No delta label overlaps a box or another label.
    const rect = (e: Element) => ({ x1: Number(e.getAttribute('x')), y1: Number(e.getAttribute('y')), x2: Number(e.getAttribute('x')) + Number(e.getAttribute('width')), y2: Number(e.getAttribute('y')) + Number(e.getAttribute('height')) });
    const labels = p.all('delta').map((g) => rect(g.getElementsByTagName('rect')[0]!));
    const shapes = [...p.all('box').map(rect), ...labels];
    for (const l of labels) {
      const overlapping = shapes.filter((s) => s !== l && s.x1 < l.x2 && l.x1 < s.x2 && s.y1 < l.y2 && l.y1 < s.y2);
      expect(overlapping).toEqual([]);
    }
  });

  test('themes and backgrounds: dark, white, transparent', async () => {
    const bg = async (...args: string[]) => parseSvg((await gradscope(['export', neuron, '--format', 'svg', '-o', '-', ...args])).stdout.toString()).all('background')[0]?.getAttribute('fill') ?? null;
    expect(await bg()).toBe('#ffffff');
    expect(await bg('--theme', 'dark')).toBe('#161a22');
    expect(await bg('--theme', 'dark', '--background', 'white')).toBe('#ffffff');
    expect(await bg('--background', 'transparent')).toBeNull();
  });
});

describe('gradscope export --format png', () => {
  test('writes tanh-neuron.call1.step5.png by default: 2× the SVG, a blank 16 px margin around drawn content', async () => {
    const { code, stderr } = await gradscope(['export', neuron, '--format', 'png']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^wrote tanh-neuron\.call1\.step5\.png \(\d+ × \d+ px\)\n$/);
    const svg = parseSvg((await gradscope(['export', neuron, '--format', 'svg', '-o', '-'])).stdout.toString());
    const png = decode(readFileSync(join(dir, 'tanh-neuron.call1.step5.png')));
    expect([png.width, png.height]).toEqual([svg.width * 2, svg.height * 2]);
    const at = (x: number, y: number) => Array.from(png.data.slice((y * png.width + x) * png.channels, (y * png.width + x) * png.channels + 3));
    const white = (x: number, y: number) => at(x, y).every((c) => c === 255);
    // The margin (32 image px at 2×, less the antialiased edge of a 1.2 px outline) is background all around...
    const margin = 32;
    for (let x = 0; x < png.width; x += 3) for (const y of [0, margin - 3, png.height - 1, png.height - margin + 2]) expect(white(x, y), `${x},${y}`).toBe(true);
    for (let y = 0; y < png.height; y += 3) for (const x of [0, margin - 3, png.width - 1, png.width - margin + 2]) expect(white(x, y), `${x},${y}`).toBe(true);
    // ...and the graph is drawn inside it, starting right at the margin.
    let inked = 0;
    let firstColumn = png.width;
    for (let y = 0; y < png.height; y++) {
      for (let x = 0; x < png.width; x++) {
        if (white(x, y)) continue;
        inked++;
        firstColumn = Math.min(firstColumn, x);
      }
    }
    expect(inked / (png.width * png.height)).toBeGreaterThan(0.02);
    expect(firstColumn).toBeGreaterThanOrEqual(margin - 2);
    expect(firstColumn).toBeLessThan(margin + 4);
  });

  test('--scale 1 and a transparent background; -o names the file', async () => {
    const out = join(dir, 'neuron.png');
    expect((await gradscope(['export', neuron, '--format', 'png', '--scale', '1', '--background', 'transparent', '-o', out])).code).toBe(0);
    const png = decode(readFileSync(out));
    const svg = parseSvg((await gradscope(['export', neuron, '--format', 'svg', '-o', '-'])).stdout.toString());
    expect([png.width, png.height]).toEqual([svg.width, svg.height]);
    expect(png.channels).toBe(4);
    expect(png.data[3]).toBe(0); // the corner is see-through
  });
});

describe('gradscope export --format gif', () => {
  test('an animation of backward: one frame per step plus the start, all the same size', async () => {
    const { code, stderr } = await gradscope(['export', neuron, '--format', 'gif']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^wrote tanh-neuron\.call1\.gif \(6 frames, \d+ × \d+ px\)\n$/);
    const gif = new omggif.GifReader(readFileSync(join(dir, 'tanh-neuron.call1.gif')));
    const steps = run(readFileSync(neuron, 'utf8')).backward[0]!.steps.length;
    expect(gif.numFrames()).toBe(steps + 1);
    for (let i = 0; i < gif.numFrames(); i++) {
      const f = gif.frameInfo(i);
      expect([f.x, f.y, f.width, f.height]).toEqual([0, 0, gif.width, gif.height]);
      expect(f.delay).toBe(90); // 900 ms, in GIF's hundredths of a second
    }
    // Frames differ: each marks another step.
    const pixels = (i: number) => {
      const px = new Uint8Array(gif.width * gif.height * 4);
      gif.decodeAndBlitFrameRGBA(i, px);
      return Buffer.from(px).toString('base64');
    };
    expect(new Set([0, 1, 2, 3, 4, 5].map(pixels)).size).toBe(6);
  });

  test('--every 2 keeps every second step and the last', async () => {
    const out = join(dir, 'every.gif');
    expect((await gradscope(['export', neuron, '--format', 'gif', '--every', '2', '-o', out])).code).toBe(0);
    expect(new omggif.GifReader(readFileSync(out)).numFrames()).toBe(4); // steps 0, 2, 4, 5
  });

  test('size limits are checked before drawing, with a clear message', async () => {
    const big = join(dir, 'big.ts');
    writeFileSync(big, 'let s = new Value(0); for (let i = 0; i < 1600; i++) s = s.add(i); s.backward();');
    const svg = await gradscope(['export', big, '--format', 'svg']);
    expect(svg.code).toBe(1);
    expect(svg.stderr).toContain('figures are limited to 1,500');
    const long = join(dir, 'long.ts');
    writeFileSync(long, 'let s = new Value(0); for (let i = 0; i < 700; i++) s = s.mul(1); s.backward();');
    const gif = await gradscope(['export', long, '--format', 'gif']);
    expect(gif.code).toBe(1);
    expect(gif.stderr).toMatch(/would make 701 frames; the limit is 600\. Keep one frame every 2 steps instead/);
    expect(readdirSync(dir).filter((f) => f.startsWith('long.') || f.startsWith('big.'))).toEqual(['big.ts', 'long.ts']);
  });
});

describe('what a figure shows', () => {
  test("replaying the recorded steps ends at the engine's grads (micrograd's README example)", () => {
    const snapshot = run(readme);
    const source = sourceOf(snapshot);
    const end = stateAt(source, 1e9);
    expect(end.step).toBe(source.call!.steps.length);
    for (const n of source.nodes) expect(end.grad.get(n.id), `#${n.id}`).toBe(n.grad);
    // At the start only the root's grad is set, and the root's _backward runs next.
    const start = stateAt(source, 0);
    expect(start.grad.get(source.call!.root)).toBe(1);
    expect(start.next).toBe(source.call!.root);
  });

  test('the caption says what the step did, in numbers, and wraps at spaces', () => {
    const snapshot = run(readFileSync(neuron, 'utf8'));
    const source = sourceOf(snapshot);
    const byId = new Map(source.nodes.map((n) => [n.id, n]));
    expect(caption(stateAt(source, 0), byId, source.call!.root)).toBe('Step 0 of 5: backward() set o.grad = 1.0000. Next: o = tanh(n) sends its grad back.');
    expect(caption(stateAt(source, 1), byId, source.call!.root)).toBe('Step 1 of 5: o = tanh(n) sent its grad back: n.grad += 0.5000 → 0.5000');
    expect(wrap('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
  });
});

describe('figure names and usage', () => {
  test('default names come from the document, call and step', () => {
    expect(figureFileName('examples/tanh-neuron.ts', 0, 5, 'png')).toBe('tanh-neuron.call1.step5.png');
    expect(figureFileName('/x/tanh-neuron.ts', 2, null, 'gif')).toBe('tanh-neuron.call3.gif');
    expect(figureFileName(null, null, null, 'svg')).toBe('graph.svg');
  });

  test('a program that fails writes no figure and leaves OUT as it was, as -o does for every format (exit 1)', async () => {
    const failing = join(dir, 'failing.ts');
    const out = join(dir, 'failing.svg');
    writeFileSync(failing, "const a = new Value(2, 'a');\nconst y = a.mul(3);\ny.backward();\nthrow new Error('boom');\n");
    writeFileSync(out, 'the figure from before');
    const r = await gradscope(['export', failing, '--format', 'svg', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('failing.ts:4:');
    expect(r.stderr).toContain('boom');
    expect(r.stderr).toContain('no figure written');
    expect(readFileSync(out, 'utf8')).toBe('the figure from before');
  });

  test('-o onto a pipe or device writes into it and never replaces it with a file', async () => {
    for (const format of ['svg', 'dot']) {
      const fifo = join(dir, `out-${format}.fifo`);
      execFileSync('mkfifo', [fifo]);
      const reader = new Promise<string>((resolve) => execFile('cat', [fifo], { encoding: 'utf8' }, (_e, out) => resolve(out)));
      const r = await gradscope(['export', neuron, '--format', format, '-o', fifo]);
      expect(r.code, format).toBe(0);
      expect(await reader).toMatch(format === 'svg' ? /^<svg/ : /^digraph/);
      expect(statSync(fifo).isFIFO(), format).toBe(true);
    }
  });

  test('bad figure options are usage errors (exit 2)', async () => {
    for (const args of [['--direction', 'up'], ['--scale', '0'], ['--theme', 'blue']]) {
      const r = await gradscope(['export', neuron, '--format', 'png', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
    }
    const step = await gradscope(['export', neuron, '--format', 'svg', '--step', '9']);
    expect(step.code).toBe(1);
    expect(step.stderr).toContain('--step 9 is out of range: this backward() call has steps 0 to 5');
    expect((await gradscope(['export', neuron, '--format', 'dot', '--step', '2'])).code).toBe(2);
  });
});
