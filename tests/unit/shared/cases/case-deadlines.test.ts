import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  openCase,
  type CaseEvent,
  type CaseResult,
  type CaseState,
  type RegisterEvent,
} from '../../../../shared/cases/case-machine';
import { deadlineStatus, runningDeadlines } from '../../../../shared/cases/case-deadlines';
import { createOfficialCalendar } from '../../../../shared/calendar/official-calendar';

const calendar = createOfficialCalendar();

type Payload<E> = E extends unknown ? Omit<E, 'id' | 'by'> : never;
let seq = 0;

function ok(r: CaseResult): CaseState {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.state;
}

function caseOf(reg: Partial<RegisterEvent>, ...steps: Payload<CaseEvent>[]): CaseState {
  const opened = ok(
    openCase({
      id: `r${++seq}`,
      type: 'register',
      on: '2025-08-04',
      by: '张登记',
      receivedOn: '2025-08-04',
      officeKind: 'xinfang_department',
      source: 'direct',
      category: 'claim',
      ...reg,
    }),
  );
  return steps.reduce((s, step) => ok(applyEvent(s, { id: `s${++seq}`, by: '李经办', ...step } as CaseEvent)), opened);
}

const summary = (s: CaseState, today?: string) =>
  runningDeadlines(s, { calendar, today }).map((d) => [
    d.ruleId,
    d.from,
    d.deadline.strictDue,
    d.deadline.due,
    d.owner,
  ]);

