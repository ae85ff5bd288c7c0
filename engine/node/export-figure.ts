// `gradscope export --format svg|png|gif`: the shared figure renderer
// (engine/figure) laid out by elkjs under Node, PNG and GIF frames rasterised
// by resvg. The CLI hands over the run's gradscope.graph/1 JSON and the
// options; this module does the rest and names the file from the document.

import { Resvg } from '@resvg/resvg-js';
import { writeFileAtomic } from './atomic-write.js';
import ELK from 'elkjs/lib/elk.bundled.js';
import { animationFrames, figureFileName, figureSvg, FigureError, type FigureOptions } from '../figure/figure.js';
import { GifWriter } from '../figure/gif.js';
import type { ElkLayout, ElkNode } from '../figure/layout.js';
import { sourceOf, stepCount } from '../figure/model.js';
import type { RunError, Snapshot } from '../../common/snapshot.js';

export type FigureFormat = 'svg' | 'png' | 'gif';

export interface FigureJob extends FigureOptions {
  format: FigureFormat;
  /** 1-based backward() call (default: the last). */
  call?: number;
  /** PNG and GIF: image pixels per SVG pixel (default 2 for PNG, 1 for GIF). */
  scale?: number;
  /** GIF: a frame for every `every`-th step (default 1), and each frame's time. */
  every?: number;
  delayMs?: number;
  /** The program's file name, for the default output name. */
  program: string;
}

export interface FigureFile {
  bytes: Uint8Array;
  /** The default file name: `tanh-neuron.call1.step5.png`. */
  name: string;
  /** What was written, for the terminal: size, frames. */
  note: string;
}

/** Pixel limits: a side like Chromium's canvas, and a total over all GIF frames. */
export const maxSide = 32_767;
export const maxPixels = 268_435_456;
export const maxGifPixels = 400_000_000;

// elk.bundled.js is CommonJS; it also sets its own `default`, which is what TypeScript's NodeNext typing sees.
const elk = new ELK.default();
export const elkLayout: ElkLayout = (graph) => elk.layout(graph as never) as unknown as Promise<ElkNode>;

/** gradscope.graph/1 JSON back to a snapshot: "NaN", "Infinity", "-Infinity" become numbers again. */
export function parseSnapshot(json: string): Snapshot {
  const numeric = new Set(['data', 'grad', 'k']);
  return JSON.parse(json, function (this: unknown, key, value) {
    if (typeof value !== 'string' || !(value === 'NaN' || value === 'Infinity' || value === '-Infinity')) return value;
    const pair = Array.isArray(this) && this.length === 2 && key === '1' && typeof this[0] === 'number';
    return numeric.has(key) || pair ? Number(value) : value;
  }) as Snapshot;
}

export async function exportFigure(snapshot: Snapshot, job: FigureJob): Promise<FigureFile> {
  const callIndex = job.call === undefined ? snapshot.backward.length - 1 : job.call - 1;
  const source = sourceOf(snapshot, callIndex);
  const call = source.call === null ? null : callIndex;
  const total = stepCount(source);
  if (job.step !== undefined && (job.step < 0 || job.step > total)) {
    throw new FigureError(`--step ${job.step} is out of range: this backward() call has steps 0 to ${total}`);
  }
  const step = job.step ?? total;
  if (job.format === 'gif') return gif(source, job, call);
  const svg = await figureSvg(source, { ...job, step }, elkLayout);
  const name = figureFileName(job.program, call, call === null ? null : step, job.format);
  if (job.format === 'svg') return { bytes: new TextEncoder().encode(svg), name, note: 'vector' };
  const scale = job.scale ?? 2;
  const { width, height } = svgSize(svg);
  checkPixels(width * scale, height * scale, 1, scale);
  const png = raster(svg, scale).asPng();
  return { bytes: png, name, note: `${Math.round(width * scale)} × ${Math.round(height * scale)} px` };
}

