/**
 * PP-OCR text detection (DB, "Differentiable Binarization") around the ONNX model: the input tensor and the
 * post-processing of its probability map into text boxes. Pure functions over typed arrays, no I/O.
 */

/** A grey image, one byte per pixel, row-major. */
export interface GreyImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** An axis-aligned text box in pixels of the image it was found in, with the mean detection probability inside it. */
export interface TextBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly score: number;
}

export interface DbOptions {
  /** Probability above which a pixel is text (PaddleOCR det_db_thresh). */
  readonly threshold: number;
  /** Mean probability a region needs to be kept (det_db_box_thresh). */
  readonly boxThreshold: number;
  /** How far the shrunk text kernel is grown back: distance = area × ratio / perimeter (det_db_unclip_ratio). */
  readonly unclipRatio: number;
  /** Regions whose short side is below this many map pixels are noise. */
  readonly minSize: number;
  /** At most this many regions (largest first) per image. */
  readonly maxCandidates: number;
}

/** PaddleOCR's defaults for the DB head, except box threshold 0.5 (the measurement kept faint red headers). */
export const DEFAULT_DB_OPTIONS: DbOptions = {
  threshold: 0.3,
  boxThreshold: 0.5,
  unclipRatio: 1.6,
  minSize: 3,
  maxCandidates: 1000,
};

/** ImageNet mean and deviation the det model was trained with (per channel; grey pixels repeat in all three). */
const DET_MEAN = [0.485, 0.456, 0.406] as const;
const DET_STD = [0.229, 0.224, 0.225] as const;

/**
 * Size the page is resized to for detection: the longer side at most `maxSide`, both sides multiples of 32
 * (the network downsamples by 32), never below 32.
 */
export function detInputSize(
  width: number,
  height: number,
  maxSide: number,
): { readonly width: number; readonly height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  const round32 = (v: number): number => Math.max(32, Math.round((v * scale) / 32) * 32);
  return { width: round32(width), height: round32(height) };
}

/** The NCHW float tensor data of a grey image already resized to the det input size. */
export function detTensor(image: GreyImage): Float32Array {
  const plane = image.width * image.height;
  const out = new Float32Array(plane * 3);
  for (let c = 0; c < 3; c++) {
    const mean = DET_MEAN[c]!;
    const std = DET_STD[c]!;
    const base = c * plane;
    for (let i = 0; i < plane; i++) out[base + i] = (image.data[i]! / 255 - mean) / std;
  }
  return out;
}

/**
 * Text boxes from the DB probability map (map size `width` × `height`), scaled to the source image
 * (`scaleX`, `scaleY` = source / map). Regions are 8-connected components of the thresholded map; each
 * becomes its bounding rectangle grown by the unclip distance (the model predicts shrunk text kernels).
 * Pages are deskewed before OCR, so axis-aligned rectangles fit the lines.
 */
export function dbBoxes(
  prob: Float32Array,
  width: number,
  height: number,
  scaleX: number,
  scaleY: number,
  options: DbOptions = DEFAULT_DB_OPTIONS,
): TextBox[] {
  const labels = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  const regions: { x0: number; y0: number; x1: number; y1: number; sum: number; count: number }[] = [];
  for (let start = 0; start < prob.length; start++) {
    if (labels[start] !== 0 || prob[start]! <= options.threshold) continue;
    const id = regions.length + 1;
    const r = { x0: width, y0: height, x1: -1, y1: -1, sum: 0, count: 0 };
    let top = 0;
    stack[top++] = start;
    labels[start] = id;
    while (top > 0) {
      const p = stack[--top]!;
      const x = p % width;
      const y = (p - x) / width;
      r.sum += prob[p]!;
      r.count++;
      if (x < r.x0) r.x0 = x;
      if (x > r.x1) r.x1 = x;
      if (y < r.y0) r.y0 = y;
      if (y > r.y1) r.y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width || (dx === 0 && dy === 0)) continue;
          const q = ny * width + nx;
          if (labels[q] === 0 && prob[q]! > options.threshold) {
            labels[q] = id;
            stack[top++] = q;
          }
        }
      }
    }
    regions.push(r);
  }
  const boxes: TextBox[] = [];
  const kept = regions
    .filter((r) => Math.min(r.x1 - r.x0 + 1, r.y1 - r.y0 + 1) >= options.minSize)
    .sort((a, b) => b.count - a.count)
    .slice(0, options.maxCandidates);
  for (const r of kept) {
    const score = r.sum / r.count;
    if (score < options.boxThreshold) continue;
    const w = r.x1 - r.x0 + 1;
    const h = r.y1 - r.y0 + 1;
    const d = (w * h * options.unclipRatio) / (2 * (w + h));
    if (Math.min(w, h) + 2 * d < options.minSize + 2) continue;
    const x0 = Math.max(0, (r.x0 - d) * scaleX);
    const y0 = Math.max(0, (r.y0 - d) * scaleY);
    const x1 = Math.min(width * scaleX, (r.x1 + 1 + d) * scaleX);
    const y1 = Math.min(height * scaleY, (r.y1 + 1 + d) * scaleY);
    boxes.push({ x0: Math.round(x0), y0: Math.round(y0), x1: Math.round(x1), y1: Math.round(y1), score });
  }
  return boxes;
}

