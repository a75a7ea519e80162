import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { datesInRange } from '../../../../shared/calendar/iso-date';
import {
  createWorkCalendar,
  parseCalendarFile,
  parseYearSchedule,
  type YearSchedule,
} from '../../../../shared/calendar/work-calendar';
import { OFFICIAL_SCHEDULES } from '../../../../shared/calendar/official-calendar';
import { DEADLINE_RULES, parseDeadlineRules } from '../../../../shared/calendar/deadlines';
import { sharedDir } from '../../../helpers/corpus';

/** The project's reference folder sits beside the repository (../shared/reference), here and in CI. */
const REFERENCE = join(sharedDir, 'reference') + '/';
const hasReference = existsSync(`${REFERENCE}deadlines.json`);
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

interface HolidayCnFile {
  readonly year: number;
  readonly days: readonly { readonly date: string; readonly isOffDay: boolean }[];
}

describe.skipIf(!hasReference)('the bundled data against the reference folder', () => {
  const referenceSchedules = (): YearSchedule[] =>
    Array.from({ length: 20 }, (_, i) => {
      const r = parseYearSchedule(readJson(`${REFERENCE}holidays/${2007 + i}.json`));
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    });

  it('classifies every day from December 2006 to 2026 exactly as the official notices do', () => {
    const reference = createWorkCalendar(referenceSchedules());
    const bundled = createWorkCalendar(OFFICIAL_SCHEDULES);
    const differing = datesInRange('2006-12-01', '2026-12-31').filter(
      (d) =>
        reference.isWorkday(d) !== bundled.isWorkday(d) ||
        reference.isHoliday(d) !== bundled.isHoliday(d) ||
        reference.isMakeupWorkday(d) !== bundled.isMakeupWorkday(d),
    );
    expect(differing).toEqual([]);
  });

  it('marks every listed reference day as off or worked just as its file says', () => {
    const bundled = createWorkCalendar(OFFICIAL_SCHEDULES);
    for (let y = 2007; y <= 2026; y++) {
      const file = readJson(`${REFERENCE}holidays/${y}.json`) as HolidayCnFile;
      for (const day of file.days) expect([day.date, bundled.isHoliday(day.date)]).toEqual([day.date, day.isOffDay]);
    }
  });

  it('keeps the notice addresses of every year', () => {
    for (const s of OFFICIAL_SCHEDULES) {
      const file = readJson(`${REFERENCE}holidays/${s.year}.json`) as { papers: string[] };
      expect(s.papers).toEqual(file.papers);
    }
  });

  it('treats the reference 2027 file as an unpublished placeholder rather than as a year without holidays', () => {
    const r = parseYearSchedule(readJson(`${REFERENCE}holidays/2027.json`));
    expect(r.ok).toBe(false);
    expect(OFFICIAL_SCHEDULES.some((s) => s.year === 2027)).toBe(false);
  });

  it('ships the holiday-cn licence next to the data converted from it', () => {
    const licence = fileURLToPath(new URL('../../../../resources/calendars/LICENSE.holiday-cn.txt', import.meta.url));
    expect(readFileSync(licence, 'utf8')).toBe(readFileSync(`${REFERENCE}holidays/LICENSE.holiday-cn.txt`, 'utf8'));
  });

  it('keeps the typed deadline rules identical to deadlines.json', () => {
    const reference = readJson(`${REFERENCE}deadlines.json`) as { rules: unknown[] };
    expect(DEADLINE_RULES).toEqual(reference.rules);
    const parsed = parseDeadlineRules(reference);
    expect(parsed.ok && parsed.value.map((r) => r.id)).toEqual(DEADLINE_RULES.map((r) => r.id));
  });
});

describe('the bundled calendar file', () => {
  it('parses without a single issue', () => {
    const file = readJson(fileURLToPath(new URL('../../../../resources/calendars/cn-holidays.json', import.meta.url)));
    const r = parseCalendarFile(file);
    expect(r.ok && r.value.length).toBe(20);
  });

  it('refuses a calendar file that lists the same year twice', () => {
    const year = { year: 2030, holidays: [{ name: '元旦', off: ['2030-01-01'] }] };
    const r = parseCalendarFile({ years: [year, year] });
    expect(!r.ok && r.error.message).toContain('2030 年出现了不止一次');
  });
});

describe('loading deadline rules from a file', () => {
  it('rejects duplicate rule ids and unknown units with Chinese messages', () => {
    const rule = { ...DEADLINE_RULES[0] };
    const dup = parseDeadlineRules({ rules: [rule, rule] });
    expect(!dup.ok && dup.error.message).toContain('规则编号重复：register_and_route');
    const badUnit = parseDeadlineRules({ rules: [{ ...rule, unit: 'month' }] });
    expect(!badUnit.ok && badUnit.error.message).toContain('rules.0.unit：单位（unit）只能是');
  });
});
