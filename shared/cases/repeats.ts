/**
 * Repeat petitions: earlier cases of the same person (ID number exact; name plus phone or address close) and of
 * the same matter (character-bigram similarity of 诉求 + 事实, which works on Chinese without a word segmenter).
 * A case is 重复信访 when the same person raised a similar matter before; everything found is shown so staff decide.
 */
import type { CaseFields } from './case-record';

export type RepeatReason = 'id_number' | 'name_phone' | 'name_address' | 'same_matter';

export interface RepeatCandidate {
  readonly id: string;
  readonly number: string;
  readonly fields: CaseFields;
  readonly registeredOn: string;
}

export interface RepeatMatch {
  readonly caseId: string;
  readonly number: string;
  readonly registeredOn: string;
  readonly reasons: readonly RepeatReason[];
  /** Similarity of the matters, 0–1. */
  readonly matterSimilarity: number;
  /** True when this match alone makes the new case a 重复信访. */
  readonly samePersonSameMatter: boolean;
}

export const REPEAT_REASON_LABELS: Readonly<Record<RepeatReason, string>> = {
  id_number: '身份证号相同',
  name_phone: '姓名和电话相同',
  name_address: '姓名相同、住址相近',
  same_matter: '反映事项相似',
};

/** Matters at least this similar are shown as 同一事项 even for a different person. */
export const SAME_MATTER_THRESHOLD = 0.5;
/** For the same person a looser match is enough: people restate the same complaint in new words. */
export const SAME_PERSON_MATTER_THRESHOLD = 0.25;
const ADDRESS_THRESHOLD = 0.6;

const norm = (s: string): string => s.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
const digits = (s: string): string => s.replace(/[^0-9]/g, '');

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  const t = norm(s);
  if (t.length === 1) out.set(t, 1);
  for (let i = 0; i + 1 < t.length; i++) {
    const g = t.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Sørensen–Dice coefficient over character bigrams (multiset), 0–1. */
export function textSimilarity(a: string, b: string): number {
  return dice(profileOf(a), profileOf(b));
}

/** A text's bigrams as ascending ids with their counts, and their total, computed once per text. */
interface TextProfile {
  readonly ids: Int32Array;
  readonly counts: Int32Array;
  readonly total: number;
}

/** Bigram → small integer, so two profiles intersect by a merge of sorted arrays instead of string hashing. */
const gramIds = new Map<string, number>();

function profileOf(s: string): TextProfile {
  const grams = bigrams(s);
  const entries: [number, number][] = [];
  let total = 0;
  for (const [g, n] of grams) {
    let id = gramIds.get(g);
    if (id === undefined) gramIds.set(g, (id = gramIds.size));
    entries.push([id, n]);
    total += n;
  }
  entries.sort((a, b) => a[0] - b[0]);
  return {
    ids: Int32Array.from(entries, (e) => e[0]),
    counts: Int32Array.from(entries, (e) => e[1]),
    total,
  };
}

function dice(x: TextProfile, y: TextProfile): number {
  const total = x.total + y.total;
  if (total === 0) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < x.ids.length && j < y.ids.length;) {
    const a = x.ids[i]!;
    const b = y.ids[j]!;
    if (a === b) {
      shared += Math.min(x.counts[i++]!, y.counts[j++]!);
    } else if (a < b) i++;
    else j++;
  }
  return (2 * shared) / total;
}

const matterOf = (f: CaseFields): string => `${f.request}\n${f.summary}`;

/** What matching needs of one case's form, normalised once: stored forms are replaced, never mutated. */
interface FieldsProfile {
  readonly matter: TextProfile;
  readonly people: readonly PersonKey[];
}

interface PersonKey {
  readonly id: string;
  readonly name: string;
  readonly phone: string;
  readonly address: string;
  readonly hasAddress: boolean;
  readonly addressProfile: TextProfile | null;
}

const fieldsProfiles = new WeakMap<CaseFields, FieldsProfile>();

function fieldsProfile(f: CaseFields): FieldsProfile {
  let p = fieldsProfiles.get(f);
  if (!p) {
    p = profileFields(f);
    fieldsProfiles.set(f, p);
  }
  return p;
}

