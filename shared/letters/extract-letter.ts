/**
 * Reads a petition letter (来信): who wrote it (names, ID numbers, phones, addresses, joint-letter tables),
 * to whom, what they ask for, when, and a suggested 信访 category. Rule-based, because letters follow a few
 * habitual forms (labels such as 反映人：, a salutation line, a closing 恳请… paragraph and a signature block).
 */
import { findDates } from '../documents/dates';
import { halfWidthAscii } from '../documents/ocr-chars';
import { findIdNumbers } from './id-number';
import { findPhones } from './phones';
import { findRegion, repairPlaceNames } from '../gazetteer/divisions';
import { repairTownships } from '../gazetteer/townships';

export type LetterCategory = '建议意见' | '检举控告' | '申诉求决';

export interface LetterFields {
  readonly petitioners: string[];
  readonly idNumbers: string[];
  readonly phones: string[];
  readonly addresses: string[];
  readonly region: string | null;
  readonly addressee: string | null;
  readonly request: string | null;
  readonly category: LetterCategory | null;
  /** ISO `YYYY-MM-DD`. */
  readonly letterDate: string | null;
  readonly headcount: number | null;
}

const HAN = '\\u4e00-\\u9fa5';
/** Common surnames, used only to accept a name found by a weak cue (a bare signature line, 村民XXX). */
const SURNAMES = new Set(
  (
    '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢' +
    '姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施' +
    '文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷' +
    '盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷' +
    '晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝浦'
  ).split(''),
);
const NOT_NAMES = /^(此致|敬礼|谢谢|您好|你好|附件|签名|手印|盖章|联名人|反映人|信访人)$/;

interface Hit {
  readonly value: string;
  readonly at: number;
}

function dedupe(hits: readonly Hit[]): string[] {
  const out: string[] = [];
  for (const h of [...hits].sort((a, b) => a.at - b.at)) if (!out.includes(h.value)) out.push(h.value);
  return out;
}

/** A plausible personal name: 2–4 Han characters, not a closing formula. */
function isName(s: string, needSurname: boolean): boolean {
  if (!new RegExp(`^[${HAN}·]{2,4}$`).test(s) || NOT_NAMES.test(s)) return false;
  return !needSurname || (SURNAMES.has(s[0]) && s.length <= 3);
}

/** Masks spans with spaces so later patterns (phones, dates) do not read inside an ID number. */
function mask(text: string, spans: readonly { start: number; end: number }[]): string {
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + ' '.repeat(s.end - s.start) + out.slice(s.end);
  return out;
}

interface Table {
  readonly names: Hit[];
  readonly addresses: Hit[];
  /** Offsets of the header and rows, so the request and signature searches skip them. */
  readonly start: number;
  readonly end: number;
}

function cells(line: string): string[] {
  const wide = line.trim().split(/\s{2,}|\t+/);
  return wide.length > 1 ? wide : line.trim().split(/\s+/);
}

const COMPACT_ROW = new RegExp(
  `^(?:[0-9]{1,3}[.、．]?)?([${HAN}·]{2,4}?)(?=[0-9]{6})[0-9Xx]*([${HAN}][${HAN}0-9（）()\\-－]*)?$`,
  'u',
);

/**
 * A table row OCR read without the gaps between its columns (1张建军611026…X 13950363508柞水县…三组): the serial
 * number, the name up to the digits of the ID number or phone, and what follows the last number (an address, or
 * the signature repeating the name).
 */
function compactRow(text: string): { name: string; address: string | null } | null {
  const row = text.replace(/\s+/g, '');
  const m = COMPACT_ROW.exec(row);
  if (!m || !isName(m[1], false)) return null;
  const tail = m[2] ?? '';
  return { name: m[1], address: tail && tail !== m[1] && isAddress(tail) ? tail : null };
}

