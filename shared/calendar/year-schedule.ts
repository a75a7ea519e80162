/**
 * One year's 放假安排 (国务院办公厅 notice): the days off and the 调休 make-up workdays, grouped by holiday.
 * Parsed from the bundled `resources/calendars/cn-holidays.json` and from files a user imports when a new
 * year's notice is published; both the compact shape below and the holiday-cn shape are accepted.
 */
import { z } from 'zod';
import { isIsoDate, datesInRange, type IsoDate } from './iso-date';

/** One holiday of one notice, dates expanded. */
export interface HolidayBlock {
  readonly name: string;
  /** Days off (法定节假日 plus the weekdays moved into the holiday by 调休). */
  readonly off: readonly IsoDate[];
  /** 调休 make-up workdays: usually a Saturday or Sunday worked to pay for a moved day off. */
  readonly work: readonly IsoDate[];
}

/** What the calendar needs from one year's notice. */
export interface YearSchedule {
  /** The notice's year; its dates may also reach into the last weeks of the previous December. */
  readonly year: number;
  /** Where the notice was published (gov.cn addresses), kept so users can check the source. */
  readonly papers: readonly string[];
  readonly holidays: readonly HolidayBlock[];
}

/** Failure as data so the settings screen can list every problem of an imported file at once. */
export interface ScheduleError {
  readonly code: 'calendar.invalid_schedule';
  readonly message: string;
  readonly issues: readonly string[];
}

export type ScheduleResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ScheduleError };

const DATE_OR_RANGE = /^\d{4}-\d{2}-\d{2}(\.\.\d{4}-\d{2}-\d{2})?$/;
const DATE_FORMAT_MSG = '日期应写成 YYYY-MM-DD，连续的日期可写成 YYYY-MM-DD..YYYY-MM-DD';

const yearField = z
  .number({ error: '年份（year）必须是数字，例如 2027' })
  .int({ error: '年份（year）必须是整数' })
  .min(1949, { error: '年份（year）不能早于 1949' })
  .max(2200, { error: '年份（year）不能晚于 2200' });
const papersField = z.array(z.string({ error: '通知网址（papers）每一项都必须是文字' }), {
  error: '通知网址（papers）必须是列表',
});
const nameField = z
  .string({ error: '节日名称（name）必须是文字' })
  .trim()
  .min(1, { error: '节日名称（name）不能为空' });

/** The compact shape shipped in resources/calendars: one entry per holiday, consecutive days as ranges. */
export const compactYearSchema = z.object({
  year: yearField,
  papers: papersField.default([]),
  holidays: z.array(
    z.object({
      name: nameField,
      off: z.array(z.string().regex(DATE_OR_RANGE, { error: DATE_FORMAT_MSG }), { error: '放假日期（off）必须是列表' }),
      work: z
        .array(z.string().regex(DATE_OR_RANGE, { error: DATE_FORMAT_MSG }), { error: '调休上班日期（work）必须是列表' })
        .default([]),
    }),
    { error: '节日列表（holidays）必须是列表' },
  ),
});

/** The shape of the NateScarlet/holiday-cn files, which is what most people will find online. */
export const holidayCnYearSchema = z.object({
  year: yearField,
  papers: papersField.default([]),
  days: z.array(
    z.object({
      name: nameField,
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期（date）应写成 YYYY-MM-DD' }),
      isOffDay: z.boolean({ error: 'isOffDay 必须是 true（放假）或 false（调休上班）' }),
    }),
    { error: '日期列表（days）必须是列表' },
  ),
});

export type CompactYear = z.infer<typeof compactYearSchema>;

const fail = <T>(issues: readonly string[], what = '放假安排'): ScheduleResult<T> => ({
  ok: false,
  error: { code: 'calendar.invalid_schedule', message: `${what}有误：${issues.join('；')}。`, issues },
});

const formatPath = (path: readonly PropertyKey[]): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');

function zodIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => (i.path.length ? `${formatPath(i.path)}：${i.message}` : i.message));
}

/** Expands `a..b` ranges; returns null for an impossible date or a backwards range so the caller can say which. */
function expand(entry: string): IsoDate[] | null {
  const [a, b = a] = entry.split('..') as [string, string?];
  if (!isIsoDate(a) || !isIsoDate(b) || b < a) return null;
  return datesInRange(a, b);
}

