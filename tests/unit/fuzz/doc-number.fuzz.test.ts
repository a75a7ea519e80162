import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compareDocNumbers,
  findDocNumbers,
  normalizeDocNumber,
  parseDocNumber,
} from '../../../shared/documents/doc-number';
import { docText, fuzz, timed } from './fuzz-helpers';

const NORMALISED = /^\p{Script=Han}+〔\d{4}〕\d+号$/u;
const agency = fc.string({ unit: fc.constantFrom(...'国办发政字函信访省委市县区教卫财'), minLength: 2, maxLength: 6 });
const year = fc.integer({ min: 1950, max: 2099 });
const seq = fc.integer({ min: 1, max: 99999 });

describe('文号 parsing under fuzzing', () => {
  it('never throws or hangs on any text, and every 文号 it finds is normalised and located where it was read', () => {
    fuzz('findDocNumbers', docText(), (text) => {
      const found = timed('findDocNumbers', () => findDocNumbers(text));
      for (const f of found) {
        expect(f.value).toMatch(NORMALISED);
        expect(text.slice(f.index, f.index + f.raw.length)).toBe(f.raw);
      }
      const n = timed('normalizeDocNumber', () => normalizeDocNumber(text));
      if (n !== null) expect(normalizeDocNumber(n)).toBe(n);
      timed('parseDocNumber', () => parseDocNumber(text));
    });
  });

  it('finds a well-formed 文号 on its own line, whatever the code, year and number', () => {
    fuzz(
      'docNumber roundtrip',
      fc.tuple(agency, year, seq, docText(200), docText(200)),
      ([code, y, n, before, after]) => {
        const value = `${code}〔${y}〕${n}号`;
        expect(parseDocNumber(value)).toEqual({ agencyCode: code, year: y, seq: n });
        const found = findDocNumbers(`${before}\n${value}\n${after}`).map((f) => f.value);
        expect(found).toContain(value);
      },
    );
  });

  it('orders 文号 consistently: reflexive and antisymmetric', () => {
    fuzz('compareDocNumbers', fc.tuple(docText(60), docText(60)), ([a, b]) => {
      expect(compareDocNumbers(a, a)).toBe(0);
      expect(Math.sign(compareDocNumbers(a, b))).toBe(-Math.sign(compareDocNumbers(b, a)) || 0);
    });
  });
});
