/**
 * 发文机关 names: what a body name looks like (a gazetteer of organ suffixes and province names),
 * how joint bodies split, and how to repair OCR damage by letting every occurrence of a name in the
 * document vote, character by character.
 */
import { compact, isHan, trimNoise } from './ocr-chars';

/** Endings of organ names, longest first so 人民政府 wins over 府. */
export const BODY_SUFFIXES: readonly string[] = [
  '人民代表大会常务委员会',
  '常务委员会',
  '人民政府',
  '行政公署',
  '领导小组办公室',
  '领导小组',
  '联席会议',
  '街道办事处',
  '委员会',
  '办公厅',
  '办公室',
  '办事处',
  '管委会',
  '常委会',
  '联合会',
  '检察院',
  '指挥部',
  '生产建设兵团',
  '政府',
  '总局',
  '公署',
  '小组',
  '中心',
  '党委',
  '党组',
  '工委',
  '纪委',
  '监委',
  '省委',
  '市委',
  '县委',
  '区委',
  '军区',
  '兵团',
  '公司',
  '集团',
  '大学',
  '学院',
  '法院',
  '协会',
  '商会',
  '局',
  '厅',
  '部',
  '院',
  '署',
  '委',
  '办',
  '会',
  '室',
  '处',
  '科',
  '所',
  '站',
  '队',
  '社',
  '馆',
];

/** Province-level divisions and their one-character abbreviations, as used in 机关代字 (黔府函, 闽政文). */
export const PROVINCES: readonly {
  readonly name: string;
  readonly kind: '省' | '市' | '自治区' | '特别行政区';
  readonly abbr: string;
}[] = [
  { name: '北京', kind: '市', abbr: '京' },
  { name: '天津', kind: '市', abbr: '津' },
  { name: '上海', kind: '市', abbr: '沪' },
  { name: '重庆', kind: '市', abbr: '渝' },
  { name: '河北', kind: '省', abbr: '冀' },
  { name: '山西', kind: '省', abbr: '晋' },
  { name: '辽宁', kind: '省', abbr: '辽' },
  { name: '吉林', kind: '省', abbr: '吉' },
  { name: '黑龙江', kind: '省', abbr: '黑' },
  { name: '江苏', kind: '省', abbr: '苏' },
  { name: '浙江', kind: '省', abbr: '浙' },
  { name: '安徽', kind: '省', abbr: '皖' },
  { name: '福建', kind: '省', abbr: '闽' },
  { name: '江西', kind: '省', abbr: '赣' },
  { name: '山东', kind: '省', abbr: '鲁' },
  { name: '河南', kind: '省', abbr: '豫' },
  { name: '湖北', kind: '省', abbr: '鄂' },
  { name: '湖南', kind: '省', abbr: '湘' },
  { name: '广东', kind: '省', abbr: '粤' },
  { name: '海南', kind: '省', abbr: '琼' },
  { name: '四川', kind: '省', abbr: '川' },
  { name: '贵州', kind: '省', abbr: '黔' },
  { name: '云南', kind: '省', abbr: '云' },
  { name: '陕西', kind: '省', abbr: '陕' },
  { name: '甘肃', kind: '省', abbr: '甘' },
  { name: '青海', kind: '省', abbr: '青' },
  { name: '台湾', kind: '省', abbr: '台' },
  { name: '内蒙古', kind: '自治区', abbr: '蒙' },
  { name: '广西壮族', kind: '自治区', abbr: '桂' },
  { name: '西藏', kind: '自治区', abbr: '藏' },
  { name: '宁夏回族', kind: '自治区', abbr: '宁' },
  { name: '新疆维吾尔', kind: '自治区', abbr: '新' },
  { name: '香港', kind: '特别行政区', abbr: '港' },
  { name: '澳门', kind: '特别行政区', abbr: '澳' },
];

/**
 * Glyphs tesseract returns for the last character of an organ name (厅 → 打, 院 → 陡 …), used only to
 * complete a name that otherwise ends in no known suffix.
 */
const SUFFIX_LOOKALIKES: Readonly<Record<string, string>> = {
  厅: '打斤帮厂用行片斥丁汀',
  室: '宝空至窒奎堂',
  府: '付俯腐附符肘',
  局: '居届扃句',
  院: '陡阮浣皖晥',
  会: '全合今金云',
  部: '郎都邮',
  委: '季娄妥',
  办: '力外',
};

