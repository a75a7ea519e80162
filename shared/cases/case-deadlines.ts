/**
 * Which statutory clocks a case is running right now, each computed by the deadline engine from the event that
 * started it. A clock stops when the step it demands is recorded, so the list is what the dashboard shows.
 */
import { daysBetween, type IsoDate } from '../calendar/iso-date';
import {
  computeDeadline,
  findRule,
  DEADLINE_RULES,
  type DeadlineResult,
  type DeadlineRule,
  type DeadlineRuleId,
  type Pause,
  type RuleSettings,
} from '../calendar/deadlines';
import type { WorkCalendar } from '../calendar/work-calendar';
import type { CaseState } from './case-machine';

export interface RunningDeadline {
  readonly ruleId: DeadlineRuleId;
  /** What must be done, from the rule (e.g. 书面告知信访人接收情况以及处理途径和程序). */
  readonly action: string;
  readonly article: string;
  /** 'petitioner' clocks (复查/复核 request windows) are shown for information, never as the office's overdue work. */
  readonly owner: 'office' | 'petitioner';
  /** The event the period runs from, and its date. */
  readonly startEventId: string;
  readonly from: IsoDate;
  readonly deadline: DeadlineResult;
  /** Approved 延期 days included in `deadline.days`. */
  readonly extensionDays: number;
  /** True while a 听证 is open: the clock is stopped and `due` moves each day. */
  readonly paused: boolean;
}

export interface RunningDeadlinesOptions {
  readonly calendar: WorkCalendar;
  /** Needed to place an open 听证's end; defaults to the case's latest event date. */
  readonly today?: IsoDate;
  readonly rules?: readonly DeadlineRule[];
  /** Per-rule unit / roll-over chosen in settings. */
  readonly settings?: Readonly<Partial<Record<string, RuleSettings>>>;
  /**
   * 第三十四条 (2022) sets the 60 日 only for 申诉求决 items handled under 第三十一条第六项; offices following a local
   * 条例 that applies it to every item choose 'all'.
   */
  readonly handlingLimitFor?: 'claims_only' | 'all';
}

type Clock = Omit<RunningDeadline, 'deadline' | 'action' | 'article'> & {
  readonly days?: number;
  readonly pauses?: readonly Pause[];
};

/** The clocks the case runs now, soonest due first. */
export function runningDeadlines(state: CaseState, options: RunningDeadlinesOptions): readonly RunningDeadline[] {
  const { calendar, rules = DEADLINE_RULES, settings = {}, handlingLimitFor = 'claims_only' } = options;
  const today = options.today ?? state.lastDate;
  const clocks: Clock[] = [];
  const office = (ruleId: DeadlineRuleId, startEventId: string, from: IsoDate, extra: Partial<Clock> = {}): void => {
    clocks.push({ ruleId, owner: 'office', startEventId, from, extensionDays: 0, paused: false, ...extra });
  };
  const received = state.registerEventId;
  const direct = state.source === 'direct';
  const { stage, route } = state;

  if (stage === 'registered') {
    if (state.officeKind === 'xinfang_department') office('register_and_route', received, state.receivedOn);
    if (state.officeKind === 'organ' && direct) office('notify_direct_petition', received, state.receivedOn);
    if (!direct) {
      office('notify_after_transfer', received, state.receivedOn);
      office('object_to_misrouting', received, state.receivedOn);
    }
  }

  if (stage === 'routed' && route && state.routedOn && state.routeEventId) {
    if (route === 'accept')
      office(direct ? 'notify_direct_petition' : 'notify_after_transfer', received, state.receivedOn);
    else if (route === 'transfer' || route === 'assign')
      office('notify_after_transfer', state.routeEventId, state.routedOn);
    else if (state.officeKind === 'organ' && direct) office('notify_direct_petition', received, state.receivedOn);
  }

  if (
    route === 'assign' &&
    state.reportDueOn &&
    state.routedOn &&
    state.routeEventId &&
    !state.reportReceivedOn &&
    stage !== 'closed'
  ) {
    office('assigned_report_back', state.routeEventId, state.routedOn, {
      days: daysBetween(state.routedOn, state.reportDueOn),
    });
  }

  const opinion = state.opinions.at(-1);
  const handlingOpen =
    stage === 'routed' || stage === 'handling' || (stage === 'opinion_issued' && opinion?.level === 'handling');
  const handlingApplies = handlingLimitFor === 'all' || state.category === 'claim';
  if (handlingOpen && handlingApplies && state.acceptedOn && state.acceptedEventId) {
    // The extension lengthens the same period (第三十四条), so it is counted on from 受理 and rolled only once at its end.
    const base = findRule('handle_and_reply', rules)?.days ?? 60;
    office('handle_and_reply', state.acceptedEventId, state.acceptedOn, {
      days: base + state.extensionDays,
      extensionDays: state.extensionDays,
    });
  }

  if (
    state.reviewEventId &&
    state.reviewRequestedOn &&
    (stage === 'under_review' || (stage === 'opinion_issued' && opinion?.level === 'review'))
  ) {
    office('review_decision', state.reviewEventId, state.reviewRequestedOn);
  }

  if (
    state.recheckEventId &&
    state.recheckRequestedOn &&
    (stage === 'under_recheck' || (stage === 'opinion_issued' && opinion?.level === 'recheck'))
  ) {
    const open = state.hearings.some((h) => h.to === null);
    // 第三十六条第二款: 听证所需时间不计算在期限内; an open hearing is paused up to today.
    const pauses = state.hearings.map((h) => ({ from: h.from, to: h.to ?? (today < h.from ? h.from : today) }));
    office('recheck_decision', state.recheckEventId, state.recheckRequestedOn, { pauses, paused: open });
  }

  if (stage === 'served' && opinion?.servedOn && opinion.servedEventId && opinion.level !== 'recheck') {
    clocks.push({
      ruleId: opinion.level === 'handling' ? 'review_request_window' : 'recheck_request_window',
      owner: 'petitioner',
      startEventId: opinion.servedEventId,
      from: opinion.servedOn,
      extensionDays: 0,
      paused: false,
    });
  }

  const out: RunningDeadline[] = [];
  for (const { days, pauses, ...clock } of clocks) {
    const rule = findRule(clock.ruleId, rules);
    if (!rule) continue;
    const r = computeDeadline({ rule, from: clock.from, calendar, pauses, days, ...settings[clock.ruleId] });
    if (!r.ok) throw new Error(`期限计算出错（${clock.ruleId}）：${r.error.message}`);
    out.push({ ...clock, action: rule.action, article: rule.article_2022, deadline: r.value });
  }
  return out.sort((a, b) => (a.deadline.due < b.deadline.due ? -1 : a.deadline.due > b.deadline.due ? 1 : 0));
}

/** Overdue (due before today), due soon (within `soonWorkdays` workdays) or running: the dashboard's colours. */
export function deadlineStatus(
  deadline: DeadlineResult,
  today: IsoDate,
  calendar: WorkCalendar,
  soonWorkdays = 3,
): 'overdue' | 'due_soon' | 'running' {
  if (deadline.due < today) return 'overdue';
  return deadline.due <= calendar.addWorkdays(today, soonWorkdays) ? 'due_soon' : 'running';
}
