import { foldTraditional } from './t2s';

/** Bumped whenever `normalizeForSearch` changes: a persisted index built with another version is rebuilt. */
export const NORMALIZE_VERSION = 3;

/**
 * One normalisation at index time and at query time, so a query matches whatever way OCR or a typist wrote it:
 * NFKC (full-width digits, Kangxi radicals), every bracket pair around a year as 〔〕, Latin lower case,
 * traditional characters folded to simplified (OpenCC), and no whitespace (OCR scatters spaces between
 * Chinese characters). Control characters and unpaired surrogates are dropped so no input can break the index.
 */
export function normalizeForSearch(s: string): string {
  // Unpaired surrogates become U+FFFD here and are dropped with the whitespace below.
  const wellFormed = (s as string & { toWellFormed(): string }).toWellFormed();
  return foldTraditional(
    wellFormed
      .normalize('NFKC')
      .replace(/[[【［(（{｛〔]\s*((?:19|20)\d\d)\s*[\]】］)）}｝〕]/g, '〔$1〕')
      .replace(/[〔［【]/g, '〔')
      .replace(/[〕］】]/g, '〕')
      .toLowerCase()
      // eslint-disable-next-line no-control-regex -- control characters never belong in a search key
      .replace(/[\s\u0000-\u001f\u007f\u200b-\u200f\u2060\ufeff\ufffd]+/g, '')
      // Dropping a space can leave combining marks next to a letter they now compose with (і ̈ → ї), and
      // lower-casing can decompose (İ → i̇): normalise once more so the key is the same however often it is made.
      .normalize('NFKC'),
  );
}

/** Splits a query into terms: whitespace separates terms; every term must match. */
export function queryTerms(query: string): string[] {
  return query
    .split(/\s+/)
    .map(normalizeForSearch)
    .filter((t) => t.length > 0);
}

/** True when a term holds at least one letter, digit or Han character (a term of punctuation only finds noise). */
export function hasWordCharacter(term: string): boolean {
  return /[\p{L}\p{N}]/u.test(term);
}

/** Distinct character bigrams of a normalised string (a one-character string yields itself). */
export function bigrams(s: string): string[] {
  if (s.length < 2) return s ? [s] : [];
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return [...out];
}
