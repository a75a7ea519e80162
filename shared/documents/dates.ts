/**
 * Chinese dates in 公文: `2022年5月7日`, `二〇二二年五月七日`, `2022.5.7`, `2022-05-07`, with the
 * spaces and glyph swaps OCR adds, and the 成文日期 of a document, which a red seal often covers.
 */
import { compact, isHan, trimEnd } from './ocr-chars';

export interface FoundDate {
  /** ISO `YYYY-MM-DD`. */
  readonly iso: string;
  readonly index: number;
  readonly raw: string;
}

export interface SigningDateOptions {
  /** Years the document is known to belong to (the 文号 year first): used to restore a year whose digits a seal covered. */
  readonly yearHints?: readonly number[];
}

const CN_DIGIT: Readonly<Record<string, number>> = {
  〇: 0,
  零: 0,
  '○': 0,
  O: 0,
  o: 0,
  Q: 0,
  D: 0,
  '0': 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
/** Glyphs OCR returns for Arabic digits in a date (a damaged 6 as б, 0 as O …). */
const AR_DIGIT: Readonly<Record<string, number>> = {
  O: 0,
  o: 0,
  Q: 0,
  D: 0,
  I: 1,
  l: 1,
  '|': 1,
  ']': 1,
  Z: 2,
  z: 2,
  б: 6,
  B: 8,
};

const MIN_YEAR = 1900;
const MAX_YEAR = 2099;

/** True when y-m-d is a real calendar day. */
export function isValidDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** `YYYY-MM-DD`, or null for an impossible date. */
export function toIso(y: number, m: number, d: number): string | null {
  if (!isValidDate(y, m, d)) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 一 … 三十一 (also 廿 / 卅, and 十 alone); null when `s` is not a Chinese number below 100. */
export function parseChineseNumber(s: string): number | null {
  if (s.length === 0) return null;
  const t = s.replace(/廿/g, '二十').replace(/卅/g, '三十');
  const m = /^(?<tens>[一二三四五六七八九]?)十(?<ones>[一二三四五六七八九]?)$/.exec(t);
  if (m?.groups) {
    const tens = m.groups.tens ? CN_DIGIT[m.groups.tens] : 1;
    const ones = m.groups.ones ? CN_DIGIT[m.groups.ones] : 0;
    return tens * 10 + ones;
  }
  if (t.length === 1 && CN_DIGIT[t] !== undefined && CN_DIGIT[t] > 0 && !/[OoQD0]/.test(t)) return CN_DIGIT[t];
  return null;
}

function arabic(s: string): number | null {
  let out = '';
  for (const ch of s) {
    if (ch >= '0' && ch <= '9') out += ch;
    else if (ch >= '０' && ch <= '９') out += String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
    else if (AR_DIGIT[ch] !== undefined) out += String(AR_DIGIT[ch]);
    else return null;
  }
  // A number made only of look-alikes is not a number.
  if (!/[0-9０-９]/.test(s)) return null;
  return out.length > 0 ? Number(out) : null;
}

function chineseYear(s: string): number | null {
  if (s.length !== 4) return null;
  let out = 0;
  for (const ch of s) {
    const v = CN_DIGIT[ch];
    if (v === undefined) return null;
    out = out * 10 + v;
  }
  return out;
}

/** Parses one date expression (the whole string, spaces allowed); null when it is not a valid date. */
export function parseChineseDate(raw: string): string | null {
  const s = compact(raw).replace(/[．。]/g, '.');
  let m = /^(?<y>[^年]{4})年(?<m>[^月]{1,3})月(?<d>[^日]{1,4})[日号]$/.exec(s);
  if (m?.groups) {
    const { y, m: mo, d } = m.groups;
    if (/^[0-9０-９OoQDIl|Zzб]{4}$/.test(y)) {
      const yy = arabic(y);
      const mm = arabic(mo);
      const dd = arabic(d);
      if (yy !== null && mm !== null && dd !== null) return toIso(yy, mm, dd);
      return null;
    }
    const yy = chineseYear(y);
    const mm = parseChineseNumber(mo);
    const dd = parseChineseNumber(d);
    if (yy !== null && mm !== null && dd !== null) return toIso(yy, mm, dd);
    return null;
  }
  m = /^(?<y>\d{4})[./-](?<m>\d{1,2})[./-](?<d>\d{1,2})$/.exec(s);
  if (m?.groups) return toIso(Number(m.groups.y), Number(m.groups.m), Number(m.groups.d));
  return null;
}

const AR = '[0-9０-９OoQDIl|Zzб]';
const CN = '[〇零○OoQD0一二三四五六七八九]';
const SP = '[ \\t\\u3000]*';
const DATE_RE = new RegExp(
  [
    // Arabic: 2022年5月7日, with OCR spaces (2013 年 11 月 16 日).
    `(?<![0-9])(?:${AR}${SP}){3}${AR}${SP}年${SP}${AR}(?:${SP}${AR})?${SP}月${SP}${AR}(?:${SP}${AR})?${SP}日`,
    // Chinese numerals: 二〇二二年五月七日.
    `(?:${CN}${SP}){3}${CN}${SP}年${SP}[一二三四五六七八九十]{1,2}${SP}月${SP}[一二三四五六七八九十廿卅]{1,3}${SP}日`,
    // Dotted / dashed: 2022.5.7, 2022-05-07, 2022/5/7.
    `(?<![0-9.\\-/])(?:19|20)\\d{2}([./-])\\d{1,2}\\1\\d{1,2}(?![0-9])`,
  ].join('|'),
  'gu',
);

/** Every valid full date in `text`, in order. */
export function findDates(text: string): FoundDate[] {
  const out: FoundDate[] = [];
  for (const m of text.matchAll(DATE_RE)) {
    const raw = m[0];
    // A Chinese-numeral year must contain a real Chinese numeral, else "OOOO年" would pass.
    const iso = parseChineseDate(raw);
    if (iso) out.push({ iso, index: m.index ?? 0, raw });
  }
  return out;
}

/** A year segment whose digits are partly unreadable: each entry a digit or null. */
type Digits = (number | null)[];

function yearDigits(seg: string): { digits: Digits; chinese: boolean } {
  const chinese = /[〇零○一二三四五六七八九]/.test(seg);
  const digits: Digits = [];
  for (const ch of seg) {
    if (chinese) digits.push(CN_DIGIT[ch] ?? null);
    else if (ch >= '0' && ch <= '9') digits.push(Number(ch));
    else digits.push(AR_DIGIT[ch] ?? null);
  }
  return { digits, chinese };
}

/**
 * Restores a year from its readable digits: one unreadable digit is solved by the valid range, shorter
 * remains by the hints. A restored year more than one year away from the first hint (the 文号 year) is
 * rejected: a document is signed in the year it is numbered, give or take New Year.
 */
function restoreYear(digits: Digits, hints: readonly number[]): number | null {
  const y = restoreYearDigits(digits, hints);
  if (y === null || hints.length === 0) return y;
  return Math.abs(y - hints[0]) <= 1 ? y : null;
}

function restoreYearDigits(digits: Digits, hints: readonly number[]): number | null {
  let d = digits;
  // Drop leading unreadable characters beyond four (specks before the year).
  while (d.length > 4 && d[0] === null) d = d.slice(1);
  if (d.length > 4) return null;
  const known = d.filter((x) => x !== null).length;
  if (d.length === 4 && known === 4) {
    const y = Number(d.join(''));
    if (y >= MIN_YEAR && y <= MAX_YEAR) return y;
    // One digit misread (4010): the single substitution that gives a plausible year, else the hint.
    const options = new Set<number>();
    for (let k = 0; k < 4; k++)
      for (let v = 0; v <= 9; v++) {
        const alt = Number(d.map((x, i) => (i === k ? v : x)).join(''));
        if (alt >= MIN_YEAR && alt <= MAX_YEAR) options.add(alt);
      }
    if (options.size === 1) return [...options][0];
    const hinted = [...options].filter((o) => hints.includes(o));
    return hinted.length === 1 ? hinted[0] : null;
  }
  // Three readable digits: the fourth (lost or covered) is whatever makes a plausible year.
  if (known >= 3) {
    const padded: Digits = d.length === 4 ? d : [null, ...d];
    const options: number[] = [];
    for (let v = 0; v <= 9; v++) {
      const y = Number(padded.map((x) => (x === null ? v : x)).join(''));
      if (y >= MIN_YEAR && y <= MAX_YEAR) options.push(y);
    }
    if (options.length === 1) return options[0];
    const hinted = options.filter((y) => hints.includes(y));
    return hinted.length === 1 ? hinted[0] : null;
  }
  // Fewer: only a hint (the 文号 year) whose last digits match what is left (九六 of 1996, 七 of 1997) restores it.
  const suffix = [];
  for (let k = d.length - 1; k >= 0 && d[k] !== null; k--) suffix.unshift(d[k]);
  if (suffix.length < 1) return null;
  const tail = suffix.join('');
  const match = hints.filter((y) => String(y).endsWith(tail));
  return match.length > 0 ? match[0] : null;
}

/**
 * Tolerant parse of a date line damaged by a seal: `023年6月2日`, `&018年12月4日`,
 * `二QQ四年十二月十七日`, `2023年5月10` (日 covered), `6月23已`. Month and day must stay
 * readable; the numeral style (Arabic or Chinese) must be the same in all three parts.
 */
export function parseDamagedDate(line: string, options: SigningDateOptions = {}): string | null {
  const s = trimEnd(compact(withoutSpecks(line)).replace(/印发$/, ''), /[^\p{Script=Han}0-9]/u);
  const exact = findDates(s);
  if (exact.length > 0) return exact[exact.length - 1].iso;
  const m = /(?<y>[^年]{1,6})年(?<m>[^年月]{1,3})月(?<d>[^月]{1,4})$/u.exec(s);
  if (!m?.groups) return null;
  const yearSeg = [...m.groups.y].slice(-4).join('');
  const { digits, chinese } = yearDigits(yearSeg);
  const year = restoreYear(digits, options.yearHints ?? []);
  if (year === null) return null;
  // The day may end with 日, a glyph that stands for it, or nothing (covered).
  let daySeg = m.groups.d;
  const last = daySeg.slice(-1);
  const dayDigit = chinese ? /[一二三四五六七八九十廿卅]/ : /[0-9\]Il|]/;
  if (!dayDigit.test(last)) daySeg = daySeg.slice(0, -1);
  if (daySeg.length === 0) return null;
  // Between 年, 月 and 日 a ] or l can only be a damaged 1 (019年3月]日).
  const loose = (x: string) => [...x].map((c) => (AR_DIGIT[c] !== undefined ? String(AR_DIGIT[c]) : c)).join('');
  const arabicPart = (x: string) => (/^[0-9]{1,2}$/.test(loose(x)) ? Number(loose(x)) : null);
  const month = chinese ? mendChineseNumber(m.groups.m) : arabicPart(m.groups.m);
  const day = chinese ? mendChineseNumber(daySeg) : arabicPart(daySeg);
  if (month === null || day === null) return null;
  return toIso(year, month, day);
}

/**
 * A Chinese-numeral day or month with one unreadable character where only 十 can stand: the middle of
 * three (二X五 → 二十五) or the second of two after 二 / 三 (三X → 三十), because 二五 or 三一 is no
 * Chinese number. 十 is the thinnest numeral and the one a seal most often covers.
 */
export function mendChineseNumber(seg: string): number | null {
  const direct = parseChineseNumber(seg);
  if (direct !== null) return direct;
  const c = [...seg];
  const digit = /[一二三四五六七八九]/;
  const numeral = /[〇零一二三四五六七八九十廿卅]/;
  if (c.length === 3 && /[一二三]/.test(c[0]) && digit.test(c[2]) && !numeral.test(c[1]))
    return parseChineseNumber(c[0] + '十' + c[2]);
  if (c.length === 2 && /[二三]/.test(c[0]) && !numeral.test(c[1])) return parseChineseNumber(c[0] + '十');
  return null;
}

/** Lines of the 版记 (抄送, 印发) and notes that follow the 成文日期; dates in them are not the signing date. */
const BANJI = /^(抄送|抄报|主送|印发|主题词|分送|发至|附注)|印发$/;

/**
 * True for a short line that holds a date and little else — the 成文日期 line, even when a seal left
 * only `019年1月9日` or `2022年弹j25日`.
 */
export function isDateLine(line: string): boolean {
  // Specks at either end (，2016年1月29日。) are not punctuation of a sentence.
  const s = trimEnd(
    compact(withoutSpecks(line)).replace(/^[，。、,.'"“”|:：;；\-_~]+/u, ''),
    /[，。、,.'"“”|:：;；\-_~]/u,
  );
  if (s.length === 0 || s.length > 22) return false;
  if (/[，。；：:;]/.test(s) || BANJI.test(s)) return false;
  const m = /^(?<pre>.*?)(?<y>[0-9OoQDIl|&〇零○一二三四五六七八九]{1,4})年(?<post>.{1,7})$/u.exec(s);
  if (!m?.groups) return false;
  // A signature may share the line; prose may not (于2019年…, …日前).
  if (/[于在至自到截止的]$/.test(m.groups.pre)) return false;
  if (/日[前后起止至以]/.test(m.groups.post)) return false;
  return /[月日]/.test(m.groups.post);
}

/** Drops whitespace-separated bits with neither Han nor digits: specks a scan leaves around a date (，  ，  e016年…  .). */
function withoutSpecks(line: string): string {
  return line
    .split(/[\s\u3000]{2,}/)
    .filter((seg) => /[\p{Script=Han}0-9]/u.test(seg))
    .join(' ');
}

/** A line that ends with a date whose beginning is a name (署名 and 成文日期 on one line), never prose. */
function dateAtLineEnd(line: string): FoundDate | null {
  const dates = findDates(line);
  if (dates.length === 0) return null;
  const last = dates[dates.length - 1];
  const before = compact(line.slice(0, last.index));
  const after = compact(line.slice(last.index + last.raw.length));
  if (after.length > 2 || /[，。；：:;]/.test(before)) return null;
  if (/[于在至自从到截止前后的]$/.test(before)) return null;
  if (before.length > 40 || [...before].filter(isHan).length !== [...before].length) return null;
  return last;
}

/**
 * The 成文日期: the first date line after the start of the body that is not in the 版记. The first, not the
 * last, because a 转发 or 印发 notice carries the forwarded document (with its own date) after its own.
 * Returns the line index too, so callers can read the 署名 above it.
 */
export function locateSigningDate(
  lines: readonly string[],
  from = 0,
  options: SigningDateOptions = {},
): { iso: string | null; line: number } | null {
  for (let i = Math.max(0, from); i < lines.length; i++) {
    const line = lines[i];
    if (BANJI.test(compact(line))) continue;
    if (isDateLine(line)) return { iso: parseDamagedDate(line, options), line: i };
    const end = dateAtLineEnd(line);
    if (end && compact(line).length <= 40) return { iso: end.iso, line: i };
  }
  return null;
}

/** The 成文日期 of a whole OCR text (pages split by \f, lines by \n) as ISO, or null. */
export function findSigningDate(text: string, options: SigningDateOptions = {}): string | null {
  const lines = text.split(/[\n\f]/);
  return locateSigningDate(lines, 0, options)?.iso ?? null;
}
