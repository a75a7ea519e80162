/** Character-level helpers for OCR text of 公文: what is Han, what is noise, which glyphs OCR swaps. */

const HAN = /\p{Script=Han}/u;

/** True for one CJK ideograph (〇 included: it is the Chinese-numeral zero). */
export function isHan(ch: string): boolean {
  return HAN.test(ch) || ch === '〇';
}

/** Number of Han characters in `s`. */
export function countHan(s: string): number {
  let n = 0;
  for (const ch of s) if (isHan(ch)) n++;
  return n;
}

/** Removes every kind of whitespace, incl. the ideographic space OCR and typesetting put between joint bodies. */
export function compact(s: string): string {
  return s.replace(/[\s\u3000\u00a0]+/g, '');
}

/**
 * Latin and other glyphs that OCR returns for an Arabic digit, used only where the context
 * already says "a number stands here" (inside a 文号 or a date).
 */
export const DIGIT_LOOKALIKES: Readonly<Record<string, string>> = {
  O: '0',
  o: '0',
  Q: '0',
  D: '0',
  〇: '0',
  '○': '0',
  I: '1',
  l: '1',
  '|': '1',
  i: '1',
  ']': '1',
  '!': '1',
  Z: '2',
  z: '2',
  б: '6',
  B: '8',
  g: '9',
  q: '9',
};

/**
 * Reads ] | l I as the digit 1 and O o as 0 where they stand inside a number (201]年 → 2011年,
 * 2O19年 → 2019年): after a digit and before a digit or a counter word.
 */
export function digitsInContext(s: string): string {
  const counter = '[0-9年月日号届次个项条名人万亿元]';
  return s
    .replace(new RegExp(`(?<=[0-9])[\\]|lI](?=${counter})`, 'gu'), '1')
    .replace(new RegExp(`(?<=[0-9])[Oo](?=${counter})|(?<=[0-9]{2})[Oo](?![A-Za-z])`, 'gu'), '0');
}

/** Full-width ASCII (Ｆ, ２, ：) to half-width, leaving CJK punctuation such as 〔〕《》“” alone. */
export function halfWidthAscii(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => {
    // Keep the full-width punctuation that Chinese text uses as such.
    if ('（），：；！？'.includes(c)) return c;
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
}

/**
 * Puts Chinese punctuation back where OCR returned ASCII look-alikes next to Chinese text
 * (titles, addressees): ( ) : ; , and the angle brackets 〈〉 that OCR reads for （） — except
 * inside 《》, where 〈〉 are the nested book-title marks (《关于印发〈方案〉的通知》).
 */
export function chinesePunctuation(s: string): string {
  let depth = 0;
  let openQuote = true;
  let out = '';
  for (const ch of s) {
    if (ch === '《') depth++;
    else if (ch === '》') depth = Math.max(0, depth - 1);
    if (ch === '(' || (ch === '〈' && depth === 0)) out += '（';
    else if (ch === ')' || (ch === '〉' && depth === 0)) out += '）';
    else if (ch === ':') out += '：';
    else if (ch === ';') out += '；';
    else if (ch === ',') out += '，';
    else if (ch === '"') {
      // Straight double quotes alternate open / close.
      out += openQuote ? '“' : '”';
      openQuote = !openQuote;
    } else out += ch;
  }
  return out;
}

/** A 《 whose next closing mark is ）, not 》, is a （ OCR misread (来信《复印件）). */
export function mendMismatched(s: string): string {
  const chars = [...s];
  chars.forEach((ch, i) => {
    if (ch !== '《') return;
    const next = chars.slice(i + 1).find((c) => c === '》' || c === '）' || c === '《' || c === '（');
    if (next === '）') chars[i] = '（';
  });
  return chars.join('');
}

/** Drops unpaired “ ” 《 》 （ ） that OCR adds from specks and rules, keeping balanced pairs. */
export function dropUnpaired(
  s: string,
  pairs: readonly (readonly [string, string])[] = [
    ['“', '”'],
    ['《', '》'],
    ['（', '）'],
    ['〈', '〉'],
  ],
): string {
  const chars = [...mendMismatched(s)];
  const drop = new Set<number>();
  for (const [open, close] of pairs) {
    const stack: number[] = [];
    chars.forEach((ch, i) => {
      if (ch === open) stack.push(i);
      else if (ch === close) {
        if (stack.length > 0) stack.pop();
        else drop.add(i);
      }
    });
    for (const i of stack) drop.add(i);
  }
  return chars.filter((_, i) => !drop.has(i)).join('');
}

/**
 * Drops the characters at the end of `s` that match the one-character pattern `junk`. A loop from the end,
 * not `/[…]+$/`, which backtracks quadratically over a long run of such characters before a kept one.
 */
export function trimEnd(s: string, junk: RegExp): string {
  const chars = [...s];
  let end = chars.length;
  while (end > 0 && junk.test(chars[end - 1])) end--;
  return end === chars.length ? s : chars.slice(0, end).join('');
}

/** Strips leading / trailing characters that are never part of a name: specks, quotes, rules, stray Latin. */
export function trimNoise(s: string): string {
  return trimEnd(s.replace(/^[^\p{Script=Han}（(《“〔]+/u, ''), /[^\p{Script=Han}）)》”〕0-9]/u);
}
