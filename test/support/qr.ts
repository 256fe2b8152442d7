/**
 * Reads a QR code the way a phone camera would, from the PNG the shop shows: decodes the PNG (8-bit
 * RGBA or RGB, not interlaced, as QR renderers write it) with node:zlib, then jsQR finds the code.
 */
import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function rgbaOf(png: Buffer): { width: number; height: number; data: Uint8ClampedArray } {
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 4;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const length = png.readUInt32BE(pos);
    const type = png.toString('ascii', pos + 4, pos + 8);
    const chunk = png.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = chunk.readUInt32BE(0);
      height = chunk.readUInt32BE(4);
      if (chunk[8] !== 8 || chunk[12] !== 0 || (chunk[9] !== 6 && chunk[9] !== 2)) throw new Error('only 8-bit RGB(A), non-interlaced PNGs');
      channels = chunk[9] === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(chunk);
    pos += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const byte = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const upLeft = y > 0 && x >= channels ? pixels[(y - 1) * stride + x - channels]! : 0;
      const predicted = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter]!;
      pixels[y * stride + x] = (byte + predicted) & 0xff;
    }
  }
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data.set(pixels.subarray(i * channels, i * channels + 3), i * 4);
    data[i * 4 + 3] = channels === 4 ? pixels[i * channels + 3]! : 255;
  }
  return { width, height, data };
}

/** What the QR code in a `data:image/png;base64,...` URL says, or null when there is none to read. */
export function readQrCode(dataUrl: string): string | null {
  const { width, height, data } = rgbaOf(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
  // a CommonJS module: its default export hangs on module.exports.default
  return jsQR.default(data, width, height)?.data ?? null;
}