/** Boxes overlap vertically by at least half the smaller height: side by side on one line. */
function sameLine(a: { y0: number; y1: number }, b: { y0: number; y1: number }): boolean {
  const overlap = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return overlap >= 0.5 * Math.min(a.y1 - a.y0, b.y1 - b.y0);
}

/**
 * One group of boxes chained together by vertical overlap, as lines. Usually one line, left to right. But a box
 * spanning several lines chains them into one group: a joint 发文机关标志 (联合行文: 中共某某委办公厅 over 某某人民政府办公厅
 * with one big 文件 beside both) or a speck spanning two body lines. Then the group is cut into rows, built from
 * the lowest boxes up and each row judged by its first box, not by the growing union; a box overlapping two or
 * more rows is read at the end of the last of them (文件 after the last body's name, as the header is read).
 */
function rowsOf<T extends { readonly x0: number; readonly y0: number; readonly y1: number }>(items: T[]): T[][] {
  const byX = (a: T, b: T): number => a.x0 - b.x0;
  if (items.every((a) => items.every((b) => sameLine(a, b)))) return [items.sort(byX)];
  const rows: { seed: T; items: T[] }[] = [];
  for (const box of [...items].sort((a, b) => a.y1 - a.y0 - (b.y1 - b.y0))) {
    const row = rows.find((r) => sameLine(r.seed, box));
    if (row) row.items.push(box);
    else rows.push({ seed: box, items: [box] });
  }
  rows.sort((a, b) => a.seed.y0 + a.seed.y1 - (b.seed.y0 + b.seed.y1));
  const spans = (box: T, r: { seed: T }): boolean =>
    Math.min(box.y1, r.seed.y1) - Math.max(box.y0, r.seed.y0) >= 0.25 * (r.seed.y1 - r.seed.y0);
  for (const r of rows) {
    for (const box of [...r.items]) {
      if (box === r.seed) continue;
      const covered = rows.filter((o) => spans(box, o));
      if (covered.length < 2) continue;
      r.items.splice(r.items.indexOf(box), 1);
      covered[covered.length - 1]!.items.push(box);
    }
  }
  return rows.map((r) => r.items.sort(byX));
}

/**
 * Boxes grouped into lines in reading order: top to bottom, and left to right within a line. Two boxes are on
 * one line when their vertical overlap is at least half the smaller height (a 签发人 name beside its label).
 */
export function groupLines<T extends { readonly x0: number; readonly y0: number; readonly y1: number }>(
  boxes: readonly T[],
): T[][] {
  const sorted = [...boxes].sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1));
  const lines: { top: number; bottom: number; items: T[] }[] = [];
  for (const box of sorted) {
    const line = lines.find((l) => sameLine({ y0: l.top, y1: l.bottom }, box));
    if (line) {
      line.items.push(box);
      line.top = Math.min(line.top, box.y0);
      line.bottom = Math.max(line.bottom, box.y1);
    } else lines.push({ top: box.y0, bottom: box.y1, items: [box] });
  }
  return lines.sort((a, b) => a.top + a.bottom - (b.top + b.bottom)).flatMap((l) => rowsOf(l.items));
}
