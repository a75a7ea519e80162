import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isIsoDate, weekdayOf } from '../../../../shared/calendar/iso-date';
import { createWorkCalendar, parseYearSchedule, type YearSchedule } from '../../../../shared/calendar/work-calendar';
import { createOfficialCalendar, OFFICIAL_SCHEDULES } from '../../../../shared/calendar/official-calendar';

const calendar = createOfficialCalendar();

const schedule2027: YearSchedule = {
  year: 2027,
  papers: [],
  holidays: [{ name: '元旦', off: ['2027-01-01', '2027-01-02', '2027-01-03'], work: [] }],
};

describe('ISO dates', () => {
  it('accepts only real calendar dates written YYYY-MM-DD', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-2-3')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate(20250101)).toBe(false);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2025-08-04', 60)).toBe('2025-10-03');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(weekdayOf('2025-10-11')).toBe(6);
  });
});

describe('the bundled working-day calendar', () => {
  it('ships every year from 2007 to 2026 and no placeholder for 2027', () => {
    expect(OFFICIAL_SCHEDULES.map((s) => s.year)).toEqual(Array.from({ length: 20 }, (_, i) => 2007 + i));
    expect(calendar.hasDataFor(2026)).toBe(true);
    expect(calendar.hasDataFor(2027)).toBe(false);
  });

  it('treats the 2025 国庆/中秋 days off as holidays and the 调休 Saturday and Sunday as workdays', () => {
    for (const d of ['2025-10-01', '2025-10-03', '2025-10-08']) {
      expect(calendar.isHoliday(d)).toBe(true);
      expect(calendar.isWorkday(d)).toBe(false);
    }
    expect(calendar.isMakeupWorkday('2025-09-28')).toBe(true);
    expect(calendar.isWorkday('2025-09-28')).toBe(true);
    expect(calendar.isWorkday('2025-10-11')).toBe(true);
    expect(calendar.isWorkday('2025-10-09')).toBe(true);
  });

  it('keeps ordinary weekends as rest days that are not holidays', () => {
    expect(calendar.isWorkday('2025-03-22')).toBe(false);
    expect(calendar.isHoliday('2025-03-22')).toBe(false);
    expect(calendar.describe('2025-03-22')).toEqual({
      date: '2025-03-22',
      kind: 'weekend',
      isWorkday: false,
      holidayName: null,
      missingYears: [],
    });
  });

  it('names the holiday of a make-up workday so the calendar screen can explain it', () => {
    expect(calendar.describe('2026-01-04')).toMatchObject({
      kind: 'makeup_workday',
      isWorkday: true,
      holidayName: '元旦',
    });
  });

  it('finds the next workday after the 2025 春节 and counts the 调休 Sunday before it', () => {
    expect(calendar.nextWorkday('2025-01-27')).toBe('2025-02-05');
    expect(calendar.nextWorkday('2025-01-24')).toBe('2025-01-26');
  });

  it('adds workdays without counting the start day and over the 2026 元旦 调休 Sunday', () => {
    expect(calendar.addWorkdays('2025-12-29', 5)).toBe('2026-01-06');
    expect(calendar.addWorkdays('2025-12-29', 0)).toBe('2025-12-29');
    expect(calendar.addWorkdays('2026-01-06', -5)).toBe('2025-12-29');
  });

  it('counts workdays between two dates the same way addWorkdays moves', () => {
    expect(calendar.countWorkdays('2025-09-30', '2025-10-14')).toBe(5);
    expect(calendar.countWorkdays('2025-10-14', '2025-09-30')).toBe(-5);
    expect(calendar.countWorkdays('2025-10-01', '2025-10-01')).toBe(0);
  });

  it('falls back to weekends for a year without a notice and reports that year as missing', () => {
    expect(calendar.isWorkday('2027-01-01')).toBe(true);
    expect(calendar.isWorkday('2027-01-02')).toBe(false);
    expect(calendar.missingYearsFor('2027-03-01')).toEqual([2027]);
    expect(calendar.missingYearsFor('2026-06-01')).toEqual([]);
  });

  it('flags the last week of December as depending on the next year’s notice, which may move those days', () => {
    expect(calendar.missingYearsFor('2026-12-28')).toEqual([2027]);
    expect(calendar.missingYearsFor('2025-12-29')).toEqual([]);
    expect(calendar.missingYearsFor('2026-12-24')).toEqual([]);
  });

  it('uses an imported year’s notice once the user adds it', () => {
    const withImport = createOfficialCalendar([schedule2027]);
    expect(withImport.hasDataFor(2027)).toBe(true);
    expect(withImport.isWorkday('2027-01-01')).toBe(false);
    expect(withImport.missingYearsFor('2026-12-28')).toEqual([]);
  });

  it('lets an imported year replace the bundled one for the same year', () => {
    const corrected: YearSchedule = {
      year: 2025,
      papers: [],
      holidays: [{ name: '测试', off: ['2025-03-03'], work: [] }],
    };
    const c = createOfficialCalendar([corrected]);
    expect(c.isWorkday('2025-03-03')).toBe(false);
    expect(c.isWorkday('2025-10-01')).toBe(true);
  });

  it('treats every date as weekday-or-weekend when no notice is loaded at all', () => {
    const bare = createWorkCalendar([]);
    expect(bare.isWorkday('2025-10-01')).toBe(true);
    expect(bare.years).toEqual([]);
    expect(bare.missingYearsFor('2025-10-01')).toEqual([2025]);
  });

  it('refuses a malformed date instead of guessing', () => {
    expect(() => calendar.isWorkday('2025-10-32')).toThrow(RangeError);
    expect(() => calendar.addWorkdays('2025-10-09', 1.5)).toThrow(RangeError);
  });
});

