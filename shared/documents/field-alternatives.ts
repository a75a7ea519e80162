/**
 * Other values a header field could take, offered on the review screen as one-click choices: what OCR read
 * where the extractor repaired the value, the extractor's own suggestion once a person changed it, and other
 * candidates of the same kind the text holds (other dates, other 文号). Pure; the renderer fills the field.
 */
import { findDates } from './dates';
import { findDocNumbers } from './doc-number';
import type { FieldSources, LocatableFields } from './provenance';

export type AlternativeKind = 'suggested' | 'ocr' | 'text' | 'registry';

export interface FieldAlternative {
  readonly value: string;
  readonly kind: AlternativeKind;
}

export type FieldAlternatives = Readonly<
  Record<'docNumber' | 'signingDate' | 'title' | 'issuingBodies', readonly FieldAlternative[]>
>;

/** At most this many candidates per field, so the choices stay a glance. */
const MAX_PER_FIELD = 4;

function collect(
  current: string | readonly string[] | null,
  candidates: readonly FieldAlternative[],
): FieldAlternative[] {
  const seen = new Set<string>(['', ...(typeof current === 'string' ? [current] : (current ?? []))]);
  const out: FieldAlternative[] = [];
  for (const c of candidates) {
    const v = c.value.trim();
    if (!v || seen.has(v)) continue;
    seen.add(v);
    out.push({ ...c, value: v });
    if (out.length >= MAX_PER_FIELD) break;
  }
  return out;
}

/**
 * The alternatives for 文号, 成文日期, 标题 and 发文机关, given what the form holds now (`current`), what the
 * extractor suggested, where the current values were found, the recognised pages and the bodies the
 * issuing-body registry knows for the document's 机关代字 (`registryBodies`, learned from confirmed documents).
 */
export function fieldAlternatives(
  current: LocatableFields,
  suggested: LocatableFields,
  sources: FieldSources,
  pageTexts: readonly string[],
  registryBodies: readonly string[] = [],
): FieldAlternatives {
  const text = pageTexts.join('\n');
  const sug = (v: string | null): FieldAlternative[] => (v ? [{ value: v, kind: 'suggested' }] : []);
  // The raw reading is offered only when it differs from the value: the extractor changed what OCR read.
  const raw = (key: 'docNumber' | 'title'): FieldAlternative[] =>
    sources[key].flatMap((l) =>
      l.source && !l.source.verbatim ? [{ value: l.source.read, kind: 'ocr' as const }] : [],
    );
  // Dates near the end of the text first: the 成文日期 stands after the body, earlier ones are cited dates.
  const dates = findDates(text)
    .reverse()
    .map((d): FieldAlternative => ({ value: d.iso, kind: 'text' }));
  // Only 文号 that stand on their own (line start, after a space or bracket): one run into a sentence
  // (根据…, 转发…) is a citation, and its 机关代字 may have swallowed the words before it.
  const numbers = findDocNumbers(text)
    .filter((d) => d.index === 0 || /[\s（(【〔《：:]/u.test(text[d.index - 1]!))
    .map((d): FieldAlternative => ({ value: d.value, kind: 'text' }));
  return {
    docNumber: collect(current.docNumber, [...sug(suggested.docNumber), ...raw('docNumber'), ...numbers]),
    signingDate: collect(current.signingDate, [...sug(suggested.signingDate), ...dates]),
    title: collect(current.title, [...sug(suggested.title), ...raw('title')]),
    issuingBodies: collect(current.issuingBodies, [
      ...suggested.issuingBodies.flatMap(sug),
      ...registryBodies.map((value): FieldAlternative => ({ value, kind: 'registry' })),
    ]),
  };
}
