import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findIdNumbers, idCheckCharacter, isValidIdNumber } from '../../../../shared/letters/id-number';
import { corpusDir } from '../../../helpers/corpus';

const goldPath = join(corpusDir, 'letters/gold.jsonl');
const goldIds: string[] = existsSync(goldPath)
  ? readFileSync(goldPath, 'utf8')
      .split('\n')
      .filter((l) => l.trim().length > 0)
      .flatMap((l) => (JSON.parse(l) as { idNumbers: string[] }).idNumbers)
  : [];

/** Changes one digit of an ID, which the MOD 11-2 check always detects. */
function flip(id: string, at: number): string {
  const d = Number(id[at]);
  return id.slice(0, at) + String((d + 1) % 10) + id.slice(at + 1);
}

describe('isValidIdNumber', () => {
  it('accepts ID numbers whose check character is a digit or an X', () => {
    expect(isValidIdNumber('411625196308170378')).toBe(true);
    expect(isValidIdNumber('61102619820923089X')).toBe(true);
    expect(isValidIdNumber('32012419850317123X')).toBe(true);
  });

  it('accepts a lowercase x as the check character', () => {
    expect(isValidIdNumber('32012419850317123x')).toBe(true);
  });

  it.skipIf(goldIds.length === 0)('accepts every ID number in the letters gold file', () => {
    for (const id of goldIds) expect(isValidIdNumber(id)).toBe(true);
  });

  it('rejects an ID number with any one digit changed', () => {
    for (let at = 0; at < 17; at++) expect(isValidIdNumber(flip('440305199211304567', at))).toBe(false);
    expect(isValidIdNumber('440305199211304568')).toBe(false);
  });

  it('rejects an impossible birth date even when the check character matches', () => {
    expect(idCheckCharacter('51010419950229111')).toBe('1');
    expect(isValidIdNumber('510104199502291111')).toBe(false);
  });

  it('rejects numbers of the wrong length or with letters inside', () => {
    expect(isValidIdNumber('44030519921130456')).toBe(false);
    expect(isValidIdNumber('4403051992113O4567')).toBe(false);
    expect(isValidIdNumber('')).toBe(false);
  });
});

describe('findIdNumbers', () => {
  it('finds an ID number between Chinese text and normalises a lowercase x', () => {
    expect(findIdNumbers('身份证号：32012419850317123x，电话').map((f) => f.id)).toEqual(['32012419850317123X']);
  });

  it('repairs single spaces and the letter O inside an ID number when the result validates', () => {
    expect(findIdNumbers('身份证号码：440305 1992 1130 4567。').map((f) => f.id)).toEqual(['440305199211304567']);
    expect(findIdNumbers('身份证号码：13O682197OO1010023').map((f) => f.id)).toEqual(['130682197001010023']);
  });

  it('does not invent an ID number when the repaired digits fail the check', () => {
    expect(findIdNumbers('身份证号码：440305 1992 1130 4568')).toEqual([]);
  });

  it('keeps an ID number and the phone number beside it in a table row apart', () => {
    const found = findIdNumbers('1  赵明  440305199211304567  13812345678  某县某镇');
    expect(found.map((f) => f.id)).toEqual(['440305199211304567']);
  });
});
