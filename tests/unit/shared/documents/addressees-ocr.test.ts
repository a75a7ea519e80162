import { describe, expect, it } from 'vitest';
import { extractFields } from '../../../../shared/documents/extract';

const notice = (addressees: string) =>
  [
    '云岭市人民政府办公室',
    '云政办函〔2024〕5号',
    '云岭市人民政府办公室关于做好汛期信访工作的通知',
    `${addressees}：`,
    '现就做好汛期信访工作通知如下。',
    '云岭市人民政府办公室',
    '2024年6月3日',
  ].join('\n');

describe('主送 read from OCR text', () => {
  it('reads 丶 as the enumeration comma 、', () => {
    expect(extractFields(notice('市公安局丶市民政局丶市财政局')).addressees).toEqual(['市公安局、市民政局、市财政局']);
  });

  it('puts back a 、 OCR lost between two groups that each open with 各', () => {
    expect(extractFields(notice('各县（市、区）人民政府，市政府各部委各直属机构')).addressees).toEqual([
      '各县（市、区）人民政府，市政府各部委、各直属机构',
    ]);
    expect(extractFields(notice('各乡镇人民政府各有关单位')).addressees).toEqual(['各乡镇人民政府、各有关单位']);
  });

  it('leaves a list that is already punctuated, and a 各 inside a name, as written', () => {
    expect(extractFields(notice('各乡镇人民政府，县直各单位')).addressees).toEqual(['各乡镇人民政府，县直各单位']);
    expect(extractFields(notice('市政府各部门、各直属机构')).addressees).toEqual(['市政府各部门、各直属机构']);
  });
});
