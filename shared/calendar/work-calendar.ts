/**
 * The working-day calendar of 国家机关: Monday–Friday work, Saturday and Sunday rest (国务院《关于职工工作时间的规定》
 * 第七条), overridden by each year's 国务院办公厅 放假安排 notice — days off for holidays and 调休 make-up workdays.
 * A year whose notice is not loaded falls back to weekends only, and every answer that depends on it says so.
 */
import { addDays, isIsoDate, isWeekend, toDayNumber, yearOf, type IsoDate } from './iso-date';
import type { YearSchedule } from './year-schedule';

export { parseCalendarFile, parseYearSchedule, toCompactYear } from './year-schedule';
export type { HolidayBlock, ScheduleError, ScheduleResult, YearSchedule } from './year-schedule';

/** How one date is classified, for tooltips and the calendar screen. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

export interface DayInfo {
  readonly date: IsoDate;
  readonly kind: DayKind;
  readonly isWorkday: boolean;
  /** The holiday the notice names for this day (also for make-up workdays), or null. */
  readonly holidayName: string | null;
  /** Years whose missing notice could change this answer: shown as a warning next to any date computed from it. */
  readonly missingYears: readonly number[];
}

export interface WorkCalendar {
  /** A day 机关 work: a make-up workday, or a weekday that no notice gives off. */
  isWorkday(date: IsoDate): boolean;
  /** A day off named by a notice (法定节假日, including weekdays moved into a holiday by 调休). */
  isHoliday(date: IsoDate): boolean;
  /** A weekend day worked by 调休. */
  isMakeupWorkday(date: IsoDate): boolean;
  /** True when that year's notice is loaded. */
  hasDataFor(year: number): boolean;
  /** Years with a loaded notice, ascending. */
  readonly years: readonly number[];
  /** Years whose notice is missing yet could change how `date` is classified. */
  missingYearsFor(date: IsoDate): readonly number[];
  describe(date: IsoDate): DayInfo;
  /** The first workday strictly after `date`. */
  nextWorkday(date: IsoDate): IsoDate;
  /** The `n`-th workday after `date` (the start day is not counted; negative `n` counts back, 0 returns `date`). */
  addWorkdays(date: IsoDate, n: number): IsoDate;
  /** Workdays in (`from`, `to`]: the start day is not counted, the end day is; negative when `to` is earlier. */
  countWorkdays(from: IsoDate, to: IsoDate): number;
}

/**
 * A notice for year Y is published late in Y−1 and may move days in Y−1's last week (the 2008 and 2019 notices
 * moved 12-29..12-31), so late-December dates also depend on next year's notice.
 */
const NEXT_NOTICE_REACH = '12-25';

/** Guards against a loop when a corrupt import marks years of days off. */
const MAX_SCAN_DAYS = 3_660;

const assertDate = (date: IsoDate): void => {
  if (!isIsoDate(date)) throw new RangeError(`不是有效的日期：${String(date)}（应为 YYYY-MM-DD）`);
};

/** Builds a calendar from loaded notices; when two schedules name the same date, the one passed later wins. */
export function createWorkCalendar(years: readonly YearSchedule[]): WorkCalendar {
  const status = new Map<IsoDate, { readonly off: boolean; readonly name: string }>();
  for (const schedule of years) {
    for (const h of schedule.holidays) {
      for (const d of h.off) status.set(d, { off: true, name: h.name });
      for (const d of h.work) status.set(d, { off: false, name: h.name });
    }
  }
  const loaded = new Set(years.map((y) => y.year));
  const sortedYears = [...loaded].sort((a, b) => a - b);

  const isWorkday = (date: IsoDate): boolean => {
    assertDate(date);
    const s = status.get(date);
    return s ? !s.off : !isWeekend(date);
  };

  const missingYearsFor = (date: IsoDate): readonly number[] => {
    assertDate(date);
    const y = yearOf(date);
    const out: number[] = [];
    if (!loaded.has(y)) out.push(y);
    if (date.slice(5) >= NEXT_NOTICE_REACH && !loaded.has(y + 1)) out.push(y + 1);
    return out;
  };

  // Workdays are counted as weekdays plus the notices' changes, so a count over years costs no day-by-day walk
  // (the due list and the case list count one per running clock of every case).
  const changes = [...status]
    .map(([date, s]) => {
      const weekend = isWeekend(date);
      return { day: toDayNumber(date), delta: s.off ? (weekend ? 0 : -1) : weekend ? 1 : 0 };
    })
    .filter((c) => c.delta !== 0)
    .sort((x, y) => x.day - y.day);
  const changeDays = changes.map((c) => c.day);
  const changeSums: number[] = [0];
  for (const c of changes) changeSums.push(changeSums[changeSums.length - 1]! + c.delta);
  /** The notices' net change to the workdays on or before `day`. */
  const changesUpTo = (day: number): number => {
    let lo = 0;
    let hi = changeDays.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (changeDays[mid]! <= day) lo = mid + 1;
      else hi = mid;
    }
    return changeSums[lo]!;
  };
  /** Monday–Friday days in (a, b], a <= b: whole weeks hold five, the rest (under a week) is walked. */
  const weekdaysBetween = (a: number, b: number): number => {
    const span = b - a;
    let n = Math.floor(span / 7) * 5;
    for (let d = a + Math.floor(span / 7) * 7 + 1; d <= b; d++) {
      const w = (((d + 4) % 7) + 7) % 7;
      if (w !== 0 && w !== 6) n++;
    }
    return n;
  };
  const workdaysBetween = (a: number, b: number): number => weekdaysBetween(a, b) + changesUpTo(b) - changesUpTo(a);

  const step = (date: IsoDate, direction: 1 | -1): IsoDate => {
    let d = date;
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      d = addDays(d, direction);
      if (isWorkday(d)) return d;
    }
    throw new RangeError(`${date} 前后 ${MAX_SCAN_DAYS} 天内没有工作日，请检查导入的放假安排`);
  };

  return {
    isWorkday,
    isHoliday: (date) => (assertDate(date), status.get(date)?.off === true),
    isMakeupWorkday: (date) => (assertDate(date), status.get(date)?.off === false),
    hasDataFor: (year) => loaded.has(year),
    years: sortedYears,
    missingYearsFor,
    describe(date) {
      const s = status.get((assertDate(date), date));
      const kind: DayKind = s ? (s.off ? 'holiday' : 'makeup_workday') : isWeekend(date) ? 'weekend' : 'workday';
      return {
        date,
        kind,
        isWorkday: kind === 'workday' || kind === 'makeup_workday',
        holidayName: s?.name ?? null,
        missingYears: missingYearsFor(date),
      };
    },
    nextWorkday: (date) => step((assertDate(date), date), 1),
    addWorkdays(date, n) {
      assertDate(date);
      if (!Number.isInteger(n)) throw new RangeError(`工作日数必须是整数：${n}`);
      let d = date;
      for (let i = 0; i < Math.abs(n); i++) d = step(d, n > 0 ? 1 : -1);
      return d;
    },
    countWorkdays(from, to) {
      const [a, b] = [toDayNumber(from), toDayNumber(to)];
      return a <= b ? workdaysBetween(a, b) : -workdaysBetween(b, a);
    },
  };
}
