/**
 * Scoring petition-letter fields against the labelled letters (corpus letters/gold.jsonl), for the extract
 * benchmark. Exact match per field after the same normalisation on both sides: whitespace dropped (OCR puts
 * spaces between Chinese characters) and full-width forms folded (OCR and typists write ， and , , ０ and 0
 * interchangeably). The request is a long sentence that one misread character spoils for an exact match, so
 * it is also scored by character similarity: `requestFound` counts requests within 10% of the label (the right
 * sentence, whole, with OCR slips), and `requestSimilarity` is the mean similarity.
 */
import { editDistance } from '../documents/bodies';
import type { LetterFields } from './extract-letter';

export const LETTER_FIELDS = [
  'petitioners',
  'idNumbers',
  'phones',
  'addresses',
  'region',
  'addressee',
  'request',
  'category',
  'letterDate',
  'headcount',
] as const;
export type LetterField = (typeof LETTER_FIELDS)[number];

export type LetterGold = LetterFields & { readonly id: string };

/** The form two readings of a value are compared in. */
export function normaliseForScore(s: string): string {
  return s.normalize('NFKC').replace(/\s+/gu, '');
}

function normalised(v: unknown): unknown {
  if (typeof v === 'string') return normaliseForScore(v);
  if (Array.isArray(v)) return v.map(normalised);
  return v;
}

/** 1 − edit distance / longer length, over normalised code points; 1 for two nulls, 0 when only one is null. */
export function similarity(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 1 : 0;
  const x = [...normaliseForScore(a)];
  const y = [...normaliseForScore(b)];
  const n = Math.max(x.length, y.length);
  return n === 0 ? 1 : 1 - editDistance(x, y) / n;
}

export interface LetterScore {
  readonly exact: Record<LetterField, boolean>;
  readonly requestSimilarity: number;
}

export function scoreLetter(got: LetterFields, gold: LetterGold): LetterScore {
  const exact = Object.fromEntries(
    LETTER_FIELDS.map((f) => [f, JSON.stringify(normalised(got[f])) === JSON.stringify(normalised(gold[f]))]),
  ) as Record<LetterField, boolean>;
  return { exact, requestSimilarity: similarity(got.request, gold.request) };
}

/** The request counts as found when it is within this similarity of the label. */
export const REQUEST_FOUND_AT = 0.9;

export function summariseLetters(scores: readonly LetterScore[]) {
  const n = scores.length;
  return {
    documents: n,
    exact: Object.fromEntries(LETTER_FIELDS.map((f) => [f, scores.filter((s) => s.exact[f]).length])) as Record<
      LetterField,
      number
    >,
    requestFound: scores.filter((s) => s.requestSimilarity >= REQUEST_FOUND_AT).length,
    requestSimilarity: n ? Number((scores.reduce((t, s) => t + s.requestSimilarity, 0) / n).toFixed(3)) : 0,
  };
}
