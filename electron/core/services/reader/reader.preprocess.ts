import sharp from 'sharp';
import { deskew } from './reader.orient';

/** Decoded pixels of one page, 8 bits per channel: 1 (grey) or 3 (RGB) channels. */
export interface RawPage {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
}

export interface PagePreview {
  readonly bytes: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** A band of the page OCR'd separately in grey: the red 发文机关标志 that the body pass removes. */
export interface OcrRegion {
  readonly image: Buffer;
  readonly top: number;
  readonly bottom: number;
}

/** What the OCR engine receives for one page. */
export interface OcrPageInput {
  /** Greyscale PGM (raw pixels, no decompression in the worker); for colour scans the red channel, in which red seals and red headers vanish like paper. */
  readonly body: Buffer;
  readonly regions: readonly OcrRegion[];
  readonly dpi: number;
  /** Skew corrected before OCR, in degrees (0 when none was needed). */
  readonly skew: number;
  /** Size of the OCR image in pixels (word boxes are relative to it). */
  readonly width: number;
  readonly height: number;
  /** Red seals found on a colour page, in OCR-image pixels (the 成文日期 beside them is read again). */
  readonly seals?: readonly SealBox[];
}

export interface SealBox {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

export const PREVIEW_MAX_SIDE = 1600;

/** A JPEG preview at most 1600 px on the long side, for the review screen. */
export async function makePreview(page: RawPage): Promise<PagePreview> {
  const { data, info } = await sharp(page.data, {
    raw: { width: page.width, height: page.height, channels: page.channels },
  })
    .resize({ width: PREVIEW_MAX_SIDE, height: PREVIEW_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 80, mozjpeg: false })
    .toBuffer({ resolveWithObject: true });
  return {
    bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    width: info.width,
    height: info.height,
  };
}

/**
 * Scanner dpi: the file's density when plausible, else estimated assuming an A4 page
 * (8.27 in on the short side: 1654 px ≈ 200 dpi, 2480 px ≈ 300 dpi).
 */
export function estimateDpi(width: number, height: number, density: number | undefined): number {
  if (density !== undefined && density >= 100 && density <= 1200 && density !== 72 && density !== 96)
    return Math.round(density);
  const fromA4 = Math.round(Math.min(width, height) / 8.27);
  return Math.max(70, Math.min(1200, fromA4));
}

const isRed = (r: number, g: number, b: number): boolean => r >= 110 && r - g >= 45 && r - b >= 35;

/**
 * Horizontal bands in the upper half of a colour page that hold red text (the red header), as pixel rows.
 * Thin red rules, scattered red specks and seals (too narrow, and usually lower on the page) are not bands.
 */
export function findRedHeaderBands(page: RawPage): { top: number; bottom: number }[] {
  if (page.channels !== 3) return [];
  const { width, height, data } = page;
  const step = Math.max(1, Math.round(Math.min(width, height) / 600));
  const sampledWidth = Math.floor(width / step);
  const limit = Math.floor(height * 0.55);
  const minCount = Math.max(3, Math.round(sampledWidth * 0.01));
  const rows: { y: number; min: number; max: number }[] = [];
  for (let y = 0; y < limit; y += step) {
    let count = 0;
    let min = width;
    let max = -1;
    for (let x = 0; x < width; x += step) {
      const o = (y * width + x) * 3;
      if (isRed(data[o]!, data[o + 1]!, data[o + 2]!)) {
        count++;
        if (x < min) min = x;
        if (x > max) max = x;
      }
    }
    if (count >= minCount) rows.push({ y, min, max });
  }
  const gap = Math.max(step * 2, Math.round(height * 0.01));
  const bands: { top: number; bottom: number; left: number; right: number }[] = [];
  for (const r of rows) {
    const last = bands[bands.length - 1];
    if (last && r.y - last.bottom <= gap) {
      last.bottom = r.y;
      last.left = Math.min(last.left, r.min);
      last.right = Math.max(last.right, r.max);
    } else bands.push({ top: r.y, bottom: r.y, left: r.min, right: r.max });
  }
  const pad = Math.round(height * 0.008);
  return (
    bands
      // A header line spans well over a third of the width; a seal (Ø 42 mm on 210 mm paper) about a fifth.
      .filter((b) => b.bottom - b.top >= height * 0.01 && b.right - b.left >= width * 0.3)
      .map((b) => ({ top: Math.max(0, b.top - pad), bottom: Math.min(height, b.bottom + step + pad) }))
  );
}

/**
 * Red seals on a colour page: red pixels counted in square cells (1/60 of the page width), neighbouring red
 * cells joined, and the groups kept that have a seal's size and shape (Ø 40–45 mm on 210 mm paper, so about a
 * fifth of the width; roughly round). The red header (much wider than high) and red rules (thin) are not seals.
 */
export function findRedSeals(page: RawPage): SealBox[] {
  if (page.channels !== 3) return [];
  const { width, height, data } = page;
  const cell = Math.max(4, Math.round(width / 60));
  const step = Math.max(1, Math.round(cell / 8));
  const cols = Math.ceil(width / cell);
  const counts = new Uint32Array(cols * Math.ceil(height / cell));
  for (let y = 0; y < height; y += step) {
    const row = Math.floor(y / cell) * cols;
    for (let x = 0; x < width; x += step) {
      const o = (y * width + x) * 3;
      if (isRed(data[o]!, data[o + 1]!, data[o + 2]!)) counts[row + Math.floor(x / cell)]!++;
    }
  }
  const perCell = Math.ceil(cell / step) ** 2;
  return sealBoxes(
    counts.map((n) => (n >= perCell * 0.02 ? 1 : 0)),
    cell,
    width,
    height,
    2,
  );
}

/**
 * Seals on a grey page (a grey scan, or the red channel of a colour one): a stamp prints lighter than black
 * text, so its cells hold many mid-grey pixels and few dark ones, where text cells hold both. Levels are taken
 * from the page itself (ink: darkest 0.5%, paper: median).
 */
export function findGreySeals(grey: Buffer, width: number, height: number): SealBox[] {
  const hist = new Uint32Array(256);
  for (let i = 0; i < grey.length; i += 7) hist[grey[i]!]!++;
  const total = hist.reduce((a, b) => a + b, 0);
  const level = (f: number): number => {
    let seen = 0;
    for (let v = 0; v < 256; v++) if ((seen += hist[v]!) >= total * f) return v;
    return 255;
  };
  const ink = level(0.005);
  const paper = level(0.5);
  if (paper - ink < 60) return [];
  const lo = ink + 0.3 * (paper - ink);
  const hi = ink + 0.75 * (paper - ink);
  const cell = Math.max(4, Math.round(width / 60));
  const cols = Math.ceil(width / cell);
  const rows = Math.ceil(height / cell);
  const mid = new Uint32Array(cols * rows);
  const dark = new Uint32Array(cols * rows);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / cell) * cols;
    for (let x = 0; x < width; x++) {
      const v = grey[y * width + x]!;
      if (v < lo) dark[row + Math.floor(x / cell)]!++;
      else if (v < hi) mid[row + Math.floor(x / cell)]!++;
    }
  }
  const area = cell * cell;
  return sealBoxes(
    mid.map((m, i) => (m >= area * 0.06 && m >= 1.5 * dark[i]! ? 1 : 0)),
    cell,
    width,
    height,
    2,
  );
}

