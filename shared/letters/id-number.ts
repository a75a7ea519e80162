/**
 * Resident ID numbers (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit sequence and an
 * ISO 7064 MOD 11-2 check character. The check is what lets us repair OCR damage safely.
 */
import { isValidDate } from '../documents/dates';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

/** The check character (0-9 or X) for the first 17 digits, or null when they are not 17 digits. */
export function idCheckCharacter(first17: string): string | null {
  if (!/^[0-9]{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** True for an 18-character ID with a real birth date and a matching check character (x accepted for X). */
export function isValidIdNumber(id: string): boolean {
  const s = id.toUpperCase();
  if (!/^[1-9][0-9]{16}[0-9X]$/.test(s)) return false;
  const birth = s.slice(6, 14);
  if (!isValidDate(Number(birth.slice(0, 4)), Number(birth.slice(4, 6)), Number(birth.slice(6, 8)))) return false;
  return idCheckCharacter(s.slice(0, 17)) === s[17];
}

export interface FoundIdNumber {
  /** Normalised: 18 characters, upper-case X. */
  readonly id: string;
  readonly start: number;
  readonly end: number;
}

/** Glyphs OCR returns for digits inside a long number; applied only to a candidate that then validates. */
const LOOKALIKE: Readonly<Record<string, string>> = { O: '0', o: '0', D: '0', I: '1', l: '1', '|': '1' };

/** Maps a token to digits (and a final X), or null when it holds anything else. */
function toDigits(token: string): string | null {
  let out = '';
  for (const ch of token) {
    if (ch >= '0' && ch <= '9') out += ch;
    else if (LOOKALIKE[ch]) out += LOOKALIKE[ch];
    else if (ch === 'X' || ch === 'x') out += 'X';
    else return null;
  }
  return out;
}

/**
 * Every valid ID number in `text`, in order. Single spaces or dashes inside a number are OCR or typing
 * artefacts and are bridged; two or more spaces separate table columns and are not. A repaired candidate
 * (spaces joined, O read as 0) is kept only when its check character validates.
 */
export function findIdNumbers(text: string): FoundIdNumber[] {
  const out: FoundIdNumber[] = [];
  const run = /[0-9OoDIl|Xx](?:[0-9OoDIl|Xx]|[ \t-](?=[0-9OoDIl|Xx]))*/g;
  for (const m of text.matchAll(run)) {
    const base = m.index ?? 0;
    const tokens = [...m[0].matchAll(/[^ \t-]+/g)].map((t) => ({ s: t[0], at: base + (t.index ?? 0) }));
    let i = 0;
    while (i < tokens.length) {
      let acc = '';
      let found = -1;
      for (let j = i; j < tokens.length; j++) {
        const d = toDigits(tokens[j].s);
        if (d === null) break;
        acc += d;
        if (acc.length >= 18) {
          if (acc.length === 18 && isValidIdNumber(acc) && realDigits(tokens, i, j) >= 15) found = j;
          break;
        }
      }
      if (found >= 0) {
        out.push({ id: acc, start: tokens[i].at, end: tokens[found].at + tokens[found].s.length });
        i = found + 1;
      } else i++;
    }
  }
  return out;
}

/** Count of true digits in tokens i..j, so that a run of letters never passes as a repaired number. */
function realDigits(tokens: readonly { s: string }[], i: number, j: number): number {
  let n = 0;
  for (let k = i; k <= j; k++) n += tokens[k].s.replace(/[^0-9]/g, '').length;
  return n;
}