/** Length of the organ suffix `name` ends with, 0 when it ends in none. */
export function suffixLength(name: string): number {
  for (const s of BODY_SUFFIXES) if (name.endsWith(s)) return s.length;
  return 0;
}

/**
 * A string that can be an organ name: Han only, at most 40 characters, an organ suffix after at least two
 * characters of name (国务院, 教育部; not 务院 or 省人民政府, which are names OCR cut short).
 */
export function isBodyName(name: string): boolean {
  const chars = [...name];
  if (chars.length < 3 || chars.length > 40) return false;
  if (!chars.every((c) => isHan(c))) return false;
  const n = suffixLength(name);
  return n > 0 && chars.length - n >= 2;
}

/** Completes a name whose last character OCR swapped for a look-alike (国务院办公打 → 国务院办公厅). */
export function repairSuffix(name: string): string {
  if (isBodyName(name)) return name;
  const chars = [...name];
  const last = chars[chars.length - 1];
  for (const [good, bad] of Object.entries(SUFFIX_LOOKALIKES)) {
    if (!bad.includes(last)) continue;
    const fixed = chars.slice(0, -1).join('') + good;
    if (isBodyName(fixed)) return fixed;
  }
  return name;
}

/** Fixes a province name one character off (贯州省 → 贵州省) where 省 / 自治区 leaves no doubt that a province is meant. */
export function repairProvince(name: string): string {
  for (const p of PROVINCES) {
    if (p.kind === '市' || p.kind === '特别行政区') continue;
    const head = [...name].slice(0, [...p.name].length + [...p.kind].length).join('');
    const want = p.name + p.kind;
    if (head === want || [...head].length !== [...want].length) continue;
    if (!head.endsWith(p.kind)) continue;
    const a = [...head];
    const b = [...want];
    const diff = a.filter((c, i) => c !== b[i]).length;
    // One wrong character in a two-character province name, and the result is not another province.
    if (diff === 1 && !PROVINCES.some((q) => head.startsWith(q.name + q.kind)))
      return want + [...name].slice(a.length).join('');
  }
  return name;
}

/** The province a body belongs to when it is a province-level organ (福建省人民政府, 湖南省委办公厅), else null. */
export function provinceOf(name: string): (typeof PROVINCES)[number] | null {
  const n = name.replace(/^中共/, '');
  for (const p of PROVINCES) {
    for (const head of [p.name + p.kind, p.name + (p.kind === '省' ? '省委' : p.kind)]) {
      if (!n.startsWith(head)) continue;
      const rest = n.slice(head.length);
      // Only the province's own organs: no city or county name in between.
      if (rest.length === 0 || /[市县区镇乡州盟旗]/.test(rest.slice(0, 2))) continue;
      return p;
    }
  }
  return null;
}

/**
 * Cleans one candidate name: strips specks and quotes around it; with `header`, also the 文件 of a
 * 版头 (XXX文件) and a speck or two after it.
 */
