// Animated GIF from RGBA frames, with gifenc (pure JavaScript, so the app and
// the CLI encode the same way). Each frame gets its own 256-colour palette:
// the figures are flat colours, so quantising loses nothing visible.

/// <reference path="./gifenc.d.ts" />
import * as gifenc from 'gifenc';

// gifenc ships CommonJS (Node sees its exports under `default`) and ESM (bundlers see them directly).
const lib: typeof gifenc = (gifenc as { GIFEncoder?: unknown }).GIFEncoder ? gifenc : (gifenc as unknown as { default: typeof gifenc }).default;

export class GifWriter {
  private readonly gif = lib.GIFEncoder();
  frames = 0;

  constructor(readonly width: number, readonly height: number) {}

  /** Appends a frame shown for `delayMs`; `rgba` holds width × height pixels. */
  add(rgba: Uint8Array | Uint8ClampedArray, delayMs: number): void {
    if (rgba.length !== this.width * this.height * 4) throw new RangeError(`a frame must be ${this.width} × ${this.height} pixels`);
    const palette = lib.quantize(rgba, 256);
    const index = lib.applyPalette(rgba, palette);
    this.gif.writeFrame(index, this.width, this.height, { palette, delay: delayMs, repeat: 0 });
    this.frames++;
  }

  finish(): Uint8Array {
    this.gif.finish();
    return this.gif.bytes();
  }
}