/**
 * Groups of flagged cells (joined across `reach` cells: a ring and its star are a few millimetres apart) that
 * have a seal's size and shape: Ø 40–45 mm on 210 mm paper is about a fifth of the width, and round. A red
 * header (much wider than high) and rules (thin) are not seals.
 */
function sealBoxes(
  flags: Uint8Array | Uint32Array,
  cell: number,
  width: number,
  height: number,
  reach: number,
): SealBox[] {
  const cols = Math.ceil(width / cell);
  const rows = Math.ceil(height / cell);
  const seen = new Uint8Array(cols * rows);
  const seals: SealBox[] = [];
  for (let start = 0; start < flags.length; start++) {
    if (!flags[start] || seen[start]) continue;
    let [minC, maxC, minR, maxR, n] = [cols, -1, rows, -1, 0];
    const stack = [start];
    seen[start] = 1;
    while (stack.length) {
      const i = stack.pop()!;
      const r = Math.floor(i / cols);
      const c = i % cols;
      n++;
      if (c < minC) minC = c;
      if (c > maxC) maxC = c;
      if (r < minR) minR = r;
      if (r > maxR) maxR = r;
      for (let dr = -reach; dr <= reach; dr++)
        for (let dc = -reach; dc <= reach; dc++) {
          const rr = r + dr;
          const cc = c + dc;
          if (rr < 0 || cc < 0 || rr >= rows || cc >= cols) continue;
          const j = rr * cols + cc;
          if (flags[j] && !seen[j]) {
            seen[j] = 1;
            stack.push(j);
          }
        }
    }
    const w = (maxC - minC + 1) * cell;
    const h = (maxR - minR + 1) * cell;
    const aspect = w / h;
    const fill = n / ((maxC - minC + 1) * (maxR - minR + 1));
    if (w < width * 0.1 || w > width * 0.4 || aspect < 0.6 || aspect > 1.7 || fill < 0.15) continue;
    seals.push({
      left: minC * cell,
      top: minR * cell,
      right: Math.min(width, (maxC + 1) * cell),
      bottom: Math.min(height, (maxR + 1) * cell),
    });
  }
  return seals;
}

