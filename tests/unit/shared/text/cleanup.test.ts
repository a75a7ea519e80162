import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CJK_RADICAL_SUPPLEMENT, isCjkPunct, isHan, mapCjkRadicals } from '../../../../shared/text/cjk';
import { cleanOcrText, nfkcKeepingChinesePunctuation, normalizePdfText } from '../../../../shared/text/cleanup';

describe('cleanOcrText on Tesseract output', () => {
  it('removes the spaces Tesseract puts between Chinese characters', () => {
    expect(cleanOcrText('关 于 做 好 信 访 工 作 的 通 知')).toBe('关于做好信访工作的通知');
  });

  it('removes spaces between Chinese characters and digits', () => {
    expect(cleanOcrText('2019 年 5 月 7 日')).toBe('2019年5月7日');
  });

  it('keeps the spaces between Latin words and next to them', () => {
    expect(cleanOcrText('使用 Windows 系统 and the Word file')).toBe('使用 Windows 系统 and the Word file');
  });

  it('restores full-width commas, colons, semicolons and periods next to Chinese text', () => {
    expect(cleanOcrText('遵义市人民政府:')).toBe('遵义市人民政府：');
    expect(cleanOcrText('同意撤销, 设置天桥镇; 镇人民政府驻石桥社区.')).toBe(
      '同意撤销，设置天桥镇；镇人民政府驻石桥社区。',
    );
  });

  it('keeps the punctuation inside numbers, dates and times', () => {
    expect(cleanOcrText('共计38,600元')).toBe('共计38,600元');
    expect(cleanOcrText('于2019.5.7召开')).toBe('于2019.5.7召开');
    expect(cleanOcrText('下午1:45分')).toBe('下午1:45分');
  });

  it('makes parentheses around Chinese text full-width in pairs', () => {
    expect(cleanOcrText('请示》(遵府呈〔2013〕144号) 及附件')).toBe('请示》（遵府呈〔2013〕144号）及附件');
    expect(cleanOcrText('(1)同意')).toBe('（1）同意');
    expect(cleanOcrText('(一) 总体要求')).toBe('（一）总体要求');
  });

  it('leaves parentheses in Latin text alone', () => {
    expect(cleanOcrText('see (page 2) here')).toBe('see (page 2) here');
  });

  it('repairs the brackets OCR misreads around the year of a 文号', () => {
    expect(cleanOcrText('黔府函 [2013】 238号')).toBe('黔府函〔2013〕238号');
    expect(cleanOcrText('国信发〔2019J3号')).toBe('国信发〔2019〕3号');
    expect(cleanOcrText('遵府呈[2013]j 144号')).toBe('遵府呈〔2013〕144号');
    expect(cleanOcrText('国办发(2O19)12号')).toBe('国办发〔2019〕12号');
  });

  it('repairs the 〇 OCR reads as O or 0 in a year written in Chinese numerals', () => {
    expect(cleanOcrText('二OO四年十二月十七日')).toBe('二〇〇四年十二月十七日');
    expect(cleanOcrText('二0一九年一月八日')).toBe('二〇一九年一月八日');
    expect(cleanOcrText('国务院办公厅 二Oo九年')).toBe('国务院办公厅二〇〇九年');
    // As printed: ○ (U+25CB), 零, Arabic years and anything not a year are left alone.
    expect(cleanOcrText('二○○九年')).toBe('二○○九年');
    expect(cleanOcrText('二零零四年')).toBe('二零零四年');
    expect(cleanOcrText('2009年，OO一二年')).toBe('2009年，OO一二年');
  });

  it('does not turn a bracketed year without a number into a 文号', () => {
    expect(cleanOcrText('（2019年）')).toBe('（2019年）');
  });

  it('folds full-width digits and letters to ASCII but keeps the Chinese ellipsis and 、', () => {
    expect(cleanOcrText('第１２条ＡＢ……等、')).toBe('第12条AB……等、');
  });

  it('maps Kangxi radicals and CJK radical supplement code points to ordinary characters', () => {
    expect(cleanOcrText('⼈⺠政府 ⻔⼝')).toBe('人民政府门口');
  });

  it('trims lines and collapses runs of blank lines but keeps page breaks', () => {
    expect(cleanOcrText('  第一行  \n\n\n\n第二行\f\n第二页 ')).toBe('第一行\n\n第二行\f第二页');
  });
});