function profileFields(f: CaseFields): FieldsProfile {
  return {
    matter: profileOf(matterOf(f)),
    people: f.petitioners.map((q) => ({
      id: q.idNumber.trim().toUpperCase(),
      name: norm(q.name),
      phone: digits(q.phone),
      address: q.address,
      hasAddress: norm(q.address) !== '',
      addressProfile: null,
    })),
  };
}

/**
 * Profiles stored forms ahead of the first search (a 20,000-case ledger takes about a second), so the first
 * 登记 or 打开 after start-up does not pay for it. Returns how many were new.
 */
export function warmRepeatProfiles(forms: readonly CaseFields[]): number {
  let n = 0;
  for (const f of forms) {
    if (fieldsProfiles.has(f)) continue;
    fieldsProfile(f);
    n++;
  }
  return n;
}

const addressProfile = (k: PersonKey): TextProfile => {
  // Only people with the same name need their addresses compared: profile them on demand.
  if (k.addressProfile === null) (k as { addressProfile: TextProfile | null }).addressProfile = profileOf(k.address);
  return k.addressProfile as TextProfile;
};

/** Adds why `a` and `b` look like the same person to `reasons`. */
function addPersonReasons(a: PersonKey, b: PersonKey, reasons: Set<RepeatReason>): void {
  if (a.id !== '' && a.id === b.id) reasons.add('id_number');
  if (a.name === '' || a.name !== b.name) return;
  if (a.phone.length >= 7 && a.phone === b.phone) reasons.add('name_phone');
  if (a.hasAddress && dice(addressProfile(a), addressProfile(b)) >= ADDRESS_THRESHOLD) reasons.add('name_address');
}

/** True when some pair of people could give a reason: a shared ID number or a shared name. */
function mayBeSamePerson(own: readonly PersonKey[], other: readonly PersonKey[]): boolean {
  for (const a of own)
    for (const b of other) if ((a.id !== '' && a.id === b.id) || (a.name !== '' && a.name === b.name)) return true;
  return false;
}

/** The highest Dice coefficient two texts of these bigram totals can reach (all of the shorter one shared). */
const diceBound = (x: TextProfile, y: TextProfile): number =>
  x.total + y.total === 0 ? 0 : (2 * Math.min(x.total, y.total)) / (x.total + y.total);

/** Earlier cases of the same person or the same matter, most relevant first. */
export function findRepeats(fields: CaseFields, earlier: readonly RepeatCandidate[]): readonly RepeatMatch[] {
  // The new form is profiled afresh (it may be a draft object edited in place); stored cases come from the cache.
  const own = profileFields(fields);
  const out: RepeatMatch[] = [];
  for (const c of earlier) {
    const other = fieldsProfile(c.fields);
    const person = mayBeSamePerson(own.people, other.people);
    // A matter whose length alone keeps it under the threshold cannot match: skip the bigram walk.
    if (!person && diceBound(own.matter, other.matter) < SAME_MATTER_THRESHOLD) continue;
    const reasons = new Set<RepeatReason>();
    if (person) for (const p of own.people) for (const q of other.people) addPersonReasons(p, q, reasons);
    const similarity = dice(own.matter, other.matter);
    if (similarity >= SAME_MATTER_THRESHOLD) reasons.add('same_matter');
    if (reasons.size === 0) continue;
    const samePerson = [...reasons].some((r) => r !== 'same_matter');
    out.push({
      caseId: c.id,
      number: c.number,
      registeredOn: c.registeredOn,
      reasons: [...reasons],
      matterSimilarity: Math.round(similarity * 100) / 100,
      samePersonSameMatter: samePerson && similarity >= SAME_PERSON_MATTER_THRESHOLD,
    });
  }
  const rank = (m: RepeatMatch) => (m.samePersonSameMatter ? 2 : 0) + (m.reasons.includes('id_number') ? 1 : 0);
  return out.sort((a, b) => rank(b) - rank(a) || b.matterSimilarity - a.matterSimilarity);
}

/** 初信初访 unless the same person raised a similar matter before. */
export function repeatKind(matches: readonly RepeatMatch[]): 'first' | 'repeat' {
  return matches.some((m) => m.samePersonSameMatter) ? 'repeat' : 'first';
}
