import { describe, expect, it } from 'vitest';
import {
  allowedNextSteps,
  applyEvent,
  caseTimeline,
  openCase,
  replayCase,
  CASE_ERROR_CODES,
  type CaseEvent,
  type CaseResult,
  type CaseState,
  type RegisterEvent,
} from '../../../../shared/cases/case-machine';
import { caseEventSchema } from '../../../../shared/cases/case-events.schemas';

type Payload<E> = E extends unknown ? Omit<E, 'id' | 'by'> : never;

let seq = 0;
const id = () => `e${++seq}`;

const register = (overrides: Partial<RegisterEvent> = {}): RegisterEvent => ({
  id: id(),
  type: 'register',
  on: '2025-08-01',
  by: '张登记',
  receivedOn: '2025-07-31',
  officeKind: 'xinfang_department',
  source: 'direct',
  category: 'claim',
  ...overrides,
});

/** Unwraps a result the test expects to succeed, failing with the machine's own message otherwise. */
function ok(r: CaseResult): CaseState {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.state;
}

/** Applies steps in order, each with a fresh id and a recorder. */
function walk(state: CaseState, ...steps: Payload<CaseEvent>[]): CaseState {
  return steps.reduce((s, step) => ok(applyEvent(s, { id: id(), by: '李经办', ...step } as CaseEvent)), state);
}

const step = (state: CaseState, event: Payload<CaseEvent>, today?: string): CaseResult =>
  applyEvent(state, { id: id(), by: '李经办', ...event } as CaseEvent, today ? { today } : {});

const failure = (r: CaseResult) => (r.ok ? null : r.error);

