import { isAsciiDigit, isCjkPunct, isCjkish, isHan, isLatinLetter, mapCjkRadicals } from './cjk';

/**
 * Full-width punctuation that NFKC would fold to ASCII but that is correct in Chinese text:
 * kept as is, so a PDF's ，：；（）！？ survive and OCR output only needs the ASCII ones restored.
 */
const KEEP_FULL_WIDTH = new Set(['，', '：', '；', '（', '）', '！', '？', '…']);

/** NFKC (full-width digits and letters, Kangxi radicals, compatibility ideographs) except for Chinese punctuation. */
export function nfkcKeepingChinesePunctuation(text: string): string {
  let out = '';
  let run = '';
  for (const ch of text) {
    if (KEEP_FULL_WIDTH.has(ch)) {
      out += run.normalize('NFKC') + ch;
      run = '';
    } else {
      run += ch;
    }
  }
  return out + run.normalize('NFKC');
}

const HSPACE = /[ \t\u00a0\u3000]+/gu;

/**
 * Removes horizontal spaces that Chinese text never has: between two Han characters or Chinese punctuation,
 * and between those and digits. Spaces next to Latin letters stay (`Windows 系统`, `the Word file`).
 */
function removeCjkSpaces(line: string, alsoAsciiPunct: boolean): string {
  return line.replace(HSPACE, (space, offset: number, whole: string) => {
    const before = lastChar(whole.slice(0, offset));
    const after = firstChar(whole.slice(offset + space.length));
    if (before === undefined || after === undefined) return space;
    const joinable = (ch: string): boolean =>
      isCjkish(ch) || isAsciiDigit(ch) || (alsoAsciiPunct && /[,.:;!?()[\]]/.test(ch));
    if (isCjkPunct(before) || isCjkPunct(after)) return isLatinLetter(before) && isLatinLetter(after) ? space : '';
    if (isHan(before) && joinable(after)) return '';
    if (isHan(after) && joinable(before)) return '';
    return space;
  });
}

function lastChar(s: string): string | undefined {
  const chars = Array.from(s);
  return chars[chars.length - 1];
}

function firstChar(s: string): string | undefined {
  return s.length === 0 ? undefined : String.fromCodePoint(s.codePointAt(0)!);
}

const FULL_WIDTH: Readonly<Record<string, string>> = {
  ',': '，',
  '.': '。',
  ':': '：',
  ';': '；',
  '!': '！',
  '?': '？',
  '(': '（',
  ')': '）',
};

/** Closing Chinese punctuation after which a `.` ends a sentence (`”.` → `”。`). */
const CLOSERS = new Set(['”', '’', '）', '》', '〕', '】', '」', '』']);

/**
 * ASCII punctuation next to Chinese text becomes its full-width form; numbers keep theirs
 * (`38,600`, `2019.5.7`, `10:30`, `1.` as a list marker). Parentheses are converted in matched pairs.
 */
function restoreChinesePunctuation(line: string): string {
  const chars = Array.from(line);
  const prevNonSpace = (i: number): string | undefined => {
    for (let j = i - 1; j >= 0; j--) if (chars[j] !== ' ') return chars[j];
    return undefined;
  };
  const nextNonSpace = (i: number): string | undefined => {
    for (let j = i + 1; j < chars.length; j++) if (chars[j] !== ' ') return chars[j];
    return undefined;
  };
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (!(c in FULL_WIDTH)) continue;
    const p = prevNonSpace(i);
    const n = nextNonSpace(i);
    const numeric = isAsciiDigit(chars[i - 1]) && isAsciiDigit(chars[i + 1]);
    let convert = false;
    switch (c) {
      case '.':
        // "..." is an ellipsis or leader dots, and digits around a point make a number or a date.
        convert = !numeric && p !== '.' && n !== '.' && (isHan(p) || (p !== undefined && CLOSERS.has(p)));
        break;
      case ',':
      case ':':
        convert = !numeric && (isCjkish(p) || isCjkish(n));
        break;
      case '(':
        convert = isCjkish(n) || isHan(p);
        break;
      case ')':
        convert = isCjkish(p) || isHan(n);
        break;
      default:
        convert = isCjkish(p) || isCjkish(n);
    }
    if (convert) chars[i] = FULL_WIDTH[c]!;
  }
  pairParentheses(chars);
  return chars.join('');
}