async function gif(source: ReturnType<typeof sourceOf>, job: FigureJob, call: number | null): Promise<FigureFile> {
  const frames = await animationFrames(source, { ...job, background: job.background === 'transparent' ? 'theme' : job.background }, elkLayout, job.every ?? 1);
  const scale = job.scale ?? 1;
  checkPixels(frames.width * scale, frames.height * scale, frames.steps.length, scale);
  let writer: GifWriter | null = null;
  frames.steps.forEach((_, i) => {
    const image = raster(frames.svg(i), scale);
    writer ??= new GifWriter(image.width, image.height);
    writer.add(image.pixels, job.delayMs ?? 900);
  });
  const name = figureFileName(job.program, call, null, 'gif');
  return { bytes: writer!.finish(), name, note: `${frames.steps.length} frames, ${writer!.width} × ${writer!.height} px` };
}

function raster(svg: string, scale: number): { width: number; height: number; pixels: Uint8Array; asPng(): Uint8Array } {
  const rendered = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans Mono', monospaceFamily: 'DejaVu Sans Mono' },
    shapeRendering: 2, textRendering: 1,
  }).render();
  return { width: rendered.width, height: rendered.height, pixels: rendered.pixels, asPng: () => rendered.asPng() };
}

function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]* width="([\d.]+)" height="([\d.]+)"/.exec(svg);
  return { width: Number(m?.[1] ?? 0), height: Number(m?.[2] ?? 0) };
}

/** Refuses, before drawing, an image (or animation) too large to make. */
function checkPixels(width: number, height: number, frames: number, scale: number): void {
  const w = Math.ceil(width);
  const h = Math.ceil(height);
  const fmt = (n: number) => n.toLocaleString('en-US');
  if (w > maxSide || h > maxSide || w * h > maxPixels) {
    throw new FigureError(`The image would be ${fmt(w)} × ${fmt(h)} px at scale ${scale}, over the limit of ${fmt(maxSide)} px a side and ` +
      `${fmt(maxPixels)} px in all. Use a smaller --scale, --direction tb, or SVG.`);
  }
  if (frames > 1 && w * h * frames > maxGifPixels) {
    throw new FigureError(`The animation would be ${fmt(frames)} frames of ${fmt(w)} × ${fmt(h)} px, over the limit of ${fmt(maxGifPixels)} px in all. ` +
      'Use --every K to keep every Kth step, or a smaller --scale.');
  }
}

/**
 * The CLI's figure export: renders the run (`json`, gradscope.graph/1) and
 * writes it to `out` (atomically), to stdout for `-o -`, or by default to
 * the name from the document in the current folder. Returns the exit code.
 */
export async function writeFigure(json: string, error: RunError | null, job: FigureJob, out: string | null): Promise<number> {
  if (error === null) return write(json, job, out);
  // As for -o with the other formats: a failed run's graph is not the figure
  // asked for, so no file is written or replaced; the error goes to stderr.
  const at = error.line === null ? '' : `:${error.line}:${error.column}`;
  process.stderr.write(`${job.program}${at}: ${error.message}\ngradscope: no figure written: the program failed\n`);
  return 1;
}

async function write(json: string, job: FigureJob, out: string | null): Promise<number> {
  let file: FigureFile;
  try {
    file = await exportFigure(parseSnapshot(json), job);
  } catch (e) {
    if (!(e instanceof FigureError || e instanceof RangeError)) throw e;
    process.stderr.write(`gradscope: ${e.message}\n`);
    return 1;
  }
  if (out === '-') {
    process.stdout.write(file.bytes);
    return 0;
  }
  const path = out ?? file.name;
  try {
    await writeFileAtomic(path, file.bytes);
  } catch (e) {
    process.stderr.write(`gradscope: cannot write ${path}: ${(e as Error).message}\n`);
    return 2;
  }
  process.stderr.write(`wrote ${path} (${file.note})\n`);
  return 0;
}
