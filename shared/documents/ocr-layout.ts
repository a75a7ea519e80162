/**
 * The OCR geometry of a document (each word's text, confidence and box on its page), kept beside the record so
 * the review screen can point at where a field was read and say how sure the reading was. Pure: the store
 * writes and reads the JSON, the renderer draws the boxes.
 */
import type { FieldSource } from './provenance';

/** A box as fractions (0–1) of the page image. */
export interface LayoutBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** One word, compact for the sidecar file: [text, confidence 0–100, x0, y0, x1, y1]. */
export type LayoutWord = readonly [string, number, number, number, number, number];

/** Per page its words in reading order; null for a page without OCR (text layer, plain text). */
export interface OcrLayout {
  readonly version: 1;
  readonly pages: readonly (readonly LayoutWord[] | null)[];
}

/** Below this a field's reading is marked for checking against the original. */
export const LOW_FIELD_CONFIDENCE = 80;

const round4 = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 10000) / 10000;

/** Builds the sidecar from the reader's pages; null when no page was OCR'd (nothing to point at). */
export function buildOcrLayout(
  pages: readonly {
    readonly words?: readonly {
      readonly text: string;
      readonly confidence: number;
      readonly bbox: LayoutBox;
    }[];
  }[],
): OcrLayout | null {
  const out = pages.map((p) =>
    p.words
      ? p.words
          .filter((w) => w.text.trim().length > 0)
          .map((w): LayoutWord => [
            w.text,
            Math.round(w.confidence),
            round4(w.bbox.x0),
            round4(w.bbox.y0),
            round4(w.bbox.x1),
            round4(w.bbox.y1),
          ])
      : null,
  );
  return out.some((p) => p && p.length > 0) ? { version: 1, pages: out } : null;
}

const isWord = (w: unknown): w is LayoutWord =>
  Array.isArray(w) &&
  w.length === 6 &&
  typeof w[0] === 'string' &&
  w.slice(1).every((n) => typeof n === 'number' && Number.isFinite(n));

/** Checks a sidecar read from disk; anything not of the expected shape is null (no box is better than a wrong one). */
export function parseOcrLayout(raw: unknown): OcrLayout | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { version, pages } = raw as { version?: unknown; pages?: unknown };
  if (version !== 1 || !Array.isArray(pages)) return null;
  for (const p of pages) if (p !== null && !(Array.isArray(p) && p.every(isWord))) return null;
  return { version: 1, pages: pages as OcrLayout['pages'] };
}

/** Where a field's value lies on the page image and how sure OCR was of it. */
export interface FieldBoxes {
  /** 1-based page. */
  readonly page: number;
  /** One box per word (part) the value covers. */
  readonly boxes: readonly LayoutBox[];
  /** The lowest word confidence over the value's characters (0–100). */
  readonly confidence: number;
}

const SPACE = /[\s\u3000\u00a0]/u;

/**
 * Maps a located value (its page and the characters OCR read there) onto the page's words: finds those
 * characters in the words' text (exactly, else the closest window with at most one in four differing, as the
 * page text was cleaned up after OCR) and returns the covered words' boxes. A word only partly covered (a
 * tesseract word holding several characters) gets the share of its box that those characters take.
 */
export function fieldBoxes(source: FieldSource, layout: OcrLayout | null): FieldBoxes | null {
  const words = layout?.pages[source.page - 1];
  if (!words || words.length === 0) return null;
  const chars: { ch: string; word: number; k: number; n: number }[] = [];
  words.forEach((w, i) => {
    const cs = [...w[0]].filter((c) => !SPACE.test(c));
    cs.forEach((ch, k) => chars.push({ ch, word: i, k, n: cs.length }));
  });
  const want = [...source.read].filter((c) => !SPACE.test(c));
  const n = want.length;
  if (n === 0 || n > chars.length) return null;
  const maxDiff = n >= 4 ? Math.floor(n / 4) : 0;
  let best = -1;
  let bestDiff = maxDiff + 1;
  for (let i = 0; i + n <= chars.length && bestDiff > 0; i++) {
    let d = 0;
    for (let k = 0; k < n && d < bestDiff; k++) if (chars[i + k]!.ch !== want[k]) d++;
    if (d < bestDiff) {
      best = i;
      bestDiff = d;
    }
  }
  if (best < 0) return null;
  // Per word, the first and last covered character.
  const span = new Map<number, { from: number; to: number; n: number }>();
  for (const c of chars.slice(best, best + n)) {
    const s = span.get(c.word);
    span.set(c.word, s ? { ...s, to: c.k } : { from: c.k, to: c.k, n: c.n });
  }
  const boxes: LayoutBox[] = [];
  let confidence = 100;
  for (const [i, s] of span) {
    const [, conf, x0, y0, x1, y1] = words[i]!;
    confidence = Math.min(confidence, conf);
    const w = (x1 - x0) / s.n;
    boxes.push({ x0: round4(x0 + w * s.from), y0, x1: round4(x0 + w * (s.to + 1)), y1 });
  }
  return { page: source.page, boxes: mergeByLine(boxes), confidence };
}

/** Neighbouring boxes on one line become one, so a 文号 is one frame rather than a dozen character boxes. */
function mergeByLine(boxes: readonly LayoutBox[]): LayoutBox[] {
  const out: LayoutBox[] = [];
  for (const b of boxes) {
    const last = out[out.length - 1];
    const h = Math.max(b.y1 - b.y0, 1e-6);
    const overlap = last ? Math.min(last.y1, b.y1) - Math.max(last.y0, b.y0) : 0;
    if (last && overlap > h / 2 && b.x0 >= last.x0 - h) {
      out[out.length - 1] = {
        x0: Math.min(last.x0, b.x0),
        y0: Math.min(last.y0, b.y0),
        x1: Math.max(last.x1, b.x1),
        y1: Math.max(last.y1, b.y1),
      };
    } else {
      out.push(b);
    }
  }
  return out;
}
