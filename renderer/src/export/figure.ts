// The app's side of figure export: the shared renderer (engine/figure) fed
// with the shown call and step, laid out in a worker, and turned into PNG,
// JPEG, an animated GIF or a WebM video through a canvas.

import type { ElkLayout, ElkNode } from '../../../engine/figure/layout.js';
import { GifWriter } from '../../../engine/figure/gif.js';
import type { Frames } from '../../../engine/figure/figure.js';
import { FigureError } from '../../../engine/figure/figure.js';
import { MAX_AREA, MAX_SIDE } from './limits.js';
import type { FigureReply } from '../graph/layout.worker.js';

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, { resolve(n: ElkNode): void; reject(e: Error): void }>();

/** ELK in a worker, started on first use. */
export const figureElk: ElkLayout = (graph) => {
  if (worker === null) {
    // The graph view's layout worker: the same elkjs as `gradscope export` under Node.
    worker = new Worker(new URL('../graph/layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<FigureReply>) => {
      const w = waiting.get(event.data.id);
      waiting.delete(event.data.id);
      if (event.data.result) w?.resolve(event.data.result);
      else w?.reject(new Error(`layout failed: ${event.data.error}`));
    };
  }
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker!.postMessage({ id, graph });
  });
};

export class Cancelled extends Error {
  constructor() {
    super('Export cancelled.');
  }
}

/** The SVG's size in px, from its root element. */
export function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]* width="([\d.]+)" height="([\d.]+)"/.exec(svg);
  return { width: Number(m?.[1] ?? 0), height: Number(m?.[2] ?? 0) };
}

/** Refuses an image past Chromium's canvas limits before drawing it. */
export function checkCanvas(width: number, height: number, scale: number): void {
  const w = Math.ceil(width * scale);
  const h = Math.ceil(height * scale);
  if (w > MAX_SIDE || h > MAX_SIDE || w * h > MAX_AREA) {
    const fmt = (n: number) => n.toLocaleString('en-US');
    throw new FigureError(`The image would be ${fmt(w)} × ${fmt(h)} px at ${scale}×, over the browser's canvas limit ` +
      `(${fmt(MAX_SIDE)} px a side, ${fmt(MAX_AREA)} px in all). Choose a smaller scale, top to bottom, or SVG.`);
  }
}

/** Draws an SVG on a canvas at `scale` (on `fill` first, for JPEG). */
export async function drawSvg(svg: string, scale: number, canvas = document.createElement('canvas'), fill: string | null = null): Promise<HTMLCanvasElement> {
  const { width, height } = svgSize(svg);
  checkCanvas(width, height, scale);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    canvas.width = Math.max(1, Math.floor(width * scale));
    canvas.height = Math.max(1, Math.floor(height * scale));
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (fill !== null) {
      ctx.fillStyle = fill;
      ctx.fillRect(0, 0, canvas.width, canvas.height);
    }
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return canvas;
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function canvasBlob(canvas: HTMLCanvasElement, type: string): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b && b.size > 0 ? resolve(b) : reject(new FigureError('The browser could not encode the image (it may be out of memory). Try a smaller scale.'))), type, 0.92));
}

/** Frame i of n is done. */
export type Progress = (done: number, total: number) => void;

/** Every frame rasterised and encoded as an animated GIF. */
export async function gifOf(frames: Frames, scale: number, delayMs: number, progress: Progress, cancelled: () => boolean): Promise<Blob> {
  checkCanvas(frames.width, frames.height, scale);
  const canvas = document.createElement('canvas');
  let writer: GifWriter | null = null;
  for (let i = 0; i < frames.steps.length; i++) {
    if (cancelled()) throw new Cancelled();
    await drawSvg(frames.svg(i), scale, canvas);
    writer ??= new GifWriter(canvas.width, canvas.height);
    writer.add(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data, delayMs);
    progress(i + 1, frames.steps.length);
    await new Promise((r) => setTimeout(r, 0)); // let the progress bar paint
  }
  return new Blob([writer!.finish() as BlobPart], { type: 'image/gif' });
}

export function webmSupported(): boolean {
  return typeof MediaRecorder !== 'undefined' && typeof HTMLCanvasElement.prototype.captureStream === 'function' && MediaRecorder.isTypeSupported('video/webm');
}

/** The frames played on a canvas and recorded with MediaRecorder, in real time (`delayMs` a frame). */
export async function webmOf(frames: Frames, scale: number, delayMs: number, progress: Progress, cancelled: () => boolean): Promise<Blob> {
  if (!webmSupported()) throw new FigureError('This browser cannot record video (no MediaRecorder for WebM): export a GIF instead.');
  checkCanvas(frames.width, frames.height, scale);
  const canvas = await drawSvg(frames.svg(0), scale);
  // Frames are pushed by hand (requestFrame): a canvas that is not on screen
  // produces none by itself in some browsers.
  const stream = canvas.captureStream(0);
  const track = stream.getVideoTracks()[0] as CanvasCaptureMediaStreamTrack;
  const type = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'].find((t) => MediaRecorder.isTypeSupported(t))!;
  const recorder = new MediaRecorder(stream, { mimeType: type });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => e.data.size > 0 && chunks.push(e.data);
  const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
  recorder.start(250);
  try {
    for (let i = 0; i < frames.steps.length; i++) {
      if (cancelled()) throw new Cancelled();
      if (i > 0) await drawSvg(frames.svg(i), scale, canvas);
      // Hold the frame for delayMs, repeating it so the recorder sees it throughout.
      const until = performance.now() + delayMs;
      do {
        track.requestFrame();
        await new Promise((r) => setTimeout(r, Math.min(100, delayMs)));
      } while (performance.now() < until);
      progress(i + 1, frames.steps.length);
    }
  } finally {
    recorder.stop();
    for (const t of stream.getTracks()) t.stop();
    // A recorder that failed (an encoder refusing a very large canvas) may never stop.
    await Promise.race([stopped, new Promise((r) => setTimeout(r, 5_000))]);
  }
  if (chunks.length === 0) throw new FigureError('The browser recorded no video: export a GIF instead.');
  return new Blob(chunks, { type: 'video/webm' });
}
