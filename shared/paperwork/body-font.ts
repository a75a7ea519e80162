/**
 * Which characters the body font can print. 仿宋_GB2312 (and 方正小标宋简体) cover the GB 2312 set; a name with a
 * rarer character (e.g. 堃, 𠈌) would come out as an empty box or in a substitute font on the office's printer,
 * so generation stops and says which character in which field. The set is decoded from the GB 2312 byte range
 * with the platform's GBK decoder (WHATWG encoding, present in Node and every browser) instead of a table.
 */

let gb2312: Set<number> | null = null;

function gb2312Set(): Set<number> {
  if (gb2312) return gb2312;
  const set = new Set<number>();
  const decoder = new TextDecoder('gbk');
  const bytes = new Uint8Array(2);
  // GB 2312 rows 1–9 (symbols) and 16–87 (hanzi); rows 10–15 are unassigned in GB 2312 (GBK puts other things there).
  for (let hi = 0xa1; hi <= 0xf7; hi++) {
    if (hi >= 0xaa && hi <= 0xaf) continue;
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      bytes[0] = hi;
      bytes[1] = lo;
      const ch = decoder.decode(bytes);
      const cp = ch.codePointAt(0)!;
      if (ch.length === 1 && cp !== 0xfffd && !(cp >= 0xe000 && cp <= 0xf8ff)) set.add(cp);
    }
  }
  gb2312 = set;
  return set;
}

/** Printable ASCII and whitespace the layout handles itself. */
const isBasic = (cp: number) => (cp >= 0x20 && cp <= 0x7e) || cp === 0x0a;

/** Characters outside the body font, each once, in order of appearance. */
export function charsOutsideBodyFont(text: string): string[] {
  const set = gb2312Set();
  const bad: string[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (isBasic(cp) || set.has(cp)) continue;
    // A few punctuation marks of daily 公文 use whose GB 2312 code point differs between mappings.
    if (cp === 0x2014 || cp === 0x2015 || cp === 0x00b7 || cp === 0x30fb || cp === 0x2026 || cp === 0x3000) continue;
    if (!bad.includes(ch)) bad.push(ch);
  }
  return bad;
}

/** Control and invisible characters that never belong in a 公文 (they break the .docx XML or print nothing). */
export function controlChars(text: string): string[] {
  const bad: string[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const isControl = (cp < 0x20 && cp !== 0x0a && cp !== 0x09) || (cp >= 0x7f && cp <= 0x9f);
    const isInvisible =
      cp === 0xfeff ||
      (cp >= 0x200b && cp <= 0x200f) ||
      (cp >= 0xd800 && cp <= 0xdfff) ||
      cp === 0xfffe ||
      cp === 0xffff;
    if ((isControl || isInvisible) && !bad.includes(ch)) bad.push(ch);
  }
  return bad;
}

/** `U+5803 “堃”` for a message. */
export const describeChar = (ch: string) =>
  `“${ch}”（U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}）`;
