import { describe, expect, it } from 'vitest';
import { findPhones } from '../../../../shared/letters/phones';

const phones = (text: string): string[] => findPhones(text).map((p) => p.phone);

describe('findPhones', () => {
  it('finds an 11-digit mobile number after a label', () => {
    expect(phones('联系电话：15094158871')).toEqual(['15094158871']);
  });

  it('tolerates spaces and dashes inside a mobile number', () => {
    expect(phones('电话：138 1234 5678，或 139-8765-4321')).toEqual(['13812345678', '13987654321']);
  });

  it('rejects numbers that are not mainland mobiles', () => {
    expect(phones('电话：12345678901')).toEqual([]);
    expect(phones('编号138123456789')).toEqual([]);
  });

  it('finds landlines with their area code and writes them as area-number', () => {
    expect(phones('办公电话：0914-2345678')).toEqual(['0914-2345678']);
    expect(phones('电话（010）87654321')).toEqual(['010-87654321']);
  });

  it('rejects a three-digit area code followed by only seven digits', () => {
    expect(phones('电话：010-1234567')).toEqual([]);
  });

  it('lists each number once, in the order of the text', () => {
    expect(phones('电话：18754068445。再次留电话18754068445，座机0394-5123456')).toEqual([
      '18754068445',
      '0394-5123456',
    ]);
  });
});
