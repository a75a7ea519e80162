/**
 * Repeat petitions: earlier cases of the same person (ID number exact; name plus phone or address close) and of
 * the same matter (character-bigram similarity of 诉求 + 事实, which works on Chinese without a word segmenter).
 * A case is 重复信访 when the same person raised a similar matter before; everything found is shown so staff decide.
 */
import type { CaseFields, Petitioner } from './case-record';

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
  const x = bigrams(a);
  const y = bigrams(b);
  let total = 0;
  let shared = 0;
  for (const n of x.values()) total += n;
  for (const n of y.values()) total += n;
  if (total === 0) return 0;
  for (const [g, n] of x) shared += Math.min(n, y.get(g) ?? 0);
  return (2 * shared) / total;
}

const matterOf = (f: CaseFields): string => `${f.request}\n${f.summary}`;

function personReasons(a: Petitioner, b: Petitioner): RepeatReason[] {
  const reasons: RepeatReason[] = [];
  const idA = a.idNumber.trim().toUpperCase();
  if (idA !== '' && idA === b.idNumber.trim().toUpperCase()) reasons.push('id_number');
  if (norm(a.name) === '' || norm(a.name) !== norm(b.name)) return reasons;
  const phoneA = digits(a.phone);
  if (phoneA.length >= 7 && phoneA === digits(b.phone)) reasons.push('name_phone');
  if (norm(a.address) !== '' && textSimilarity(a.address, b.address) >= ADDRESS_THRESHOLD) reasons.push('name_address');
  return reasons;
}

/** Earlier cases of the same person or the same matter, most relevant first. */
export function findRepeats(fields: CaseFields, earlier: readonly RepeatCandidate[]): readonly RepeatMatch[] {
  const matter = matterOf(fields);
  const out: RepeatMatch[] = [];
  for (const c of earlier) {
    const reasons = new Set<RepeatReason>();
    for (const p of fields.petitioners)
      for (const q of c.fields.petitioners) for (const r of personReasons(p, q)) reasons.add(r);
    const similarity = textSimilarity(matter, matterOf(c.fields));
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
