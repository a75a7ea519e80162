/**
 * Reads the GB/T 9704 elements of a 公文 from its OCR text (pages split by \f, lines by \n).
 * Layout-driven: 版头 (发文机关标志, 文号) → 标题 → 主送 → 正文 → 署名 and 成文日期 → 版记.
 * Every element that appears more than once (the body name in the 版头, the title and the 署名)
 * is read from all its occurrences and repaired by vote, because seals and red ink damage each
 * occurrence differently.
 */
import {
  EMPTY_FIELDS,
  XINFANG_FORMS,
  type DocumentAnalysis,
  type DocumentFields,
  type DocumentKind,
  type MaterialFields,
} from './fields';
import { findDeadlines } from './deadlines';
import { createBodyRegistry, type BodyRegistry } from '../gazetteer/issuing-bodies';
import {
  allDivisions,
  divisionsNamed,
  placeContext,
  repairPlaceNames,
  type PlaceContext,
} from '../gazetteer/divisions';
import { findDocNumbers, parseDocNumber, type FoundDocNumber } from './doc-number';
import { findDates, locateSigningDate, parseDamagedDate } from './dates';
import {
  bigramCounts,
  cleanBodyCandidate,
  containsApprox,
  crossCheckBody,
  isBodyName,
  provinceOf,
  repairBodyName,
  repairSuffix,
  splitBodies,
} from './bodies';
import { HAN_LOOKALIKES, docTypeFromBody, repairTitleEnding } from './doc-type';
import {
  chinesePunctuation,
  compact,
  countHan,
  digitsInContext,
  dropUnpaired,
  halfWidthAscii,
  trimEnd,
} from './ocr-chars';

interface Line {
  readonly page: number;
  /** The line as OCR returned it (full-width ASCII folded). */
  readonly text: string;
  /** Without whitespace. */
  readonly c: string;
  /** Offset of the line in the joined text. */
  readonly offset: number;
}

const TITLE_MARKERS = /关于|转发|印发|批转/;
const URGENCY = /(特急|加急|特提|平急)/;
const CLASSIFICATION = /(绝密|机密|秘密)(★\s*[0-9一二三四五六七八九十]+\s*年)?/;

/** Splits the OCR text into non-empty lines, remembering page and offset. */
function toLines(text: string): { lines: Line[]; joined: string } {
  const normalised = halfWidthAscii(text.replace(/\r/g, ''));
  const pages = normalised.split('\f');
  const lines: Line[] = [];
  let joined = '';
  pages.forEach((page, p) => {
    for (const raw of page.split('\n')) {
      const offset = joined.length;
      joined += raw + '\n';
      const c = compact(raw);
      if (c.length > 0) lines.push({ page: p, text: raw, c, offset });
    }
  });
  return { lines, joined };
}

