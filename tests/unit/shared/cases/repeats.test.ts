import { describe, expect, it } from 'vitest';
import type { CaseFields } from '../../../../shared/cases/case-record';
import { findRepeats, repeatKind, textSimilarity } from '../../../../shared/cases/repeats';

const person = {
  name: '张三',
  idNumber: '110101198001011232',
  phone: '13812345678',
  address: '河北省石家庄市长安区建设北大街1号',
};
const fields = (over: Partial<CaseFields> = {}): CaseFields => ({
  form: 'letter',
  petitioners: [person],
  headcount: 1,
  region: '',
  topic: '',
  claimRoute: null,
  summary: '房屋拆迁后一直没有拿到补偿款。',
  request: '请求落实拆迁补偿款。',
  documentIds: [],
  ...over,
});
const earlier = (id: string, f: CaseFields) => ({ id, number: id, fields: f, registeredOn: '2025-01-01' });

describe('repeat petitions', () => {
  it('scores identical text 1, unrelated text near 0, and a restatement in between', () => {
    expect(textSimilarity('请求落实拆迁补偿款', '请求落实拆迁补偿款')).toBe(1);
    expect(textSimilarity('请求落实拆迁补偿款', '反映工地夜间施工噪音')).toBeLessThan(0.1);
    const restated = textSimilarity('请求落实拆迁补偿款', '要求尽快发放拆迁补偿款');
    expect(restated).toBeGreaterThan(0.3);
    expect(restated).toBeLessThan(1);
  });

  it('finds the same person by ID number and calls a similar matter a 重复信访', () => {
    const m = findRepeats(fields({ request: '再次请求落实拆迁补偿款。' }), [earlier('a', fields())]);
    expect(m).toMatchObject([{ caseId: 'a', samePersonSameMatter: true }]);
    expect(m[0]?.reasons).toEqual(expect.arrayContaining(['id_number', 'name_phone', 'name_address', 'same_matter']));
    expect(repeatKind(m)).toBe('repeat');
  });

  it('finds the same person without an ID number by name and a phone written differently', () => {
    const m = findRepeats(fields({ petitioners: [{ ...person, idNumber: '', phone: '138 1234 5678', address: '' }] }), [
      earlier('a', fields()),
    ]);
    expect(m[0]?.reasons).toEqual(['name_phone', 'same_matter']);
  });

  it('shows the same person on a different matter and the same matter from someone else, but marks neither a repeat', () => {
    const otherMatter = earlier('a', fields({ summary: '工地夜间施工。', request: '请求查处噪音扰民。' }));
    const otherPerson = earlier(
      'b',
      fields({ petitioners: [{ name: '李四', idNumber: '', phone: '', address: '别处' }] }),
    );
    const m = findRepeats(fields(), [otherMatter, otherPerson]);
    expect(m.map((x) => [x.caseId, x.samePersonSameMatter])).toEqual([
      ['a', false],
      ['b', false],
    ]);
    expect(repeatKind(m)).toBe('first');
  });

  it('ignores cases with nothing in common', () => {
    const other = earlier(
      'a',
      fields({
        petitioners: [{ name: '李四', idNumber: '', phone: '', address: '' }],
        summary: '路灯坏了',
        request: '请修路灯',
      }),
    );
    expect(findRepeats(fields(), [other])).toEqual([]);
  });
});

describe('findRepeats with cached profiles and pruning', () => {
  /** The definition, written out plainly: Dice over bigram multisets, every candidate compared in full. */
  const norm = (s: string) => s.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
  const grams = (s: string) => {
    const t = norm(s);
    const m = new Map<string, number>();
    if (t.length === 1) m.set(t, 1);
    for (let i = 0; i + 1 < t.length; i++) m.set(t.slice(i, i + 2), (m.get(t.slice(i, i + 2)) ?? 0) + 1);
    return m;
  };
  const plainDice = (a: string, b: string) => {
    const [x, y] = [grams(a), grams(b)];
    let total = 0;
    let shared = 0;
    for (const n of [...x.values(), ...y.values()]) total += n;
    for (const [g, n] of x) shared += Math.min(n, y.get(g) ?? 0);
    return total === 0 ? 0 : (2 * shared) / total;
  };

  it('finds exactly the cases a full comparison finds, across short, long, same-person and other-person forms', () => {
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
    const words = ['拆迁', '补偿', '工资', '拖欠', '物业', '噪音', '土地', '承包', '医疗', '报销', '学位', '社保'];
    const text = () => Array.from({ length: 1 + Math.floor(next() * 30) }, () => pick(words)).join('');
    const names = ['张三', '李四', '王五', ''];
    const form = (): CaseFields =>
      fields({
        petitioners: [
          {
            name: pick(names),
            idNumber: pick(['', person.idNumber]),
            phone: pick(['', '13812345678']),
            address: pick(['', person.address, '石家庄市长安区建设北大街2号']),
          },
        ],
        request: text(),
        summary: next() < 0.3 ? '' : text(),
      });
    const earlier = Array.from({ length: 300 }, (_, i) => ({
      id: `c${i}`,
      number: `N${i}`,
      fields: form(),
      registeredOn: '2025-01-01',
    }));
    for (let k = 0; k < 40; k++) {
      const f = form();
      const got = findRepeats(f, earlier);
      const matter = (x: CaseFields) => `${x.request}\n${x.summary}`;
      const expected = earlier.filter((c) => {
        const samePerson = f.petitioners.some((p) =>
          c.fields.petitioners.some(
            (q) =>
              (p.idNumber !== '' && p.idNumber === q.idNumber) ||
              (norm(p.name) !== '' &&
                norm(p.name) === norm(q.name) &&
                ((p.phone.length >= 7 && p.phone === q.phone) ||
                  (norm(p.address) !== '' && plainDice(p.address, q.address) >= 0.6))),
          ),
        );
        return samePerson || plainDice(matter(f), matter(c.fields)) >= 0.5;
      });
      expect(got.map((m) => m.caseId).sort()).toEqual(expected.map((c) => c.id).sort());
      for (const m of got) {
        const c = earlier.find((e) => e.id === m.caseId)!;
        expect(m.matterSimilarity).toBe(Math.round(plainDice(matter(f), matter(c.fields)) * 100) / 100);
      }
    }
  });
});