describe('the deadlines a case runs', () => {
  it('runs the 15日 登记转送 clock for a 信访部门 from the day the item was received', () => {
    expect(summary(caseOf({ receivedOn: '2025-09-20', on: '2025-09-21' }))).toEqual([
      ['register_and_route', '2025-09-20', '2025-10-05', '2025-10-09', 'office'],
    ]);
  });

  it('runs the 15日 告知 clock for another 机关 receiving a petition directly', () => {
    expect(summary(caseOf({ officeKind: 'organ', receivedOn: '2025-09-20', on: '2025-09-20' }))).toEqual([
      ['notify_direct_petition', '2025-09-20', '2025-10-05', '2025-10-09', 'office'],
    ]);
  });

  it('runs both the 5-工作日 异议 clock and the 15日 告知 clock for an item sent down, soonest first', () => {
    expect(
      summary(caseOf({ officeKind: 'organ', source: 'transferred', receivedOn: '2025-09-30', on: '2025-09-30' })),
    ).toEqual([
      ['object_to_misrouting', '2025-09-30', '2025-10-14', '2025-10-14', 'office'],
      ['notify_after_transfer', '2025-09-30', '2025-10-15', '2025-10-15', 'office'],
    ]);
  });

  it('keeps the 告知 clock after 受理 and starts the 60日 handling clock from the 受理 date', () => {
    const s = caseOf(
      { officeKind: 'organ', receivedOn: '2025-08-01', on: '2025-08-01' },
      { type: 'accept', on: '2025-08-04' },
    );
    expect(summary(s)).toEqual([
      ['notify_direct_petition', '2025-08-01', '2025-08-16', '2025-08-18', 'office'],
      ['handle_and_reply', '2025-08-04', '2025-10-03', '2025-10-09', 'office'],
    ]);
    const notified = caseOf(
      { officeKind: 'organ', receivedOn: '2025-08-01', on: '2025-08-01' },
      { type: 'accept', on: '2025-08-04' },
      { type: 'notify', on: '2025-08-05' },
    );
    expect(summary(notified).map((d) => d[0])).toEqual(['handle_and_reply']);
  });

  it('runs the 60日 clock from the 受理告知 of a transferred item and lengthens it by an approved 延期', () => {
    let s = caseOf({}, { type: 'transfer', on: '2025-08-04', to: '某局' });
    expect(summary(s)).toEqual([['notify_after_transfer', '2025-08-04', '2025-08-19', '2025-08-19', 'office']]);
    s = caseOf({}, { type: 'transfer', on: '2025-08-04', to: '某局' }, { type: 'notify', on: '2025-08-04' });
    expect(summary(s)).toEqual([['handle_and_reply', '2025-08-04', '2025-10-03', '2025-10-09', 'office']]);
    s = caseOf(
      {},
      { type: 'transfer', on: '2025-08-04', to: '某局' },
      { type: 'notify', on: '2025-08-04' },
      { type: 'extend', on: '2025-09-30', days: 30, approvedBy: '王局长', reason: '补充调查' },
    );
    const [handling] = runningDeadlines(s, { calendar });
    expect([handling?.deadline.days, handling?.extensionDays, handling?.deadline.due]).toEqual([90, 30, '2025-11-03']);
  });

  it('runs no 60日 clock for a 建议意见 item unless the office applies it to every item', () => {
    const s = caseOf(
      { category: 'suggestion' },
      { type: 'accept', on: '2025-08-04' },
      { type: 'notify', on: '2025-08-05' },
    );
    expect(runningDeadlines(s, { calendar })).toEqual([]);
    expect(runningDeadlines(s, { calendar, handlingLimitFor: 'all' }).map((d) => d.ruleId)).toEqual([
      'handle_and_reply',
    ]);
  });

  it('tracks the 交办 report-back date set in the 交办函 until the report arrives', () => {
    const s = caseOf({}, { type: 'assign', on: '2025-08-04', to: '某街道', reportDueOn: '2025-09-05' });
    expect(runningDeadlines(s, { calendar }).find((d) => d.ruleId === 'assigned_report_back')?.deadline).toMatchObject({
      days: 32,
      due: '2025-09-05',
    });
    const reported = caseOf(
      {},
      { type: 'assign', on: '2025-08-04', to: '某街道', reportDueOn: '2025-09-05' },
      { type: 'receive_report', on: '2025-09-01' },
    );
    expect(runningDeadlines(reported, { calendar }).map((d) => d.ruleId)).toEqual(['notify_after_transfer']);
  });

  it('shows the petitioner’s 30日 复查 window after 送达 as the petitioner’s, not the office’s', () => {
    const s = caseOf(
      {},
      { type: 'accept', on: '2025-08-04' },
      { type: 'notify', on: '2025-08-05' },
      { type: 'issue_opinion', on: '2025-09-01', outcome: 'not_supported' },
      { type: 'serve', on: '2025-09-03' },
    );
    expect(summary(s)).toEqual([['review_request_window', '2025-09-03', '2025-10-03', '2025-10-09', 'petitioner']]);
  });

  it('keeps the 复查 clock running until its opinion is served', () => {
    const base: Payload<CaseEvent>[] = [
      { type: 'accept', on: '2025-08-04' },
      { type: 'notify', on: '2025-08-05' },
      { type: 'issue_opinion', on: '2025-09-01', outcome: 'not_supported' },
      { type: 'serve', on: '2025-09-03' },
      { type: 'request_review', on: '2025-09-10' },
    ];
    expect(summary(caseOf({}, ...base))).toEqual([
      ['review_decision', '2025-09-10', '2025-10-10', '2025-10-10', 'office'],
    ]);
    const issued = caseOf({}, ...base, { type: 'issue_opinion', on: '2025-10-01', outcome: 'support' });
    expect(summary(issued).map((d) => d[0])).toEqual(['review_decision']);
  });

  it('stops the 复核 clock during a 听证 and moves its due date while the hearing lasts', () => {
    const steps: Payload<CaseEvent>[] = [
      { type: 'accept', on: '2025-01-02' },
      { type: 'notify', on: '2025-01-03' },
      { type: 'issue_opinion', on: '2025-01-20', outcome: 'not_supported' },
      { type: 'serve', on: '2025-01-21' },
      { type: 'request_review', on: '2025-02-05' },
      { type: 'issue_opinion', on: '2025-02-20', outcome: 'not_supported' },
      { type: 'serve', on: '2025-02-21' },
      { type: 'request_recheck', on: '2025-03-03' },
      { type: 'hearing_start', on: '2025-03-10' },
    ];
    const open = caseOf({ receivedOn: '2025-01-02', on: '2025-01-02' }, ...steps);
    const [during] = runningDeadlines(open, { calendar, today: '2025-03-12' });
    expect([during?.paused, during?.deadline.pausedDays, during?.deadline.due]).toEqual([true, 3, '2025-04-07']);
    const closed = caseOf({ receivedOn: '2025-01-02', on: '2025-01-02' }, ...steps, {
      type: 'hearing_end',
      on: '2025-03-12',
    });
    const [after] = runningDeadlines(closed, { calendar, today: '2025-06-01' });
    expect([after?.paused, after?.deadline.strictDue, after?.deadline.due]).toEqual([
      false,
      '2025-04-05',
      '2025-04-07',
    ]);
  });

  it('runs nothing once the case is closed', () => {
    const s = caseOf(
      {},
      { type: 'decline', on: '2025-08-05', reason: '不属于信访事项' },
      { type: 'notify', on: '2025-08-06' },
      { type: 'close', on: '2025-08-06' },
    );
    expect(runningDeadlines(s, { calendar })).toEqual([]);
  });

  it('follows an office’s per-rule choice of unit and roll-over', () => {
    const s = caseOf({ receivedOn: '2025-09-20', on: '2025-09-20' });
    const [d] = runningDeadlines(s, { calendar, settings: { register_and_route: { rollOver: 'none' } } });
    expect([d?.deadline.strictDue, d?.deadline.due]).toEqual(['2025-10-05', '2025-10-05']);
  });
});

describe('the dashboard colour of a deadline', () => {
  const s = caseOf({ officeKind: 'organ', source: 'transferred', receivedOn: '2025-09-30', on: '2025-09-30' });
  const objection = runningDeadlines(s, { calendar }).find((d) => d.ruleId === 'object_to_misrouting');

  it('is red after the due date, yellow within 3 workdays counting the 调休 Saturday, and plain before that', () => {
    expect(objection?.deadline.due).toBe('2025-10-14');
    const colour = (today: string) => (objection ? deadlineStatus(objection.deadline, today, calendar) : null);
    expect(colour('2025-10-15')).toBe('overdue');
    expect(colour('2025-10-14')).toBe('due_soon');
    expect(colour('2025-10-10')).toBe('due_soon');
    expect(colour('2025-10-09')).toBe('running');
  });
});
