/**
 * The deadline engine: from a rule (or an ad-hoc period) and a start date to the strict and the rolled due date.
 *
 * Counting, per 《民法典》 总则编 第十章 (the 条例 itself says nothing on how periods are counted; deadlines.json):
 * - 第二百零一条: the start day is not counted; counting begins the next day.
 * - 日 = calendar days (第二百条: 期间按照公历年、月、日计算); 工作日 = days 机关 work on the calendar, 调休 included.
 * - 第二百零三条: when the last day is a 法定休假日, the period ends on the day after the 休假日 end. 法定休假日 covers
 *   the weekly rest days (国务院《关于职工工作时间的规定》第七条: 星期六和星期日) and the holidays of the annual notice
 *   — the reading courts apply to the identical 民事诉讼法 第八十五条 — but not a 调休 Saturday, which is a workday.
 *   That is rollOver 'rest_day' (the default). 'public_holiday' rolls only over days the notice gives off (the
 *   narrower 法定节假日 reading of 行政许可法 第八十二条); 'none' keeps the strict date. Both dates are always returned.
 * - Paused intervals (听证所需时间, 条例 第三十六条第二款) are left out of the count, both ends included.
 */
import { z } from 'zod';
import { addDays, isIsoDate, type IsoDate } from './iso-date';
import type { WorkCalendar } from './work-calendar';
import { DEADLINE_RULES, type DeadlineRule, type DeadlineRuleId } from './deadline-rules';

export { DEADLINE_RULES, DEADLINE_RULE_IDS } from './deadline-rules';
export type { DeadlineRule, DeadlineRuleId, DeadlineRuleUnit } from './deadline-rules';

/** How a period is counted. */
export type CountUnit = 'day' | 'workday';

/** Which last days move forward: see the file comment for the articles behind each. */
export type RollOver = 'rest_day' | 'public_holiday' | 'none';

/** 民法典 第二百零三条 as courts read it: weekends and notice holidays both roll. */
export const DEFAULT_ROLL_OVER: RollOver = 'rest_day';

/** A stretch of days the clock stops for (both ends included), e.g. a 听证. */
export interface Pause {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/** Per-rule choices an office can make in settings; anything unset follows the rule and DEFAULT_ROLL_OVER. */
export interface RuleSettings {
  readonly unit?: CountUnit;
  readonly rollOver?: RollOver;
}

interface QueryBase {
  readonly from: IsoDate;
  readonly calendar: WorkCalendar;
  readonly pauses?: readonly Pause[];
}

/** A rule (object or id) with optional overrides, or an ad-hoc period such as the 交办函's 指定办理期限. */
export type DeadlineQuery = QueryBase &
  (
    | {
        readonly rule: DeadlineRule | DeadlineRuleId;
        readonly days?: number;
        readonly unit?: CountUnit;
        readonly rollOver?: RollOver;
        /** Where to look a rule id up; defaults to the bundled DEADLINE_RULES. */
        readonly rules?: readonly DeadlineRule[];
      }
    | { readonly rule?: undefined; readonly days: number; readonly unit: CountUnit; readonly rollOver?: RollOver }
  );

/** The CLI's `deadline --json` object, plus the counting choices that produced it. */
export interface DeadlineResult {
  readonly rule: string | null;
  readonly from: IsoDate;
  readonly days: number;
  readonly unit: CountUnit;
  readonly rollOver: RollOver;
  /** The last day by pure counting. */
  readonly strictDue: IsoDate;
  /** The last day after 第二百零三条 roll-over; equal to strictDue when nothing rolled. */
  readonly due: IsoDate;
  readonly rolledOver: boolean;
  /** Days skipped because they fell in a pause. */
  readonly pausedDays: number;
  /** Years without a loaded holiday notice that the result depends on: show a warning beside the date. */
  readonly missingCalendarYears: readonly number[];
}

export type DeadlineErrorCode =
  | 'deadline.unknown_rule'
  | 'deadline.days_required'
  | 'deadline.invalid_days'
  | 'deadline.invalid_date'
  | 'deadline.invalid_pause';

export interface DeadlineError {
  readonly code: DeadlineErrorCode;
  readonly message: string;
}

export type DeadlineOutcome =
  { readonly ok: true; readonly value: DeadlineResult } | { readonly ok: false; readonly error: DeadlineError };

/** Longer than any statutory period with room for extensions and hearings; stops runaway input. */
export const MAX_PERIOD_DAYS = 3_660;

const fail = (code: DeadlineErrorCode, message: string): DeadlineOutcome => ({ ok: false, error: { code, message } });

/** Looks a rule up by id in the bundled (or given) rules. */
export function findRule(id: string, rules: readonly DeadlineRule[] = DEADLINE_RULES): DeadlineRule | undefined {
  return rules.find((r) => r.id === id);
}

/** Computes one deadline; invalid input comes back as a coded error with a Chinese message, never as a throw. */
export function computeDeadline(query: DeadlineQuery): DeadlineOutcome {
  const { from, calendar, pauses = [] } = query;
  let rule: DeadlineRule | null = null;
  if (query.rule !== undefined) {
    const found = typeof query.rule === 'string' ? findRule(query.rule, query.rules) : query.rule;
    if (!found) {
      const ids = (query.rules ?? DEADLINE_RULES).map((r) => r.id).join('、');
      return fail('deadline.unknown_rule', `没有名为「${String(query.rule)}」的期限规则。可用的规则：${ids}。`);
    }
    rule = found;
  }
  const days = query.days ?? rule?.days ?? null;
  if (days === null) {
    return fail(
      'deadline.days_required',
      `规则「${rule?.id}」（${rule?.article_2022}）的期限由交办方或个案确定，请填写天数。`,
    );
  }
  if (!Number.isInteger(days) || days < 1 || days > MAX_PERIOD_DAYS) {
    return fail('deadline.invalid_days', `期限天数必须是 1 到 ${MAX_PERIOD_DAYS} 之间的整数，收到的是 ${days}。`);
  }
  const ruleUnit = rule?.unit === 'day' || rule?.unit === 'workday' ? rule.unit : 'day';
  const unit: CountUnit = query.unit ?? ruleUnit;
  const rollOver: RollOver = query.rollOver ?? DEFAULT_ROLL_OVER;
  // The same start, period and calendar always give the same answer: the case list computes thousands of
  // clocks that share a handful of (date, rule) pairs, so unpaused results are kept per calendar.
  const key = pauses.length === 0 ? `${rule?.id ?? ''}|${from}|${days}|${unit}|${rollOver}` : null;
  let memo = key === null ? undefined : memoByCalendar.get(calendar);
  const known = key === null ? undefined : memo?.get(key);
  if (known) return { ok: true, value: known };
  // Only valid input is ever memoised, so a hit needs no second check.
  if (!isIsoDate(from)) return fail('deadline.invalid_date', `起算日期「${String(from)}」无效，应写成 YYYY-MM-DD。`);
  for (const p of pauses) {
    if (!isIsoDate(p.from) || !isIsoDate(p.to) || p.to < p.from) {
      return fail(
        'deadline.invalid_pause',
        `中止期间 ${String(p.from)} 至 ${String(p.to)} 无效：两端都应是日期，且结束不早于开始。`,
      );
    }
  }

  const missing = new Set<number>();
  const consult = (d: IsoDate) => calendar.missingYearsFor(d).forEach((y) => missing.add(y));
  const paused = (d: IsoDate) => pauses.some((p) => d >= p.from && d <= p.to);

  // 第二百零一条: the start day is not counted.
  let d = from;
  let counted = 0;
  let pausedDays = 0;
  while (counted < days) {
    d = addDays(d, 1);
    if (unit === 'workday') {
      consult(d);
      if (!calendar.isWorkday(d)) continue;
    }
    if (paused(d)) {
      pausedDays++;
      continue;
    }
    counted++;
  }
  const strictDue = d;

  // 第二百零三条: a last day that is a 法定休假日 moves to the day after the 休假日 end.
  let due = strictDue;
  if (rollOver !== 'none') {
    const rests =
      rollOver === 'rest_day' ? (x: IsoDate) => !calendar.isWorkday(x) : (x: IsoDate) => calendar.isHoliday(x);
    consult(due);
    for (let i = 0; rests(due) && i < MAX_PERIOD_DAYS; i++) {
      due = addDays(due, 1);
      consult(due);
    }
  }

  const value: DeadlineResult = {
    rule: rule?.id ?? null,
    from,
    days,
    unit,
    rollOver,
    strictDue,
    due,
    rolledOver: due !== strictDue,
    pausedDays,
    missingCalendarYears: [...missing].sort((a, b) => a - b),
  };
  if (key !== null) {
    if (!memo) memoByCalendar.set(calendar, (memo = new Map()));
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, value);
  }
  return { ok: true, value };
}

