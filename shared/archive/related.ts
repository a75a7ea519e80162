import { normalizeForSearch } from '../search/normalize';

/**
 * "Related documents" and near-duplicates (issue 7): rules only, the use case finds candidates through the
 * search index. Texts are compared as sets of character bigrams, the same unit the index uses, so OCR
 * noise in a few characters lowers the similarity a little instead of hiding the match.
 */

/** At or above this Dice similarity two texts are flagged as near-duplicates (a second scan, a re-typed copy). */
export const NEAR_DUPLICATE = 0.85;
/** Below this the texts only share phrases (a common policy paragraph) and are not offered as similar. */
export const SIMILAR = 0.3;

const bigramSet = (s: string): Set<string> => {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
};

/** Dice coefficient of the character-bigram sets of two texts, after search normalisation (0..1). */
export function bigramDice(a: string, b: string): number {
  const x = bigramSet(normalizeForSearch(a));
  const y = bigramSet(normalizeForSearch(b));
  if (x.size === 0 || y.size === 0) return 0;
  let both = 0;
  const [small, big] = x.size <= y.size ? [x, y] : [y, x];
  for (const g of small) if (big.has(g)) both++;
  return (2 * both) / (x.size + y.size);
}

/**
 * Up to `count` phrases of `length` characters spread evenly over a text, each a substring of the normalised
 * text without punctuation inside (letters, digits and Han only), used as exact-substring probes through the
 * index: a near-duplicate holds most of them, an unrelated text almost none. A text without such a run gives
 * its longest run of at least four characters, or nothing.
 */
export function probePhrases(text: string, count = 8, length = 12): string[] {
  const norm = normalizeForSearch(text);
  // Short or heavily punctuated texts: shorter phrases (at least six characters, still rare enough) fill the set.
  for (let len = length; len > 6; len = Math.max(6, len - 3)) {
    const got = probesOf(norm, count, len);
    if (got.length >= count) return got;
  }
  return probesOf(norm, count, Math.min(6, length));
}

function probesOf(norm: string, count: number, length: number): string[] {
  const windows: string[] = [];
  let longest = '';
  for (const m of norm.matchAll(/[\p{L}\p{N}]+/gu)) {
    const run = m[0];
    if (run.length > longest.length) longest = run;
    for (let at = 0; at + length <= run.length; at += length) windows.push(run.slice(at, at + length));
  }
  if (windows.length === 0) return longest.length >= 4 ? [longest] : [];
  const out = new Set<string>();
  const step = (windows.length - 1) / Math.max(1, count - 1);
  for (let k = 0; k < Math.min(count, windows.length); k++) out.add(windows[Math.round(k * step)]!);
  return [...out];
}

/** Whether two 文号 are the same after normalisation (brackets, full-width digits, spaces). */
export function sameDocNumber(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  return normalizeForSearch(a) === normalizeForSearch(b);
}

/**
 * The 文号 a document cites that none of the found documents carries (the 相关文件 panel names them so a gap in
 * the archive shows), each once, in the order cited.
 */
export function missingCitations(
  referenced: readonly string[],
  cites: readonly { readonly fields: { readonly docNumber: string | null } }[],
): string[] {
  const out: string[] = [];
  for (const n of referenced) {
    if (cites.some((d) => sameDocNumber(d.fields.docNumber, n))) continue;
    if (!out.some((m) => sameDocNumber(m, n))) out.push(n);
  }
  return out;
}
