/**
 * One normalisation at index time and at query time, so a query matches whatever way OCR or a typist wrote it:
 * NFKC (full-width digits, Kangxi radicals), every bracket pair around a year as 〔〕, Latin lower case,
 * and no whitespace (OCR scatters spaces between Chinese characters).
 */
export function normalizeForSearch(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[[【［(（{｛〔]\s*((?:19|20)\d\d)\s*[\]】］)）}｝〕]/g, '〔$1〕')
    .replace(/[〔［【]/g, '〔')
    .replace(/[〕］】]/g, '〕')
    .toLowerCase()
    .replace(/\s+/g, '');
}

/** Splits a query into terms: whitespace separates terms; every term must match. */
export function queryTerms(query: string): string[] {
  return query
    .split(/\s+/)
    .map(normalizeForSearch)
    .filter((t) => t.length > 0);
}

/** Distinct character bigrams of a normalised string (a one-character string yields itself). */
export function bigrams(s: string): string[] {
  if (s.length < 2) return s ? [s] : [];
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return [...out];
}
