import { describe, expect, it } from 'vitest';
import { docTypeFromBody, docTypeFromTitle, repairTitleEnding } from '../../../../shared/documents/doc-type';

describe('docTypeFromTitle', () => {
  it('reads the 法定文种 from the end of the title, counting a 复函 as a 函', () => {
    expect(docTypeFromTitle('国务院关于同意设立示范区的批复')).toBe('批复');
    expect(docTypeFromTitle('国务院办公厅关于科技节水建议的复函')).toBe('函');
    expect(docTypeFromTitle('转发国务院关于同意设立“广东扶贫济困日”批复的通知')).toBe('通知');
    expect(docTypeFromTitle('国务院办公厅关于全面推行合法性审核机制的指导意见')).toBe('意见');
    expect(docTypeFromTitle('关于提请审议调整区划的议案')).toBe('议案');
  });

  it('gives null for 信访 forms and other titles that end in no 法定文种', () => {
    expect(docTypeFromTitle('信访事项受理告知书')).toBeNull();
    expect(docTypeFromTitle('信访事项处理意见书')).toBeNull();
    expect(docTypeFromTitle('信访事项交办单')).toBeNull();
    expect(docTypeFromTitle('工作方案')).toBeNull();
  });
});

describe('repairTitleEnding', () => {
  it('repairs a 文种 one glyph off at the end of an OCR title', () => {
    expect(repairTitleEnding('国务院办公厅关于科技节水建议的复围')).toMatchObject({
      title: '国务院办公厅关于科技节水建议的复函',
      docType: '函',
      complete: true,
    });
    expect(repairTitleEnding('关于推行审核机制的指导全见')).toMatchObject({
      title: '关于推行审核机制的指导意见',
      docType: '意见',
    });
    expect(repairTitleEnding('青禾县信访局关于交办信访事项的冰')).toMatchObject({
      title: '青禾县信访局关于交办信访事项的函',
      docType: '函',
    });
  });

  it('completes a 文种 cut after its first character only when one reading fits or the wording decides', () => {
    expect(repairTitleEnding('关于印发工作规程的通')).toMatchObject({
      title: '关于印发工作规程的通知',
      docType: '通知',
    });
    expect(repairTitleEnding('关于某事的批')).toMatchObject({ title: '关于某事的批复', docType: '批复' });
    expect(repairTitleEnding('关于某事的通')).toMatchObject({ title: '关于某事的通', complete: false });
    expect(repairTitleEnding('关于某事的通', '现将有关情况通报如下：')).toMatchObject({
      title: '关于某事的通报',
      docType: '通报',
    });
  });

  it('leaves an unreadable end alone and takes the 文种 from the wording of the body', () => {
    expect(repairTitleEnding('关于某事的乱码', '现批复如下：同意。')).toEqual({
      title: '关于某事的乱码',
      docType: '批复',
      complete: false,
    });
  });
});

describe('docTypeFromBody', () => {
  it('names the 文种 only when the wording points to exactly one', () => {
    expect(docTypeFromBody('经研究，现批复如下：')).toBe('批复');
    expect(docTypeFromBody('经国务院领导同志批准，现函复如下：')).toBe('函');
    expect(docTypeFromBody('特此通知。现批复如下')).toBeNull();
    expect(docTypeFromBody('接省文明办通知，于3月召开会议。')).toBeNull();
  });
});
