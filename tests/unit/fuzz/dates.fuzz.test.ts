import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  findDates,
  findSigningDate,
  isValidDate,
  parseChineseDate,
  parseDamagedDate,
} from '../../../shared/documents/dates';
import { docText, fuzz, timed } from './fuzz-helpers';

const isIso = (s: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]));
};

const CN = '〇一二三四五六七八九';
/** 2024 → 二〇二四; 23 → 二十三, as a 成文日期 is written in Chinese numerals. */
const cnYear = (y: number) => [...String(y)].map((d) => CN[Number(d)]).join('');
const cnSmall = (n: number) =>
  n < 10
    ? CN[n]!
    : n === 10
      ? '十'
      : n < 20
        ? `十${CN[n - 10]}`
        : `${CN[Math.floor(n / 10)]}十${n % 10 ? CN[n % 10] : ''}`;

const validDate = fc
  .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => ({
    y: d.getUTCFullYear(),
    m: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    iso: d.toISOString().slice(0, 10),
  }));

describe('date parsing under fuzzing', () => {
  it('never throws or hangs, and every date it returns is a real calendar date', () => {
    fuzz('dates', docText(), (text) => {
      const one = timed('parseChineseDate', () => parseChineseDate(text));
      if (one !== null) expect(isIso(one)).toBe(true);
      for (const f of timed('findDates', () => findDates(text))) {
        expect(isIso(f.iso)).toBe(true);
        expect(text.slice(f.index, f.index + f.raw.length)).toBe(f.raw);
      }
      const s = timed('findSigningDate', () => findSigningDate(text, { yearHints: [2019] }));
      if (s !== null) expect(isIso(s)).toBe(true);
      const d = timed('parseDamagedDate', () => parseDamagedDate(text.slice(0, 80)));
      if (d !== null) expect(isIso(d)).toBe(true);
    });
  });

  it('reads every valid date written in Arabic or Chinese numerals, and no impossible one', () => {
    fuzz('date roundtrip', validDate, ({ y, m, d, iso }) => {
      expect(parseChineseDate(`${y}年${m}月${d}日`)).toBe(iso);
      expect(parseChineseDate(`${cnYear(y)}年${cnSmall(m)}月${cnSmall(d)}日`)).toBe(iso);
      expect(findDates(`文件于${y}年${m}月${d}日印发`).map((f) => f.iso)).toContain(iso);
    });
    fuzz(
      'impossible dates',
      fc.tuple(fc.integer({ min: 1950, max: 2099 }), fc.integer({ min: 1, max: 12 })),
      ([y, m]) => {
        expect(parseChineseDate(`${y}年${m}月32日`)).toBeNull();
        expect(parseChineseDate(`${y}年13月${m}日`)).toBeNull();
      },
    );
  });
});
