/** Mainland phone numbers in a letter: 11-digit mobiles and landlines with their area code. */

export interface FoundPhone {
  /** A mobile as its 11 digits, a landline as `区号-号码`. */
  readonly phone: string;
  readonly start: number;
}

/** A mobile (1[3-9] + 9 digits); a single space or dash may sit between any two digits (138 1234 5678). */
const MOBILE = /(?<![0-9])1[3-9](?:[ -]?[0-9]){9}(?![0-9])/g;
/** A landline: 010 / 02X + 8 digits or 0XXX + 7–8 digits, the area code optionally in brackets. */
const LANDLINE = /(?<![0-9])[(（]?(0(?:10|2[0-9]|[3-9][0-9]{2}))[)）]?[ -]?([0-9](?:[ -]?[0-9]){6,7})(?![0-9])/g;

/** Every phone number in `text` (ID numbers should be masked out first), in order, without repeats. */
export function findPhones(text: string): FoundPhone[] {
  const found: FoundPhone[] = [];
  for (const m of text.matchAll(MOBILE)) found.push({ phone: m[0].replace(/[ -]/g, ''), start: m.index ?? 0 });
  for (const m of text.matchAll(LANDLINE)) {
    const area = m[1];
    const number = m[2].replace(/[ -]/g, '');
    // Three-digit area codes (010, 02X) go with 8-digit numbers.
    if (area.length === 3 && number.length !== 8) continue;
    found.push({ phone: `${area}-${number}`, start: m.index ?? 0 });
  }
  found.sort((a, b) => a.start - b.start);
  const seen = new Set<string>();
  return found.filter((p) => !seen.has(p.phone) && seen.add(p.phone));
}
