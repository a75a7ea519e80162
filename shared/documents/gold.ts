/** Scoring extracted fields against a labelled record (corpus gold.jsonl), shared by the accuracy test, the benchmark and the CLI. */
import type { DocumentFields } from './fields';

/** The labelled fields of one corpus record that the extractor is measured on. */
export interface GoldRecord {
  readonly id: string;
  readonly doc_number: string | null;
  readonly issuing_bodies: readonly string[];
  readonly title: string | null;
  readonly signing_date: string | null;
  readonly doc_type: string | null;
  /** 主送 as one string (groups joined by ；), null when the document has none. */
  readonly addressees?: string | null;
  readonly referenced_doc_numbers?: readonly string[];
}

/** 主送 and cited 文号 scores of one document. */
export interface ExtraScore {
  readonly addressees: boolean;
  /** Cited 文号 in the labels that were found. */
  readonly citedFound: number;
  readonly citedGold: number;
  /** Cited 文号 reported that the labels do not have (invented or misread). */
  readonly citedInvented: readonly string[];
}

/** Scores 主送 (exact, whitespace ignored) and cited 文号 (recall and invented ones). */
export function scoreExtras(
  fields: Pick<DocumentFields, 'addressees' | 'referencedDocNumbers'>,
  gold: GoldRecord,
): ExtraScore {
  const got = fields.addressees.length > 0 ? fields.addressees.join('；') : null;
  const want = gold.addressees ?? null;
  const cited = gold.referenced_doc_numbers ?? [];
  return {
    addressees: withoutWhitespace(got) === withoutWhitespace(want),
    citedFound: cited.filter((c) => fields.referencedDocNumbers.includes(c)).length,
    citedGold: cited.length,
    citedInvented: fields.referencedDocNumbers.filter((c) => !cited.includes(c)),
  };
}

export const SCORED_FIELDS = ['docNumber', 'issuingBodies', 'title', 'signingDate', 'docType'] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

/** Whitespace never matters: OCR puts spaces between Chinese characters and typesetting puts an ideographic space between joint bodies. */
export function withoutWhitespace(s: string | null): string | null {
  return s === null ? null : s.replace(/[\s\u3000\u00a0]+/g, '');
}

/** Exact match per field after removing whitespace; bodies must match in 署名 order. */
export function scoreAgainstGold(fields: DocumentFields, gold: GoldRecord): Record<ScoredField, boolean> {
  const bodies = (xs: readonly string[]) => JSON.stringify(xs.map(withoutWhitespace));
  return {
    docNumber: withoutWhitespace(fields.docNumber) === withoutWhitespace(gold.doc_number),
    issuingBodies: bodies(fields.issuingBodies) === bodies(gold.issuing_bodies),
    title: withoutWhitespace(fields.title) === withoutWhitespace(gold.title),
    signingDate: fields.signingDate === gold.signing_date,
    docType: fields.docType === gold.doc_type,
  };
}

/** Per-field counts of exact matches over many documents. */
export function countExact(scores: readonly Record<ScoredField, boolean>[]): Record<ScoredField, number> {
  const out = Object.fromEntries(SCORED_FIELDS.map((f) => [f, 0])) as Record<ScoredField, number>;
  for (const s of scores) for (const f of SCORED_FIELDS) if (s[f]) out[f]++;
  return out;
}
