import { describe, expect, it } from 'vitest';
import type { CaseEvent, RegisterEvent } from '../../../../shared/cases/case-events';
import type { CaseFields, CaseRecord } from '../../../../shared/cases/case-record';
import { replayCase } from '../../../../shared/cases/case-machine';
import {
  changedFieldLabels,
  closingChecklist,
  hasNextLevelNotice,
  type CaseIssuedDocument,
} from '../../../../shared/cases/case-view';

const register: RegisterEvent = {
  id: 'e1',
  type: 'register',
  on: '2025-08-04',
  by: '登记员',
  receivedOn: '2025-08-04',
  officeKind: 'organ',
  source: 'direct',
  category: 'claim',
};

type Step = CaseEvent extends infer E ? (E extends unknown ? Omit<E, 'id' | 'by'> : never) : never;
const history = (...steps: Step[]): CaseEvent[] => [
  register,
  ...steps.map((s, i) => ({ id: `e${i + 2}`, by: '经办人', ...s }) as CaseEvent),
];

const fields: CaseFields = {
  form: 'letter',
  petitioners: [{ name: '张三', idNumber: '', phone: '', address: '某村' }],
  headcount: 1,
  region: '某县',
  topic: '',
  claimRoute: 'opinion',
  summary: '事实',
  request: '请求',
  documentIds: ['d0000001'],
};

const checklist = (events: CaseEvent[], issued: CaseIssuedDocument[]) => {
  const r = replayCase(events);
  if (!r.ok) throw new Error(r.error.message);
  const rec: CaseRecord = {
    id: 'c1',
    number: 'XF-2025-0001',
    fields,
    repeat: { kind: 'first', relatedCaseIds: [] },
    events,
    fieldCorrections: [],
    createdAt: '',
    updatedAt: '',
  };
  return Object.fromEntries(closingChecklist(rec, r.state, issued).map((c) => [c.label, c]));
};

const doc = (docType: string, text: string | null = '正文', cancelled = false): CaseIssuedDocument => ({
  docType,
  title: docType,
  docNumber: null,
  cancelled,
  text,
});

const NOTICE = '四、复查告知\n你如对本处理意见不服，可以自收到本意见书之日起30日内，向某市住建局书面请求复查。';

const handled = history(
  { type: 'accept', on: '2025-08-05' },
  { type: 'notify', on: '2025-08-05' },
  { type: 'issue_opinion', on: '2025-09-01', outcome: 'support' },
  { type: 'serve', on: '2025-09-03' },
);

describe('the 办结 checklist', () => {
  it('is complete for a handled case with the right 告知书, an opinion carrying the 复查 notice and its 送达回证', () => {
    const list = checklist(handled, [doc('shouli_gaozhi'), doc('chuli_yijian', NOTICE), doc('songda_huizheng')]);
    expect(Object.values(list).filter((c) => !c.done)).toEqual([]);
    expect(Object.keys(list)).toEqual([
      '登记要素齐全（第十九条）',
      '已附来信或记录的扫描件',
      '已书面告知信访人',
      '告知书类型正确（应为受理告知书）',
      '意见书已送达并记录送达日期',
      '处理意见书含复查告知（30 日内向上一级机关请求复查）',
      '生成的文书齐全',
    ]);
  });

  it('flags a 告知书 of the wrong type for the route, even beside the right one', () => {
    const declined = history(
      { type: 'decline', on: '2025-08-05', reason: '已经诉讼' },
      { type: 'notify', on: '2025-08-06' },
    );
    const wrong = checklist(declined, [doc('shouli_gaozhi')])['告知书类型正确（应为不予受理告知书或不再受理告知书）'];
    expect(wrong?.done).toBe(false);
    expect(wrong?.hint).toContain('受理告知书与办理方式不符');
    expect(
      checklist(declined, [doc('buyu_shouli')])['告知书类型正确（应为不予受理告知书或不再受理告知书）']?.done,
    ).toBe(true);
    expect(checklist(declined, [])['告知书类型正确（应为不予受理告知书或不再受理告知书）']?.hint).toContain('尚未生成');
  });

  it('does not count a cancelled document', () => {
    const list = checklist(handled, [
      doc('shouli_gaozhi', '正文', true),
      doc('chuli_yijian', NOTICE),
      doc('songda_huizheng'),
    ]);
    expect(list['告知书类型正确（应为受理告知书）']?.done).toBe(false);
  });

  it('finds an opinion without the 复查 notice, and one that cannot be read', () => {
    const without = checklist(handled, [
      doc('shouli_gaozhi'),
      doc('chuli_yijian', '处理意见如下：予以支持。'),
      doc('songda_huizheng'),
    ]);
    const item = without['处理意见书含复查告知（30 日内向上一级机关请求复查）'];
    expect(item?.done).toBe(false);
    expect(item?.hint).toContain('没有写明复查途径');
    const unreadable = checklist(handled, [doc('chuli_yijian', null)]);
    expect(unreadable['处理意见书含复查告知（30 日内向上一级机关请求复查）']?.hint).toContain('无法读取');
    const none = checklist(handled, []);
    expect(none['处理意见书含复查告知（30 日内向上一级机关请求复查）']?.hint).toBe('尚未生成处理意见书');
  });

  it('names the documents the recorded steps call for that were never generated', () => {
    const transferred = history(
      { type: 'transfer', on: '2025-08-05', to: '某县住建局' },
      { type: 'notify', on: '2025-08-06' },
    );
    expect(checklist(transferred, [])['生成的文书齐全']?.hint).toBe('缺少：转送函');
    const extended = history(
      { type: 'accept', on: '2025-08-05' },
      { type: 'notify', on: '2025-08-05' },
      { type: 'extend', on: '2025-09-20', days: 30, approvedBy: '局长', reason: '复杂' },
      { type: 'notify_extension', on: '2025-09-21' },
      { type: 'issue_opinion', on: '2025-10-20', outcome: 'explain' },
      { type: 'serve', on: '2025-10-22' },
    );
    expect(checklist(extended, [doc('chuli_yijian', NOTICE)])['生成的文书齐全']?.hint).toBe(
      '缺少：延期办理告知书、送达回证',
    );
  });

  it('reads the 复查 / 复核 notice whatever the wording order, and not a bare mention', () => {
    expect(hasNextLevelNotice(NOTICE, '复查')).toBe(true);
    expect(hasNextLevelNotice('如不服，可在收到之日起三十日内 向 上一级机关请求复查。', '复查')).toBe(true);
    expect(hasNextLevelNotice('请求复查的期限为收到意见书之日起30日。', '复查')).toBe(true);
    expect(hasNextLevelNotice('本机关已复查完毕。', '复查')).toBe(false);
    expect(hasNextLevelNotice(NOTICE, '复核')).toBe(false);
  });
});

describe('a recorded change of the 登记 fields', () => {
  it('names the fields that changed, and none when nothing did', () => {
    const after: CaseFields = {
      ...fields,
      request: '新的请求',
      petitioners: [{ ...fields.petitioners[0]!, phone: '13800000000' }],
    };
    expect(changedFieldLabels(fields, after)).toEqual(['信访人', '请求']);
    expect(changedFieldLabels(fields, { ...fields })).toEqual([]);
  });
});