describe('the 信访件 workflow', () => {
  it('walks a transferred claim through 受理告知, 延期, 处理意见书, 送达, 复查, 复核 with 听证 and 办结', () => {
    let s = ok(openCase(register()));
    expect(s.stage).toBe('registered');
    s = walk(s, { type: 'transfer', on: '2025-08-05', to: '某区住房和城乡建设局' });
    expect([s.stage, s.route]).toEqual(['routed', 'transfer']);
    s = walk(s, { type: 'notify', on: '2025-08-10' });
    expect([s.stage, s.acceptedOn]).toEqual(['handling', '2025-08-10']);
    s = walk(s, { type: 'extend', on: '2025-09-30', days: 30, approvedBy: '王局长', reason: '需补充调查' });
    expect([s.extensionDays, s.extensionPendingNotice]).toEqual([30, true]);
    s = walk(s, { type: 'notify_extension', on: '2025-09-30' });
    s = walk(s, { type: 'issue_opinion', on: '2025-10-20', outcome: 'not_supported' });
    expect(s.stage).toBe('opinion_issued');
    s = walk(s, { type: 'serve', on: '2025-10-22' });
    expect([s.stage, s.opinions[0]?.servedOn]).toEqual(['served', '2025-10-22']);
    s = walk(s, { type: 'request_review', on: '2025-11-10' });
    expect(s.stage).toBe('under_review');
    s = walk(
      s,
      { type: 'issue_opinion', on: '2025-12-01', outcome: 'not_supported' },
      { type: 'serve', on: '2025-12-03' },
    );
    s = walk(s, { type: 'request_recheck', on: '2025-12-20' });
    expect(s.stage).toBe('under_recheck');
    s = walk(s, { type: 'hearing_start', on: '2026-01-05' }, { type: 'hearing_end', on: '2026-01-07' });
    expect(s.hearings).toEqual([{ from: '2026-01-05', to: '2026-01-07' }]);
    s = walk(s, { type: 'issue_opinion', on: '2026-01-20', outcome: 'explain' }, { type: 'serve', on: '2026-01-22' });
    expect(s.opinions.map((o) => [o.level, o.outcome])).toEqual([
      ['handling', 'not_supported'],
      ['review', 'not_supported'],
      ['recheck', 'explain'],
    ]);
    s = walk(s, { type: 'close', on: '2026-01-23' });
    expect([s.stage, s.closedOn, s.history.length]).toEqual(['closed', '2026-01-23', 16]);
  });

  it('offers only the routing decisions right after 登记, and 异议 only for items sent down from above', () => {
    const direct = ok(openCase(register()));
    expect(allowedNextSteps(direct)).toEqual(['transfer', 'assign', 'accept', 'decline', 'refer_discipline', 'divert']);
    const sentDown = ok(openCase(register({ officeKind: 'organ', source: 'transferred' })));
    expect(allowedNextSteps(sentDown)).toContain('object');
  });

  it('refuses a 送达 before any 意见书 and names the steps allowed instead', () => {
    const s = walk(
      ok(openCase(register())),
      { type: 'accept', on: '2025-08-02' },
      { type: 'notify', on: '2025-08-03' },
    );
    const e = failure(step(s, { type: 'serve', on: '2025-08-04' }));
    expect(e?.code).toBe('case.step_out_of_order');
    expect(e?.message).toBe(
      '当前状态为「办理中」，不能进行「送达」。现在可以进行：「延期（经负责人批准）」、「出具信访处理意见书」。',
    );
    expect(e?.allowed).toEqual(['extend', 'issue_opinion']);
  });

  it('refuses a 复核 request before the 复查 has been answered', () => {
    const s = walk(
      ok(openCase(register())),
      { type: 'accept', on: '2025-08-02' },
      { type: 'notify', on: '2025-08-03' },
      { type: 'issue_opinion', on: '2025-09-01', outcome: 'support' },
      { type: 'serve', on: '2025-09-02' },
    );
    expect(failure(step(s, { type: 'request_recheck', on: '2025-09-10' }))?.code).toBe('case.step_out_of_order');
  });

  it('closes the matter after the 复核 opinion is served: no further 复查 or 复核 (第三十六条第三款)', () => {
    let s = walk(
      ok(openCase(register())),
      { type: 'accept', on: '2025-08-02' },
      { type: 'notify', on: '2025-08-03' },
      { type: 'issue_opinion', on: '2025-09-01', outcome: 'support' },
      { type: 'serve', on: '2025-09-02' },
      { type: 'request_review', on: '2025-09-10' },
      { type: 'issue_opinion', on: '2025-09-20', outcome: 'support' },
      { type: 'serve', on: '2025-09-21' },
      { type: 'request_recheck', on: '2025-09-25' },
      { type: 'issue_opinion', on: '2025-10-20', outcome: 'support' },
      { type: 'serve', on: '2025-10-21' },
    );
    expect(allowedNextSteps(s)).toEqual(['close']);
    s = walk(s, { type: 'close', on: '2025-10-22' });
    expect(allowedNextSteps(s)).toEqual([]);
  });

  it('reopens a case closed after the 处理意见书 when the petitioner asks for 复查 in time', () => {
    let s = walk(
      ok(openCase(register())),
      { type: 'accept', on: '2025-08-02' },
      { type: 'notify', on: '2025-08-03' },
      { type: 'issue_opinion', on: '2025-09-01', outcome: 'not_supported' },
      { type: 'serve', on: '2025-09-02' },
      { type: 'close', on: '2025-09-03' },
    );
    s = walk(s, { type: 'request_review', on: '2025-09-20' });
    expect([s.stage, s.closedOn]).toEqual(['under_review', null]);
  });

  it('records 不予受理 with its reason, then the 不予受理告知, then 办结', () => {
    let s = ok(openCase(register({ officeKind: 'organ' })));
    expect(failure(step(s, { type: 'decline', on: '2025-08-02', reason: '  ' }))?.code).toBe('case.field_required');
    s = walk(s, { type: 'decline', on: '2025-08-02', reason: '已经复核终结，同一事实和理由不再受理' });
    expect(allowedNextSteps(s)).toEqual(['notify']);
    s = walk(s, { type: 'notify', on: '2025-08-03' });
    expect([s.stage, s.acceptedOn]).toEqual(['awaiting_close', null]);
    s = walk(s, { type: 'close', on: '2025-08-03' });
    expect(caseTimeline(s).map((t) => t.label)).toEqual(['登记', '不予受理', '不予受理告知', '办结']);
  });

  it('routes 检举控告 to the 纪检监察 and 诉讼类 items into their procedure, then closes after telling the petitioner', () => {
    const referred = walk(
      ok(openCase(register({ category: 'accusation' }))),
      { type: 'refer_discipline', on: '2025-08-02', to: '区纪委监委' },
      { type: 'notify', on: '2025-08-04' },
      { type: 'close', on: '2025-08-05' },
    );
    expect(referred.stage).toBe('closed');
    const diverted = walk(ok(openCase(register())), {
      type: 'divert',
      on: '2025-08-02',
      route: 'litigation',
      to: '区人民法院',
    });
    expect(caseTimeline(diverted).at(-1)?.label).toBe('导入诉讼、仲裁、复议等法定程序');
  });

  it('lets a unit object to a misrouted item sent down to it, but not to one a petitioner brought directly', () => {
    const direct = ok(openCase(register({ officeKind: 'organ' })));
    expect(failure(step(direct, { type: 'object', on: '2025-08-02', reason: '不属本单位职权' }))?.code).toBe(
      'case.objection_not_allowed',
    );
    const sentDown = ok(openCase(register({ officeKind: 'organ', source: 'transferred' })));
    expect(failure(step(sentDown, { type: 'object', on: '2025-08-02', reason: '' }))?.code).toBe('case.field_required');
    const objected = walk(sentDown, { type: 'object', on: '2025-08-02', reason: '属于市场监管部门职权' });
    expect(allowedNextSteps(objected)).toEqual(['close']);
  });

  it('requires the 承办单位’s 办结报告 before a 交办 case can be closed', () => {
    let s = walk(
      ok(openCase(register())),
      { type: 'assign', on: '2025-08-02', to: '某街道办事处', reportDueOn: '2025-09-30' },
      { type: 'notify', on: '2025-08-05' },
      { type: 'issue_opinion', on: '2025-09-01', outcome: 'support' },
      { type: 'serve', on: '2025-09-02' },
    );
    const e = failure(step(s, { type: 'close', on: '2025-09-03' }));
    expect(e?.code).toBe('case.report_missing');
    expect(e?.allowed).toEqual(['request_review', 'receive_report']);
    s = walk(s, { type: 'receive_report', on: '2025-09-20' }, { type: 'close', on: '2025-09-21' });
    expect([s.reportReceivedOn, s.stage]).toEqual(['2025-09-20', 'closed']);
  });

  it('refuses a 交办 whose report-back date is not after the 交办 date', () => {
    const s = ok(openCase(register()));
    expect(failure(step(s, { type: 'assign', on: '2025-08-02', to: '某街道', reportDueOn: '2025-08-02' }))?.code).toBe(
      'case.invalid_date',
    );
  });
});