/** Checks what a schema cannot: real dates, the year window, no day both off and worked, not an empty placeholder. */
function finish(
  year: number,
  papers: readonly string[],
  raw: readonly { name: string; off: string[]; work: string[] }[],
) {
  const issues: string[] = [];
  const windowStart = `${year - 1}-12-01`;
  const windowEnd = `${year}-12-31`;
  const status = new Map<IsoDate, 'off' | 'work'>();
  const blocks: HolidayBlock[] = [];
  for (const h of raw) {
    const lists = { off: [] as IsoDate[], work: [] as IsoDate[] };
    for (const kind of ['off', 'work'] as const) {
      for (const entry of h[kind]) {
        const dates = expand(entry);
        if (!dates) {
          issues.push(`「${h.name}」的「${entry}」不是有效日期或日期范围（起始日不能晚于结束日）`);
          continue;
        }
        for (const d of dates) {
          if (d < windowStart || d > windowEnd) {
            issues.push(
              `「${h.name}」的日期 ${d} 不属于 ${year} 年的安排（只能是 ${year} 年内，或上一年 12 月的元旦调休）`,
            );
            continue;
          }
          const seen = status.get(d);
          if (seen && seen !== kind) {
            issues.push(`${d} 同时被列为放假日和调休上班日`);
            continue;
          }
          status.set(d, kind);
          lists[kind].push(d);
        }
      }
    }
    blocks.push({ name: h.name, off: [...new Set(lists.off)].sort(), work: [...new Set(lists.work)].sort() });
  }
  if (![...status.values()].includes('off')) {
    issues.push(`${year} 年没有任何放假日期，可能是通知发布前的占位文件；请等国务院办公厅发布当年放假安排后再导入`);
  }
  if (issues.length) return fail<YearSchedule>(issues, `${year} 年放假安排`);
  return { ok: true as const, value: { year, papers, holidays: blocks } };
}

/** Validates one year's schedule as typed by a user or downloaded (compact or holiday-cn shape). */
export function parseYearSchedule(json: unknown): ScheduleResult<YearSchedule> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail(['文件内容应是一个 JSON 对象，包含 year 和 holidays（或 days）']);
  }
  if ('days' in json && !('holidays' in json)) {
    const parsed = holidayCnYearSchema.safeParse(json);
    if (!parsed.success) return fail(zodIssues(parsed.error));
    const byName = new Map<string, { name: string; off: string[]; work: string[] }>();
    for (const d of parsed.data.days) {
      const block = byName.get(d.name) ?? { name: d.name, off: [], work: [] };
      (d.isOffDay ? block.off : block.work).push(d.date);
      byName.set(d.name, block);
    }
    return finish(parsed.data.year, parsed.data.papers, [...byName.values()]);
  }
  if (!('holidays' in json)) {
    return fail(['无法识别的格式：应包含 holidays（本软件的格式）或 days（holiday-cn 的格式）']);
  }
  const parsed = compactYearSchema.safeParse(json);
  if (!parsed.success) return fail(zodIssues(parsed.error));
  return finish(parsed.data.year, parsed.data.papers, parsed.data.holidays);
}

/** Validates a whole calendar file (`{ years: [...] }`), rejecting duplicate years so no notice silently wins. */
export function parseCalendarFile(json: unknown): ScheduleResult<readonly YearSchedule[]> {
  const years = typeof json === 'object' && json !== null && 'years' in json ? json.years : undefined;
  if (!Array.isArray(years)) return fail(['日历文件应包含 years 列表'], '日历文件');
  const out: YearSchedule[] = [];
  const issues: string[] = [];
  for (const [i, y] of years.entries()) {
    const r = parseYearSchedule(y);
    if (!r.ok) issues.push(`years[${i}]：${r.error.issues.join('；')}`);
    else if (out.some((s) => s.year === r.value.year)) issues.push(`${r.value.year} 年出现了不止一次`);
    else out.push(r.value);
  }
  if (issues.length) return fail(issues, '日历文件');
  return { ok: true, value: out.sort((a, b) => a.year - b.year) };
}

/** Collapses consecutive dates into `a..b` ranges: the inverse of the parser, used to write the compact file. */
export function toCompactYear(schedule: YearSchedule): CompactYear {
  const compress = (dates: readonly IsoDate[]): string[] => {
    const out: string[] = [];
    let start: IsoDate | null = null;
    let prev: IsoDate | null = null;
    const flush = () => {
      if (start && prev) out.push(start === prev ? start : `${start}..${prev}`);
    };
    for (const d of dates) {
      if (prev && Date.parse(d) - Date.parse(prev) === 86_400_000) {
        prev = d;
        continue;
      }
      flush();
      start = prev = d;
    }
    flush();
    return out;
  };
  return {
    year: schedule.year,
    papers: [...schedule.papers],
    holidays: schedule.holidays.map((h) => ({ name: h.name, off: compress(h.off), work: compress(h.work) })),
  };
}