describe('normalizePdfText on text layers', () => {
  it('maps the radicals Chromium writes into text layers (⼈ ⺠ ⽂ ⾏)', () => {
    expect(normalizePdfText('湖南省⼈⺠政府办公厅⽂件 机关⾏政编制')).toBe('湖南省人民政府办公厅文件机关行政编制');
  });

  it('trusts the PDF punctuation as it is, full-width or not', () => {
    expect(normalizePdfText('调整后，省信访局：78名（含）')).toBe('调整后，省信访局：78名（含）');
    expect(normalizePdfText('Version 2.0: final')).toBe('Version 2.0: final');
  });

  it('removes spaces between Chinese characters left by justified text', () => {
    expect(normalizePdfText('关 于 湖 南 省')).toBe('关于湖南省');
  });
});

describe('the CJK radical supplement map', () => {
  it('maps every listed radical to a Han character outside the radical blocks', () => {
    for (const [radical, han] of Object.entries(CJK_RADICAL_SUPPLEMENT)) {
      const code = radical.codePointAt(0)!;
      expect(code >= 0x2e80 && code <= 0x2eff).toBe(true);
      expect(isHan(han)).toBe(true);
      expect(han.codePointAt(0)! < 0x2e80 || han.codePointAt(0)! > 0x2fdf).toBe(true);
    }
  });

  it('maps the radicals seen in real text layers to the characters they stand for', () => {
    expect(mapCjkRadicals('⺠⻔⻓⻛⻚⻄⻅⻋⻢⻥⻬⻰')).toBe('民门长风页西见车马鱼齐龙');
  });
});

describe('cleanup properties', () => {
  const chinese = fc.constantFrom(...'关于做好信访工作的通知国务院办公厅人民政府'.split(''));
  const punct = fc.constantFrom('，', '。', ',', '.', ':', '：', '(', ')', '（', '）', '〔', '〕', '、');
  const other = fc.constantFrom(' ', ' ', '\n', '1', '9', 'a', 'B', '-');
  const text = fc.array(fc.oneof(chinese, punct, other), { maxLength: 60 }).map((a) => a.join(''));

  it('cleanOcrText is idempotent', () => {
    fc.assert(
      fc.property(text, (t) => cleanOcrText(cleanOcrText(t)) === cleanOcrText(t)),
      { numRuns: 500 },
    );
  });

  it('cleanOcrText keeps every Chinese character, in order', () => {
    const han = (s: string): string =>
      Array.from(s)
        .filter((c) => isHan(c))
        .join('');
    fc.assert(fc.property(text, (t) => han(cleanOcrText(t)) === han(t)));
  });

  it('cleanOcrText never leaves a space next to Chinese punctuation', () => {
    fc.assert(
      fc.property(text, (t) => {
        const chars = Array.from(cleanOcrText(t));
        return chars.every((c, i) => c !== ' ' || (!isCjkPunct(chars[i - 1]) && !isCjkPunct(chars[i + 1])));
      }),
    );
  });

  it('NFKC that keeps Chinese punctuation equals plain NFKC once that punctuation is folded', () => {
    const any = fc.string({ unit: 'grapheme', maxLength: 30 });
    const fold = (s: string): string => s.replace(/[，：；（）！？]/g, (c) => c.normalize('NFKC'));
    fc.assert(fc.property(any, (s) => fold(nfkcKeepingChinesePunctuation(s)) === fold(s.normalize('NFKC'))));
  });
});
