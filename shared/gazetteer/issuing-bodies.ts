/**
 * A registry of issuing bodies (发文机关) and their 机关代字, seeded with central organs and the
 * standing organs of every province, and extended by what users confirm (learned entries). It maps a
 * 文号's code to its body (国信发 → 国家信访局) and a name OCR misread by a character to the name on
 * record (国家信仿局 → 国家信访局); it never changes an organ suffix (办公室 stays 办公室).
 */
import { PROVINCES, isBodyName, suffixLength } from '../documents/bodies';

export interface BodyEntry {
  readonly name: string;
  /** 机关代字 roots: the code without the 发 / 函 / 字 that says the kind of document (国办 for 国办发, 国办函). */
  readonly codes: readonly string[];
  /** Other valid names of this body (full and short forms); a document may use either, so they are kept as written. */
  readonly aliases: readonly string[];
  /** Readings a user corrected to this name (OCR misreadings): replaced by the name next time. */
  readonly misreadings?: readonly string[];
}

/** Central organs whose codes are stable and widely known. */
const CENTRAL: readonly BodyEntry[] = [
  { name: '中共中央', codes: ['中发'], aliases: ['中国共产党中央委员会'] },
  { name: '中共中央办公厅', codes: ['中办'], aliases: [] },
  { name: '国务院', codes: ['国发', '国函', '国令'], aliases: ['中华人民共和国国务院'] },
  { name: '国务院办公厅', codes: ['国办'], aliases: [] },
  { name: '中央军委办公厅', codes: [], aliases: ['中央军事委员会办公厅'] },
  { name: '国家信访局', codes: ['国信'], aliases: [] },
  { name: '工业和信息化部', codes: ['工信部'], aliases: ['中华人民共和国工业和信息化部'] },
  { name: '工业和信息化部办公厅', codes: ['工信厅', '工信信办'], aliases: [] },
  { name: '国家发展和改革委员会', codes: ['发改'], aliases: ['国家发展改革委'] },
  { name: '教育部', codes: ['教'], aliases: ['中华人民共和国教育部'] },
  { name: '科学技术部', codes: ['国科'], aliases: ['科技部'] },
  { name: '公安部', codes: ['公通'], aliases: ['中华人民共和国公安部'] },
  { name: '民政部', codes: ['民'], aliases: ['中华人民共和国民政部'] },
  { name: '司法部', codes: ['司'], aliases: ['中华人民共和国司法部'] },
  { name: '财政部', codes: ['财'], aliases: ['中华人民共和国财政部'] },
  { name: '人力资源和社会保障部', codes: ['人社部'], aliases: ['人力资源社会保障部'] },
  { name: '人力资源和社会保障部办公厅', codes: ['人社厅'], aliases: [] },
  { name: '自然资源部', codes: ['自然资'], aliases: [] },
  { name: '生态环境部', codes: ['环'], aliases: [] },
  { name: '住房和城乡建设部', codes: ['建'], aliases: ['住房城乡建设部'] },
  { name: '交通运输部', codes: ['交'], aliases: [] },
  { name: '水利部', codes: ['水'], aliases: [] },
  { name: '农业农村部', codes: ['农'], aliases: [] },
  { name: '商务部', codes: ['商'], aliases: [] },
  { name: '文化和旅游部', codes: ['文旅'], aliases: [] },
  { name: '国家卫生健康委员会', codes: ['国卫'], aliases: ['国家卫生健康委'] },
  { name: '退役军人事务部', codes: ['退役军人部'], aliases: [] },
  { name: '应急管理部', codes: ['应急'], aliases: [] },
  { name: '审计署', codes: ['审'], aliases: [] },
  { name: '国家市场监督管理总局', codes: ['国市监'], aliases: ['市场监管总局'] },
  { name: '国家税务总局', codes: ['税总'], aliases: [] },
  { name: '国家医疗保障局', codes: ['医保'], aliases: [] },
  { name: '最高人民法院', codes: ['法'], aliases: [] },
  { name: '最高人民检察院', codes: ['高检'], aliases: [] },
];

/** Provinces whose government writes 府 in its code (粤府, 黔府发); the others write 政 (湘政发, 闽政文). */
const FU_CODE = new Set(['粤', '黔', '沪', '渝', '赣', '琼', '川']);