/** Joint-letter tables: a header row with 姓名 and 身份证 / 电话 / 住址 / 签名, then one row per signer. */
function readTables(lines: readonly { text: string; at: number }[]): Table[] {
  const tables: Table[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header = cells(lines[i].text);
    const nameCol = header.findIndex((c) => /姓名/.test(c));
    if (nameCol < 0 || !header.some((c) => /身份证|电话|住址|地址|签名|手印/.test(c))) continue;
    const addrCol = header.findIndex((c) => /住址|地址/.test(c));
    const names: Hit[] = [];
    const addresses: Hit[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const row = cells(lines[j].text);
      const name = row[nameCol];
      if (row.length >= 2 && name !== undefined && isName(name, false)) {
        names.push({ value: name, at: lines[j].at });
        const addr = addrCol >= 0 ? row[addrCol] : undefined;
        if (addr && isAddress(addr)) addresses.push({ value: addr, at: lines[j].at });
        continue;
      }
      // The columns ran together: read the row by its numbers instead.
      const compact = compactRow(lines[j].text);
      // An address cell wrapped over two lines: OCR puts its first part on a line of its own above the row
      // (柞水县营盘镇东沟岭村 / 2刘小平6110…五组), so the row's own tail is only the rest.
      const head = lines[j].text.replace(/\s+/g, '');
      const next = j + 1 < lines.length ? compactRow(lines[j + 1].text) : null;
      if (!compact && next && !/[0-9]/.test(head) && isAddress(head)) {
        const tail = /[0-9Xx]([\u4e00-\u9fa5][\u4e00-\u9fa50-9（）()\-－]*)$/u.exec(
          lines[j + 1].text.replace(/\s+/g, ''),
        )?.[1];
        names.push({ value: next.name, at: lines[j + 1].at });
        if (next.address) addresses.push({ value: next.address, at: lines[j + 1].at });
        else if (tail && tail !== next.name) addresses.push({ value: head + tail, at: lines[j + 1].at });
        j++;
        continue;
      }
      if (!compact) break;
      names.push({ value: compact.name, at: lines[j].at });
      if (compact.address) addresses.push({ value: compact.address, at: lines[j].at });
    }
    const last = lines[j - 1];
    tables.push({ names, addresses, start: lines[i].at, end: last.at + last.text.length });
    i = j - 1;
  }
  return tables;
}

const ADDRESS_MARKS = /省|自治区|市|州|县|区|旗|镇|乡|街道|村|社区|组|路|街|小区|栋|单元|号/g;

/** True for a written address: at least two administrative or street markers. */
function isAddress(s: string): boolean {
  return (s.match(ADDRESS_MARKS) ?? []).length >= 2 && !/^(在|着|了|院|房)/.test(s);
}

const NAME_LABEL = new RegExp(
  `(?:信访人|反映人|联系人|举报人|检举人|控告人|申诉人|建议人|求助人|写信人|来信人|具名人|署名|落款)[ \\t]*[:：][ \\t]*([${HAN}·]{2,4})(?![${HAN}])`,
  'g',
);
const NAME_INTRO = new RegExp(
  `(?:我叫|我是|本人[:：]?)([${HAN}]{2,4}?)(?=[，,。；;（(\\s]|$|，?[男女]|是|现|家住|住)`,
  'g',
);
const NAME_AFTER_ROLE = new RegExp(`(?:村民|居民|群众|职工|业主|家长)([${HAN}]{2,3})(?=[，,。（(\\s])`, 'g');

function findNames(text: string, tables: readonly Table[], tail: readonly { text: string; at: number }[]): Hit[] {
  const hits: Hit[] = tables.flatMap((t) => t.names);
  for (const m of text.matchAll(NAME_LABEL)) if (isName(m[1], false)) hits.push({ value: m[1], at: m.index ?? 0 });
  for (const m of text.matchAll(NAME_INTRO))
    if (isName(m[1], !m[0].startsWith('我叫'))) hits.push({ value: m[1], at: m.index ?? 0 });
  for (const m of text.matchAll(NAME_AFTER_ROLE)) if (isName(m[1], true)) hits.push({ value: m[1], at: m.index ?? 0 });
  // A bare name on its own line near the end is a signature.
  for (const l of tail) {
    const c = l.text.replace(/\s+/g, '');
    if (isName(c, true)) hits.push({ value: c, at: l.at });
  }
  return hits;
}

const ADDRESS_LABEL =
  /(?:家庭住址|现住址|住址|地址|家住|住所|现住|住)[ \t]*[:：]?[ \t]*([^\s，,。；;：:（()）]{4,40})/g;

function findAddresses(text: string, tables: readonly Table[]): Hit[] {
  const hits: Hit[] = tables.flatMap((t) => t.addresses);
  for (const m of text.matchAll(ADDRESS_LABEL)) {
    const a = m[1].replace(/[、]+$/, '');
    if (isAddress(a)) hits.push({ value: a, at: m.index ?? 0 });
  }
  return hits;
}

