/** A minimal BMP decoder (sharp/libvips cannot read BMP): uncompressed 1/4/8/16/24/32-bit, the kinds scanners write. */

export interface RawImage {
  readonly width: number;
  readonly height: number;
  readonly channels: 3;
  readonly data: Buffer;
}

export type BmpResult =
  | { readonly ok: true; readonly image: RawImage }
  | {
      readonly ok: false;
      readonly reason: 'corrupt' | 'unsupported' | 'too_large';
      readonly width?: number;
      readonly height?: number;
      readonly detail: string;
    };

/** Width and height from the header without decoding, or null if the header is unreadable. */
export function bmpDimensions(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 26 || b[0] !== 0x42 || b[1] !== 0x4d) return null;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const headerSize = v.getUint32(14, true);
  if (headerSize === 12) return { width: v.getUint16(18, true), height: v.getUint16(20, true) };
  if (headerSize < 40 || b.length < 14 + 40) return null;
  return { width: Math.abs(v.getInt32(18, true)), height: Math.abs(v.getInt32(22, true)) };
}

function maskShift(mask: number): { shift: number; max: number } {
  if (mask === 0) return { shift: 0, max: 0 };
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  return { shift, max: mask >>> shift };
}

/** Decodes a BMP to 8-bit RGB, refusing anything over `maxPixels` before allocating. */
export function decodeBmp(b: Uint8Array, maxPixels: number): BmpResult {
  const dims = bmpDimensions(b);
  if (!dims) return { ok: false, reason: 'corrupt', detail: 'header' };
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const dataOffset = v.getUint32(10, true);
  const headerSize = v.getUint32(14, true);
  const core = headerSize === 12;
  const width = dims.width;
  const rawHeight = core ? v.getUint16(20, true) : v.getInt32(22, true);
  const height = Math.abs(rawHeight);
  const topDown = rawHeight < 0;
  if (width === 0 || height === 0) return { ok: false, reason: 'corrupt', detail: 'zero size' };
  if (width * height > maxPixels) return { ok: false, reason: 'too_large', width, height, detail: 'dimensions' };
  const bpp = v.getUint16(core ? 24 : 28, true);
  const compression = core ? 0 : v.getUint32(30, true);
  if (compression !== 0 && compression !== 3)
    return { ok: false, reason: 'unsupported', detail: `compression ${compression}` };
  if (![1, 4, 8, 16, 24, 32].includes(bpp)) return { ok: false, reason: 'unsupported', detail: `${bpp} bits` };

  let masks = bpp === 16 ? [0x7c00, 0x03e0, 0x001f] : [0x00ff0000, 0x0000ff00, 0x000000ff];
  if (compression === 3) {
    if (b.length < 14 + 52) return { ok: false, reason: 'corrupt', detail: 'bitfields' };
    masks = [v.getUint32(54, true), v.getUint32(58, true), v.getUint32(62, true)];
  }
  const palette: number[][] = [];
  if (bpp <= 8) {
    const entry = core ? 3 : 4;
    const declared = core ? 0 : v.getUint32(46, true);
    const count = declared || 1 << bpp;
    const start = 14 + headerSize;
    for (let i = 0; i < count && start + i * entry + 2 < b.length; i++) {
      const o = start + i * entry;
      palette.push([b[o + 2]!, b[o + 1]!, b[o]!]);
    }
    if (palette.length === 0) return { ok: false, reason: 'corrupt', detail: 'palette' };
  }
  const stride = Math.floor((bpp * width + 31) / 32) * 4;
  if (dataOffset + stride * height > b.length) return { ok: false, reason: 'corrupt', detail: 'truncated' };
  const shifts = masks.map(maskShift);
  const out = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = dataOffset + (topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let bl = 0;
      if (bpp <= 8) {
        const bit = x * bpp;
        const byte = b[row + (bit >> 3)]!;
        const index = (byte >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1);
        const c = palette[index] ?? [0, 0, 0];
        [r, g, bl] = c as [number, number, number];
      } else if (bpp === 24) {
        const o = row + x * 3;
        bl = b[o]!;
        g = b[o + 1]!;
        r = b[o + 2]!;
      } else {
        const px = bpp === 16 ? v.getUint16(row + x * 2, true) : v.getUint32(row + x * 4, true);
        const chan = (i: number): number => {
          const { shift, max } = shifts[i]!;
          return max === 0 ? 0 : Math.round((((px & masks[i]!) >>> shift) * 255) / max);
        };
        r = chan(0);
        g = chan(1);
        bl = chan(2);
      }
      const o = (y * width + x) * 3;
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = bl;
    }
  }
  return { ok: true, image: { width, height, channels: 3, data: out } };
}
