import { describe, expect, it } from 'vitest';
import { extractFields } from '../../../../shared/documents/extract';

const notice = (header: string, docNumber: string, titleBody: string) =>
  [
    header,
    docNumber,
    `${titleBody}关于做好2021年度信访数据统计工作的通知`,
    '各省、自治区、直辖市信访局：',
    '为做好年度统计工作，现将有关事项通知如下。',
    '请认真组织实施。',
    '国家信访局',
    '2021年3月1日',
  ].join('\n');

describe('a registered body read with one stray character in front', () => {
  it('drops the character from the body and the title when the 机关代字 belongs to that body', () => {
    const f = extractFields(notice('口国家信访局', '国信发〔2021〕5号', '口国家信访局'));
    expect(f.issuingBodies).toEqual(['国家信访局']);
    expect(f.title).toBe('国家信访局关于做好2021年度信访数据统计工作的通知');
  });

  it('keeps the reading when the 机关代字 names another body (no evidence the character is debris)', () => {
    const f = extractFields(notice('口国家信访局', '国办函〔2021〕5号', '口国家信访局'));
    expect(f.title?.startsWith('国家信访局关于')).toBe(false);
  });
});

const reply = (body: string, code: string) =>
  [
    `${body}文件`,
    `${code}〔2016〕7号`,
    `${body}关于城南片区控制性详细规划的批复`,
    '县住房和城乡建设局：',
    '你局报来的请示收悉。经研究，现批复如下：',
    '一、原则同意该规划。',
    `${body}`,
    '2016年5月9日',
  ].join('\n');

describe('a county read one character off, put right by its 机关代字', () => {
  it('takes the one division starting with the code character that differs by one character', () => {
    // 婺源县 (江西) read as 鹜源县: 婺府字 starts with 婺.
    const f = extractFields(reply('鹜源县人民政府', '婺府字'));
    expect(f.issuingBodies).toEqual(['婺源县人民政府']);
  });

  it('leaves a real county alone, and a misreading the code does not support', () => {
    expect(extractFields(reply('婺源县人民政府', '婺府字')).issuingBodies).toEqual(['婺源县人民政府']);
    expect(extractFields(reply('鹜源县人民政府', '赣府字')).issuingBodies).not.toEqual(['婺源县人民政府']);
  });
});