/**
 * Pages scanned or rendered above this resolution are scaled down to it before OCR. On the corpus, 300 dpi
 * scans of 三号 text read better at 200 dpi (CER 7.1% → 5.5% over 20 pages) and faster; chi_sim's LSTM
 * misreads glyphs much taller than ~45 px (关 → 天). Upscaling 200 dpi scans to 300 made things worse.
 */
export const OCR_DPI = 200;

/**
 * An 8-bit PGM (binary PNM): the raw grey pixels behind a 15-byte header. tesseract.js's leptonica reads it
 * without decompressing: on a 200 dpi page 0.92 s instead of 1.10–1.37 s for the same pixels as a PNG, same text.
 */
export function pgm(grey: Buffer, width: number, height: number): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1'), grey]);
}

async function toPgm(image: ReturnType<typeof sharp>): Promise<Buffer> {
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected one grey channel, got ${info.channels}`);
  return pgm(data, info.width, info.height);
}

/**
 * Prepares one page for OCR. Measured on the corpus (CER, whitespace removed, psm 6): the red channel alone
 * beat the colour image and a luminance grey (it removes seals over the signature and date), but it also
 * removes the red header, so red header bands are cropped in grey and OCR'd on their own.
 */
export async function prepareForOcr(
  input: RawPage,
  inputDpi: number,
  options: { readonly deskew?: boolean } = {},
): Promise<OcrPageInput> {
  let page = input;
  let dpi = inputDpi;
  if (dpi > OCR_DPI * 1.15) {
    const width = Math.round((page.width * OCR_DPI) / dpi);
    const { data, info } = await sharp(page.data, {
      raw: { width: page.width, height: page.height, channels: page.channels },
    })
      .resize({ width, kernel: 'lanczos3' })
      .toColourspace(page.channels === 1 ? 'b-w' : 'srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== page.channels) throw new Error(`resize changed channels ${page.channels} → ${info.channels}`);
    page = { data, width: info.width, height: info.height, channels: page.channels };
    dpi = OCR_DPI;
  }
  let skew = 0;
  if (options.deskew !== false) {
    const straightened = await deskew(page);
    page = straightened.page;
    skew = straightened.angle;
  }
  const size = { skew, width: page.width, height: page.height };
  const raw = { raw: { width: page.width, height: page.height, channels: page.channels } } as const;
  if (page.channels === 1)
    return {
      body: pgm(page.data, page.width, page.height),
      regions: [],
      dpi,
      ...size,
      seals: findGreySeals(page.data, page.width, page.height),
    };
  const bodyPixels = await sharp(page.data, raw).extractChannel(0).raw().toBuffer();
  const body = pgm(bodyPixels, page.width, page.height);
  const regions: OcrRegion[] = [];
  for (const band of findRedHeaderBands(page)) {
    const image = await toPgm(
      sharp(page.data, raw)
        .extract({ left: 0, top: band.top, width: page.width, height: band.bottom - band.top })
        .greyscale(),
    );
    regions.push({ image, top: band.top, bottom: band.bottom });
  }
  // A grey scan saved as colour has no red: its seal is found by its grey level, like on a grey page.
  const seals = [...findRedSeals(page), ...findGreySeals(bodyPixels, page.width, page.height)];
  return { body, regions, dpi, ...size, seals };
}
