import { describe, expect, it } from 'vitest';
import { createSearchIndex } from '../../../electron/core/services/search/search-index';
import { normalizeForSearch, queryTerms } from '../../../shared/search/normalize';

describe('search normalisation', () => {
  it('folds every bracket style around a year to 〔〕 and drops OCR spaces', () => {
    for (const s of [
      '国信发[2019]3号',
      '国信发【2019】3号',
      '国信发(2019)3号',
      '国信发（2019）3号',
      '国信发 〔 2019 〕 3 号',
      '国信发［２０１９］３号',
    ]) {
      expect(normalizeForSearch(s)).toBe('国信发〔2019〕3号');
    }
  });

  it('splits a query on whitespace into normalised terms', () => {
    expect(queryTerms(' 国信发  2019 3 ')).toEqual(['国信发', '2019', '3']);
  });
});

describe('the bigram index', () => {
  it('finds exact substrings only, ranks 文号 and title matches above body matches, and forgets removed documents', () => {
    const index = createSearchIndex();
    index.put('a', {
      docNumber: '国信发〔2019〕3号',
      title: '关于信访工作的通知',
      issuingBodies: ['国家信访局'],
      text: '正文',
    });
    index.put('b', {
      docNumber: null,
      title: '会议纪要',
      issuingBodies: ['某县'],
      text: '会上讨论了信访工作条例的学习。',
    });
    index.put('c', { docNumber: null, title: '通知', issuingBodies: ['某县'], text: '信件与访问' });
    expect(index.search('信访').hits.map((h) => h.id)).toEqual(['a', 'b']);
    expect(index.search('信访').hits[0]!.matchedIn).toContain('title');
    expect(index.search('访工').total).toBe(2);
    index.remove('a');
    expect(index.search('信访').hits.map((h) => h.id)).toEqual(['b']);
    index.put('b', { docNumber: null, title: '会议纪要', issuingBodies: ['某县'], text: '改过的正文' });
    expect(index.search('信访').total).toBe(0);
    expect(index.size()).toBe(2);
  });
});