export function cleanBodyCandidate(raw: string, header = false): string {
  let s = compact(raw).replace(/[“”"'‘’《》〈〉<>|\\/]/g, '');
  s = trimNoise(s);
  // 版头 "XXX文件": keep the longest prefix that is a body name once its last glyph is repaired,
  // dropping at most 文件 and a speck or two after it.
  const chars = [...s];
  for (let end = chars.length; end >= Math.max(2, chars.length - 4); end--) {
    const head = repairSuffix(chars.slice(0, end).join(''));
    const tail = chars.slice(end).join('');
    // What is dropped must be 文件 or one speck, and what is kept must end in a full suffix (not 办 of 办公).
    const debris =
      tail.length === 0 || (header && (tail.length === 1 || /[文件]/.test(tail)) && suffixLength(head) >= 2);
    if (debris && isBodyName(head)) return head;
  }
  return s;
}

const SPLIT_STARTS = /^(办公|人民政府|政府|委员会|常委会|办事处|领导小组|小组|[厅局部院署委办会室处科所])/;

/**
 * Splits a run of joint bodies: at whitespace and 、 first, then, where names are written together
 * (中共湖南省委办公厅湖南省人民政府办公厅), after a suffix when the rest is itself a full name.
 */
export function splitBodies(raw: string, header = false): string[] {
  const tokens = raw
    .split(/[\s\u3000、，,]+/)
    .map((p) => p.replace(/[“”"'‘’《》〈〉<>|\\/]/g, ''))
    .filter((p) => p.length > 0);
  // OCR puts single spaces inside names (青禾县住房和城 乡建设局): a piece that is not yet a name,
  // or a piece that starts with an organ suffix (国务院 办公厅), joins its neighbour.
  const merged: string[] = [];
  for (const t of tokens) {
    const last = merged[merged.length - 1];
    if (last !== undefined && (!isBodyName(repairSuffix(trimNoise(last))) || SPLIT_STARTS.test(t))) {
      merged[merged.length - 1] = last + t;
    } else merged.push(t);
  }
  const parts = merged
    .map((p) => cleanBodyCandidate(p, header))
    .filter((p) => p.length > 0 && !(header && /^文?件$/.test(p)));
  const out: string[] = [];
  for (const p of parts) out.push(...splitRun(p));
  return out;
}

function splitRun(run: string): string[] {
  const chars = [...run];
  for (let cut = 3; cut <= chars.length - 3; cut++) {
    const head = chars.slice(0, cut).join('');
    const tail = chars.slice(cut).join('');
    if (!isBodyName(head) || SPLIT_STARTS.test(tail)) continue;
    // The head must end with a multi-character organ suffix: a lone 会 or 委 is too often inside a name.
    if (suffixLength(head) < 2 && !/[厅局院部]$/.test(head)) continue;
    // The rest must open with a jurisdiction of its own (湖南省…, 中央…), else it is a unit of the head
    // (XX市人民政府 + 教育督导委员会办公室 is one body).
    if (!/^(中共|中央|国务院|国家|全国)|^.{0,5}[省市县区镇乡旗盟州]/u.test(tail)) continue;
    const rest = splitRun(repairSuffix(tail));
    if (rest.every(isBodyName) && [...tail].length >= 4) return [head, ...rest];
  }
  return [run];
}

/** Counts of character bigrams in a text, for breaking ties between OCR readings. */
export function bigramCounts(text: string): Map<string, number> {
  const chars = [...text];
  const m = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const k = chars[i] + chars[i + 1];
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

export interface VoteResult {
  readonly value: string;
  /** How many places in the text read (nearly) this name. */
  readonly support: number;
}

/**
 * Repairs a name by majority vote over every stretch of the document within a few substitutions of
 * it (the 版头, the title, the 署名 and mentions in the body each read it independently). Ties go to
 * the reading whose neighbouring bigrams occur more often in the document, then to the original.
 */
export function voteName(
  name: string,
  docChars: readonly string[],
  bigrams: ReadonlyMap<string, number>,
  firstCharHint?: string,
): VoteResult {
  const target = [...name];
  const L = target.length;
  if (L < 2) return { value: name, support: 0 };
  const maxDist = L >= 8 ? Math.floor(L / 4) : L >= 4 ? 1 : L === 3 ? 1 : 0;
  const windows: string[][] = [];
  for (let i = 0; i + L <= docChars.length; i++) {
    let dist = 0;
    for (let k = 0; k < L && dist <= maxDist; k++) if (docChars[i + k] !== target[k]) dist++;
    if (dist <= maxDist) windows.push(docChars.slice(i, i + L) as string[]);
  }
  if (windows.length === 0) return { value: name, support: 0 };
  const out: string[] = [];
  for (let k = 0; k < L; k++) {
    const tally = new Map<string, number>();
    for (const w of windows) tally.set(w[k], (tally.get(w[k]) ?? 0) + 1);
    const prev = k > 0 ? target[k - 1] : '';
    const next = k + 1 < L ? target[k + 1] : '';
    const key = (ch: string): [number, number, number] => [
      tally.get(ch) ?? 0,
      (bigrams.get(prev + ch) ?? 0) + (bigrams.get(ch + next) ?? 0),
      ch === target[k] ? 1 : 0,
    ];
    let best = target[k];
    let bestKey = key(best);
    for (const ch of tally.keys()) {
      if (!isHan(ch)) continue;
      const kk = key(ch);
      if (
        kk[0] > bestKey[0] ||
        (kk[0] === bestKey[0] && (kk[1] > bestKey[1] || (kk[1] === bestKey[1] && kk[2] > bestKey[2])))
      ) {
        best = ch;
        bestKey = kk;
      }
    }
    // Readings of the first character disagree with no majority (表禾县 / 育禾县): the 机关代字 (青信转) settles it.
    // Only for a county or township organ whose name opens with its place name (X禾县, X湾镇): their codes
    // start with that character, while cities and districts often use another abbreviation (穗, 长绿府议).
    const tied = [...tally.entries()].filter(([ch, n]) => isHan(ch) && n === bestKey[0]).length;
    if (k === 0 && firstCharHint && tied > 1 && /^.[^省市区]{0,3}[县镇乡旗]/u.test(name)) best = firstCharHint;
    out.push(best);
  }
  return { value: out.join(''), support: windows.length };
}

/** Applies the vote, the province gazetteer and the suffix look-alikes to one candidate name. */
export function repairBodyName(
  name: string,
  docChars: readonly string[],
  bigrams: ReadonlyMap<string, number>,
  firstCharHint?: string,
): VoteResult {
  const voted = voteName(name, docChars, bigrams, firstCharHint);
  return { value: repairProvince(repairSuffix(voted.value)), support: voted.support };
}

/** True when `hay` contains `needle` with at most `maxDist` characters read differently. */
export function containsApprox(hay: string, needle: string, maxDist = 1): boolean {
  const h = [...hay];
  const n = [...needle];
  for (let i = 0; i + n.length <= h.length; i++) {
    let d = 0;
    for (let k = 0; k < n.length && d <= maxDist; k++) if (h[i + k] !== n[k]) d++;
    if (d <= maxDist) return true;
  }
  return false;
}

/** True when the characters of `short` appear in `long` in order (a seal or a stain hid the others). */
export function isSubsequence(short: readonly string[], long: readonly string[]): boolean {
  let k = 0;
  for (const ch of long) if (k < short.length && ch === short[k]) k++;
  return k === short.length;
}

/** Levenshtein distance over code points (names are short). */
export function editDistance(a: readonly string[], b: readonly string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length];
}

/** Share of a name's character bigrams that the document reads at least twice (so somewhere besides this reading). */
export function bigramSupport(name: string, bigrams: ReadonlyMap<string, number>): number {
  const chars = [...name];
  if (chars.length < 2) return 0;
  let seen = 0;
  for (let i = 0; i + 1 < chars.length; i++) if ((bigrams.get(chars[i] + chars[i + 1]) ?? 0) >= 2) seen++;
  return seen / (chars.length - 1);
}

/**
 * Cross-checks the chosen reading of a body with the other places that name it (版头, title, 署名): a reading
 * that holds the chosen one's characters in order, with the same first and last character, is the full name a
 * seal covered in part (青禾设局 under the seal, 青禾县住房和城乡建设局 in the 版头); a reading a few edits away
 * with the same organ suffix replaces it when more of its bigrams are read elsewhere in the document too (the
 * title repeats 示范文明城区, the damaged 署名 reads 赤文明城区).
 */
export function crossCheckBody(
  chosen: string,
  others: readonly string[],
  bigrams: ReadonlyMap<string, number>,
): string {
  const c = [...chosen];
  if (c.length === 0) return chosen;
  const fuller = others
    .map((o) => [...o])
    .filter(
      (o) =>
        o.length > c.length &&
        o.length <= 3 * c.length &&
        o[0] === c[0] &&
        o[o.length - 1] === c[c.length - 1] &&
        isSubsequence(c, o) &&
        isBodyName(o.join('')),
    )
    .sort((x, y) => y.length - x.length)[0];
  if (fuller) return fuller.join('');
  const suffix = suffixLength(chosen);
  if (suffix === 0) return chosen;
  let best = chosen;
  let bestSupport = bigramSupport(chosen, bigrams);
  for (const other of others) {
    const o = [...other];
    if (other === chosen || o[0] !== c[0] || !isBodyName(other) || suffixLength(other) !== suffix) continue;
    if (!other.endsWith(chosen.slice(chosen.length - suffix))) continue;
    const d = editDistance(c, o);
    if (d > Math.max(1, Math.floor(Math.max(c.length, o.length) / 6))) continue;
    const s = bigramSupport(other, bigrams);
    if (s > bestSupport) {
      best = other;
      bestSupport = s;
    }
  }
  return best;
}
