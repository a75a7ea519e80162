import { describe, expect, it } from 'vitest';
import {
  findDates,
  findSigningDate,
  isDateLine,
  locateSigningDate,
  parseChineseDate,
  parseChineseNumber,
  parseDamagedDate,
} from '../../../../shared/documents/dates';

describe('parseChineseDate', () => {
  it.each([
    ['2022年5月7日', '2022-05-07'],
    ['二〇二二年五月七日', '2022-05-07'],
    ['二零二二年五月七日', '2022-05-07'],
    ['二○一○年六月十三日', '2010-06-13'],
    ['二O〇四年四月二十七日', '2004-04-27'],
    ['一九九六年六月二十九日', '1996-06-29'],
    ['二〇〇九年八月三十日', '2009-08-30'],
    ['二〇一九年十二月三十一日', '2019-12-31'],
    ['二〇一九年十月十日', '2019-10-10'],
    ['2022.5.7', '2022-05-07'],
    ['2022-05-07', '2022-05-07'],
    ['2022/5/7', '2022-05-07'],
    ['2013 年 11 月 16 日', '2013-11-16'],
    ['2O13年11月16日', '2013-11-16'],
  ])('parses %s', (raw, iso) => {
    expect(parseChineseDate(raw)).toBe(iso);
  });

  it('reads a damaged digit that a seal turned into a Cyrillic б as 6 (2013年11月1б日)', () => {
    expect(parseChineseDate('2013年11月1б日')).toBe('2013-11-16');
  });

  it('rejects dates that do not exist in the calendar', () => {
    expect(parseChineseDate('2019年2月29日')).toBeNull();
    expect(parseChineseDate('2020年2月29日')).toBe('2020-02-29');
    expect(parseChineseDate('2019年13月1日')).toBeNull();
    expect(parseChineseDate('二〇一九年四月三十一日')).toBeNull();
  });

  it('returns null for text that is not a date', () => {
    expect(parseChineseDate('OOOO年十月一日')).toBeNull();
    expect(parseChineseDate('第二十四届')).toBeNull();
  });
});

describe('parseChineseNumber', () => {
  it('reads 一 to 三十一 including 十 alone, 廿 and 卅', () => {
    expect([
      parseChineseNumber('七'),
      parseChineseNumber('十'),
      parseChineseNumber('十七'),
      parseChineseNumber('二十'),
      parseChineseNumber('廿五'),
      parseChineseNumber('卅一'),
    ]).toEqual([7, 10, 17, 20, 25, 31]);
    expect(parseChineseNumber('〇')).toBeNull();
    expect(parseChineseNumber('去七')).toBeNull();
  });
});

describe('findDates', () => {
  it('finds every valid date with its offset, in order, and skips invalid ones', () => {
    const text = '你于2023年3月6日提出，本机关已于2023年3月8日收悉，2019年2月30日无效。二〇二三年三月十日';
    const found = findDates(text);
    expect(found.map((d) => d.iso)).toEqual(['2023-03-06', '2023-03-08', '2023-03-10']);
    for (const d of found) expect(text.slice(d.index, d.index + d.raw.length)).toBe(d.raw);
  });
});

describe('parseDamagedDate', () => {
  it('restores a year whose first digit a seal covered (023年6月2日, &018年12月4日, e016年1月29日)', () => {
    expect(parseDamagedDate('023年6月2日')).toBe('2023-06-02');
    expect(parseDamagedDate('&018年12月4日')).toBe('2018-12-04');
    expect(parseDamagedDate('，   ，  e016年1月29日    .')).toBe('2016-01-29');
  });

  it('accepts a day whose 日 is covered or misread (023年5月10, 6月23已)', () => {
    expect(parseDamagedDate('023年5月10')).toBe('2023-05-10');
    expect(parseDamagedDate('2017年6月23已')).toBe('2017-06-23');
  });

  it('restores a Chinese-numeral year from the 文号 year when only its last digits are left (-已七年二月四上)', () => {
    expect(parseDamagedDate('-已七年二月四上', { yearHints: [1997] })).toBe('1997-02-04');
    expect(parseDamagedDate('-已七年二月四上')).toBeNull();
    expect(parseDamagedDate('CO一九年一月十日')).toBe('2019-01-10');
  });

  it('fixes one misread digit of a year only when a single plausible year results (4010年 → 2010年)', () => {
    expect(parseDamagedDate('4010年3月3日')).toBe('2010-03-03');
  });

  it('gives up rather than guess when the month or day is unreadable or the numeral styles are mixed', () => {
    expect(parseDamagedDate('2022年弹j25日')).toBeNull();
    expect(parseDamagedDate('二QQ四年十二月去七日')).toBeNull();
    expect(parseDamagedDate('九六年二月7加', { yearHints: [1996] })).toBeNull();
    expect(parseDamagedDate('SG 7年6月23已', { yearHints: [2007] })).toBe('2007-06-23');
    expect(parseDamagedDate('SG 7年6月23已')).toBeNull();
  });
});

describe('isDateLine', () => {
  it('accepts short date lines with seal debris and rejects prose, titles and 印发 lines', () => {
    expect(isDateLine('          2013年11月16日')).toBe(true);
    expect(isDateLine('    避肝史    019年1月9日')).toBe(true);
    expect(isDateLine('二〇〇四年四月二十七日')).toBe(true);
    expect(isDateLine('申办2009年第二十四届世界')).toBe(false);
    expect(isDateLine('你于2023年3月6日通过网上信访渠道提出的关于')).toBe(false);
    expect(isDateLine('2015年3月5日印发')).toBe(false);
    expect(isDateLine('于2019年5月1日前，')).toBe(false);
  });
});

describe('findSigningDate', () => {
  it('takes the first date line after the body, not the date of a forwarded document that follows', () => {
    const text = [
      '广东省人民政府',
      '转发国务院关于同意设立“广东扶贫济困日”批复的通知',
      '各地级以上市人民政府：',
      '现将《批复》（国函〔2010〕50号）转发给你们，请遵照执行。',
      '广东省人民政府',
      '二○一○年六月十三日',
      '国务院关于同意设立“广东扶贫济困日”的批复',
      '你省请示收悉。同意自2010年起，每年6月30日为“广东扶贫济困日”。',
      '中华人民共和国国务院',
      '二○一○年六月四日',
    ].join('\n');
    expect(findSigningDate(text)).toBe('2010-06-13');
  });

  it('skips the 印发 date of the 版记 and finds the 成文日期 above it', () => {
    const lines = ['正文。', '弋阳县人民政府', '2015年3月3日', '弋阳县人民政府办公室秘书科　　2015年3月5日印发'];
    expect(locateSigningDate(lines)).toEqual({ iso: '2015-03-03', line: 2 });
  });

  it('accepts a 署名 and a date on one line', () => {
    expect(findSigningDate('正文。\n国务院办公厅　2019年1月9日\n')).toBe('2019-01-09');
  });

  it('uses the 文号 year to restore a date whose year a seal covered', () => {
    expect(findSigningDate('正文结束。\n青禾县信访局\n023年5月10\n', { yearHints: [2023] })).toBe('2023-05-10');
  });
});