/** The salutation: an early short line ending in a colon, or one that starts 尊敬的. */
function findAddressee(lines: readonly { text: string }[]): string | null {
  for (const l of lines.slice(0, 4)) {
    const t = l.text.trim();
    const m = /^(.{2,40}?)[:：]/.exec(t);
    const head = m ? m[1].trim() : t.startsWith('尊敬的') ? t.replace(/[，,！!].*$/, '') : null;
    if (!head || /身份证|电话|住址|姓名|附件|信访人|反映人/.test(head)) continue;
    if (/^尊敬的|领导|政府|信访|局|委员会|办公室|书记|县长|市长|省长|主任|纪委|监委|法院|检察院|公安/.test(head))
      return head;
  }
  return null;
}

const STRONG =
  /^(?:[^，,]{0,6}[，,])?(?:以上建议|以上|特此|为此|因此|故|现|我们|我)?(?:恳请|恳求|请求|特请|敬请|诚请|请)/;
const WEAK = /^(?:[^，,]{0,6}[，,])?(?:以上建议|以上|特此|为此|因此|故|现|我们|我)?(?:希望|要求|建议|盼望|望)/;
const GENERIC = /帮助解决|帮我们解决|早日|给予关注|不胜感激|百忙之中|盼望|得到答复|谢谢/;

/**
 * Paragraphs from lines: a scan's OCR text breaks a paragraph at the width of the page, so a line that runs
 * (nearly) the full width and does not end a sentence continues on the next line. Short lines (headings, a
 * closing wish) stand alone; a text with one paragraph per line is left as it is.
 */
export function joinWrappedLines(lines: readonly string[]): string[] {
  const lengths = lines.map((l) => [...l].length).sort((a, b) => a - b);
  const full = lengths.length > 0 ? lengths[Math.floor(lengths.length * 0.75)] : 0;
  const out: string[] = [];
  let open = false;
  for (const line of lines) {
    if (open && out.length > 0) out[out.length - 1] += line;
    else out.push(line);
    open = [...line].length >= Math.max(8, full * 0.8) && !/[。！!？?：:；;…”」]$/u.test(line);
  }
  return out;
}

/**
 * 恳 is a glyph OCR often misreads (豚请, 晨请, 明请领导): a clause that opens with one character and 请 before
 * the one asked (领导, 县政府, 市里 …) is 恳请, unless that character makes a word with 请 of its own (申请, 提请,
 * 敬请 …) or is the writer (我请).
 */
export function mendKenqing(sentence: string): string {
  return sentence.replace(
    /(^|[，,])([\u4e00-\u9fa5])请(?=领导|县|市|省|区|镇|乡|上级|政府|有关|相关|贵|您)/u,
    (all, lead: string, ch: string) =>
      /[申提邀报呈敬诚特恳函转延宴聘吁要祈奏催我你他她您再又也并还只就都才]/u.test(ch) ? all : `${lead}恳请`,
  );
}

/** The main 诉求 sentence: a sentence that opens with 恳请/请求/希望/要求/建议, specific, near the end. */
function findRequest(body: readonly string[]): string | null {
  let best: string | null = null;
  let bestScore = -Infinity;
  for (let p = 0; p < body.length; p++) {
    for (const raw of body[p].match(/[^。！!？?]+[。！!？?]?/g) ?? []) {
      const s = mendKenqing(raw.trim());
      const strong = STRONG.test(s);
      if (!strong && !WEAK.test(s)) continue;
      // Strong verbs, later paragraphs and longer (more specific) sentences win; thanks and conditionals lose.
      let score = strong ? 6 : 4;
      score += (2 * (p + 1)) / body.length;
      score += Math.min(s.length, 80) / 20;
      if (GENERIC.test(s) && s.length < 40) score -= 3;
      if (/^(如果|如|若|也|另外)/.test(s)) score -= 4;
      if (score > bestScore) {
        best = s;
        bestScore = score;
      }
    }
  }
  return best;
}

const ACCUSATION = /检举|举报|控告/;
const PERSONAL_CLAIM =
  /补偿|工资|拖欠|赔偿|讨要|欠款|退还|返还|补发|索要|低保|救助|抚恤|安置|入学|就读|侵占|占[^。]{0,4}我家|我家[^。]{0,6}(?:被|损失)|要求[^。]{0,30}解决|请求[^。]{0,30}解决/;
