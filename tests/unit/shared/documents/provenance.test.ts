import { describe, expect, it } from 'vitest';
import { fieldSources, indexPages, locateValue } from '../../../../shared/documents/provenance';

const pages = [
  [
    '青禾县住房和城 乡建设局',
    '青住建信受〔2O23J15号',
    '信访事项受理告知书',
    '张某某：',
    '你于2023年3月6日提出的信访事项……',
  ].join('\n'),
  ['特此告知。', '青禾县住房和城乡建设局', '二〇二三年三月十日'].join('\n'),
];

describe('where a field came from in the recognised text', () => {
  it('finds a value verbatim with page and line, ignoring the spaces OCR puts between characters', () => {
    const s = fieldSources(
      {
        docNumber: null,
        issuingBodies: ['青禾县住房和城乡建设局'],
        title: '信访事项受理告知书',
        addressees: ['张某某'],
        signingDate: null,
      },
      pages,
    );
    expect(s.issuingBodies).toEqual([
      { value: '青禾县住房和城乡建设局', source: { page: 1, line: 1, read: '青禾县住房和城乡建设局', verbatim: true } },
    ]);
    expect(s.title[0]?.source).toMatchObject({ page: 1, line: 3, verbatim: true });
    expect(s.addressees[0]?.source).toMatchObject({ page: 1, line: 4, verbatim: true });
  });

  it('marks a repaired value as not verbatim and shows what OCR read there', () => {
    const s = fieldSources(
      { docNumber: '青住建信受〔2023〕15号', issuingBodies: [], title: null, addressees: [], signingDate: null },
      pages,
    );
    expect(s.docNumber[0]?.source).toEqual({ page: 1, line: 2, read: '青住建信受〔2O23J15号', verbatim: false });
  });

  it('finds the 成文日期 written in Chinese numerals on a later page', () => {
    const s = fieldSources(
      { docNumber: null, issuingBodies: [], title: null, addressees: [], signingDate: '2023-03-10' },
      pages,
    );
    expect(s.signingDate[0]?.source).toMatchObject({ page: 2, line: 3, verbatim: true });
  });

  it('says nothing was found for a value the text does not hold, and for empty text', () => {
    const s = fieldSources(
      {
        docNumber: '国信发〔2019〕3号',
        issuingBodies: ['国家信访局'],
        title: null,
        addressees: [],
        signingDate: '2019-01-08',
      },
      pages,
    );
    expect(s.docNumber[0]?.source).toBeNull();
    expect(s.issuingBodies[0]?.source).toBeNull();
    expect(s.signingDate[0]?.source).toBeNull();
    expect(
      fieldSources({ docNumber: 'x', issuingBodies: [], title: '', addressees: [' '], signingDate: null }, []),
    ).toEqual({
      docNumber: [{ value: 'x', source: null }],
      issuingBodies: [],
      title: [],
      addressees: [],
      signingDate: [],
    });
  });

  it('never matches across a page break, and allows at most one misread character in four', () => {
    const ix = indexPages(['甲乙丙', '丁戊己']);
    expect(locateValue('丙丁', ix)).toBeNull();
    expect(locateValue('丁戊己', ix)).toMatchObject({ page: 2, line: 1, verbatim: true });
    const iy = indexPages(['关于做好信访工作的通知']);
    expect(locateValue('关于做好信仿工作的通知', iy)).toMatchObject({
      verbatim: false,
      read: '关于做好信访工作的通知',
    });
    expect(locateValue('关于做坏信仿上作的通知', iy)).toBeNull();
  });
});
