/**
 * 发文字号 (文号): find, repair and normalise to the GB/T 9704 form `机关代字〔YYYY〕N号`.
 * OCR mangles the 六角括号 into [ ] 【 】 ( ) J I l | C, and digits into O / I / l; the rules
 * here rely on the fixed shape "code, bracket, 4-digit year, bracket, number, 号" instead of on
 * any particular document.
 */
import { DIGIT_LOOKALIKES, isHan } from './ocr-chars';

export interface FoundDocNumber {
  /** Normalised form, e.g. 国办发〔2019〕3号. */
  readonly value: string;
  /** Offset of `raw` in the searched text. */
  readonly index: number;
  /** The text as it stood, from the first character of the 机关代字 to 号. */
  readonly raw: string;
}

export interface ParsedDocNumber {
  readonly agencyCode: string;
  readonly year: number;
  readonly seq: number;
}

const OPEN = '[〔［\\[【(（{｛〈<「『〖Cc]';
const YEAR_CH = '[0-9OoQDIl|]';
const CLOSE_HEAD = '[〕］\\]】)）}｝〉>」』〗JjIl|]';
/** Glyphs that can only be a bracket: a cluster of them (with J / j) needs no space before the number (]】88号, ]j25号). */
const HARD_CLOSE = '[〕］\\]】)）}｝〉>」』〗]';
const CLOSE_TAIL = '[〕］\\]】)）}｝〉>」』〗JjIl|1]';
const SEQ_CH = '[0-9OoIl|\\]]';
const GAP = '[ \\t\\u3000]*';
const WS = '[\\s\\u3000]';
/** One speck OCR puts at the start of a wrapped line (。 14号). */
const SPECK = '[。，、.,\'"“”]';

/**
 * The bracket-year-bracket-number-号 core. Three shapes of the closing side:
 * a bracket cluster followed by whitespace (`]j 25号`, `I1 3 号`: the whole cluster is the bracket),
 * a cluster of unmistakable brackets directly before the number (`]】88号`, `]j25号`), or
 * a single bracket glyph directly before the number (`J1号`).
 */
const CORE = new RegExp(
  // OCR doubles an opening bracket (【〔2008〕).
  `(?<open>${OPEN}(?:${GAP}${OPEN})?)?${GAP}(?<year>(?:${YEAR_CH}${GAP}){3}${YEAR_CH})${GAP}` +
    `(?:(?<closeA>${CLOSE_HEAD}${CLOSE_TAIL}*)${WS}+(?:${SPECK}${WS}+)?(?<seqA>${SEQ_CH}(?:${GAP}${SEQ_CH}){0,4})` +
    `|(?<closeC>${HARD_CLOSE}(?:${HARD_CLOSE}|[Jj])+)(?<seqC>${SEQ_CH}(?:${GAP}${SEQ_CH}){0,4})` +
    `|(?<closeB>${CLOSE_HEAD})?${GAP}(?<seqB>${SEQ_CH}(?:${GAP}${SEQ_CH}){0,4}))` +
    `${WS}*号`,
  'gu',
);

/** Characters after which prose ends and a 机关代字 begins (以中发〔2022〕11号, 根据国发〔…〕). */
const CODE_CUT = new Set([...'以按照据依即见和及与或并的了是为在将经由对把被从自向同如称等号']);
const MAX_CODE = 8;

function mapDigits(s: string): string | null {
  let out = '';
  for (const ch of s) {
    if (/\s|\u3000/.test(ch)) continue;
    if (ch >= '0' && ch <= '9') out += ch;
    else if (DIGIT_LOOKALIKES[ch] !== undefined) out += DIGIT_LOOKALIKES[ch];
    else return null;
  }
  return out;
}

/** Walks back from the bracket to collect the 机关代字: Han characters on the same line, or the end of the previous line when the bracket starts a line. */
function codeBefore(text: string, at: number): { code: string; start: number } | null {
  let i = at - 1;
  while (i >= 0 && /[ \t\u3000]/.test(text[i])) i--;
  if (i >= 0 && text[i] === '\n') {
    // The bracket opens its line: the code ended the previous one (a wrapped 文号).
    i--;
    while (i >= 0 && /[ \t\u3000\r]/.test(text[i])) i--;
  }
  const chars: { ch: string; at: number }[] = [];
  // Only the last MAX_CODE characters after a cut can be kept, so the walk stops soon after them.
  while (i >= 0 && chars.length <= 2 * MAX_CODE) {
    const ch = text[i];
    if (isHan(ch) && ch !== '〇') {
      chars.unshift({ ch, at: i });
      i--;
    } else if (ch === ' ' && chars.length > 0 && i > 0 && isHan(text[i - 1])) {
      // One OCR space inside the code (国 办发).
      i--;
    } else break;
  }
  let cut = -1;
  chars.forEach((c, k) => {
    if (CODE_CUT.has(c.ch)) cut = k;
  });
  const kept = chars.slice(cut + 1).slice(-MAX_CODE);
  if (kept.length === 0) return null;
  return { code: kept.map((c) => c.ch).join(''), start: kept[0].at };
}

/** Every 文号 in `text`, in order of appearance, normalised. */
export function findDocNumbers(text: string): FoundDocNumber[] {
  const out: FoundDocNumber[] = [];
  for (const m of text.matchAll(CORE)) {
    const g = m.groups ?? {};
    const open = g.open;
    const close = g.closeA ?? g.closeC ?? g.closeB;
    // A bare "2019 3号" is a date or a count, not a 文号.
    if (!open && !close) continue;
    const year = mapDigits(g.year ?? '');
    if (!year || year.length !== 4) continue;
    const y = Number(year);
    if (y < 1900 || y > 2099) continue;
    const seqRaw = g.seqA ?? g.seqC ?? g.seqB ?? '';
    const seq = mapDigits(seqRaw);
    if (!seq || Number(seq) === 0) continue;
    const idx = m.index ?? 0;
    const code = codeBefore(text, idx);
    if (!code) continue;
    const end = idx + m[0].length;
    out.push({ value: `${code.code}〔${year}〕${seq}号`, index: code.start, raw: text.slice(code.start, end) });
  }
  return out;
}

/** The normalised form of the first 文号 in `raw`, or null when there is none. */
export function normalizeDocNumber(raw: string): string | null {
  return findDocNumbers(raw)[0]?.value ?? null;
}

const NORMALISED = /^(?<code>\p{Script=Han}+)〔(?<year>\d{4})〕(?<seq>\d+)号$/u;

/** Splits a 文号 (raw or normalised) into its parts; null when it is not one. */
export function parseDocNumber(n: string): ParsedDocNumber | null {
  const value = NORMALISED.test(n) ? n : normalizeDocNumber(n);
  if (!value) return null;
  const m = NORMALISED.exec(value);
  if (!m?.groups) return null;
  return { agencyCode: m.groups.code, year: Number(m.groups.year), seq: Number(m.groups.seq) };
}

const collator = new Intl.Collator('zh-Hans-CN');

/** Orders 文号 by 机关代字 (pinyin order), then year, then number; unparseable ones last, by text. */
export function compareDocNumbers(a: string, b: string): number {
  const pa = parseDocNumber(a);
  const pb = parseDocNumber(b);
  if (!pa || !pb) {
    if (pa) return -1;
    if (pb) return 1;
    return collator.compare(a, b);
  }
  return collator.compare(pa.agencyCode, pb.agencyCode) || pa.year - pb.year || pa.seq - pb.seq;
}