const SUGGESTION = /建议|意见/;

function categorise(text: string, hasRequest: boolean): LetterCategory | null {
  if (ACCUSATION.test(text)) return '检举控告';
  if (PERSONAL_CLAIM.test(text)) return '申诉求决';
  if (SUGGESTION.test(text)) return '建议意见';
  return hasRequest ? '申诉求决' : null;
}

/** `共4人` / `5名村民` said of the writers themselves. */
function explicitHeadcount(text: string): number | null {
  let best: number | null = null;
  for (const sentence of text.split(/[。！!？?\n]/)) {
    if (!/我们|联名|本人等/.test(sentence)) continue;
    for (const m of sentence.matchAll(
      /共([0-9]+|[一二三四五六七八九十]+)人|([0-9]+|[一二三四五六七八九十]+)名(?:村民|群众|农民工|职工|业主|家长)/g,
    )) {
      const n = toNumber(m[1] ?? m[2]);
      if (n !== null && (best === null || n > best)) best = n;
    }
  }
  return best;
}

function toNumber(s: string): number | null {
  if (/^[0-9]+$/.test(s)) return Number(s);
  const digits = '一二三四五六七八九';
  const m = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(s);
  if (!m || s.length === 0) return null;
  if (!m[2]) return m[1] ? digits.indexOf(m[1]) + 1 : null;
  return (m[1] ? digits.indexOf(m[1]) + 1 : 1) * 10 + (m[3] ? digits.indexOf(m[3]) + 1 : 0);
}

/** Reads every field of a petition letter from its text; fields it cannot find are empty or null. */
export function extractLetter(text: string): LetterFields {
  // Place names OCR read one character off (作水县) are put right first: addresses and 属地 use them.
  // Page numbers a scan prints in the footer (第1页共2页, - 2 -) are no part of the letter; OCR runs them into the next line.
  const norm = repairPlaceNames(halfWidthAscii(text.replace(/\r/g, '')))
    .replace(/第\s*[0-9]{1,3}\s*页\s*[，,]?\s*共\s*[0-9]{1,3}\s*页/gu, '')
    .replace(/^\s*[-—－–]\s*[0-9]{1,3}\s*[-—－–]\s*$/gmu, '');
  const ids = findIdNumbers(norm);
  const masked = mask(norm, ids);
  const lines: { text: string; at: number }[] = [];
  let at = 0;
  for (const raw of norm.split('\n')) {
    if (raw.trim().length > 0) lines.push({ text: raw, at });
    at += raw.length + 1;
  }
  const tables = readTables(lines);
  const inTable = (offset: number): boolean => tables.some((t) => offset >= t.start && offset <= t.end);

  // The body: after the salutation, before the closing (此致, labels, tables).
  const addressee = findAddressee(lines);
  const closing = lines.findIndex((l) => /^\s*(此致|附件[:：]|联名人|反映人|信访人|建议人)/.test(l.text));
  const end = closing < 0 ? lines.length : closing;
  const body = lines
    .slice(0, end)
    .filter((l, i) => i > 0 && !inTable(l.at) && !/^\s*\S{0,20}[:：]\s*\S{0,20}$/.test(l.text))
    .map((l) => l.text.trim());
  const tail = lines.slice(Math.max(end, lines.length - 8)).filter((l) => !inTable(l.at));

  const petitioners = dedupe(findNames(masked, tables, tail));
  const request = findRequest(joinWrappedLines(body));
  const explicit = explicitHeadcount(norm);
  const counted = petitioners.length > 0 ? petitioners.length : null;
  const dates = findDates(masked);
  return {
    petitioners,
    idNumbers: ids.map((i) => i.id).filter((id, i, all) => all.indexOf(id) === i),
    phones: findPhones(masked).map((p) => p.phone),
    // A township one character off the county's list (汲家镇 in 郸城县) is put right with the township gazetteer.
    addresses: dedupe(findAddresses(masked, tables).map((h) => ({ ...h, value: repairTownships(h.value, norm) }))),
    region: findRegion(norm),
    addressee,
    request,
    category: norm.trim().length === 0 ? null : categorise(norm, request !== null),
    letterDate: dates.length > 0 ? dates[dates.length - 1].iso : null,
    headcount: explicit !== null && (counted === null || explicit > counted) ? explicit : counted,
  };
}
