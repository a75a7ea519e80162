import { describe, expect, it } from 'vitest';
import { createOfficialCalendar } from '../../../../shared/calendar/official-calendar';
import type { CaseEvent, RegisterEvent } from '../../../../shared/cases/case-events';
import type { CaseFields, CaseRecord } from '../../../../shared/cases/case-record';
import { closingChecklist, eventDetails, reminderText } from '../../../../shared/cases/case-view';
import { replayCase } from '../../../../shared/cases/case-machine';
import { caseStatistics, clockOutcomes } from '../../../../shared/cases/statistics';

const calendar = createOfficialCalendar();

const register = (on: string, over: Partial<RegisterEvent> = {}): RegisterEvent => ({
  id: 'e1',
  type: 'register',
  on,
  by: '登记员',
  receivedOn: on,
  officeKind: 'xinfang_department',
  source: 'direct',
  category: 'claim',
  ...over,
});

type Step = CaseEvent extends infer E ? (E extends unknown ? Omit<E, 'id' | 'by'> : never) : never;
const history = (reg: RegisterEvent, ...steps: Step[]): CaseEvent[] => [
  reg,
  ...steps.map((s, i) => ({ id: `e${i + 2}`, by: '经办人', ...s }) as CaseEvent),
];

const fields = (over: Partial<CaseFields> = {}): CaseFields => ({
  form: 'letter',
  petitioners: [{ name: '张三', idNumber: '', phone: '', address: '某村' }],
  headcount: 1,
  region: '某县',
  topic: '',
  claimRoute: null,
  summary: '事实',
  request: '请求',
  documentIds: [],
  ...over,
});

const record = (id: string, events: CaseEvent[], over: Partial<CaseRecord> = {}): CaseRecord => ({
  id,
  number: id,
  fields: fields(),
  repeat: { kind: 'first', relatedCaseIds: [] },
  events,
  fieldCorrections: [],
  createdAt: '',
  updatedAt: '',
  ...over,
});

describe('clock outcomes', () => {
  it('records each clock as on time or late when the step that stops it is recorded', () => {
    const h = history(
      register('2025-08-04'),
      { type: 'accept', on: '2025-08-10' },
      { type: 'notify', on: '2025-08-25' },
    );
    const out = clockOutcomes(h, calendar, '2025-09-01');
    expect(out.map((o) => [o.ruleId, o.status, o.due, o.doneOn])).toEqual([
      ['register_and_route', 'on_time', '2025-08-19', '2025-08-10'],
      ['notify_direct_petition', 'late', '2025-08-19', '2025-08-25'],
      ['handle_and_reply', 'running', '2025-10-09', null],
    ]);
  });

  it('ignores voided steps, so a correction changes the rate', () => {
    const h = history(
      register('2025-08-04'),
      { type: 'accept', on: '2025-08-05' },
      { type: 'correct', on: '2025-08-06', targetId: 'e2', action: 'void', reason: '误登' },
    );
    expect(clockOutcomes(h, calendar, '2025-09-01')).toMatchObject([
      { ruleId: 'register_and_route', status: 'overdue', doneOn: null },
    ]);
  });
});

describe('statistics of a period', () => {
  it('counts 件次 for every case and 批次/人次 for visits, and leaves cases outside the period out', () => {
    const cases = [
      record('a', history(register('2025-03-01'))),
      record('b', history(register('2025-03-02')), { fields: fields({ form: 'visit', headcount: 6 }) }),
      record('c', history(register('2025-03-03')), { repeat: { kind: 'repeat', relatedCaseIds: ['a'] } }),
      record('old', history(register('2024-12-20'))),
    ];
    const s = caseStatistics({ cases, from: '2024-12-21', to: '2025-12-20', calendar, today: '2025-03-05' });
    expect(s.total).toMatchObject({ cases: 3, batches: 1, persons: 6 });
    expect(s.byForm.map((r) => [r.key, r.cases])).toEqual([
      ['letter', 2],
      ['visit', 1],
    ]);
    expect(s.repeats).toEqual({ count: 1, rate: 0.333 });
    expect(s.notifyOnTime.rate).toBeNull();
  });
});

describe('case views', () => {
  it('describes steps and corrections in Chinese', () => {
    expect(
      eventDetails({
        id: 'x',
        type: 'extend',
        on: '2025-01-01',
        by: 'a',
        days: 20,
        approvedBy: '局长',
        reason: '复杂',
      }),
    ).toBe('延期 20 日，批准人 局长，理由：复杂');
    expect(
      eventDetails({ id: 'y', type: 'correct', on: '2025-01-01', by: 'a', targetId: 'x', action: 'void', reason: 'r' }),
    ).toBe('撤销记录 x');
  });

  it('checks before 办结 that the petitioner was told, the extension notified and the opinion served', () => {
    const h = history(
      register('2025-08-04'),
      { type: 'accept', on: '2025-08-05' },
      { type: 'notify', on: '2025-08-05' },
      { type: 'extend', on: '2025-08-06', days: 10, approvedBy: '局长', reason: '复杂' },
    );
    const r = replayCase(h);
    if (!r.ok) throw new Error(r.error.message);
    const list = closingChecklist(record('a', h), r.state);
    expect(list.map((c) => [c.label, c.done])).toEqual([
      ['登记要素齐全（第十九条）', true],
      ['已附来信或记录的扫描件', false],
      ['已书面告知信访人', true],
      ['告知书类型正确（应为受理告知书）', false],
      ['延期已告知信访人', false],
      ['生成的文书齐全', false],
    ]);
  });

  it('reminds of overdue and soon-due office work by case number only', () => {
    expect(reminderText([{ caseNumber: 'XF-1', status: 'running', owner: 'office' }])).toBeNull();
    expect(
      reminderText([
        { caseNumber: 'XF-1', status: 'overdue', owner: 'office' },
        { caseNumber: 'XF-2', status: 'due_soon', owner: 'office' },
        { caseNumber: 'XF-3', status: 'overdue', owner: 'petitioner' },
      ]),
    ).toEqual({
      title: '信访件期限提醒',
      body: '1 项已逾期（XF-1）；1 项 3 个工作日内到期（XF-2）。请打开工作台查看。',
    });
  });
});
