import { describe, expect, it } from 'vitest';
import { bodyAliases } from '../../../../shared/search/body-aliases';
import { parseDocNumberQuery } from '../../../../shared/search/doc-number-query';
import { hasWordCharacter, normalizeForSearch, queryTerms } from '../../../../shared/search/normalize';

describe('search normalisation', () => {
  it('folds traditional characters to simplified ones without changing the length', () => {
    expect(normalizeForSearch('國家信訪局關於學習宣傳的通知')).toBe('国家信访局关于学习宣传的通知');
    expect(normalizeForSearch('信訪').length).toBe(2);
  });

  it('drops unpaired surrogates and control characters but keeps paired ones', () => {
    expect(normalizeForSearch('\uD800信\u0000访\uDC00')).toBe('信访');
    expect(normalizeForSearch('𠮷野家')).toBe('𠮷野家');
  });

  it('tells punctuation-only terms apart from words', () => {
    expect(hasWordCharacter('，。！')).toBe(false);
    expect(hasWordCharacter('〔2019〕')).toBe(true);
    expect(queryTerms('  ')).toEqual([]);
  });
});

describe('文号 fragment queries', () => {
  it('reads the three ways people type a 文号', () => {
    expect(parseDocNumberQuery('国信发〔2019〕3')).toEqual({ code: '国信发', year: 2019, seq: 3 });
    expect(parseDocNumberQuery('〔2019〕3号')).toEqual({ code: null, year: 2019, seq: 3 });
    expect(parseDocNumberQuery('国信发 2019 3')).toEqual({ code: '国信发', year: 2019, seq: 3 });
    expect(parseDocNumberQuery('国信发[2019]3号')).toEqual({ code: '国信发', year: 2019, seq: 3 });
    expect(parseDocNumberQuery('国信发（2019）')).toEqual({ code: '国信发', year: 2019, seq: null });
  });

  it('leaves ordinary text queries alone', () => {
    expect(parseDocNumberQuery('信访工作')).toBeNull();
    expect(parseDocNumberQuery('2019')).toBeNull();
    expect(parseDocNumberQuery('〔2019〕')).toBeNull();
  });
});

describe('issuing-body aliases', () => {
  it('maps the short and the full name of a department both ways', () => {
    expect(bodyAliases('县住建局')).toContain('县住房和城乡建设局');
    expect(bodyAliases('县住房和城乡建设局')).toContain('县住建局');
    expect(bodyAliases('国家信访局')).toEqual([]);
  });
});

describe('normalizeForSearch is idempotent', () => {
  it('composes marks a dropped space left beside a letter, and what lower-casing decomposed (fuzz counterexamples)', () => {
    for (const s of ['і῁', 'İstanbul', 'a ̈b']) {
      const once = normalizeForSearch(s);
      expect(normalizeForSearch(once)).toBe(once);
    }
  });
});
