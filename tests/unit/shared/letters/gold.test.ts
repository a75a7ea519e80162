import { describe, expect, it } from 'vitest';
import { EMPTY_LETTER } from './empty-letter';
import { normaliseForScore, scoreLetter, similarity, summariseLetters } from '../../../../shared/letters/gold';

const gold = {
  ...EMPTY_LETTER,
  id: 'x01',
  petitioners: ['张三'],
  request: '恳请领导督促公司支付拖欠的工资共计38,600元。',
  headcount: 1,
};

describe('scoring letter fields against the labels', () => {
  it('ignores whitespace and full-width forms on both sides, and nothing else', () => {
    expect(normaliseForScore('恳请 领导，支付３８，６００元')).toBe('恳请领导,支付38,600元');
    const s = scoreLetter(
      { ...gold, petitioners: ['张 三'], request: '恳请领导督促公司支付拖欠的工资共计38，600元。' },
      gold,
    );
    expect(s.exact.petitioners).toBe(true);
    expect(s.exact.request).toBe(true);
    expect(s.exact.headcount).toBe(true);
    expect(scoreLetter({ ...gold, petitioners: ['张山'] }, gold).exact.petitioners).toBe(false);
  });

  it('scores the request by similarity too: one misread character is found, a cut or wrong sentence is not', () => {
    const slip = scoreLetter({ ...gold, request: '恳请领导督促公司支付拖欠的工资共汁38,600元。' }, gold);
    expect(slip.exact.request).toBe(false);
    expect(slip.requestSimilarity).toBeGreaterThan(0.95);
    const cut = scoreLetter({ ...gold, request: '恳请领导督促公司支付' }, gold);
    expect(cut.requestSimilarity).toBeLessThan(0.9);
    expect(similarity(null, null)).toBe(1);
    expect(similarity('恳请', null)).toBe(0);
    expect(summariseLetters([slip, cut])).toMatchObject({ documents: 2, requestFound: 1, exact: { request: 0 } });
    expect(summariseLetters([])).toMatchObject({ documents: 0, requestFound: 0, requestSimilarity: 0 });
  });
});
