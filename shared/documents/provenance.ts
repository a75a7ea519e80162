/**
 * Where a field's value came from in the recognised text: the page and line, what OCR actually read there,
 * and whether the value stands in the text as written or was put right by the extractor (a repaired 文号
 * bracket, a body name voted back into shape). The review screen shows this under each field so a
 * secretary checks the repaired and the unfound ones against the scan and glances over the rest.
 */
import { findDates } from './dates';

export interface FieldSource {
  /** 1-based page and line of the text where the value starts. */
  readonly page: number;
  readonly line: number;
  /** The text as OCR read it at that place (whitespace dropped), as long as the value. */
  readonly read: string;
  /** True when the text holds the value character for character (whitespace aside). */
  readonly verbatim: boolean;
}

/** One value of a field and where it was found; `source` null when the text holds nothing close to it. */
export interface LocatedValue {
  readonly value: string;
  readonly source: FieldSource | null;
}

export interface LocatableFields {
  readonly docNumber: string | null;
  readonly issuingBodies: readonly string[];
  readonly title: string | null;
  readonly addressees: readonly string[];
  readonly signingDate: string | null;
}

export type FieldSources = Readonly<Record<keyof LocatableFields, readonly LocatedValue[]>>;

interface Indexed {
  /** Every page's characters without whitespace, pages one after another. */
  readonly chars: readonly string[];
  /** Page and line of each character in `chars`. */
  readonly at: readonly { readonly page: number; readonly line: number }[];
  /** Where each page starts in `chars`, so a match never spans two pages. */
  readonly pageStart: readonly number[];
}

const SPACE = /[\s\u3000\u00a0]/u;

function index(pageTexts: readonly string[]): Indexed {
  const chars: string[] = [];
  const at: { page: number; line: number }[] = [];
  const pageStart: number[] = [];
  pageTexts.forEach((text, p) => {
    pageStart.push(chars.length);
    text.split('\n').forEach((l, k) => {
      for (const ch of l) {
        if (SPACE.test(ch)) continue;
        chars.push(ch);
        at.push({ page: p + 1, line: k + 1 });
      }
    });
  });
  return { chars, at, pageStart };
}

function samePage(ix: Indexed, start: number, end: number): boolean {
  return ix.at[start]!.page === ix.at[end - 1]!.page;
}

/**
 * The place in the text that reads like `value`: an exact match first, else the window of the same length
 * with the fewest differing characters, allowed one in four (OCR misreads characters more often than it drops them).
 */
export function locateValue(value: string, ix: Indexed): FieldSource | null {
  const want = [...value].filter((c) => !SPACE.test(c));
  const n = want.length;
  if (n === 0 || n > ix.chars.length) return null;
  const maxDiff = n >= 4 ? Math.floor(n / 4) : 0;
  let best = -1;
  let bestDiff = maxDiff + 1;
  for (let i = 0; i + n <= ix.chars.length; i++) {
    let d = 0;
    for (let k = 0; k < n && d < bestDiff; k++) if (ix.chars[i + k] !== want[k]) d++;
    if (d < bestDiff && samePage(ix, i, i + n)) {
      best = i;
      bestDiff = d;
      if (d === 0) break;
    }
  }
  if (best < 0) return null;
  const { page, line } = ix.at[best]!;
  return { page, line, read: ix.chars.slice(best, best + n).join(''), verbatim: bestDiff === 0 };
}

/** The line holding a date that reads as `iso` (2019年1月8日, 二〇一九年一月八日 …); verbatim when it parses cleanly. */
function locateDate(iso: string, pageTexts: readonly string[]): FieldSource | null {
  for (let p = 0; p < pageTexts.length; p++) {
    const lines = pageTexts[p]!.split('\n');
    // The 成文日期 is near the end: search from the last line up.
    for (let k = lines.length - 1; k >= 0; k--) {
      const hit = findDates(lines[k]!).find((d) => d.iso === iso);
      if (hit) return { page: p + 1, line: k + 1, read: hit.raw.replace(/\s+/gu, ''), verbatim: true };
    }
  }
  return null;
}

/** Where each of the header fields came from in the recognised pages. */
export function fieldSources(fields: LocatableFields, pageTexts: readonly string[]): FieldSources {
  const ix = index(pageTexts);
  const one = (v: string | null): LocatedValue[] => (v ? [{ value: v, source: locateValue(v, ix) }] : []);
  const many = (vs: readonly string[]): LocatedValue[] =>
    vs.filter((v) => v.trim()).map((v) => ({ value: v, source: locateValue(v, ix) }));
  return {
    docNumber: one(fields.docNumber),
    issuingBodies: many(fields.issuingBodies),
    title: one(fields.title),
    addressees: many(fields.addressees),
    signingDate: fields.signingDate
      ? [{ value: fields.signingDate, source: locateDate(fields.signingDate, pageTexts) }]
      : [],
  };
}

/** Builds the index once for several look-ups (exported for tests and callers that locate many values). */
export const indexPages = index;
