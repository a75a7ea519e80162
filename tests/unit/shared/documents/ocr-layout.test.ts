import { describe, expect, it } from 'vitest';
import {
  buildOcrLayout,
  fieldBoxes,
  parseOcrLayout,
  type LayoutWord,
  type OcrLayout,
} from '../../../../shared/documents/ocr-layout';
import { fieldAlternatives } from '../../../../shared/documents/field-alternatives';
import { fieldSources } from '../../../../shared/documents/provenance';

/** One word per character along a line at height `y`, each 0.02 wide, starting at x = 0.1. */
const line = (text: string, y: number, conf: number | ((i: number) => number) = 95): LayoutWord[] =>
  [...text].map((ch, i) => [
    ch,
    typeof conf === 'number' ? conf : conf(i),
    0.1 + i * 0.02,
    y,
    0.12 + i * 0.02,
    y + 0.02,
  ]);

const layoutOf = (...pages: (LayoutWord[] | null)[]): OcrLayout => ({ version: 1, pages });

describe('fieldBoxes: a located value mapped onto OCR word boxes', () => {
  it('frames a value read character by character on one line as one box, with the lowest confidence', () => {
    const layout = layoutOf([
      ...line('国家信访局', 0.1),
      ...line('国信发〔2019〕3号', 0.2, (i) => (i === 4 ? 62 : 96)),
    ]);
    const got = fieldBoxes({ page: 1, line: 2, read: '国信发〔2019〕3号', verbatim: true }, layout);
    expect(got).not.toBeNull();
    expect(got!.page).toBe(1);
    expect(got!.confidence).toBe(62);
    expect(got!.boxes).toHaveLength(1);
    // 11 characters from x = 0.1, each 0.02 wide.
    expect(got!.boxes[0]).toEqual({ x0: 0.1, y0: 0.2, x1: 0.32, y1: 0.22 });
  });

  it('takes the share of a multi-character word that the value covers', () => {
    const layout = layoutOf([['关于做好信访工作的通知', 88, 0.1, 0.3, 0.32, 0.33]]);
    const got = fieldBoxes({ page: 1, line: 1, read: '信访工作', verbatim: true }, layout)!;
    expect(got.confidence).toBe(88);
    expect(got.boxes).toHaveLength(1);
    expect(got.boxes[0]!.x0).toBeCloseTo(0.1 + 4 * 0.02, 4);
    expect(got.boxes[0]!.x1).toBeCloseTo(0.1 + 8 * 0.02, 4);
  });

  it('gives one box per line for a value wrapped over two lines', () => {
    const layout = layoutOf([...line('关于做好第三批', 0.3), ...line('信访事项的通知', 0.34)]);
    const got = fieldBoxes({ page: 1, line: 1, read: '关于做好第三批信访事项的通知', verbatim: true }, layout)!;
    expect(got.boxes).toHaveLength(2);
    expect(got.boxes[1]!.y0).toBe(0.34);
  });

  it('finds the reading even where the word text differs a little from the cleaned page text', () => {
    const layout = layoutOf([...line('工信信办[2019J1号', 0.2, 70)]);
    const got = fieldBoxes({ page: 1, line: 1, read: '工信信办〔2019〕1号', verbatim: false }, layout);
    expect(got?.confidence).toBe(70);
  });

  it('looks on the page of the source only and gives nothing for a page without words or an absent layout', () => {
    const layout = layoutOf(null, [...line('抄送：省信访局', 0.9)]);
    expect(fieldBoxes({ page: 1, line: 1, read: '抄送', verbatim: true }, layout)).toBeNull();
    expect(fieldBoxes({ page: 2, line: 1, read: '抄送', verbatim: true }, layout)?.page).toBe(2);
    expect(fieldBoxes({ page: 3, line: 1, read: '抄送', verbatim: true }, layout)).toBeNull();
    expect(fieldBoxes({ page: 1, line: 1, read: '抄送', verbatim: true }, null)).toBeNull();
    expect(fieldBoxes({ page: 2, line: 1, read: '完全不同的文字', verbatim: true }, layout)).toBeNull();
  });
});

