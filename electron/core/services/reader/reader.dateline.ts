import type { OcrLine, OcrWord } from './reader.ocr';
import { isValidDate, parseChineseNumber } from '../../../../shared/documents/dates';

/**
 * The 成文日期 under a seal: the body pass reads it badly (a seal character or its ring crosses the digits, and
 * a misread 日 or 十 spoils the whole date). Date-like lines, and the lines beside a seal, are read again one
 * line at a time (psm 7) from a copy where only the darkest ink is left (the seal, paler than black text in
 * every channel we read, turns white), restricted to the characters of a date; a reading that parses as a real
 * calendar date replaces the damaged line.
 */

/** Characters a written date is made of (Arabic or Chinese numerals); the re-read is restricted to them. */
export const DATE_WHITELIST = '0123456789年月日〇○一二三四五六七八九十OoDQ';

const ZERO_LIKE = '0OoDQCG@○〇零';
const CN_DIGITS = '一二三四五六七八九十';

/**
 * Folds what tesseract makes of 〇 (O, o, D, Q, C, G, @, 0, ○, 零) to 〇 where it stands among Chinese numerals,
 * and letter O/o/D/Q to 0 among Arabic digits, so `二OO九年` and `2O23年` parse.
 */
export function foldDateZeros(text: string): string {
  const chars = [...text.replace(/\s+/gu, '')];
  const isZero = (c: string | undefined): boolean => c !== undefined && ZERO_LIKE.includes(c);
  const out = [...chars];
  for (let i = 0; i < chars.length; i++) {
    if (!isZero(chars[i])) continue;
    // The nearest non-zero neighbours on either side decide between 〇 and 0.
    let l = i - 1;
    while (l >= 0 && isZero(chars[l])) l--;
    let r = i + 1;
    while (r < chars.length && isZero(chars[r])) r++;
    const near = [chars[l], chars[r]];
    if (near.some((c) => c !== undefined && CN_DIGITS.includes(c))) out[i] = '〇';
    else if (near.some((c) => c !== undefined && /[0-9]/u.test(c)) && chars[i] !== '〇') out[i] = '0';
  }
  return out.join('');
}