describe('延期 under 第三十四条', () => {
  const handling = () =>
    walk(ok(openCase(register())), { type: 'accept', on: '2025-08-02' }, { type: 'notify', on: '2025-08-03' });

  it('needs the approving 负责人 and a reason', () => {
    const e = failure(
      step(handling(), { type: 'extend', on: '2025-09-20', days: 15, approvedBy: '', reason: '情况复杂' }),
    );
    expect([e?.code, e?.message]).toEqual(['case.field_required', '「延期（经负责人批准）」须填写批准延期的负责人。']);
  });

  it('refuses extensions adding up to more than 30 days', () => {
    const s = walk(
      handling(),
      { type: 'extend', on: '2025-09-20', days: 20, approvedBy: '王局长', reason: '补充调查' },
      { type: 'notify_extension', on: '2025-09-21' },
    );
    const e = failure(
      step(s, { type: 'extend', on: '2025-09-25', days: 11, approvedBy: '王局长', reason: '再次补充调查' }),
    );
    expect(e?.code).toBe('case.extension_too_long');
    expect(e?.message).toContain('最多还能延期 10 日');
    expect(
      walk(s, { type: 'extend', on: '2025-09-25', days: 10, approvedBy: '王局长', reason: '再次补充调查' })
        .extensionDays,
    ).toBe(30);
  });

  it('refuses the 处理意见书 while the petitioner has not been told of the extension', () => {
    const s = walk(handling(), {
      type: 'extend',
      on: '2025-09-20',
      days: 30,
      approvedBy: '王局长',
      reason: '补充调查',
    });
    const e = failure(step(s, { type: 'issue_opinion', on: '2025-10-01', outcome: 'support' }));
    expect(e?.code).toBe('case.extension_not_notified');
    expect(e?.allowed).toEqual(['notify_extension']);
  });
});

