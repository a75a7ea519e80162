import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compareDocNumbers,
  findDocNumbers,
  normalizeDocNumber,
  parseDocNumber,
} from '../../../../shared/documents/doc-number';

describe('normalizeDocNumber', () => {
  it.each([
    ['国发〔2018〕44号', '国发〔2018〕44号'],
    ['国发[2018]44号', '国发〔2018〕44号'],
    ['国发【2018】44号', '国发〔2018〕44号'],
    ['国发(2018)44号', '国发〔2018〕44号'],
    ['国发（2018）44号', '国发〔2018〕44号'],
    ['国发｛2018｝44号', '国发〔2018〕44号'],
    ['国发C2018)44号', '国发〔2018〕44号'],
    ['国发 【2018] 44号', '国发〔2018〕44号'],
    ['国办发〔2019〕 3 号', '国办发〔2019〕3号'],
    ['国 办发 〔2019〕 1 3 号', '国办发〔2019〕13号'],
  ])('normalises the brackets and spaces of %s', (raw, want) => {
    expect(normalizeDocNumber(raw)).toBe(want);
  });

  it('repairs the closing bracket that OCR read as J in the seed notice (工信信办 〔2019J 1 号)', () => {
    expect(normalizeDocNumber('工信信办 〔2019J 1 号')).toBe('工信信办〔2019〕1号');
  });

  it('reads O as zero in the year and treats the I1 cluster after the year as the closing bracket (国信发 〔2O19I1 3 号)', () => {
    expect(normalizeDocNumber('国信发 〔2O19I1 3 号')).toBe('国信发〔2019〕3号');
  });

  it('reads a ] or l inside the number as the digit one', () => {
    expect(normalizeDocNumber('国办函 [2005] 2]号')).toBe('国办函〔2005〕21号');
    expect(normalizeDocNumber('长绿府议 【2019] ]号')).toBe('长绿府议〔2019〕1号');
    expect(normalizeDocNumber('国发〔2Ol8〕4号')).toBe('国发〔2018〕4号');
  });

  it('ignores a bracket cluster such as ]j or ]】 that OCR made of one closing bracket', () => {
    expect(normalizeDocNumber('国办发 【1996]j 25号')).toBe('国办发〔1996〕25号');
    expect(normalizeDocNumber('国办函【2004]】 88号')).toBe('国办函〔2004〕88号');
  });

  it('keeps leading zeros of the number as written', () => {
    expect(normalizeDocNumber('青信交〔2023〕09号')).toBe('青信交〔2023〕09号');
  });

  it('returns null for text without a 文号, for a bare year and number and for an impossible year', () => {
    expect(normalizeDocNumber('清湖乡总体规划（2013-2030）')).toBeNull();
    expect(normalizeDocNumber('2019 3号')).toBeNull();
    expect(normalizeDocNumber('国发〔1066〕3号')).toBeNull();
    expect(normalizeDocNumber('')).toBeNull();
  });
});

describe('findDocNumbers', () => {
  it('finds a 文号 wrapped over two lines with its code at the end of the first line', () => {
    const text = '你市《关于撤乡设镇的请示》(遵府呈\n[2013] 144号) 及附件收悉。';
    expect(findDocNumbers(text).map((n) => n.value)).toEqual(['遵府呈〔2013〕144号']);
  });

  it('finds a 文号 whose number OCR put on the next line (国信发〔2019J \\n3 号)', () => {
    const found = findDocNumbers('附件：通知（国信发〔2019J \n3 号）');
    expect(found.map((n) => n.value)).toEqual(['国信发〔2019〕3号']);
    expect(found[0].raw).toBe('国信发〔2019J \n3 号');
  });

  it('cuts the prose in front of the 机关代字 (以中发〔2022〕11号文件印发)', () => {
    expect(findDocNumbers('中共中央、国务院以中发〔2022〕11号文件印发《条例》').map((n) => n.value)).toEqual([
      '中发〔2022〕11号',
    ]);
  });

  it('reports every 文号 with its offset and raw text in order', () => {
    const text = '根据《通知》（国办发〔1996〕54号）和（国办发 [1994] 36号）精神';
    const found = findDocNumbers(text);
    expect(found.map((n) => n.value)).toEqual(['国办发〔1996〕54号', '国办发〔1994〕36号']);
    for (const n of found) expect(text.slice(n.index, n.index + n.raw.length)).toBe(n.raw);
  });

  it('does not take a copy number at the start of the line as part of the code', () => {
    expect(findDocNumbers('000007                青信交 【2023] 9号').map((n) => n.value)).toEqual([
      '青信交〔2023〕9号',
    ]);
  });
});

describe('parseDocNumber and compareDocNumbers', () => {
  it('splits a raw or normalised 文号 into code, year and number', () => {
    expect(parseDocNumber('黔府函 [2013】 238号')).toEqual({ agencyCode: '黔府函', year: 2013, seq: 238 });
    expect(parseDocNumber('国办发〔2019〕3号')).toEqual({ agencyCode: '国办发', year: 2019, seq: 3 });
    expect(parseDocNumber('没有文号')).toBeNull();
  });

  it('sorts by agency code, then year, then number as a number (2 before 10), unparseable last', () => {
    const sorted = ['国办发〔2019〕10号', '国办发〔2018〕5号', '国办发〔2019〕2号', '乱码', '国发〔2019〕1号'].sort(
      compareDocNumbers,
    );
    expect(sorted.slice(0, 3)).toEqual(['国办发〔2018〕5号', '国办发〔2019〕2号', '国办发〔2019〕10号']);
    expect(sorted[3]).toBe('国发〔2019〕1号');
    expect(sorted[4]).toBe('乱码');
  });
});

describe('normalizeDocNumber properties', () => {
  const docNumberLike = fc
    .tuple(
      fc.constantFrom('国办发', '黔府函', '青信交', '国 发', '工信信办', '', '（', '以'),
      fc.constantFrom('〔', '[', '【', '(', '（', '{', 'C', '', ' '),
      fc.constantFrom('2019', '2O19', '2Ol8', '1996', '20 19', 'I999'),
      fc.constantFrom('〕', ']', '】', ')', '）', 'J', 'I1', ']j', '', ' '),
      fc.constantFrom('3', '13', ' 3 ', '2]', 'l', '007', ''),
      fc.constantFrom('号', ' 号', '', '号）'),
    )
    .map((parts) => parts.join(''));

  it('never throws and is idempotent on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const once = normalizeDocNumber(s);
        if (once !== null) expect(normalizeDocNumber(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent and yields the canonical shape on OCR-damaged 文号', () => {
    fc.assert(
      fc.property(docNumberLike, (s) => {
        const once = normalizeDocNumber(s);
        if (once === null) return;
        expect(once).toMatch(/^\p{Script=Han}+〔\d{4}〕\d+号$/u);
        expect(normalizeDocNumber(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});