/** The standing organs of each province: 人民政府, its 办公厅, the party committee and its 办公厅. */
function provincialEntries(): BodyEntry[] {
  const out: BodyEntry[] = [];
  for (const p of PROVINCES) {
    if (p.kind === '特别行政区') continue;
    const full = p.name + p.kind;
    const gov = FU_CODE.has(p.abbr) ? '府' : '政';
    out.push({ name: `${full}人民政府`, codes: [p.abbr + gov], aliases: [] });
    out.push({ name: `${full}人民政府办公厅`, codes: [`${p.abbr}${gov}办`], aliases: [] });
    const party = p.kind === '自治区' ? `中共${full}委员会` : `中共${full}委`;
    out.push({ name: party, codes: [`${p.abbr}发`], aliases: [] });
    out.push({ name: `${party}办公厅`, codes: [`${p.abbr}办`], aliases: [] });
  }
  return out;
}

/** The seed entries, general knowledge only; everything office-specific is learned. */
export const SEED_BODIES: readonly BodyEntry[] = [...CENTRAL, ...provincialEntries()];

/** Characters a 机关代字 ends with to name the kind of document, after the body's root. */
const KIND_TAIL = /^[发函字文电令明复通规办]{0,2}$/u;

export interface BodyRegistry {
  readonly entries: readonly BodyEntry[];
  /** Bodies whose code root starts the 机关代字 (longest root wins); several when the code is ambiguous. */
  readonly bodiesForCode: (agencyCode: string) => string[];
  /**
   * The registered name a reading stands for: itself, an alias's body, or the one name that differs by
   * at most one character in every six outside the organ suffix. Null when no entry or several fit.
   */
  readonly canonical: (name: string) => string | null;
  /**
   * A 机关代字 OCR read one character off (鳞府 for 粤府), put right when exactly one registered code fits and
   * its body is one of `namedBodies` (the bodies the document itself names). Unknown codes stay as read.
   */
  readonly repairCode: (agencyCode: string, namedBodies: (body: string) => boolean) => string;
}

/** Builds the registry from the seed and the learned entries (learned ones first, so a confirmation overrides). */
export function createBodyRegistry(learned: readonly BodyEntry[] = []): BodyRegistry {
  const entries = mergeEntries([...learned, ...SEED_BODIES]);
  // A name or alias stands for itself (a valid way to write the body); a misreading stands for the name.
  const byName = new Map<string, string>();
  for (const e of entries) {
    byName.set(e.name, e.name);
    for (const a of e.aliases) if (!byName.has(a)) byName.set(a, a);
  }
  for (const e of entries) for (const m of e.misreadings ?? []) if (!byName.has(m)) byName.set(m, e.name);
  const names = entries.map((e) => e.name);
  return {
    entries,
    bodiesForCode(agencyCode) {
      let bestLen = 0;
      let found: string[] = [];
      for (const e of entries)
        for (const c of e.codes) {
          if (!agencyCode.startsWith(c) || !KIND_TAIL.test(agencyCode.slice(c.length))) continue;
          if (c.length > bestLen) {
            bestLen = c.length;
            found = [e.name];
          } else if (c.length === bestLen && !found.includes(e.name)) found.push(e.name);
        }
      return found;
    },
    repairCode(agencyCode, namedBodies) {
      if (this.bodiesForCode(agencyCode).length > 0) return agencyCode;
      const chars = [...agencyCode];
      const fits = new Set<string>();
      for (const e of entries) {
        if (!namedBodies(e.name) && !e.aliases.some(namedBodies)) continue;
        for (const c of e.codes) {
          const code = [...c];
          // Two-character codes are too close to each other (莆政 / 闽政, 虹府 / 沪府) to repair safely.
          if (code.length < 3 || code.length > chars.length) continue;
          if (!KIND_TAIL.test(chars.slice(code.length).join(''))) continue;
          const diff = code.filter((ch, i) => ch !== chars[i]).length;
          if (diff === 1) fits.add(c + chars.slice(code.length).join(''));
        }
      }
      return fits.size === 1 ? [...fits][0] : agencyCode;
    },
    canonical(name) {
      const exact = byName.get(name);
      if (exact) return exact;
      const chars = [...name];
      const suffix = suffixLength(name);
      const maxDiff = Math.max(1, Math.floor(chars.length / 6));
      let best: string | null = null;
      let bestDiff = Infinity;
      let tied = false;
      for (const candidate of [...names, ...byName.keys()]) {
        const c = [...candidate];
        if (c.length !== chars.length || suffixLength(candidate) !== suffix) continue;
        // The organ suffix must agree exactly: 办公室 and 办公厅 are different bodies.
        if (c.slice(c.length - suffix).join('') !== chars.slice(chars.length - suffix).join('')) continue;
        let diff = 0;
        for (let k = 0; k < c.length && diff <= maxDiff; k++) if (c[k] !== chars[k]) diff++;
        if (diff > maxDiff) continue;
        const target = byName.get(candidate) ?? candidate;
        if (diff < bestDiff) {
          best = target;
          bestDiff = diff;
          tied = false;
        } else if (diff === bestDiff && target !== best) tied = true;
      }
      return tied ? null : best;
    },
  };
}