describe('dates on case events', () => {
  it('refuses a 收到日期 in the future and a 收到日期 after the 登记日期', () => {
    expect(
      failure(openCase(register({ receivedOn: '2025-08-02', on: '2025-08-02' }), { today: '2025-08-01' }))?.code,
    ).toBe('case.date_in_future');
    expect(failure(openCase(register({ receivedOn: '2025-08-03', on: '2025-08-02' })))?.code).toBe(
      'case.date_before_previous',
    );
    expect(failure(openCase(register({ receivedOn: '2025-02-30' })))?.code).toBe('case.invalid_date');
  });

  it('refuses a step dated before the previous one and suggests correcting the earlier date', () => {
    const s = walk(ok(openCase(register())), { type: 'accept', on: '2025-08-05' });
    const e = failure(step(s, { type: 'notify', on: '2025-08-04' }));
    expect(e?.code).toBe('case.date_before_previous');
    expect(e?.message).toContain('请用更正修改它');
  });

  it('refuses a step dated after today when today is given', () => {
    const s = ok(openCase(register()));
    expect(failure(step(s, { type: 'accept', on: '2025-08-09' }, '2025-08-08'))?.code).toBe('case.date_in_future');
  });

  it('refuses a second 登记 and a reused event id', () => {
    const s = ok(openCase(register()));
    expect(failure(applyEvent(s, register()))?.code).toBe('case.step_out_of_order');
    const reused = { ...s.history[0], type: 'accept', on: '2025-08-02' } as CaseEvent;
    expect(failure(applyEvent(s, reused))?.code).toBe('case.duplicate_event_id');
  });
});

