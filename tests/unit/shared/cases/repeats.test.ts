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