/** Merges entries of the same name, keeping the first one's order of codes, aliases and misreadings. */
function mergeEntries(list: readonly BodyEntry[]): BodyEntry[] {
  const out = new Map<string, { name: string; codes: string[]; aliases: string[]; misreadings: string[] }>();
  for (const e of list) {
    let cur = out.get(e.name);
    if (!cur) {
      cur = { name: e.name, codes: [], aliases: [], misreadings: [] };
      out.set(e.name, cur);
    }
    for (const c of e.codes) if (!cur.codes.includes(c)) cur.codes.push(c);
    for (const a of e.aliases) if (!cur.aliases.includes(a)) cur.aliases.push(a);
    for (const m of e.misreadings ?? []) if (!cur.misreadings.includes(m)) cur.misreadings.push(m);
  }
  return [...out.values()];
}

/** The root of a 机关代字: without the trailing 发 / 函 / 字 that names the kind of document (青信转 stays whole). */
export function codeRoot(agencyCode: string): string {
  const chars = [...agencyCode];
  let end = chars.length;
  while (end > 2 && /[发函字]/u.test(chars[end - 1])) end--;
  return chars.slice(0, end).join('');
}

/** What a user confirmed against what the extractor proposed, for one document. */
export interface ConfirmedBodies {
  readonly suggestedBodies: readonly string[];
  readonly confirmedBodies: readonly string[];
  /** Agency code of the confirmed 文号, when it has one. */
  readonly agencyCode: string | null;
}

/**
 * The learned entries after one confirmation: every confirmed body is recorded, the lead body takes the
 * 文号's code root, and a reading the user corrected becomes a misreading of the corrected name. Returns the
 * same list when nothing new was learned (so callers can skip the write).
 */
export function learnFromConfirmation(learned: readonly BodyEntry[], c: ConfirmedBodies): readonly BodyEntry[] {
  const bodies = c.confirmedBodies.map((b) => b.replace(/[\s\u3000]+/g, '')).filter(isBodyName);
  if (bodies.length === 0) return learned;
  const additions: BodyEntry[] = bodies.map((name, k) => {
    const codes = k === 0 && c.agencyCode ? [codeRoot(c.agencyCode)] : [];
    const before = c.suggestedBodies.length === c.confirmedBodies.length ? c.suggestedBodies[k]?.trim() : undefined;
    // Only a misreading becomes an alias (same length, most characters alike); a body the user replaced
    // with another one (the forwarded document's body) must not.
    const misreadings = before && before !== name && isMisreading(before, name) ? [before] : [];
    return { name, codes, aliases: [], misreadings };
  });
  const merged = mergeEntries([...learned, ...additions]);
  const before = JSON.stringify(mergeEntries(learned));
  return JSON.stringify(merged) === before ? learned : merged;
}

/** `a` reads like `b` with at most a third of its characters wrong. */
function isMisreading(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (x.length !== y.length) return false;
  const diff = x.filter((ch, i) => ch !== y[i]).length;
  return diff > 0 && diff * 3 <= x.length;
}