const CN_DIGIT: Readonly<Record<string, number>> = {
  〇: 0,
  '○': 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一…九, 十, 十一…十九, 二十…, 三十一 as a number, or null: the extractor's own reading of Chinese numbers. */
export const chineseSmall = (s: string): number | null => parseChineseNumber(s);

export interface ParsedDate {
  /** The date as written on the page, e.g. `2023年5月10日` or `二〇〇九年八月三十日`. */
  readonly text: string;
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** A real calendar day (the extractor's check) in the years an office's circular can carry. */
const plausible = (y: number, m: number, d: number): boolean => y >= 1949 && y <= 2100 && isValidDate(y, m, d);

const ARABIC = /(\d{4})年(\d{1,2})月(\d{1,2})日/u;
const CHINESE = /([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日/u;

/** The first complete, real calendar date written in `text` (spaces ignored), or null. */
export function parseWrittenDate(text: string): ParsedDate | null {
  const s = text.replace(/\s+/gu, '');
  const a = ARABIC.exec(s);
  if (a) {
    const [y, m, d] = [Number(a[1]), Number(a[2]), Number(a[3])];
    if (plausible(y, m, d)) return { text: a[0], year: y, month: m, day: d };
  }
  const c = CHINESE.exec(s);
  if (c) {
    const y = Number([...c[1]!].map((ch) => CN_DIGIT[ch]).join(''));
    const m = chineseSmall(c[2]!);
    const d = chineseSmall(c[3]!);
    if (m !== null && d !== null && plausible(y, m, d)) return { text: c[0], year: y, month: m, day: d };
  }
  return null;
}

const DATE_CHAR = /[0-9〇○零OoDQ一二三四五六七八九十年月日]/u;

/**
 * A line that looks like a damaged date: short, has 年 or 月 or 日, and mostly
 * date characters. Sentences that merely mention a date are longer and mostly other characters.
 */
export function looksLikeDateLine(text: string): boolean {
  const s = [...text.replace(/\s+/gu, '')];
  if (s.length < 4 || s.length > 22) return false;
  const joined = s.join('');
  const markers = ['年', '月', '日'].filter((m) => joined.includes(m)).length;
  if (markers === 0) return false;
  const dateChars = s.filter((c) => DATE_CHAR.test(c)).length;
  // With one marker only (3年8朋2) nearly all of it must be date characters: 申办2009年第二十四届 is a sentence.
  return dateChars >= Math.max(3, Math.ceil(s.length * (markers >= 2 ? 0.5 : 0.7)));
}

/** A rectangle in pixels of the OCR image. */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** The pixel bytes of an 8-bit binary PGM of known size (the header is whatever precedes them). */
export function pgmPixels(pgmBytes: Buffer, width: number, height: number): Buffer {
  const size = width * height;
  if (pgmBytes.length < size) throw new Error(`PGM holds ${pgmBytes.length} bytes, ${width}×${height} needs ${size}`);
  return pgmBytes.subarray(pgmBytes.length - size);
}

/** Copies a rectangle (clamped to the image) out of grey pixels. */
export function cropGrey(
  grey: Buffer,
  width: number,
  height: number,
  box: Box,
): { data: Buffer; width: number; height: number } {
  const left = Math.max(0, Math.min(width - 1, Math.floor(box.left)));
  const top = Math.max(0, Math.min(height - 1, Math.floor(box.top)));
  const right = Math.max(left + 1, Math.min(width, Math.ceil(box.right)));
  const bottom = Math.max(top + 1, Math.min(height, Math.ceil(box.bottom)));
  const w = right - left;
  const h = bottom - top;
  const data = Buffer.alloc(w * h);
  for (let y = 0; y < h; y++) grey.copy(data, y * w, (top + y) * width + left, (top + y) * width + right);
  return { data, width: w, height: h };
}

/** The value below which `fraction` of the pixels lie. */
function percentile(hist: Uint32Array, total: number, fraction: number): number {
  const target = total * fraction;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v]!;
    if (seen >= target) return v;
  }
  return 255;
}

/**
 * Keeps only the darkest ink: black point at the darkest 1% of the crop, white point `keep` of the way from
 * there to the paper (80th percentile). Black text survives, a seal (red, or grey on a grey scan: always
 * lighter than black ink) and the paper go white. keep = 1 is a plain contrast stretch.
 */
export function keepDarkInk(grey: Buffer, keep: number): Buffer {
  const hist = new Uint32Array(256);
  for (const v of grey) hist[v]!++;
  const ink = percentile(hist, grey.length, 0.01);
  const paper = percentile(hist, grey.length, 0.8);
  const white = Math.max(ink + 8, ink + (paper - ink) * keep);
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++)
    lut[v] = v <= ink ? 0 : v >= white ? 255 : Math.round(((v - ink) / (white - ink)) * 255);
  const out = Buffer.alloc(grey.length);
  for (let i = 0; i < grey.length; i++) out[i] = lut[grey[i]!]!;
  return out;
}

/** How far toward the paper each re-read keeps ink (see keepDarkInk); the readings vote. */
export const INK_LEVELS = [0.3, 0.45, 0.6, 0.8, 1] as const;

/**
 * A page read with a mean word confidence below this is turned or blank (upright corpus pages read at 57–90; the
 * reader then tries it turned, see ORIENTATION_RETRY_BELOW): its date lines are not worth reading again.
 */
export const RESCUE_MIN_PAGE_CONFIDENCE = 40;

/** What reading one line image returns. */
export interface LineReading {
  readonly text: string;
  readonly confidence: number;
}

/** Reads one grey line image (an 8-bit PGM) as a single text line restricted to DATE_WHITELIST. */
export type ReadDateLine = (pgmImage: Buffer) => Promise<LineReading>;
/** Reads one grey block image (an 8-bit PGM) with the body settings; lines relative to the block. */
export type ReadBlock = (pgmImage: Buffer) => Promise<readonly OcrLine[]>;

export interface DatePage {
  /** The body image as the body pass read it (PGM). */
  readonly body: Buffer;
  readonly width: number;
  readonly height: number;
  /** Seals found on the page (OCR-image pixels). */
  readonly seals?: readonly Box[];
}

const pgmOf = (c: { data: Buffer; width: number; height: number }): Buffer =>
  Buffer.concat([Buffer.from(`P5\n${c.width} ${c.height}\n255\n`, 'latin1'), c.data]);

function lineBox(line: OcrLine, page: DatePage, zone: Box | null): Box {
  const h = Math.max(8, line.bottom - line.top);
  const words = line.words ?? [];
  const x0 = words.length ? Math.min(...words.map((w) => w.bbox.x0)) : (zone?.left ?? 0);
  const x1 = words.length ? Math.max(...words.map((w) => w.bbox.x1)) : (zone?.right ?? page.width);
  // Widened: a date cut short by the seal (二十 without 七日) continues to the right, a lost 二〇 to the left.
  let left = x0 - 2 * h;
  let right = x1 + 3 * h;
  if (zone) {
    left = Math.min(left, zone.left);
    right = Math.max(right, zone.right);
  }
  return {
    left: Math.max(0, left),
    top: Math.max(0, line.top - 0.3 * h),
    right: Math.min(page.width, right),
    bottom: Math.min(page.height, line.bottom + 0.3 * h),
  };
}

/** The area around a seal where the signature and 成文日期 are printed: the seal's rows, widened on both sides. */
export function sealZone(seal: Box, width: number, height: number): Box {
  const w = seal.right - seal.left;
  const h = seal.bottom - seal.top;
  return {
    left: Math.max(0, seal.left - 0.8 * w),
    top: Math.max(0, seal.top - 0.15 * h),
    right: Math.min(width, seal.right + 0.8 * w),
    bottom: Math.min(height, seal.bottom + 0.25 * h),
  };
}

const overlaps = (line: OcrLine, zone: Box): boolean => {
  const mid = (line.top + line.bottom) / 2;
  return mid >= zone.top && mid <= zone.bottom;
};

/**
 * How many characters the original reading has after 月 (up to and including its 日, if it has one): the body
 * pass usually keeps the number of characters while misreading them, and a re-read that loses a thin 十 under the
 * seal (三十日 → 三日) then disagrees with it. Null when the original has no 月.
 */
export function charsAfterMonth(text: string): number | null {
  const s = [...text.replace(/\s+/gu, '')];
  const m = s.lastIndexOf('月');
  if (m < 0) return null;
  const rest = s.slice(m + 1);
  const d = rest.indexOf('日');
  return d >= 0 ? d + 1 : rest.length;
}

/**
 * A reading that stops after the day's numerals (the 日 lost under the seal's ring) gets its 日 back when the
 * original reading has exactly one character more after 月: a 成文日期 always ends in 日.
 */
export function completeDay(reading: string, original: string): string {
  const m =
    /([〇一二三四五六七八九]{4}|\d{4})年([一二三四五六七八九十]{1,2}|\d{1,2})月([一二三四五六七八九十]{1,3}|\d{1,2})$/u.exec(
      reading,
    );
  if (!m) return reading;
  const expected = charsAfterMonth(original);
  return expected === [...m[3]!].length + 1 ? `${reading}日` : reading;
}

/**
 * Reads a line box at each ink level; among the readings that parse as a date, those as long after 月 as the
 * original reading come first, then the most frequent, then the more confident.
 */
export async function rereadDate(
  page: DatePage,
  box: Box,
  read: ReadDateLine,
  original = '',
): Promise<(ParsedDate & LineReading) | null> {
  const crop = cropGrey(pgmPixels(page.body, page.width, page.height), page.width, page.height, box);
  const votes = new Map<string, { date: ParsedDate; count: number; confidence: number }>();
  const expected = charsAfterMonth(original);
  const fits = (d: ParsedDate): boolean => expected === null || charsAfterMonth(d.text) === expected;
  for (const keep of INK_LEVELS) {
    const reading = await read(pgmOf({ ...crop, data: keepDarkInk(crop.data, keep) }));
    const date = parseWrittenDate(completeDay(foldDateZeros(reading.text), original));
    if (!date) continue;
    const key = `${date.year}-${date.month}-${date.day}`;
    const v = votes.get(key);
    if (v) {
      v.count++;
      v.confidence = Math.max(v.confidence, reading.confidence);
      // Two ink levels agreeing on a date that fits settle it: the remaining readings would cost time only.
      if (fits(date)) break;
    } else votes.set(key, { date, count: 1, confidence: reading.confidence });
  }
  // A date that does not fit the original's length is a guess (三十日 → 三日): the line is left as read.
  const best = [...votes.values()]
    .filter((v) => fits(v.date))
    .sort((a, b) => b.count - a.count || b.confidence - a.confidence)[0];
  return best ? { ...best.date, confidence: best.confidence } : null;
}

function dateLine(line: { top: number; bottom: number }, box: Box, date: ParsedDate & LineReading): OcrLine {
  const word: OcrWord = {
    text: date.text,
    confidence: Math.round(date.confidence),
    bbox: { x0: Math.round(box.left), y0: line.top, x1: Math.round(box.right), y1: line.bottom },
  };
  return { text: date.text, top: line.top, bottom: line.bottom, wordConfidences: [date.confidence], words: [word] };
}

/**
 * Puts right the date lines of a page: every line that looks like a date but does not parse as one, and, for
 * each seal, the lines beside it (read again as a block with only dark ink kept when the body pass lost them).
 * Lines that already parse as a date are left as they are.
 */
export async function rescueDateLines(
  lines: readonly OcrLine[],
  page: DatePage,
  readLine: ReadDateLine,
  readBlock: ReadBlock,
): Promise<OcrLine[]> {
  const out = [...lines];
  const confidences = lines.flatMap((l) => l.wordConfidences);
  const mean = confidences.reduce((a, b) => a + b, 0) / Math.max(1, confidences.length);
  if (mean < RESCUE_MIN_PAGE_CONFIDENCE) return out;
  const zones = (page.seals ?? []).map((s) => sealZone(s, page.width, page.height));
  const done = new Set<number>();
  for (let i = 0; i < out.length; i++) {
    const line = out[i]!;
    if (!looksLikeDateLine(line.text) || parseWrittenDate(line.text) !== null) continue;
    const folded = parseWrittenDate(foldDateZeros(line.text));
    if (folded) {
      // Only the zeros were misread (二OO九年): the reading is otherwise whole.
      out[i] = { ...line, text: line.text.replace(/\S(?:.*\S)?/su, (core) => foldDateZeros(core)) };
      continue;
    }
    const zone = zones.find((z) => overlaps(line, z)) ?? null;
    const box = lineBox(line, page, zone);
    const date = await rereadDate(page, box, readLine, line.text);
    if (date) {
      out[i] = dateLine(line, box, date);
      done.add(i);
    }
  }
  for (const zone of zones) {
    const inZone = out.filter((l) => overlaps(l, zone));
    if (inZone.some((l) => parseWrittenDate(l.text) !== null)) continue;
    // The body pass lost the date here: read the zone as a block from the dark ink alone, then each date-like
    // line it finds as a date line.
    const crop = cropGrey(pgmPixels(page.body, page.width, page.height), page.width, page.height, zone);
    const blockLines = (await readBlock(pgmOf({ ...crop, data: keepDarkInk(crop.data, INK_LEVELS[0]) }))).map((l) => ({
      ...l,
      top: l.top + Math.floor(zone.top),
      bottom: l.bottom + Math.floor(zone.top),
    }));
    for (const l of blockLines) {
      if (!looksLikeDateLine(l.text) && parseWrittenDate(l.text) === null) continue;
      const box = lineBox({ ...l, words: undefined }, page, zone);
      const direct = parseWrittenDate(l.text);
      const date = direct
        ? { ...direct, confidence: Math.min(...l.wordConfidences, 100) }
        : await rereadDate(page, box, readLine, l.text);
      if (!date) continue;
      const fixed = dateLine(l, box, date);
      // In place of a body line at the same height (a garbled reading of it), else in reading order.
      const same = out.findIndex(
        (b) => Math.abs((b.top + b.bottom) / 2 - (l.top + l.bottom) / 2) < (l.bottom - l.top) * 0.6,
      );
      if (same >= 0) out[same] = fixed;
      else {
        const at = out.findIndex((b) => (b.top + b.bottom) / 2 > (l.top + l.bottom) / 2);
        out.splice(at < 0 ? out.length : at, 0, fixed);
      }
      break;
    }
  }
  return out;
}