const memoByCalendar = new WeakMap<WorkCalendar, Map<string, DeadlineResult>>();
/** Bounds the memo of one calendar (a few years of start dates times the rules fit well under it). */
const MEMO_LIMIT = 50_000;

const ruleSchema = z.object({
  id: z
    .string({ error: '规则编号（id）必须是文字' })
    .regex(/^[a-z][a-z0-9_]*$/, { error: '规则编号（id）只能用小写字母、数字和下划线' }),
  actor: z.string({ error: '责任主体（actor）必须是文字' }),
  trigger: z.string({ error: '触发情形（trigger）必须是文字' }),
  action: z.string({ error: '应办事项（action）必须是文字' }),
  days: z
    .number({ error: '天数（days）必须是数字或 null' })
    .int({ error: '天数（days）必须是整数' })
    .positive({ error: '天数（days）必须大于 0' })
    .nullable(),
  unit: z.enum(['day', 'workday', 'as_specified_by_assigner', 'not_specified_in_2022'], {
    error: '单位（unit）只能是 day（日）、workday（工作日）、as_specified_by_assigner 或 not_specified_in_2022',
  }),
  start: z.string().optional(),
  article_2022: z.string({ error: '条文（article_2022）必须是文字' }),
  article_2005: z.string().nullable(),
  quote: z.string().optional(),
  exception: z.string().optional(),
  excluded_time: z.string().optional(),
  max: z.boolean().optional(),
});

/** Loads rules from a file of the deadlines.json shape, so a province's extra limits can be added without code. */
export function parseDeadlineRules(
  json: unknown,
):
  | { readonly ok: true; readonly value: readonly DeadlineRule[] }
  | { readonly ok: false; readonly error: { readonly code: 'deadline.invalid_rules'; readonly message: string } } {
  const parsed = z
    .object(
      { rules: z.array(ruleSchema, { error: 'rules 必须是列表' }) },
      { error: '文件应是包含 rules 列表的 JSON 对象' },
    )
    .safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '文件'}：${i.message}`);
    return {
      ok: false,
      error: { code: 'deadline.invalid_rules', message: `期限规则文件有误：${issues.join('；')}。` },
    };
  }
  const ids = parsed.data.rules.map((r) => r.id);
  const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dup.length) {
    return {
      ok: false,
      error: {
        code: 'deadline.invalid_rules',
        message: `期限规则文件有误：规则编号重复：${[...new Set(dup)].join('、')}。`,
      },
    };
  }
  return { ok: true, value: parsed.data.rules };
}
