import { describe, expect, it } from 'vitest';
import {
  bigramCounts,
  bigramSupport,
  crossCheckBody,
  editDistance,
  isSubsequence,
} from '../../../../shared/documents/bodies';
import { extractFields } from '../../../../shared/documents/extract';

const chars = (s: string) => [...s];

describe('cross-checking a body name between the 版头, the title and the 署名', () => {
  it('takes the full reading when a seal hid characters of the chosen one', () => {
    const bigrams = bigramCounts('');
    expect(crossCheckBody('青禾设局', ['青禾设局', '青禾县住房和城乡建设局'], bigrams)).toBe('青禾县住房和城乡建设局');
    // Not the same body: another first or last character, or the characters out of order.
    expect(crossCheckBody('青禾县政府', ['青禾县人民政府办公室'], bigrams)).toBe('青禾县政府');
    expect(crossCheckBody('青禾设局', ['红禾县住房和城乡建设局'], bigrams)).toBe('青禾设局');
    expect(crossCheckBody('青设禾局', ['青禾县住房和城乡建设局'], bigrams)).toBe('青设禾局');
  });

  it('takes a reading a few edits away when the rest of the document supports more of it', () => {
    const header = '东山区创建省级示范文明城区工作领导小组办公室';
    const damaged = '东山区创建省级赤文明城区工领导小组办公室';
    const text = `${header}关于召开东山区创建省级示范文明城区迎检工作会议的通知正文${damaged}`;
    const bigrams = bigramCounts(text);
    expect(bigramSupport(header, bigrams)).toBeGreaterThan(bigramSupport(damaged, bigrams));
    expect(crossCheckBody(damaged, [damaged, header], bigrams)).toBe(header);
    // Without a third reading to break the tie, the chosen reading stays.
    const bare = bigramCounts(`${header}正文${damaged}`);
    expect(crossCheckBody(damaged, [damaged, header], bare)).toBe(damaged);
  });

  it('keeps the organ suffix and a body far away, and takes a reading one edit off that the document supports', () => {
    const bigrams = bigramCounts('青禾县信访局青禾县信访局办公室青禾县信访局');
    expect(crossCheckBody('青禾县信访局', ['青禾县信访局办公室'], bigrams)).toBe('青禾县信访局');
    expect(crossCheckBody('青禾县民政局', ['青禾县财政局'], bigramCounts('青禾县财政局青禾县财政局'))).toBe(
      '青禾县财政局',
    );
    expect(crossCheckBody('青禾县民政局', ['青禾县住房和城乡建设局'], bigrams)).toBe('青禾县民政局');
  });

  it('has a subsequence test and an edit distance over code points', () => {
    expect(isSubsequence(chars('国院'), chars('国务院'))).toBe(true);
    expect(isSubsequence(chars('院国'), chars('国务院'))).toBe(false);
    expect(editDistance(chars('赤文明'), chars('示范文明'))).toBe(2);
    expect(editDistance(chars(''), chars('局'))).toBe(1);
  });

  it('reads the 发文机关 of a notice whose 署名 a seal partly covers from its 版头', () => {
    const text = [
      '白水县住房和城乡建设局',
      '白住建信受〔2024〕9号',
      '信访事项受理告知书',
      '李某某：',
      '你于2024年5月6日提出的信访事项，本机关已收悉，决定予以受理。',
      '特此告知。',
      '房和',
      '白水设局',
      '2024年5月10日',
    ].join('\n');
    expect(extractFields(text).issuingBodies).toEqual(['白水县住房和城乡建设局']);
  });
});
