/**
 * Statistics of a period: 件次 / 批次 / 人次 by 信访形式, 问题属地 and 类型, and the three rates offices are measured
 * on (按期受理告知率, 按期办结率, 重复信访率). Whether a step was on time is decided by replaying the case and
 * watching each statutory clock stop, so it uses exactly the dates the dashboard showed at the time.
 */
import type { IsoDate } from '../calendar/iso-date';
import type { DeadlineRuleId } from '../calendar/deadlines';
import type { WorkCalendar } from '../calendar/work-calendar';
import { runningDeadlines, type RunningDeadline, type RunningDeadlinesOptions } from './case-deadlines';
import { applyEvent, effectiveEvents, openCase, type CaseState } from './case-machine';
import type { CaseEvent } from './case-events';
import { CASE_FORM_LABELS, CATEGORY_LABELS, type CaseRecord } from './case-record';

/** How one statutory clock of a case ended (or stands today). */
export interface ClockOutcome {
  readonly ruleId: DeadlineRuleId;
  readonly owner: RunningDeadline['owner'];
  readonly due: IsoDate;
  /** The date of the step that stopped the clock, or null while it runs. */
  readonly doneOn: IsoDate | null;
  readonly status: 'on_time' | 'late' | 'overdue' | 'running';
}

/** Replays the effective history and reports every clock the case ever ran. */
export function clockOutcomes(
  history: readonly CaseEvent[],
  calendar: WorkCalendar,
  today: IsoDate,
  settings: RunningDeadlinesOptions['settings'] = {},
): readonly ClockOutcome[] {
  const events = effectiveEvents(history);
  const [first, ...rest] = events;
  if (!first || first.type !== 'register') return [];
  const opened = openCase(first);
  if (!opened.ok) return [];
  let state: CaseState = opened.state;
  const open = new Map<string, RunningDeadline>();
  const out: ClockOutcome[] = [];
  const key = (d: RunningDeadline) => `${d.ruleId}|${d.startEventId}`;
  const look = (s: CaseState, at: IsoDate, doneOn: IsoDate | null) => {
    const now = runningDeadlines(s, { calendar, today: at, settings });
    const keys = new Set(now.map(key));
    for (const [k, d] of open) {
      if (keys.has(k) || doneOn === null) continue;
      out.push({
        ruleId: d.ruleId,
        owner: d.owner,
        due: d.deadline.due,
        doneOn,
        status: doneOn <= d.deadline.due ? 'on_time' : 'late',
      });
      open.delete(k);
    }
    for (const d of now) open.set(key(d), d);
  };
  look(state, state.lastDate, null);
  for (const e of rest) {
    if (e.type === 'register') break;
    const r = applyEvent(state, e);
    if (!r.ok) break;
    state = r.state;
    look(state, e.on, e.on);
  }
  for (const d of open.values()) {
    out.push({
      ruleId: d.ruleId,
      owner: d.owner,
      due: d.deadline.due,
      doneOn: null,
      status: d.deadline.due < today ? 'overdue' : 'running',
    });
  }
  return out;
}

export interface StatisticsRow {
  readonly key: string;
  readonly label: string;
  /** 件次: every registered case. */
  readonly cases: number;
  /** 批次: 走访 registrations (a group that came together is one 批次). */
  readonly batches: number;
  /** 人次: people of those 走访 registrations. */
  readonly persons: number;
}

export interface RateFigure {
  readonly onTime: number;
  readonly late: number;
  /** Still open past the due date at the end of the period (or today, if earlier). */
  readonly overdue: number;
  /** onTime / (onTime + late + overdue), null when nothing was due. */
  readonly rate: number | null;
}

export interface CaseStatistics {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly total: StatisticsRow;
  readonly byForm: readonly StatisticsRow[];
  readonly byRegion: readonly StatisticsRow[];
  readonly byCategory: readonly StatisticsRow[];
  /** 按期受理告知率: the 15-day 告知 clocks (第二十三条). */
  readonly notifyOnTime: RateFigure;
  /** 按期办结率: the 60 (+30) day 办理 clock (第三十四条). */
  readonly closeOnTime: RateFigure;
  readonly repeats: { readonly count: number; readonly rate: number | null };
}

const NOTIFY_RULES: ReadonlySet<string> = new Set(['notify_direct_petition', 'notify_after_transfer']);
const CLOSE_RULES: ReadonlySet<string> = new Set(['handle_and_reply']);

const ratio = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);

function rate(outcomes: readonly ClockOutcome[]): RateFigure {
  const onTime = outcomes.filter((o) => o.status === 'on_time').length;
  const late = outcomes.filter((o) => o.status === 'late').length;
  const overdue = outcomes.filter((o) => o.status === 'overdue').length;
  return { onTime, late, overdue, rate: ratio(onTime, onTime + late + overdue) };
}

export interface StatisticsInput {
  readonly cases: readonly CaseRecord[];
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly calendar: WorkCalendar;
  readonly today: IsoDate;
  /** Per-rule unit / roll-over chosen in settings. */
  readonly ruleSettings?: RunningDeadlinesOptions['settings'];
}

/** The 登记 event as corrections left it. */
const registration = (c: CaseRecord) => {
  const first = effectiveEvents(c.events)[0];
  return first?.type === 'register' ? first : null;
};
const registeredOn = (c: CaseRecord): IsoDate => registration(c)?.on ?? '';

/** Counts the cases registered in [from, to] and the rates of their clocks as of min(to, today). */
export function caseStatistics({ cases, from, to, calendar, today, ruleSettings }: StatisticsInput): CaseStatistics {
  const inPeriod = cases.filter((c) => registeredOn(c) >= from && registeredOn(c) <= to);
  const asOf = to < today ? to : today;
  const group = (keyOf: (c: CaseRecord) => string, labelOf: (k: string) => string): StatisticsRow[] => {
    const rows = new Map<string, CaseRecord[]>();
    for (const c of inPeriod) rows.set(keyOf(c), [...(rows.get(keyOf(c)) ?? []), c]);
    return [...rows].map(([key, list]) => row(key, labelOf(key), list)).sort((a, b) => b.cases - a.cases);
  };
  const outcomes = inPeriod.flatMap((c) =>
    clockOutcomes(c.events, calendar, asOf, ruleSettings).filter((o) => o.doneOn === null || o.doneOn <= asOf),
  );
  const repeatCount = inPeriod.filter((c) => c.repeat.kind === 'repeat').length;
  return {
    from,
    to,
    total: row('total', '合计', inPeriod),
    byForm: group(
      (c) => c.fields.form,
      (k) => CASE_FORM_LABELS[k as keyof typeof CASE_FORM_LABELS] ?? k,
    ),
    byRegion: group(
      (c) => c.fields.region.trim() || '（未填写）',
      (k) => k,
    ),
    byCategory: group(
      (c) => registration(c)?.category ?? 'unknown',
      (k) => CATEGORY_LABELS[k as keyof typeof CATEGORY_LABELS] ?? k,
    ),
    notifyOnTime: rate(outcomes.filter((o) => NOTIFY_RULES.has(o.ruleId))),
    closeOnTime: rate(outcomes.filter((o) => CLOSE_RULES.has(o.ruleId))),
    repeats: { count: repeatCount, rate: ratio(repeatCount, inPeriod.length) },
  };
}

function row(key: string, label: string, list: readonly CaseRecord[]): StatisticsRow {
  const visits = list.filter((c) => c.fields.form === 'visit');
  return {
    key,
    label,
    cases: list.length,
    batches: visits.length,
    persons: visits.reduce((n, c) => n + c.fields.headcount, 0),
  };
}