describe('importing a year’s schedule', () => {
  it('accepts the compact shape with date ranges', () => {
    const r = parseYearSchedule({
      year: 2027,
      papers: ['https://www.gov.cn/example'],
      holidays: [{ name: '春节', off: ['2027-02-05..2027-02-11'], work: ['2027-02-14'] }],
    });
    expect(r.ok && r.value.holidays[0]?.off).toHaveLength(7);
    expect(r.ok && r.value.holidays[0]?.work).toEqual(['2027-02-14']);
  });

  it('accepts the holiday-cn shape and groups its days by holiday', () => {
    const r = parseYearSchedule({
      year: 2027,
      papers: [],
      days: [
        { name: '元旦', date: '2027-01-01', isOffDay: true },
        { name: '春节', date: '2027-02-06', isOffDay: true },
        { name: '春节', date: '2027-02-14', isOffDay: false },
      ],
    });
    expect(r).toEqual({
      ok: true,
      value: {
        year: 2027,
        papers: [],
        holidays: [
          { name: '元旦', off: ['2027-01-01'], work: [] },
          { name: '春节', off: ['2027-02-06'], work: ['2027-02-14'] },
        ],
      },
    });
  });

  it('accepts the New Year make-up days a notice sets in the previous December', () => {
    const r = parseYearSchedule({
      year: 2019,
      holidays: [{ name: '元旦', off: ['2018-12-30..2019-01-01'], work: ['2018-12-29'] }],
    });
    expect(r.ok).toBe(true);
  });

  it('rejects an empty placeholder year with a message saying the notice is not out yet', () => {
    const r = parseYearSchedule({ year: 2027, papers: [], days: [] });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('calendar.invalid_schedule');
    expect(!r.ok && r.error.message).toContain('占位文件');
  });

  it('explains impossible dates, backwards ranges, dates of another year and days both off and worked, all at once', () => {
    const r = parseYearSchedule({
      year: 2027,
      holidays: [
        { name: '元旦', off: ['2027-02-30', '2027-01-03..2027-01-01', '2026-06-01'], work: ['2027-05-01'] },
        { name: '劳动节', off: ['2027-05-01', '2027-05-03'], work: [] },
      ],
    });
    expect(r.ok).toBe(false);
    const issues = r.ok ? [] : r.error.issues;
    expect(issues).toHaveLength(4);
    expect(issues[0]).toContain('2027-02-30');
    expect(issues[1]).toContain('起始日不能晚于结束日');
    expect(issues[2]).toContain('不属于 2027 年');
    expect(issues[3]).toContain('2027-05-01 同时被列为放假日和调休上班日');
  });

  it('reports wrongly typed fields with their position and in Chinese', () => {
    const r = parseYearSchedule({ year: '2027', holidays: [{ name: '', off: ['2027/01/01'] }] });
    expect(r.ok).toBe(false);
    const message = r.ok ? '' : r.error.message;
    expect(message).toContain('year：年份（year）必须是数字');
    expect(message).toContain('holidays[0].name：节日名称（name）不能为空');
    expect(message).toContain('holidays[0].off[0]：日期应写成 YYYY-MM-DD');
  });

  it('rejects something that is not a schedule at all', () => {
    expect(parseYearSchedule([1, 2]).ok).toBe(false);
    const r = parseYearSchedule({ year: 2027 });
    expect(!r.ok && r.error.message).toContain('无法识别的格式');
  });
});

describe('countWorkdays without a day-by-day walk', () => {
  /** The definition: workdays in (from, to], counted one day at a time. */
  const walk = (from: string, to: string): number => {
    const n = Math.abs(daysBetween(from, to));
    const lo = from <= to ? from : to;
    let count = 0;
    for (let i = 1; i <= n; i++) if (calendar.isWorkday(addDays(lo, i))) count++;
    return from <= to ? count : -count;
  };

  it('agrees with the day-by-day count across holidays, 调休 workdays, year ends and missing years', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let k = 0; k < 400; k++) {
      const from = addDays('2006-06-01', Math.floor(next() * 8000));
      const to = addDays(from, Math.floor(next() * 900) - 300);
      expect(calendar.countWorkdays(from, to), `${from} → ${to}`).toBe(walk(from, to));
    }
    // 2025 春节 week with its two 调休 Saturdays/Sundays, and a zero-length span.
    expect(calendar.countWorkdays('2025-01-25', '2025-02-09')).toBe(walk('2025-01-25', '2025-02-09'));
    expect(calendar.countWorkdays('2025-01-26', '2025-01-26')).toBe(0);
  });

  it('counts twenty years of workdays in one call quickly', () => {
    const t0 = performance.now();
    for (let i = 0; i < 2_000; i++) calendar.countWorkdays('2006-01-01', '2026-12-31');
    // A day-by-day walk takes ~7,600 steps per call; 2,000 calls of it took seconds.
    expect(performance.now() - t0).toBeLessThan(500);
    expect(calendar.countWorkdays('2006-01-01', '2026-12-31')).toBe(walk('2006-01-01', '2026-12-31'));
  });
});
