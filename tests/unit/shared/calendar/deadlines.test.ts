import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, daysBetween } from '../../../../shared/calendar/iso-date';
import {
  computeDeadline,
  DEADLINE_RULES,
  type CountUnit,
  type DeadlineQuery,
  type DeadlineResult,
  type RollOver,
} from '../../../../shared/calendar/deadlines';
import { createOfficialCalendar } from '../../../../shared/calendar/official-calendar';
import { parseYearSchedule } from '../../../../shared/calendar/work-calendar';

const calendar = createOfficialCalendar();

/** Unwraps a result the test expects to succeed, failing with the engine's own message otherwise. */
function deadline(query: DeadlineQuery): DeadlineResult {
  const r = computeDeadline(query);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('the deadline engine on calendar days (日)', () => {
  it('gives 60日 from 2025-08-04 a strict due date of 2025-10-03 and rolls it to 2025-10-09 after 国庆', () => {
    expect(deadline({ rule: 'handle_and_reply', from: '2025-08-04', calendar })).toEqual({
      rule: 'handle_and_reply',
      from: '2025-08-04',
      days: 60,
      unit: 'day',
      rollOver: 'rest_day',
      strictDue: '2025-10-03',
      due: '2025-10-09',
      rolledOver: true,
      pausedDays: 0,
      missingCalendarYears: [],
    });
  });

  it('keeps the strict date when the rule is set not to roll over', () => {
    const r = deadline({ rule: 'handle_and_reply', from: '2025-08-04', calendar, rollOver: 'none' });
    expect([r.strictDue, r.due, r.rolledOver]).toEqual(['2025-10-03', '2025-10-03', false]);
  });

  it('rolls a period ending on an ordinary Saturday to Monday, because weekends are 法定休假日 too', () => {
    const r = deadline({ rule: 'register_and_route', from: '2025-03-07', calendar });
    expect([r.strictDue, r.due]).toEqual(['2025-03-22', '2025-03-24']);
  });

  it('does not roll an ordinary Saturday when the rule rolls over notice holidays only', () => {
    const r = deadline({ rule: 'register_and_route', from: '2025-03-07', calendar, rollOver: 'public_holiday' });
    expect([r.strictDue, r.due, r.rolledOver]).toEqual(['2025-03-22', '2025-03-22', false]);
  });

  it('rolls over the whole holiday in the notice-holidays-only mode as well', () => {
    const r = deadline({ rule: 'handle_and_reply', from: '2025-08-04', calendar, rollOver: 'public_holiday' });
    expect(r.due).toBe('2025-10-09');
  });

  it('does not roll a period ending on a 调休 Saturday or Sunday, which are workdays', () => {
    expect(deadline({ rule: 'register_and_route', from: '2025-09-13', calendar }).due).toBe('2025-09-28');
    expect(deadline({ rule: 'register_and_route', from: '2025-09-26', calendar }).due).toBe('2025-10-11');
  });

  it('rolls a period ending in the 2026 元旦 holiday onto the 调休 Sunday across the year boundary', () => {
    const r = deadline({ rule: 'notify_direct_petition', from: '2025-12-18', calendar });
    expect([r.strictDue, r.due, r.missingCalendarYears]).toEqual(['2026-01-02', '2026-01-04', []]);
  });

  it('rolls a 60日 period ending inside the 2026 春节 to the first day back', () => {
    const r = deadline({ rule: 'handle_and_reply', from: '2025-12-20', calendar });
    expect([r.strictDue, r.due]).toEqual(['2026-02-18', '2026-02-24']);
  });

  it('adds the approved 延期 days to the same period and rolls only its end', () => {
    const r = deadline({ rule: 'handle_and_reply', days: 90, from: '2025-08-04', calendar });
    expect([r.strictDue, r.due]).toEqual(['2025-11-02', '2025-11-03']);
  });

  it('leaves the 听证 days out of the 复核 period and then rolls over 清明', () => {
    const r = deadline({
      rule: 'recheck_decision',
      from: '2025-03-03',
      calendar,
      pauses: [{ from: '2025-03-10', to: '2025-03-12' }],
    });
    expect([r.strictDue, r.due, r.pausedDays]).toEqual(['2025-04-05', '2025-04-07', 3]);
  });

  it('counts a 2008 period against the 2008 notice, whose 元旦 reached back into December 2007', () => {
    const r = deadline({ rule: 'review_request_window', from: '2007-11-30', calendar });
    expect([r.strictDue, r.due]).toEqual(['2007-12-30', '2008-01-02']);
  });
});

describe('the deadline engine on working days (工作日)', () => {
  it('ends the 5-工作日 objection period after 国庆, counting the 调休 Saturday', () => {
    const r = deadline({ rule: 'object_to_misrouting', from: '2025-09-30', calendar });
    expect([r.unit, r.strictDue, r.due, r.rolledOver]).toEqual(['workday', '2025-10-14', '2025-10-14', false]);
  });

  it('ends the 5-工作日 objection period across 春节 2025, counting the 调休 Sunday before it', () => {
    expect(deadline({ rule: 'object_to_misrouting', from: '2025-01-24', calendar }).due).toBe('2025-02-07');
    expect(deadline({ rule: 'object_to_misrouting', from: '2025-02-05', calendar }).due).toBe('2025-02-11');
  });

  it('crosses the 2026 New Year counting the 调休 Sunday 2026-01-04', () => {
    const r = deadline({ rule: 'object_to_misrouting', from: '2025-12-29', calendar });
    expect([r.due, r.missingCalendarYears]).toEqual(['2026-01-06', []]);
  });

  it('lets an office count any rule in 工作日 instead', () => {
    const r = deadline({ rule: 'register_and_route', from: '2025-09-30', calendar, unit: 'workday' });
    expect(r.due).toBe('2025-10-28');
    expect(calendar.countWorkdays('2025-09-30', r.due)).toBe(15);
  });

  it('leaves paused workdays out of the count', () => {
    const r = deadline({
      days: 5,
      unit: 'workday',
      from: '2025-03-03',
      calendar,
      pauses: [{ from: '2025-03-04', to: '2025-03-05' }],
    });
    expect([r.due, r.pausedDays]).toEqual(['2025-03-12', 2]);
  });
});

describe('a period reaching into a year without a holiday notice', () => {
  it('reports 2027 as missing for a 日 period ending there', () => {
    const r = deadline({ rule: 'review_decision', from: '2026-12-20', calendar });
    expect([r.strictDue, r.due, r.missingCalendarYears]).toEqual(['2027-01-19', '2027-01-19', [2027]]);
  });

  it('reports 2027 as missing for a 工作日 period and counts 2027-01-01 as a plain Friday until the notice is imported', () => {
    const r = deadline({ rule: 'object_to_misrouting', from: '2026-12-30', calendar });
    expect([r.due, r.missingCalendarYears]).toEqual(['2027-01-06', [2027]]);
    const notice = parseYearSchedule({ year: 2027, holidays: [{ name: '元旦', off: ['2027-01-01..2027-01-03'] }] });
    const imported = createOfficialCalendar(notice.ok ? [notice.value] : []);
    const after = deadline({ rule: 'object_to_misrouting', from: '2026-12-30', calendar: imported });
    expect([after.due, after.missingCalendarYears]).toEqual(['2027-01-07', []]);
  });

  it('does not report a missing year for a strict 日 period that never looks at the calendar', () => {
    const r = deadline({ rule: 'review_decision', from: '2026-12-20', calendar, rollOver: 'none' });
    expect(r.missingCalendarYears).toEqual([]);
  });
});

describe('every statutory rule on the official calendar', () => {
  const expected: Record<string, { days: number | null; due: string }> = {
    register_and_route: { days: 15, due: '2025-10-09' },
    notify_direct_petition: { days: 15, due: '2025-10-09' },
    notify_after_transfer: { days: 15, due: '2025-10-09' },
    object_to_misrouting: { days: 5, due: '2025-09-26' },
    assigned_report_back: { days: null, due: '' },
    handle_and_reply: { days: 60, due: '2025-11-19' },
    handle_extension: { days: 30, due: '2025-10-20' },
    review_request_window: { days: 30, due: '2025-10-20' },
    review_decision: { days: 30, due: '2025-10-20' },
    recheck_request_window: { days: 30, due: '2025-10-20' },
    recheck_decision: { days: 30, due: '2025-10-20' },
    improvement_suggestion_feedback: { days: null, due: '' },
  };

  it('covers every rule id of deadlines.json', () => {
    expect(Object.keys(expected).sort()).toEqual(DEADLINE_RULES.map((r) => r.id).sort());
  });

  for (const rule of DEADLINE_RULES) {
    const want = expected[rule.id];
    if (want?.days === null) {
      it(`asks for the number of days for ${rule.id}, whose period the 条例 leaves to the case`, () => {
        const r = computeDeadline({ rule: rule.id, from: '2025-09-20', calendar });
        expect(!r.ok && r.error.code).toBe('deadline.days_required');
        expect(deadline({ rule: rule.id, days: 11, from: '2025-09-20', calendar })).toMatchObject({
          unit: 'day',
          due: '2025-10-09',
        });
      });
    } else {
      it(`computes ${rule.id} (${rule.days} ${rule.unit}) from 2025-09-20 to ${want?.due}`, () => {
        expect(deadline({ rule: rule.id, from: '2025-09-20', calendar }).due).toBe(want?.due);
      });
    }
  }
});

describe('bad deadline input', () => {
  it('names the available rules when the rule id is unknown', () => {
    const r = computeDeadline({ rule: 'no_such_rule' as 'handle_and_reply', from: '2025-01-01', calendar });
    expect(!r.ok && r.error.code).toBe('deadline.unknown_rule');
    expect(!r.ok && r.error.message).toContain('handle_and_reply');
  });

  it('refuses an impossible start date, a zero-day period and a backwards pause', () => {
    const bad = [
      computeDeadline({ rule: 'handle_and_reply', from: '2025-02-30', calendar }),
      computeDeadline({ days: 0, unit: 'day', from: '2025-01-01', calendar }),
      computeDeadline({
        days: 3,
        unit: 'day',
        from: '2025-01-01',
        calendar,
        pauses: [{ from: '2025-01-05', to: '2025-01-02' }],
      }),
    ];
    expect(bad.map((r) => !r.ok && r.error.code)).toEqual([
      'deadline.invalid_date',
      'deadline.invalid_days',
      'deadline.invalid_pause',
    ]);
  });
});

describe('deadline properties over the whole 2007–2026 calendar', () => {
  const dateArb = fc
    .integer({ min: 0, max: daysBetween('2007-01-01', '2026-08-31') })
    .map((n) => addDays('2007-01-01', n));
  const unitArb = fc.constantFrom<CountUnit>('day', 'workday');
  const rollArb = fc.constantFrom<RollOver>('rest_day', 'public_holiday', 'none');
  const pauseArb = fc.option(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 20 })), {
    nil: undefined,
  });

  it('never puts the due date before the strict date, and rolls only to a day that ends the rest', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 120 }), unitArb, rollArb, (from, days, unit, rollOver) => {
        const r = deadline({ days, unit, rollOver, from, calendar });
        expect(r.due >= r.strictDue).toBe(true);
        if (rollOver === 'none') expect(r.due).toBe(r.strictDue);
        if (r.rolledOver && rollOver === 'rest_day') {
          expect(calendar.isWorkday(r.due)).toBe(true);
          expect(calendar.nextWorkday(r.strictDue)).toBe(r.due);
        }
        if (r.rolledOver && rollOver === 'public_holiday') expect(calendar.isHoliday(r.due)).toBe(false);
        if (rollOver === 'rest_day') expect(calendar.isWorkday(r.due)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('lands 工作日 periods on a workday exactly that many workdays after the start, never rolling', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 60 }), rollArb, (from, days, rollOver) => {
        const r = deadline({ days, unit: 'workday', rollOver, from, calendar });
        expect(calendar.isWorkday(r.strictDue)).toBe(true);
        expect(r.rolledOver).toBe(false);
        expect(calendar.countWorkdays(from, r.strictDue)).toBe(days);
        expect(r.strictDue).toBe(calendar.addWorkdays(from, days));
      }),
      { numRuns: 300 },
    );
  });

  it('moves a 日 period on by exactly the paused days that fall inside it', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 90 }), pauseArb, (from, days, pause) => {
        const pauses = pause ? [{ from: addDays(from, pause[0]), to: addDays(from, pause[0] + pause[1]) }] : [];
        const r = deadline({ days, unit: 'day', rollOver: 'none', from, calendar, pauses });
        expect(daysBetween(from, r.strictDue)).toBe(days + r.pausedDays);
        expect(r.pausedDays <= (pause ? pause[1] + 1 : 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never gives a longer period an earlier due date', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 90 }), unitArb, rollArb, (from, days, unit, rollOver) => {
        const shorter = deadline({ days, unit, rollOver, from, calendar });
        const longer = deadline({ days: days + 1, unit, rollOver, from, calendar });
        expect(longer.due >= shorter.due).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
