import { describe, expect, it } from 'vitest';
import { normalizeForSearch } from '../../../../shared/search/normalize';
import { bigramDice, NEAR_DUPLICATE, probePhrases, sameDocNumber, SIMILAR } from '../../../../shared/archive/related';

const notice =
  '各县（市、区）信访局：为深入学习宣传贯彻《信访工作条例》，经研究，决定在全市开展信访工作规范化建设活动。请各单位于6月底前将工作方案报市信访局办公室。';

describe('related documents and near-duplicates', () => {
  it('scores a second scan with a few OCR errors as a near-duplicate and an unrelated text as neither', () => {
    const rescanned = notice.replace('规范化', '规苑化').replace('办公室', '办公宝').replace(/，/g, ',');
    expect(bigramDice(notice, rescanned)).toBeGreaterThanOrEqual(NEAR_DUPLICATE);
    const other = '关于做好2024年度防汛抗旱工作的通知：各乡镇人民政府要落实防汛责任制，加强巡查，确保安全度汛。';
    expect(bigramDice(notice, other)).toBeLessThan(SIMILAR);
    expect(bigramDice('', notice)).toBe(0);
  });

  it('folds traditional characters and full-width forms before comparing', () => {
    expect(bigramDice('信訪工作條例ＡＢＣ', '信访工作条例abc')).toBe(1);
  });

  it('spreads probe phrases over the text, each a substring without punctuation', () => {
    const probes = probePhrases(notice, 4, 6);
    expect(probes).toHaveLength(4);
    expect(probes.every((p) => p.length === 6 && !/[，。：（）《》、,()]/.test(p))).toBe(true);
    expect(probes.every((p) => normalizeForSearch(notice).includes(p))).toBe(true);
    expect(probes[0]).toBe('为深入学习宣');
    expect(probePhrases('短文', 4, 10)).toEqual([]);
    expect(probePhrases('只有九个字的短文本', 4, 12)).toEqual(['只有九个字的']);
    expect(probePhrases('九个字', 4, 12)).toEqual([]);
    expect(probePhrases('\uD800，。！', 4, 10)).toEqual([]);
  });

  it('compares 文号 whatever brackets and digits were used', () => {
    expect(sameDocNumber('国信发[2019]3号', '国信发〔２０１９〕3号')).toBe(true);
    expect(sameDocNumber('国信发〔2019〕3号', '国信发〔2019〕13号')).toBe(false);
    expect(sameDocNumber(null, '国信发〔2019〕3号')).toBe(false);
  });
});
