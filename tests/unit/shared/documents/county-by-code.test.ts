import { describe, expect, it } from 'vitest';
import { extractFields } from '../../../../shared/documents/extract';

// An invented county (no gazetteer knows 白禾县) whose name OCR read once, with its first character wrong.
const notice = (header: string, code: string, signature = '') =>
  [
    header,
    `${code}〔2024〕3号`,
    '信访事项受理告知书',
    '王某某：',
    '你提出的信访事项，本机关已收悉，决定予以受理。',
    '特此告知。',
    signature,
    '2024年4月2日',
  ].join('\n');

describe('a county body read once, put right by its own 机关代字', () => {
  it('takes the code’s first character when the county is unknown and read only once', () => {
    expect(extractFields(notice('日禾县住房和城乡建设局', '白住建信受')).issuingBodies).toEqual([
      '白禾县住房和城乡建设局',
    ]);
    // Also when that character is a province abbreviation (青 for 青海): the body is a county's, so is the code.
    expect(extractFields(notice('再禾县住房和城乡建设局', '青住建信受')).issuingBodies).toEqual([
      '青禾县住房和城乡建设局',
    ]);
  });

  it('keeps a reading the text confirms a second time, a real county, and a city or district', () => {
    expect(
      extractFields(notice('日禾县住房和城乡建设局', '白住建信受', '日禾县住房和城乡建设局')).issuingBodies,
    ).toEqual(['日禾县住房和城乡建设局']);
    expect(extractFields(notice('柞水县住房和城乡建设局', '商住建信受')).issuingBodies).toEqual([
      '柞水县住房和城乡建设局',
    ]);
    expect(extractFields(notice('日禾区住房和城乡建设局', '白住建信受')).issuingBodies).toEqual([
      '日禾区住房和城乡建设局',
    ]);
  });
});