/** A matched pair with one full-width side gets both sides full-width: `(1）` → `（1）`. */
function pairParentheses(chars: string[]): void {
  const open: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '(' || c === '（') open.push(i);
    else if ((c === ')' || c === '）') && open.length > 0) {
      const j = open.pop()!;
      if (chars[j] === '（' || c === '）') {
        chars[j] = '（';
        chars[i] = '）';
      }
    }
  }
}

/** Brackets OCR confuses for 〔〕 around the year of a 文号: `[2013】238号`, `〔2019J3号` → `〔2013〕238号`. */
const DOC_NUMBER_YEAR = /[[【〔［(（{]\s*((?:19|20)\d{2})\s*(?:[\]】〕］)）}|][Jj]?|[Jj])\s*(\d{1,5})\s*号/gu;

/** `O`/`o` read for the digit 0 between digits: `2O19` → `2019`. */
const LETTER_O_IN_NUMBER = /(?<=\d)[Oo](?=\d)/gu;

/**
 * A year written in Chinese numerals (成文日期 `二〇〇四年`) where OCR read the 〇 as the letter O or the digit 0:
 * `二OO四年`, `二0一九年` → `二〇〇四年`, `二〇一九年`. Only four-character runs right before 年 that start with 一 or 二 and hold
 * at least two of 一…九 are touched; ○ (U+25CB, which many documents print) and 零 are left as written.
 */
const CHINESE_YEAR = /(?<![一二三四五六七八九〇Oo0○零\d])[一二][一二三四五六七八九〇Oo0○零]{3}(?=年)/gu;

function fixChineseYear(line: string): string {
  return line.replace(CHINESE_YEAR, (run) =>
    (run.match(/[一二三四五六七八九]/gu) ?? []).length >= 2 ? run.replace(/[Oo0]/gu, '〇') : run,
  );
}

function tidyLines(text: string, fixLine: (line: string) => string): string {
  return text
    .split('\f')
    .map((page) =>
      page
        .replace(/\r\n?/g, '\n')
        .split('\n')
        .map((l) => fixLine(l).trim())
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .replace(/^\n+|\n+$/g, ''),
    )
    .join('\f');
}

/**
 * Cleans Tesseract output of Chinese documents: NFKC (keeping Chinese punctuation), CJK radicals mapped,
 * no spaces between Chinese characters, full-width punctuation restored next to Chinese text, 文号 year
 * brackets made 〔〕, lines trimmed and runs of blank lines collapsed. Pages (\f) are kept.
 */
export function cleanOcrText(text: string): string {
  const base = mapCjkRadicals(nfkcKeepingChinesePunctuation(text));
  const once = (line: string): string => {
    let l = fixChineseYear(line.replace(LETTER_O_IN_NUMBER, '0'));
    l = removeCjkSpaces(l, true);
    l = restoreChinesePunctuation(l);
    l = removeCjkSpaces(l, false);
    return l.replace(DOC_NUMBER_YEAR, '〔$1〕$2号');
  };
  // A converted mark can make its neighbour convertible (`,(，`): repeat until nothing changes, so that
  // cleaning twice gives what cleaning once gave. Each round only widens punctuation or drops spaces.
  return tidyLines(base, (line) => {
    let current = line;
    for (let round = 0; round < 8; round++) {
      const next = once(current);
      if (next === current) break;
      current = next;
    }
    return current;
  });
}

/**
 * Normalises a PDF text layer: NFKC (keeping Chinese punctuation), CJK radicals mapped (⺠ → 民),
 * spaces between Chinese characters removed, lines trimmed. Punctuation is trusted as the PDF has it.
 */
export function normalizePdfText(text: string): string {
  const base = mapCjkRadicals(nfkcKeepingChinesePunctuation(text));
  return tidyLines(base, (line) => removeCjkSpaces(line, false));
}
