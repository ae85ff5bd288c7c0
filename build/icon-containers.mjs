// Writes the Windows and macOS icon containers from the rendered PNG set in
// build/icons/ (make-icons.sh runs it after rendering icon.svg):
//   - icon.ico: 16, 24, 32, 48, 64, 128 px as 32-bit bitmaps and 256 px as PNG,
//     the layout Windows (Explorer, the taskbar) and NSIS read;
//   - icon.icns: adds the retina images png2icns cannot write (16@2x, 32@2x,
//     128@2x, 256@2x: types ic11–ic14, PNG) to the icns png2icns made.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const png = (size) => readFileSync(join(here, 'icons', `${size}x${size}.png`));

writeFileSync(join(here, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256]));
writeFileSync(join(here, 'icon.icns'), withRetina(readFileSync(join(here, 'icon.icns'))));

function ico(sizes) {
  const images = sizes.map((size) => (size >= 256 ? png(size) : bitmap(size, rgba(png(size)))));
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((size, i) => {
    const at = 6 + 16 * i;
    header[at] = size >= 256 ? 0 : size; // 0 means 256
    header[at + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(images[i].length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += images[i].length;
  });
  return Buffer.concat([header, ...images]);
}

/** An ICO bitmap: BITMAPINFOHEADER (height doubled for the mask), BGRA rows bottom-up, then the AND mask. */
function bitmap(size, pixels) {
  const maskRow = Math.ceil(size / 32) * 4;
  const out = Buffer.alloc(40 + size * size * 4 + maskRow * size);
  out.writeUInt32LE(40, 0);
  out.writeInt32LE(size, 4);
  out.writeInt32LE(size * 2, 8);
  out.writeUInt16LE(1, 12);
  out.writeUInt16LE(32, 14);
  out.writeUInt32LE(size * size * 4, 20); // as ImageMagick writes it
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = 40 + ((size - 1 - y) * size + x) * 4;
      out[to] = pixels[from + 2];
      out[to + 1] = pixels[from + 1];
      out[to + 2] = pixels[from];
      out[to + 3] = pixels[from + 3];
      // The AND mask (for displays without alpha): set where fully transparent.
      if (pixels[from + 3] === 0) out[40 + size * size * 4 + (size - 1 - y) * maskRow + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return out;
}

/** The RGBA pixels of an 8-bit RGBA, non-interlaced PNG (what rsvg-convert writes). */
function rgba(file) {
  const width = file.readUInt32BE(16);
  const [depth, colour, , , interlace] = file.subarray(24, 29);
  if (depth !== 8 || colour !== 6 || interlace !== 0) throw new Error('expected an 8-bit RGBA non-interlaced PNG');
  const chunks = [];
  for (let at = 8; at < file.length; at += 12 + file.readUInt32BE(at)) {
    if (file.toString('latin1', at + 4, at + 8) === 'IDAT') chunks.push(file.subarray(at + 8, at + 8 + file.readUInt32BE(at)));
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * 4;
  const rows = raw.length / (stride + 1);
  const out = Buffer.alloc(stride * rows);
  for (let y = 0; y < rows; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const a = x >= 4 ? out[y * stride + x - 4] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      out[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return out;
}

/** The icns with ic11–ic14 (retina 16, 32, 128, 256: PNGs of twice the size) added or replaced. */
function withRetina(icns) {
  const retina = { ic11: 32, ic12: 64, ic13: 256, ic14: 512 };
  const kept = [];
  for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
    const type = icns.toString('latin1', at, at + 4);
    if (!(type in retina)) kept.push(icns.subarray(at, at + icns.readUInt32BE(at + 4)));
  }
  for (const [type, size] of Object.entries(retina)) {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + png(size).length, 4);
    kept.push(head, png(size));
  }
  const body = Buffer.concat(kept);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + body.length, 4);
  return Buffer.concat([head, body]);
}