/** A line with (almost) no text: specks, page numbers (— 3 —), the red rule read as 一-一. */
function isNoise(line: Line, strict = true): boolean {
  const stripped = line.c.replace(/[一—\-_~=.。，,、·'"“”|]/g, '');
  const han = countHan(stripped);
  if (han < 2) return true;
  return strict && han / [...line.c].length < 0.4;
}

/** A short line that is probably a 文号 OCR could not read (国允多昌2019 二是, 定政办发 207 46生). */
function isGarbledNumber(line: Line): boolean {
  if (line.c.length > 16 || /关于/.test(line.c)) return false;
  const digits = (line.c.match(/[0-9]/g) ?? []).length;
  return digits >= 3 && countHan(line.c) <= 8 && !/[，。]/.test(line.c);
}

/** 份号 (six digits first on the line), 紧急程度 and 密级 on one line; `only` when the line holds nothing else. */
function flagsOf(line: Line): { copy?: string; urgency?: string; classification?: string; only: boolean } {
  const out: { copy?: string; urgency?: string; classification?: string; only: boolean } = { only: false };
  // Six digits first on the line, with or without a space before the 文号 that may share the line.
  const first = /^[0-9OoQD]{6}(?![0-9])/.exec(line.c)?.[0] ?? '';
  const copy = first && (first.match(/[0-9]/g) ?? []).length >= 4 ? first.replace(/[OoQD]/g, '0') : undefined;
  if (copy) out.copy = copy;
  const u = URGENCY.exec(line.c);
  if (u && line.c.length <= 12) out.urgency = u[1];
  const k = CLASSIFICATION.exec(line.c);
  if (k && line.c.length <= 14) out.classification = compact(k[0]);
  const rest = line.c
    .replace(copy ? first : '', '')
    .replace(out.urgency ?? '', '')
    .replace(out.classification ?? '', '');
  out.only =
    (copy !== undefined || out.urgency !== undefined || out.classification !== undefined) && countHan(rest) < 2;
  return out;
}

/** The line ends with the colon of a 主送 (after specks). */
function endsWithColon(line: Line): boolean {
  // OCR clean-up turns a colon it cannot read into ；, which never ends a 主送 or a title line.
  return /[:：；;]$/.test(trimEnd(line.c, /[^\p{Script=Han}:：；;0-9a-zA-Z）)]/u));
}

/** A line that lists recipients the way a 主送 does (各省、自治区…，国务院各部委) when OCR lost its colon. */
function looksLikeAddresseeList(line: Line): boolean {
  return /[、，,]/.test(line.c) && !/[。；]/.test(line.c) && !TITLE_MARKERS.test(line.c);
}

/** Titles of 信访 forms end with 书 (告知书, 意见书): such a title is complete. */
function isFormTitle(title: string): boolean {
  return /(告知书|意见书|通知书|决定书|答复书|回执|交办单|转送单)$/.test(title);
}

/** A short line with no sentence punctuation right after the title: a 主送 (张某某) whose colon OCR lost. */
function isShortName(lines: readonly Line[], i: number): boolean {
  const l = lines[i];
  const next = lines[i + 1];
  if (!next || l.c.length > 16 || /[，。；、]/.test(l.c) || countHan(l.c) < 2) return false;
  return next.c.length > l.c.length * 1.5;
}

/** Removes whitespace-separated segments without any Han character or digit (specks OCR put beside the text). */
function dropDebris(text: string): string {
  return text
    .split(/\s{2,}|\u3000+/)
    .filter((seg) => /[\p{Script=Han}0-9]/u.test(seg))
    .join(' ');
}

/** Joins title lines and removes what OCR adds around a title: specks, unpaired quotes, ASCII punctuation. */
function cleanTitle(lines: readonly Line[]): string {
  // A title line never ends with a comma or full stop: those are specks (关于开展，).
  const raw = lines.map((l) => trimEnd(compact(dropDebris(l.text)), /[，,.。]/)).join('');
  let t = trimEnd(raw.replace(/^[^\p{Script=Han}“"《（(]+/u, ''), /[^\p{Script=Han}”"》）)]/u);
  t = dropUnpaired(chinesePunctuation(digitsInContext(t)));
  // Stray list punctuation OCR leaves before 关于.
  t = t.replace(/[、，]+(?=关于)/g, '');
  return t;
}

/** 关于 is in every title with a 事由; OCR reads 关 as 大 / 美 / 夫. Fixes the first "X于" after the body name. */
function repairGuanyu(title: string): string {
  if (title.includes('关于')) return title;
  const chars = [...title];
  for (let i = 1; i < chars.length; i++) {
    if (chars[i] !== '于') continue;
    const before = chars.slice(0, i - 1).join('');
    if (before.length === 0 || isBodyName(repairSuffix(cleanBodyCandidate(before)))) {
      chars[i - 1] = '关';
      return chars.join('');
    }
  }
  return title;
}

/** The body names a title starts with (XXX关于…, XXX、YYY关于…, XXX转发…). */
function titleBodies(title: string): { bodies: string[]; prefix: string } {
  const m = TITLE_MARKERS.exec(title);
  if (!m || m.index === 0) return { bodies: [], prefix: '' };
  const prefix = title.slice(0, m.index);
  const bodies = splitBodies(prefix.replace(/[“”"]/g, ' ')).map(repairSuffix);
  if (bodies.length === 0 || !bodies.every(isBodyName)) return { bodies: [], prefix: '' };
  return { bodies, prefix };
}

/** Builds body names from 版头 lines: one per line, split at spaces, two lines joined when one alone is no name. */
function headerBodies(lines: readonly Line[]): string[] {
  const out: string[] = [];
  let pending = '';
  for (const line of lines) {
    // Parts with fewer than two Han characters are specks (国务院办公厅 ”" 件).
    const parts = splitBodies(line.text, true).filter((p) => countHan(p) >= 2);
    // A name wrapped over two lines (…示范文明城区 / 工作领导小组办公室) joins; a complete name below a
    // short scrap (emblem or speck text) stands alone.
    const joined = cleanBodyCandidate(pending + line.c, true);
    if (countHan(pending) >= 4 && isBodyName(joined)) {
      out.push(joined);
      pending = '';
    } else if (parts.length > 0 && parts.every(isBodyName)) {
      out.push(...parts);
      pending = '';
    } else if (pending !== '' && isBodyName(joined)) {
      out.push(joined);
      pending = '';
    } else if (countHan(line.c) >= 2) {
      pending = line.c;
    }
  }
  return out;
}

/** 署名 lines right above the 成文日期 (two for joint documents written one per line). */
function signatureBodies(lines: readonly Line[], dateLine: number, floor: number): string[] {
  const out: string[][] = [];
  const dateText = lines[dateLine];
  const sameLine = dateText ? findDates(dateText.text) : [];
  if (sameLine.length > 0) {
    const before = dateText.text.slice(0, sameLine[sameLine.length - 1].index);
    const parts = splitBodies(before).map(repairSuffix);
    if (parts.length > 0 && parts.every(isBodyName)) return parts;
  }
  for (let i = dateLine - 1; i >= Math.max(floor, dateLine - 4); i--) {
    const line = lines[i];
    if (/[，。；：:;]/.test(line.c) || line.c.length > 40) break;
    const parts = splitBodies(line.text).map(repairSuffix);
    if (parts.length > 0 && parts.every(isBodyName)) out.unshift(parts);
    else if (out.length > 0) break;
  }
  return out.flat();
}

/** Without a readable date line: the last short line of the document that is a body name (the 署名 above a lost date). */
function lastSignature(lines: readonly Line[], floor: number): string[] {
  for (let i = lines.length - 1; i >= Math.max(0, floor, lines.length - 10); i--) {
    const line = lines[i];
    if (/[，。；：:;]/.test(line.c) || line.c.length > 40) continue;
    const parts = splitBodies(line.text).map(repairSuffix);
    if (parts.length > 0 && parts.every(isBodyName)) return parts;
  }
  return [];
}

/**
 * Picks the 发文机关 from the candidate lists (in order of trust) after repairing each name by vote: the first
 * list whose every name is read the same somewhere else in the document, else the best-supported one.
 */
function chooseBodies(
  sources: readonly (readonly string[])[],
  docChars: readonly string[],
  bigrams: ReadonlyMap<string, number>,
  codeHead?: string,
): string[] {
  let best: string[] = [];
  let bestScore = -1;
  for (const source of sources) {
    if (source.length === 0) continue;
    // The 机关代字 supports only the lead body's first character.
    const repaired = source.map((b, k) => repairBodyName(b, docChars, bigrams, k === 0 ? codeHead : undefined));
    const score = Math.min(...repaired.map((r) => r.support));
    // The first source (in 署名, title, 版头 order) read the same somewhere else too: trust it.
    if (score >= 2) {
      best = repaired.map((r) => r.value);
      break;
    }
    if (score > bestScore) {
      best = repaired.map((r) => r.value);
      bestScore = score;
    }
  }
  // A name another source reads longer (务院 / 国务院: OCR lost the first character) takes the longer reading.
  const all = sources.flat();
  return best
    .map(
      (b) =>
        all
          .filter((o) => o.length > b.length && o.length <= b.length + 4 && o.endsWith(b) && isBodyName(o))
          .sort((x, y) => y.length - x.length)[0] ?? b,
    )
    .map((b) => crossCheckBody(b, all, bigrams));
}

/** Index of the line holding `offset` of the joined text. */
function lineOf(lines: readonly Line[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid].offset <= offset) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/**
 * 主送 and 抄送 as written: one string per group, split only at ；. Splitting at ，/、 would cut names such as
 * 各县（市、区）人民政府 and lose the grouping the sender chose; the corpus labels keep one string too.
 */
function splitList(s: string): string[] {
  return s
    .split('；')
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}

/** 附件说明: `附件：1. …` with numbered items, wrapped lines joined while the line above runs to full width. */
function readAttachments(lines: readonly Line[], from: number, to: number): string[] {
  const widths = lines
    .slice(from, to)
    .map((l) => l.c.length)
    .sort((a, b) => a - b);
  const full = widths.length > 0 ? widths[Math.floor(widths.length * 0.75)] : 28;
  for (let i = from; i < to; i++) {
    const m = /^附件[:：](?<rest>.*)$/.exec(lines[i].c);
    if (!m?.groups) continue;
    const items: string[] = [];
    // An item number: 1. / 1． / 1、 / "1 " before the name, never a count (3号, 5月).
    const item = /^(?<n>[0-9]{1,2})[.．、,，]*(?=\p{Script=Han})(?![号年月日个项条名人次])/u;
    let cur = m.groups.rest;
    let prevLen = lines[i].c.length;
    for (let j = i + 1; j < to; j++) {
      const c = lines[j].c;
      if (item.test(c)) {
        items.push(cur);
        cur = c;
      } else if (prevLen >= full * 0.85 && !/[:：]$/.test(c)) {
        cur += c;
      } else break;
      prevLen = c.length;
    }
    items.push(cur);
    return items
      .map((s) => normaliseNumbersIn(s.replace(item, '').replace(/^[.．、,，\s]+/, '')))
      .map((s) => trimEnd(dropUnpaired(chinesePunctuation(s)), /[。，、]/))
      .filter((s) => countHan(s) > 0);
  }
  return [];
}

/** Rewrites every 文号 inside a name to its normal form (（国信发〔2019J3号） → （国信发〔2019〕3号）). */
function normaliseNumbersIn(s: string): string {
  let out = s;
  for (const n of findDocNumbers(s).reverse())
    out = out.slice(0, n.index) + n.value + out.slice(n.index + n.raw.length);
  return out;
}

/** A 版记 field such as 抄送: the label line and its wrapped continuation up to the closing 。. */
function readLabelled(lines: readonly Line[], from: number, label: RegExp): string | null {
  for (let i = from; i < lines.length; i++) {
    const m = label.exec(lines[i].c);
    if (!m) continue;
    let s = lines[i].c.slice(m[0].length);
    for (let j = i + 1; j < lines.length && !/[。.]$/.test(s); j++) {
      const c = lines[j].c;
      if (/印发$|^(抄送|主送|抄报)/.test(c) || findDates(c).length > 0) break;
      s += c;
    }
    const out = trimEnd(chinesePunctuation(s), /[。.，、\s]/);
    return out.length > 0 ? out : null;
  }
  return null;
}

/** 印发机关和印发日期: `XX办公室  2019年1月5日印发`. */
function readPrinted(lines: readonly Line[], from: number): { by: string | null; date: string | null } {
  for (let i = lines.length - 1; i >= from; i--) {
    const line = lines[i];
    if (!/印发$/.test(trimEnd(line.c, /[^\p{Script=Han}]/u))) continue;
    const dates = findDates(line.text);
    const date = dates.length > 0 ? dates[dates.length - 1] : null;
    const iso = date?.iso ?? parseDamagedDate(line.text);
    let by = date ? cleanBodyCandidate(line.text.slice(0, date.index)) : null;
    // 印发机关 on a line of its own above the date.
    if (!by && i > from) {
      const above = cleanBodyCandidate(lines[i - 1].text);
      if (isBodyName(above)) by = above;
    }
    return { by: by && by.length > 0 ? by : null, date: iso };
  }
  return { by: null, date: null };
}

interface TopIndex {
  readonly l: Line;
  readonly i: number;
}

interface Flags {
  readonly copyNumber: string | null;
  readonly urgency: string | null;
  readonly classification: string | null;
  /** Lines that hold nothing but these marks. */
  readonly flagOnly: ReadonlySet<number>;
}

/** 份号, 密级 and 紧急程度: top-left of the first page, above the 版头 or beside the 文号. */
function readFlags(top: readonly TopIndex[]): Flags {
  let copyNumber: string | null = null;
  let urgency: string | null = null;
  let classification: string | null = null;
  const flagOnly = new Set<number>();
  for (const { l, i } of top.slice(0, 8)) {
    const f = flagsOf(l);
    copyNumber ??= f.copy ?? null;
    urgency ??= f.urgency ?? null;
    classification ??= f.classification ?? null;
    if (f.only) flagOnly.add(i);
  }
  return { copyNumber, urgency, classification, flagOnly };
}

/**
 * The document's own 文号: the first one standing on a short line of the 版头 of page one, above the
 * title (关于…) and the 主送 (…：), and not cited in brackets.
 */
function findOwnNumber(
  lines: readonly Line[],
  joined: string,
  numbers: readonly FoundDocNumber[],
  top: readonly TopIndex[],
): { own: FoundDocNumber | null; ownLine: number } {
  const headEnd = top.find(({ l }) => TITLE_MARKERS.test(l.c) || endsWithColon(l))?.i ?? top[top.length - 1].i + 1;
  const near = new Set(top.slice(0, 10).map((t) => t.i));
  for (const n of numbers) {
    const li = lineOf(lines, n.index);
    if (li < 0 || li >= headEnd || !near.has(li)) continue;
    const before = joined.slice(lines[li].offset, n.index);
    if (/[（(《〈]/.test(before) || /[，。]/.test(lines[li].c) || lines[li].c.length > 40) continue;
    return { own: n, ownLine: li };
  }
  return { own: null, ownLine: -1 };
}

/**
 * Splits the top of page one into the 版头 lines and the first title line. With a 文号 the 版头 is what
 * stands above it; without one, the first lines up to a complete body name or 文件.
 */
function locateHeader(
  lines: readonly Line[],
  top: readonly TopIndex[],
  ownLine: number,
  flagOnly: ReadonlySet<number>,
): { headerLines: Line[]; titleStart: number } {
  const usable = (i: number) => !flagOnly.has(i) && !isNoise(lines[i]);
  if (ownLine >= 0) {
    return {
      headerLines: top.filter(({ i }) => i < ownLine && usable(i)).map(({ l }) => l),
      titleStart: top.find(({ i }) => i > ownLine && usable(i) && !isGarbledNumber(lines[i]))?.i ?? -1,
    };
  }
  const candidates = top.filter(({ i }) => usable(i));
  let headerLines: Line[] = [];
  let k = 0;
  let acc = '';
  while (k < candidates.length && k < 3) {
    const { l } = candidates[k];
    if (k > 0 && TITLE_MARKERS.test(l.c)) break;
    headerLines.push(l);
    acc += l.c;
    k++;
    if (/文件$/.test(trimEnd(acc, /[^\p{Script=Han}]/u)) || isBodyName(cleanBodyCandidate(acc, true))) break;
  }
  if (k === 0 || (k >= 3 && !isBodyName(cleanBodyCandidate(acc, true)))) {
    headerLines = candidates.slice(0, 1).map((c) => c.l);
    k = Math.min(1, candidates.length);
  }
  while (k < candidates.length && isGarbledNumber(candidates[k].l)) k++;
  return { headerLines, titleStart: candidates[k]?.i ?? -1 };
}

/** The title lines, from the first one to the 主送 line or to the line that completes it with a 文种 (at most four). */
function readTitleLines(lines: readonly Line[], titleStart: number): { titleLines: Line[]; afterTitle: number } {
  const titleLines: Line[] = [];
  let afterTitle = titleStart;
  if (titleStart < 0) return { titleLines, afterTitle };
  for (let i = titleStart; i < lines.length && titleLines.length < 4; i++) {
    const l = lines[i];
    // The first line of a title is never a scrap of two or three characters (一人人 under a seal).
    if (isNoise(l, titleLines.length === 0) || (titleLines.length === 0 && countHan(l.c) < 4)) {
      afterTitle = i + 1;
      continue;
    }
    if (endsWithColon(l) || (titleLines.length > 0 && /[。；]/.test(l.c))) break;
    if (titleLines.length > 0 && /^各/.test(l.c) && looksLikeAddresseeList(l)) break;
    titleLines.push(l);
    afterTitle = i + 1;
    const soFar = cleanTitle(titleLines);
    if (isFormTitle(soFar)) break;
    if (repairTitleEnding(soFar).complete) {
      // Ends with a 文种: complete unless the next line still belongs to it (short, no colon, ends in a 文种 too).
      const next = lines[i + 1];
      if (!next || endsWithColon(next) || looksLikeAddresseeList(next) || next.c.length > 20) break;
      if (!repairTitleEnding(cleanTitle([...titleLines, next])).complete) break;
    }
  }
  return { titleLines, afterTitle };
}

/** 主送: up to the colon, at most six wrapped lines; without a colon, one line that reads like a list or a name. */
function readAddressees(
  lines: readonly Line[],
  afterTitle: number,
  places: PlaceContext | string = '',
): { text: string | null; bodyStart: number } {
  if (afterTitle < 0 || afterTitle >= lines.length) return { text: null, bodyStart: afterTitle };
  let text: string | null = null;
  let bodyStart = afterTitle;
  let end = -1;
  for (let i = afterTitle; i < Math.min(lines.length, afterTitle + 6); i++) {
    if (endsWithColon(lines[i])) {
      end = i;
      break;
    }
    if (i > afterTitle && /[。；]/.test(trimEnd(lines[i].c, /。/))) break;
  }
  if (end >= 0) {
    text = lines
      .slice(afterTitle, end + 1)
      .filter((l) => !isNoise(l))
      .map((l) => compact(dropDebris(l.text)))
      .join('');
    bodyStart = end + 1;
  } else if (looksLikeAddresseeList(lines[afterTitle]) || isShortName(lines, afterTitle)) {
    text = compact(dropDebris(lines[afterTitle].text));
    bodyStart = afterTitle + 1;
  }
  if (text === null) return { text, bodyStart };
  text = dropUnpaired(chinesePunctuation(trimEnd(text, /[^\p{Script=Han}）)]/u)))
    .replace(/^[^\p{Script=Han}]+/u, '')
    .replace(/[：:；;]$/, '')
    // 吝 is OCR's 各 (吝省、自治区): no organ name starts with 吝.
    .replace(/(^|[，、])吝(?=[省市县区镇乡地级部有单])/gu, '$1各')
    // A speck read as one character before the 各 that opens a list (和各省、自治区…): no place or organ
    // name ends just before 各 省 / 各 市 except a place suffix (县各有关部门), which is kept.
    .replace(/^[^省市县区镇乡州盟旗各](?=各[省市县区镇乡地级部有单旗])/u, '')
    // 丶 (a bare radical, never written in a list of bodies) is OCR's 、.
    .replace(/丶/gu, '、')
    // A 、 OCR lost between two groups that each open with 各 (国务院各部委各直属机构): a 各 right after an
    // organ suffix starts the next group.
    .replace(
      /(各[^，、；各]{1,12}?(?:部委|委员会|部门|单位|机构|机关|委|办|局|厅|院|府))(?=各[\p{Script=Han}])/gu,
      '$1、',
    );
  text = repairPlaceNames(text, places);
  return { text, bodyStart };
}

/** Puts the voted body names back into the title when the title's own reading differs only by damage. */
function mendTitleBodies(
  title: string,
  fromTitle: { bodies: string[]; prefix: string },
  bodies: readonly string[],
): string {
  if (fromTitle.bodies.length === 0 || fromTitle.bodies.length !== bodies.length) return title;
  const sameSlot = fromTitle.bodies.every(
    (b, k) =>
      [...b].length === [...bodies[k]].length ||
      bodies[k].endsWith(b) ||
      // One stray character before the name (a speck of the seal or the red rule read as 正, 国 …).
      (b.endsWith(bodies[k]) && [...b].length === [...bodies[k]].length + 1),
  );
  if (!sameSlot) return title;
  const joiner = fromTitle.prefix.includes('、') ? '、' : '';
  return bodies.join(joiner) + title.slice(fromTitle.prefix.length);
}

/**
 * Repairs the 机关代字 from what else the document says: a provincial organ's code starts with the
 * province's abbreviation (间政文 → 闽政文), and a 函 ends its code with 函 (国办图 → 国办函).
 */
function mendDocNumber(value: string, bodies: readonly string[], docType: string | null): string {
  const parsed = parseDocNumber(value);
  if (!parsed) return value;
  let code = [...parsed.agencyCode];
  const province = bodies.length > 0 ? provinceOf(bodies[0]) : null;
  if (province && code[0] !== province.abbr && !bodies[0].includes(code[0])) code = [province.abbr, ...code.slice(1)];
  if (docType === '函' && code.length >= 2 && HAN_LOOKALIKES.includes(code[code.length - 1]))
    code = [...code.slice(0, -1), '函'];
  return code.join('') + value.slice(parsed.agencyCode.length);
}

export interface ExtractOptions {
  /** Issuing bodies and 机关代字 on record (seed + learned); the seed registry when omitted. */
  readonly registry?: BodyRegistry;
}

let seedRegistry: BodyRegistry | null = null;

/** The one-character abbreviations of the provinces, regions and municipalities (京 … 台). */
const PROVINCE_ABBREVIATIONS = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵黔粤青藏川蜀宁琼港澳台';

/** Extracts the 公文 fields from the OCR (or clean) text of a whole document. */
export function extractFields(text: string, options: ExtractOptions = {}): DocumentFields {
  return storedFields(analyzeDocument(text, options));
}

/** Only the DocumentFields keys: records store these, never the analysis extras. */
export function storedFields(a: DocumentFields): DocumentFields {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(EMPTY_FIELDS)) out[k] = a[k as keyof DocumentFields];
  return out as unknown as DocumentFields;
}

/**
 * An organ suffix read one character off: after a place name (绿园区惟民政府 → 绿园区人民政府), or a
 * long suffix anywhere (工作视导小组办公室 → 工作领导小组办公室), where one wrong character leaves no doubt.
 */
function repairOrganTail(name: string): string {
  const chars = [...name];
  const suffixes = [
    '人民代表大会常务委员会',
    '领导小组办公室',
    '人民政府',
    '委员会',
    '办公室',
    '办公厅',
    '信访局',
    '行政公署',
  ];
  for (const suffix of suffixes) {
    const s = [...suffix];
    if (chars.length < s.length + 2 || name.endsWith(suffix)) continue;
    const tail = chars.slice(-s.length);
    const diff = tail.filter((c, i) => c !== s[i]).length;
    const before = chars[chars.length - s.length - 1];
    if (diff === 1 && (s.length >= 6 || /[省市县区镇乡州盟旗]/u.test(before)))
      return chars.slice(0, -s.length).join('') + suffix;
  }
  return name;
}

/** Review hints for text that cannot be a usable document. */
function textWarnings(text: string, lines: readonly Line[]): string[] {
  const all = compact(text);
  if (all.length === 0) return ['没有识别出任何文字：请检查扫描件是否为空白页或图片过暗，重新扫描后再导入。'];
  const han = countHan(all);
  const letters = (all.match(/[A-Za-z\u0400-\u04ff\u0600-\u06ff\u3040-\u30ff\uac00-\ud7af]/gu) ?? []).length;
  if (han < 10 || han < letters) {
    return ['识别出的文字大多不是中文：请确认这是中文公文或来信；如果是外文材料，请手工填写各项。'];
  }
  // Upside-down or badly blurred pages come back as Han characters without the common function words.
  const common = (all.match(/[的是在和了有为对以及与等不一关于之中人年月日，。、]/gu) ?? []).length;
  if (lines.length >= 3 && common / han < 0.08) {
    return ['识别出的文字不成句子，页面可能放倒了或扫描太模糊：请把页面摆正、提高清晰度后重新扫描，或手工核对各项。'];
  }
  return [];
}

/** The 签发人 line of a 上行文 (签发人：张三  李四). */
function readSigners(top: readonly TopIndex[]): string[] {
  for (const { l } of top) {
    const m = /签发人[:：]?(?<names>.+)$/u.exec(l.text.replace(/[ \t\u3000]+/g, ' '));
    if (!m?.groups) continue;
    // Names stand after the label, separated by spaces; the 文号 may share the line on the left only.
    return m.groups.names
      .split(/[ 、，,]+/)
      .map((n) => n.replace(/[^\p{Script=Han}·]/gu, ''))
      .filter((n) => n.length >= 2 && n.length <= 4);
  }
  return [];
}

/** 附注: a bracketed line right after the 成文日期 (（此件公开发布）, （联系人：…）). */
function readNotes(lines: readonly Line[], afterDate: number): string | null {
  for (let i = afterDate; i < Math.min(lines.length, afterDate + 3); i++) {
    const c = chinesePunctuation(lines[i].c.replace(/^[\\/|]/, '（'));
    const m = /^（(?<note>[^）]{2,80})）?$/u.exec(c);
    if (m?.groups && !/^[一二三四五六七八九十0-9]/.test(m.groups.note)) return `（${m.groups.note}）`;
  }
  return null;
}

/** Every 《…》 in the text except the document's own title, in order, once each. */
function citedTitlesIn(joined: string, ownTitle: string | null): string[] {
  const flat = compact(joined);
  const out: string[] = [];
  for (const m of flat.matchAll(/《(?<t>[^《》]{2,100}?)》/gu)) {
    const t = chinesePunctuation(m.groups?.t ?? '');
    if (countHan(t) < 2 || t === ownTitle || out.includes(t)) continue;
    out.push(t);
  }
  return out;
}

/** 文号 of the documents a notice forwards: those in a sentence (or title) that says 转发 / 批转 / 现将…印发. */
function forwardedNumbers(joined: string, numbers: readonly FoundDocNumber[], own: FoundDocNumber | null): string[] {
  const out: string[] = [];
  for (const n of numbers) {
    if (n === own || n.value === own?.value || out.includes(n.value)) continue;
    const start = Math.max(joined.lastIndexOf('。', n.index), joined.lastIndexOf('\f', n.index), 0);
    let end = joined.indexOf('。', n.index);
    if (end < 0) end = joined.length;
    const sentence = compact(joined.slice(start, end));
    if (/转发|批转|转送给你们|现将.{0,120}印发/u.test(sentence)) out.push(n.value);
  }
  return out;
}

/** 资料 (articles, study material): title, author, source and date from the first lines. */
function readMaterial(lines: readonly Line[]): MaterialFields {
  const usable = lines.filter((l) => !isNoise(l, false)).slice(0, 12);
  const source = usable.map((l) => /(?:来源|出处|转自|原载)[:：]?(?<s>.{2,30})$/u.exec(l.c)?.groups?.s).find(Boolean);
  const authorLabel = usable.map((l) => /(?:作者|文\/|撰稿)[:：]?(?<a>[\p{Script=Han}·]{2,4})$/u.exec(l.c)?.groups?.a);
  // Without a label: a line of two to four Han characters under the title is its author (舒晓琴).
  const bare = usable.slice(1, 6).find((l) => /^[\p{Script=Han}·]{2,4}$/u.test(l.c) && !/^(目录|前言|摘要)$/.test(l.c));
  const titleLines: string[] = [];
  for (const l of usable) {
    if (l === bare || /[。；：:]/.test(l.c) || titleLines.length >= 3) break;
    titleLines.push(l.c);
  }
  const date = findDates(usable.map((l) => l.text).join('\n'))[0]?.iso ?? null;
  return {
    title: titleLines.length > 0 ? chinesePunctuation(titleLines.join('')) : null,
    author: authorLabel.find(Boolean) ?? bare?.c ?? null,
    source: source ?? null,
    date,
  };
}

/** The 信访 form or 复函 a title names. */
function formOf(title: string | null): string | null {
  if (!title) return null;
  for (const f of XINFANG_FORMS) if (title.endsWith(f)) return f;
  if (/关于转送.*的函$/u.test(title)) return '转送函';
  if (/关于交办.*的函$/u.test(title)) return '交办函';
  return title.endsWith('复函') ? '复函' : null;
}

/** A second 版头 further on (a notice with the forwarded document attached, two notices in one PDF). */
function secondDocument(
  lines: readonly Line[],
  numbers: readonly FoundDocNumber[],
  own: FoundDocNumber | null,
): string | null {
  if (!own) return null;
  const ownLine = lineOf(lines, own.index);
  for (const n of numbers) {
    const li = lineOf(lines, n.index);
    if (li <= ownLine + 3 || n.value === own.value) continue;
    const line = lines[li];
    // A 文号 alone on its line, with a 版头 or a title near it: the start of another document.
    if (line.c.length > 24 || /[，。（(]/.test(line.c)) continue;
    const near = lines.slice(Math.max(0, li - 2), li + 3).map((l) => l.c);
    if (near.some((c) => /文件$|关于/.test(c))) return n.value;
  }
  return null;
}

/**
 * An opening 〔 OCR read as a Han character glued to the year (闽政文人2016】28号): without any opening bracket
 * in the raw reading, a last code character that turns an unknown code into a registered one is dropped.
 */
function dropBracketGlyph(value: string, raw: string, registry: BodyRegistry): string {
  const parsed = parseDocNumber(value);
  if (!parsed || /[〔［[【(（{｛〈<「『〖]/.test(raw) || !new RegExp(`\\p{Script=Han}[0-9OoIl]{4}`, 'u').test(raw))
    return value;
  const code = [...parsed.agencyCode];
  if (code.length < 3 || registry.bodiesForCode(parsed.agencyCode).length > 0) return value;
  const shorter = code.slice(0, -1).join('');
  return registry.bodiesForCode(shorter).length > 0 ? shorter + value.slice(parsed.agencyCode.length) : value;
}

/** Extracts every element the text has, plus cross-references, deadlines and review warnings. */
export function analyzeDocument(text: string, options: ExtractOptions = {}): DocumentAnalysis {
  const registry = options.registry ?? (seedRegistry ??= createBodyRegistry());
  const { lines, joined } = toLines(text ?? '');
  const warnings = textWarnings(text ?? '', lines);
  const empty: DocumentAnalysis = {
    ...EMPTY_FIELDS,
    kind: null,
    docForm: null,
    signers: [],
    notes: null,
    forwardedDocNumbers: [],
    citedTitles: [],
    deadlines: [],
    material: null,
    warnings,
  };
  if (lines.length === 0 || warnings.length > 0) return empty;
  const fields = extractCore(lines, joined, registry);
  const numbers = findDocNumbers(joined);
  // The document's own 文号 as found in the text (its code may since have been repaired: same year and number).
  const ownParsed = fields.docNumber ? parseDocNumber(fields.docNumber) : null;
  const own = ownParsed
    ? (numbers.find((n) => n.value === fields.docNumber) ??
      numbers.find((n) => {
        const p = parseDocNumber(n.value);
        return p !== null && p.year === ownParsed.year && p.seq === ownParsed.seq;
      }) ??
      null)
    : null;
  const firstPage = lines[0].page;
  const top = lines
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => l.page === firstPage)
    .slice(0, 14);
  // A letter speaks in the first person and signs with a label or 此致; a 公文 has a 文号 or a 署名.
  const flat = compact(joined);
  const letterCues =
    /此致|敬礼|(?:信访|反映|举报|检举|控告|建议|申诉|来信|联名)人[:：]|尊敬的/u.test(flat) ||
    (/我是|我叫|本人|我们/u.test(flat) && /联系电话|电话[:：]|手机/u.test(flat));
  // A 公文 has a 文号, or a 署名 with a title that ends in a 文种 or names a 信访 form; a letter has neither.
  const isGongwen =
    fields.docNumber !== null ||
    (fields.issuingBodies.length > 0 && (fields.docType !== null || formOf(fields.title) !== null));
  // Without letter cues, a text with a 署名 stays a 公文 (its 文种 may be unreadable); only a text with
  // neither 文号 nor 署名 is 资料.
  const kind: DocumentKind = isGongwen
    ? '公文'
    : letterCues
      ? '来信'
      : fields.issuingBodies.length > 0
        ? '公文'
        : '资料';
  const parsed = ownParsed;
  const ref = fields.signingDate
    ? { year: Number(fields.signingDate.slice(0, 4)), month: Number(fields.signingDate.slice(5, 7)) }
    : parsed
      ? { year: parsed.year, month: 1 }
      : null;
  const forwarded = forwardedNumbers(joined, numbers, own);
  const found = secondDocument(lines, numbers, own);
  // The forwarded or attached document printed after the notice is expected, not a second notice.
  const second =
    found && !forwarded.includes(found) && !fields.attachments.some((a) => a.includes(found)) ? found : null;
  const outWarnings = second
    ? [`这份文件里似乎还有另一份公文（${second}）：请核对各项是否都属于第一份公文，必要时把两份分开导入。`]
    : [];
  // A title ending in a 文种 without any 文号 or 署名: a 公文 whose header OCR could not read.
  if (kind === '资料' && fields.docType !== null)
    outWarnings.push('像是一份公文，但没有读出文号和发文机关：请对照原件手工填写，或检查扫描件的红头部分是否清晰。');
  const signingLine = fields.signingDate
    ? lines.findIndex((l) => findDates(l.text).some((d) => d.iso === fields.signingDate))
    : -1;
  // A letter has no 文号 or 发文机关 (the body it is addressed to is not its author); 资料 none of the 公文 fields.
  // 资料 keeps its own title and date in the stored fields, so the archive can still list and find it.
  const material = kind === '资料' ? readMaterial(lines) : null;
  const kept: DocumentFields =
    kind === '公文'
      ? fields
      : kind === '来信'
        ? { ...EMPTY_FIELDS, title: fields.title }
        : { ...EMPTY_FIELDS, title: material?.title ?? null, signingDate: material?.date ?? null };
  return {
    ...kept,
    kind,
    docForm: kind === '资料' ? null : formOf(fields.title),
    signers: readSigners(top),
    notes: signingLine >= 0 ? readNotes(lines, signingLine + 1) : null,
    forwardedDocNumbers: forwarded,
    citedTitles: citedTitlesIn(joined, fields.title),
    deadlines: kind === '公文' ? findDeadlines(joined, ref) : [],
    material,
    warnings: outWarnings,
  };
}

function extractCore(lines: Line[], joined: string, registry: BodyRegistry): DocumentFields {
  const docChars = [...compact(joined)];
  const bigrams = bigramCounts(docChars.join(''));
  const firstPage = lines[0].page;
  const top = lines
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => l.page === firstPage)
    .slice(0, 14);

  const flags = readFlags(top);
  const numbers = findDocNumbers(joined);
  const { own, ownLine } = findOwnNumber(lines, joined, numbers, top);
  const { headerLines, titleStart } = locateHeader(lines, top, ownLine, flags.flagOnly);
  const { titleLines, afterTitle } = readTitleLines(lines, titleStart);
  // The places the document names, for repairing place names in the 主送, 署名 and title.
  const places = placeContext(joined);
  const addressees = readAddressees(lines, afterTitle, places);
  const bodyStart = Math.max(0, addressees.bodyStart);

  // 成文日期 and the 署名 above it; the 文号 year restores a year a seal covered.
  const ownParsed = own ? parseDocNumber(own.value) : null;
  const signing = locateSigningDate(
    lines.map((l) => l.text),
    bodyStart,
    { yearHints: ownParsed ? [ownParsed.year] : [] },
  );
  let dateLine = signing?.line ?? lines.length;
  let signingDate = signing?.iso ?? null;
  let signature = signing ? signatureBodies(lines, signing.line, bodyStart) : lastSignature(lines, bodyStart);
  let signingFound = signing !== null;

  // 标题: 关于 and the 文种 at its end, repaired with the body's wording.
  const bodyText = lines
    .slice(bodyStart, dateLine)
    .map((l) => l.c)
    .join('');
  let title: string | null = titleLines.length > 0 ? repairGuanyu(cleanTitle(titleLines)) : null;
  let docType: string | null;
  if (title) {
    const ending = repairTitleEnding(title, bodyText);
    title = ending.title;
    docType = ending.docType;
  } else {
    docType = docTypeFromBody(bodyText);
  }

  // A 转发 / 批转 notice whose own 署名 and date were lost: the 署名 found is the forwarded document's.
  const forwarded = title ? (/(?:转发|批转)(.+?)(?:关于|《|“|$)/.exec(title)?.[1] ?? '') : '';
  const isForwarded = (b: string) =>
    [...forwarded].length >= 2 &&
    (b.endsWith(forwarded) || containsApprox(b, forwarded, [...forwarded].length >= 4 ? 1 : 0));
  if (signature.some(isForwarded)) {
    signature = [];
    signingFound = false;
    signingDate = null;
    dateLine = lines.length;
  }

  // 发文机关: 署名, title and 版头 each propose; the best-supported reading wins.
  const fromTitle = title ? titleBodies(title) : { bodies: [], prefix: '' };
  // A 署名 found without its date line is a guess: it then comes last.
  const fromHeader = headerBodies(headerLines);
  const issuingBodies = chooseBodies(
    signingFound ? [signature, fromTitle.bodies, fromHeader] : [fromTitle.bodies, fromHeader, signature],
    docChars,
    bigrams,
    ownParsed ? [...ownParsed.agencyCode][0] : undefined,
  );
  // A registered body with one stray character in front (正国务院办公厅), when the document's own 机关代字
  // belongs to that body: the character is debris, not part of the name.
  const strayLead = (b: string): string | null => {
    const rest = [...b].slice(1).join('');
    if (!ownParsed || rest.length < 4 || registry.canonical(rest) !== rest) return null;
    return registry.bodiesForCode(ownParsed.agencyCode).includes(rest) ? rest : null;
  };
  // A local body's 机关代字 starts with its place's abbreviation (弋府字 for 弋阳县人民政府): a leading place
  // name that is no division, one character off exactly one division whose name starts with that character,
  // is that division (代阳县 → 弋阳县).
  const placeByCode = (b: string): string => {
    const lead = ownParsed ? [...ownParsed.agencyCode][0] : undefined;
    const m = /^(\p{Script=Han}{1,5}?(?:县|市|区|旗))/u.exec(b);
    if (!lead || !m || divisionsNamed(m[1]).length > 0) return b;
    const place = [...m[1]];
    // A county no gazetteer knows (a new or unlisted one), read once only, whose first character is not the
    // code's: nothing in the text confirms the reading, while a county's own code opens with its first
    // character (青住建 for 青禾县住房和城乡建设局), so the code's character is taken (再禾县 → 青禾县).
    const unconfirmed = () =>
      /[县旗]$/u.test(m[1]) &&
      place[0] !== lead &&
      /\p{Script=Han}/u.test(lead) &&
      docChars.join('').split(m[1]).length === 2;
    // A code that starts with a province's abbreviation (云政办发, 赣府字) may be the province's own: no evidence.
    if (PROVINCE_ABBREVIATIONS.includes(lead)) return unconfirmed() ? lead + b.slice(place[0].length) : b;
    const fits = new Set(
      allDivisions()
        .filter((d) => d.name.startsWith(lead) && [...d.name].length === place.length)
        .filter((d) => [...d.name].filter((c, i) => c !== place[i]).length === 1)
        .map((d) => d.name),
    );
    if (fits.size === 1) return [...fits][0] + b.slice(m[1].length);
    if (fits.size === 0 && unconfirmed()) return lead + b.slice(place[0].length);
    return b;
  };
  // The gazetteers: a misread organ suffix, a body on record one character off, a body known by its code.
  for (let k = 0; k < issuingBodies.length; k++) {
    const b = repairOrganTail(issuingBodies[k]);
    issuingBodies[k] = registry.canonical(b) ?? strayLead(b) ?? placeByCode(repairPlaceNames(b, places));
  }
  if (issuingBodies.length === 0 && ownParsed) {
    const known = registry.bodiesForCode(ownParsed.agencyCode);
    if (known.length === 1) issuingBodies.push(known[0]);
  }
  if (title) title = mendTitleBodies(repairPlaceNames(title, places), fromTitle, issuingBodies);
  const docNumber = own ? dropBracketGlyph(mendDocNumber(own.value, issuingBodies, docType), own.raw, registry) : null;

  // A cited code one character off a registered one, whose body the document names (你省… 粤府), is put right.
  const flatText = docChars.join('');
  const named = (body: string) => flatText.includes(body);
  const referencedDocNumbers: string[] = [];
  for (const n of numbers) {
    if (n === own || n.value === own?.value) continue;
    const parsed = parseDocNumber(n.value);
    const value = parsed
      ? registry.repairCode(parsed.agencyCode, named) + n.value.slice(parsed.agencyCode.length)
      : n.value;
    if (value !== docNumber && !referencedDocNumbers.includes(value)) referencedDocNumbers.push(value);
  }

  const afterDate = signing ? signing.line + 1 : bodyStart;
  const printed = readPrinted(lines, afterDate);
  const cc = readLabelled(lines, afterDate, /^抄送[:：]?/);

  return {
    issuingBodies,
    docNumber,
    title: title && title.length > 0 ? title : null,
    docType,
    addressees: addressees.text ? splitList(addressees.text) : [],
    signingDate,
    attachments: readAttachments(lines, bodyStart, Math.min(lines.length, dateLine)),
    cc: cc ? splitList(cc) : [],
    printedBy: printed.by,
    printedDate: printed.date,
    classification: flags.classification,
    urgency: flags.urgency,
    copyNumber: flags.copyNumber,
    referencedDocNumbers,
  };
}
