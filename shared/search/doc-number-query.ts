import { normalizeForSearch } from './normalize';

/** A 文号 fragment a person typed: any of the three parts may be missing, but the year is always there. */
export interface DocNumberQuery {
  /** 机关代字 (or its tail), normalised; null when not typed (`〔2019〕3号`). */
  readonly code: string | null;
  readonly year: number;
  /** 序号; null when not typed (`国信发〔2019〕`). */
  readonly seq: number | null;
}

const YEAR = '((?:19|20)\\d\\d)';
/** `国信发〔2019〕3`, `〔2019〕3号`, `国信发〔2019〕`, `国信发[2019]3号` after normalisation (brackets are 〔〕). */
const BRACKETED = new RegExp(`^([\\p{Script=Han}a-z]{1,12})?〔${YEAR}〕(\\d{1,5})?号?$`, 'u');
/** `国信发 2019 3`, `国信发 2019 3号`, `2019 3号`: the parts separated by spaces. */
const SPACED = new RegExp(`^(?:([\\p{Script=Han}a-z]{1,12})\\s+)?${YEAR}\\s+(\\d{1,5})\\s*号?$`, 'u');

/** Reads a query as a 文号 fragment, or null when it is not one (ordinary text search then applies). */
export function parseDocNumberQuery(query: string): DocNumberQuery | null {
  const spaced = query.normalize('NFKC').trim().replace(/\s+/g, ' ');
  const s = SPACED.exec(spaced.toLowerCase());
  if (s) return { code: s[1] ? normalizeForSearch(s[1]) : null, year: Number(s[2]), seq: Number(s[3]) };
  const b = BRACKETED.exec(normalizeForSearch(query));
  if (b && (b[1] || b[3])) return { code: b[1] ?? null, year: Number(b[2]), seq: b[3] ? Number(b[3]) : null };
  return null;
}

/** Whether a parsed 文号 matches the fragment: same year, same 序号 when given, and the typed code as a part of the 机关代字. */
export function docNumberMatches(
  q: DocNumberQuery,
  n: { readonly agencyCode: string; readonly year: number; readonly seq: number },
): boolean {
  return (
    n.year === q.year &&
    (q.seq === null || n.seq === q.seq) &&
    (q.code === null || normalizeForSearch(n.agencyCode).includes(q.code))
  );
}