describe('corrections', () => {
  const served = () =>
    walk(
      ok(openCase(register())),
      { type: 'accept', on: '2025-08-02' },
      { type: 'notify', on: '2025-08-03' },
      { type: 'issue_opinion', on: '2025-09-01', outcome: 'support' },
      { type: 'serve', on: '2025-09-02' },
    );

  it('undoes the last step by a recorded correction and keeps the voided step in the timeline', () => {
    const s = served();
    const serveId = s.history.at(-1)?.id ?? '';
    const undone = walk(s, {
      type: 'correct',
      on: '2025-09-03',
      targetId: serveId,
      action: 'void',
      reason: '送达回证日期未核实',
    });
    expect(undone.stage).toBe('opinion_issued');
    expect(undone.history).toHaveLength(s.history.length + 1);
    expect(
      caseTimeline(undone)
        .slice(-2)
        .map((t) => [t.label, t.status]),
    ).toEqual([
      ['送达', 'voided'],
      ['撤销：送达回证日期未核实', 'correction'],
    ]);
  });

  it('amends a wrong 受理 date and recomputes everything from it', () => {
    const s = served();
    const accept = s.history[1] as CaseEvent;
    const fixed = walk(s, {
      type: 'correct',
      on: '2025-09-03',
      targetId: accept.id,
      action: 'amend',
      reason: '受理日期录错',
      replacement: { ...accept, on: '2025-08-01' } as Extract<CaseEvent, { type: 'accept' }>,
    });
    expect([fixed.acceptedOn, fixed.stage]).toEqual(['2025-08-01', 'served']);
    expect(caseTimeline(fixed)[1]?.status).toBe('amended');
  });

  it('refuses a correction that would leave later steps without their cause, and leaves the case unchanged', () => {
    const s = served();
    const notifyId = s.history[2]?.id ?? '';
    const r = step(s, { type: 'correct', on: '2025-09-03', targetId: notifyId, action: 'void', reason: '误录' });
    expect(failure(r)?.code).toBe('case.correction_breaks_history');
    expect(failure(r)?.message).toContain('不能进行「出具信访处理意见书」');
  });

  it('refuses an amended date that would come before the previous step', () => {
    const s = served();
    const opinion = s.history[3] as Extract<CaseEvent, { type: 'issue_opinion' }>;
    const r = step(s, {
      type: 'correct',
      on: '2025-09-03',
      targetId: opinion.id,
      action: 'amend',
      reason: '日期',
      replacement: { ...opinion, on: '2025-07-01' },
    });
    expect(failure(r)?.code).toBe('case.correction_breaks_history');
  });

  it('refuses to void the 登记, to turn a step into another kind, or to correct a step that is not there', () => {
    const s = served();
    const [reg, accept] = s.history as [RegisterEvent, CaseEvent];
    const codes = [
      step(s, { type: 'correct', on: '2025-09-03', targetId: reg.id, action: 'void', reason: '重复登记' }),
      step(s, {
        type: 'correct',
        on: '2025-09-03',
        targetId: accept.id,
        action: 'amend',
        reason: '改为转送',
        replacement: { id: accept.id, by: 'x', type: 'transfer', on: '2025-08-02', to: '某局' },
      }),
      step(s, { type: 'correct', on: '2025-09-03', targetId: 'nope', action: 'void', reason: '误录' }),
      step(s, { type: 'correct', on: '2025-09-03', targetId: accept.id, action: 'void', reason: ' ' }),
    ].map((r) => failure(r)?.code);
    expect(codes).toEqual([
      'case.correction_not_allowed',
      'case.correction_type_mismatch',
      'case.correction_target_missing',
      'case.field_required',
    ]);
  });

  it('amends the 登记 itself, e.g. a wrongly chosen category', () => {
    const s = served();
    const reg = s.history[0] as RegisterEvent;
    const fixed = walk(s, {
      type: 'correct',
      on: '2025-09-03',
      targetId: reg.id,
      action: 'amend',
      reason: '类型选错',
      replacement: { ...reg, category: 'suggestion' },
    });
    expect(fixed.category).toBe('suggestion');
  });

  it('rebuilds the same state from the stored history, corrections included', () => {
    const s = served();
    const corrected = walk(
      s,
      { type: 'correct', on: '2025-09-03', targetId: s.history.at(-1)?.id ?? '', action: 'void', reason: '误录' },
      { type: 'serve', on: '2025-09-04' },
    );
    expect(ok(replayCase(corrected.history))).toEqual(corrected);
    expect(failure(replayCase([]))?.code).toBe('case.not_registered');
  });
});

describe('error codes', () => {
  it('are dotted, stable and unique', () => {
    expect(new Set(CASE_ERROR_CODES).size).toBe(CASE_ERROR_CODES.length);
    for (const code of CASE_ERROR_CODES) expect(code).toMatch(/^case\.[a-z_]+$/);
  });
});

describe('validating events from outside', () => {
  it('accepts a well-formed step and a correction that replaces a step', () => {
    const accept = { id: 'a1', type: 'accept', on: '2025-08-02', by: '李经办' };
    expect(caseEventSchema.safeParse(accept).success).toBe(true);
    const amend = {
      id: 'c1',
      type: 'correct',
      on: '2025-08-03',
      by: '李经办',
      targetId: 'a1',
      action: 'amend',
      reason: '日期',
      replacement: { ...accept, on: '2025-08-01' },
    };
    expect(caseEventSchema.safeParse(amend).success).toBe(true);
  });

  it('rejects an impossible date, a missing recorder and an over-long extension with Chinese messages', () => {
    const r = caseEventSchema.safeParse({
      id: 'x',
      type: 'extend',
      on: '2025-02-30',
      by: ' ',
      days: 45,
      approvedBy: '王局长',
      reason: '复杂',
    });
    const messages = r.success ? [] : r.error.issues.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining(['日期应写成有效的 YYYY-MM-DD', '请填写记录人', '延期不得超过 30 日']),
    );
  });

  it('refuses an unknown step type even when a caller skips validation', () => {
    const s = ok(openCase(register()));
    const e = failure(applyEvent(s, { id: 'u1', type: 'reopen', on: '2025-08-02', by: 'x' } as unknown as CaseEvent));
    expect(e?.code).toBe('case.step_out_of_order');
    expect(e?.message).toContain('未知的步骤「reopen」');
  });
});
