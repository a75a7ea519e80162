import sharp from 'sharp';
import type { RawPage } from './reader.preprocess';

/** Largest skew searched, in degrees either way. */
export const MAX_SKEW = 5;
/**
 * Skews smaller than this are left alone: tesseract copes with them, and the rotation's resampling costs
 * time and a little sharpness (see README for the corpus measurement).
 */
export const MIN_DESKEW = 0.6;
/** Long side of the downscaled copy the skew is estimated on. */
const ESTIMATE_SIDE = 1000;

/**
 * Row-profile sharpness of dark pixels projected along lines of slope tan(deg): the sum of squared differences
 * of neighbouring bins (Postl). Text lines make it peak when the projection follows them.
 */
export function profileScore(xs: Int32Array, ys: Int32Array, count: number, height: number, deg: number): number {
  const t = Math.tan((deg * Math.PI) / 180);
  let min = Infinity;
  let max = -Infinity;
  for (const x of [0, ESTIMATE_SIDE * 2]) {
    for (const y of [0, height]) {
      const v = y - x * t;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const offset = -Math.floor(min) + 1;
  const bins = new Float64Array(Math.ceil(max - min) + 3);
  for (let i = 0; i < count; i++) bins[Math.round(ys[i]! - xs[i]! * t) + offset]!++;
  let s = 0;
  for (let i = 1; i < bins.length; i++) {
    const d = bins[i]! - bins[i - 1]!;
    s += d * d;
  }
  return s;
}

/** Dark pixels of a grey image (below 60% of its mean), as coordinate arrays. */
export function darkPixels(
  grey: Uint8Array,
  width: number,
  height: number,
): { xs: Int32Array; ys: Int32Array; count: number } {
  let sum = 0;
  for (let i = 0; i < grey.length; i++) sum += grey[i]!;
  const threshold = (sum / Math.max(1, grey.length)) * 0.6;
  let count = 0;
  for (let i = 0; i < grey.length; i++) if (grey[i]! < threshold) count++;
  const xs = new Int32Array(count);
  const ys = new Int32Array(count);
  let k = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (grey[row + x]! < threshold) {
        xs[k] = x;
        ys[k] = y;
        k++;
      }
    }
  }
  return { xs, ys, count };
}

/** The angle in [-MAX_SKEW, MAX_SKEW] whose projection profile is sharpest: coarse 0.25° steps, then 0.02°. */
export function bestSkew(xs: Int32Array, ys: Int32Array, count: number, height: number): number {
  if (count < 200) return 0;
  let best = 0;
  let bestScore = profileScore(xs, ys, count, height, 0);
  for (let a = -MAX_SKEW; a <= MAX_SKEW + 1e-9; a += 0.25) {
    const s = profileScore(xs, ys, count, height, a);
    if (s > bestScore) {
      bestScore = s;
      best = a;
    }
  }
  const coarse = best;
  for (let a = coarse - 0.25; a <= coarse + 0.25 + 1e-9; a += 0.02) {
    const s = profileScore(xs, ys, count, height, a);
    if (s > bestScore) {
      bestScore = s;
      best = a;
    }
  }
  return Math.round(best * 100) / 100;
}

/**
 * Estimated skew of a page's text lines in degrees, in sharp's sense: a page rotated by `sharp().rotate(a)`
 * estimates as about `a`, and `rotate(-a)` straightens it. The page margins (where scanner-bed edges and
 * paper shadows make strong straight lines) are cut off, the red channel (seals and red rules vanish) is
 * downscaled to 1000 px and its dark pixels projected at each angle.
 */
export async function estimateSkew(page: RawPage): Promise<number> {
  const mx = Math.round(page.width * 0.07);
  const my = Math.round(page.height * 0.05);
  if (page.width - 2 * mx < 50 || page.height - 2 * my < 50) return 0;
  const { data, info } = await sharp(page.data, {
    raw: { width: page.width, height: page.height, channels: page.channels },
  })
    .extract({ left: mx, top: my, width: page.width - 2 * mx, height: page.height - 2 * my })
    .extractChannel(0)
    .resize({ width: ESTIMATE_SIDE, height: ESTIMATE_SIDE, fit: 'inside' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { xs, ys, count } = darkPixels(data, info.width, info.height);
  return bestSkew(xs, ys, count, info.height);
}

/** Rotates a page by `degrees` clockwise (any angle; right angles are lossless), filling new corners with white. */
export async function rotatePage(page: RawPage, degrees: number): Promise<RawPage> {
  const { data, info } = await sharp(page.data, {
    raw: { width: page.width, height: page.height, channels: page.channels },
  })
    .rotate(degrees, { background: page.channels === 1 ? { r: 255, g: 255, b: 255 } : '#ffffff' })
    .toColourspace(page.channels === 1 ? 'b-w' : 'srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== page.channels) throw new Error(`rotate changed channels ${page.channels} → ${info.channels}`);
  return { data, width: info.width, height: info.height, channels: page.channels };
}

/** Paints a frame of `vertical` rows at top and bottom and `horizontal` columns at left and right white (in place). */
export function whitenFrame(page: RawPage, vertical: number, horizontal: number): void {
  const { data, width, height, channels } = page;
  const rowBytes = width * channels;
  const v = Math.min(vertical, Math.floor(height / 2));
  const h = Math.min(horizontal, Math.floor(width / 2));
  data.fill(255, 0, v * rowBytes);
  data.fill(255, (height - v) * rowBytes, height * rowBytes);
  for (let y = v; y < height - v; y++) {
    data.fill(255, y * rowBytes, y * rowBytes + h * channels);
    data.fill(255, (y + 1) * rowBytes - h * channels, (y + 1) * rowBytes);
  }
}

/**
 * Straightens a page whose estimated skew is at least MIN_DESKEW; returns the page and the angle corrected.
 * The scan's own edges (scanner bed, paper shadow) run slanted along the rotated page's border, where tesseract
 * read them as junk lines (`一一一mw…`, `er`): the band they can occupy is painted white. It is at most
 * sin(5°) ≈ 9% of the side, inside the margins of a GB/T 9704 page (37 mm top, 28 mm left).
 */
export async function deskew(page: RawPage): Promise<{ page: RawPage; angle: number }> {
  const angle = await estimateSkew(page);
  if (Math.abs(angle) < MIN_DESKEW) return { page, angle: 0 };
  const rotated = await rotatePage(page, -angle);
  const sin = Math.sin((Math.abs(angle) * Math.PI) / 180);
  whitenFrame(rotated, Math.ceil(page.width * sin) + 3, Math.ceil(page.height * sin) + 3);
  return { page: rotated, angle };
}