describe('building and checking the sidecar', () => {
  it('keeps words compact, drops blank ones, and is null when no page was OCR read', () => {
    const built = buildOcrLayout([
      {
        words: [
          { text: '国', confidence: 91.6, bbox: { x0: 0.123456, y0: 0, x1: 1.2, y1: 0.1 } },
          { text: ' ', confidence: 0, bbox: { x0: 0, y0: 0, x1: 0, y1: 0 } },
        ],
      },
      {},
    ]);
    expect(built).toEqual({ version: 1, pages: [[['国', 92, 0.1235, 0, 1, 0.1]], null] });
    expect(buildOcrLayout([{}, {}])).toBeNull();
    expect(buildOcrLayout([{ words: [] }])).toBeNull();
  });

  it('refuses anything not of the sidecar shape', () => {
    const good = layoutOf([...line('国', 0.1)]);
    expect(parseOcrLayout(JSON.parse(JSON.stringify(good)))).toEqual(good);
    expect(parseOcrLayout(null)).toBeNull();
    expect(parseOcrLayout('text')).toBeNull();
    expect(parseOcrLayout({ version: 2, pages: [] })).toBeNull();
    expect(parseOcrLayout({ version: 1, pages: [[['国', 'x', 0, 0, 1, 1]]] })).toBeNull();
    expect(parseOcrLayout({ version: 1, pages: [[['国', 90, 0, 0]]] })).toBeNull();
    expect(parseOcrLayout({ version: 1, pages: [{}] })).toBeNull();
  });
});

describe('fieldAlternatives', () => {
  const pages = [
    '某市信访局\n某信发[2024]7号\n关于转发省信访局某信发〔2023〕2号的通知\n（某信发〔2023〕9号）\n2023年12月1日收到\n某市信访局\n2024年1月5日',
  ];
  const suggested = {
    docNumber: '某信发〔2024〕7号',
    issuingBodies: ['某市信访局'],
    title: '关于转发省信访局某信发〔2023〕2号的通知',
    addressees: [],
    signingDate: '2024-01-05',
  };

  it('offers the raw OCR reading of a repaired value, other 文号 and other dates, never the current value', () => {
    const alt = fieldAlternatives(suggested, suggested, fieldSources(suggested, pages), pages);
    expect(alt.docNumber).toContainEqual({ value: '某信发[2024]7号', kind: 'ocr' });
    expect(alt.docNumber).toContainEqual({ value: '某信发〔2023〕9号', kind: 'text' });
    // A 文号 run into a sentence is a citation, not a candidate (its 机关代字 would swallow the words before it).
    expect(alt.docNumber.some((a) => a.value.includes('2023〕2号'))).toBe(false);
    expect(alt.docNumber.map((a) => a.value)).not.toContain('某信发〔2024〕7号');
    expect(alt.signingDate).toEqual([{ value: '2023-12-01', kind: 'text' }]);
    expect(alt.title).toEqual([]);
  });

  it('offers the extractor suggestion first once the field was changed', () => {
    const current = { ...suggested, signingDate: '2024-01-06', title: '改过的标题' };
    const alt = fieldAlternatives(current, suggested, fieldSources(current, pages), pages);
    expect(alt.signingDate[0]).toEqual({ value: '2024-01-05', kind: 'suggested' });
    expect(alt.title[0]).toEqual({ value: suggested.title, kind: 'suggested' });
  });

  it('offers the registry bodies of the 机关代字 for 发文机关, leaving out those already chosen', () => {
    const current = { ...suggested, issuingBodies: ['某市信仿局'] };
    const alt = fieldAlternatives(current, suggested, fieldSources(current, pages), pages, [
      '某市信访局',
      '某市人民政府',
    ]);
    expect(alt.issuingBodies).toEqual([
      { value: '某市信访局', kind: 'suggested' },
      { value: '某市人民政府', kind: 'registry' },
    ]);
    const same = fieldAlternatives(suggested, suggested, fieldSources(suggested, pages), pages, ['某市信访局']);
    expect(same.issuingBodies).toEqual([]);
  });
});
