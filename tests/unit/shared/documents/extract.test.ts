import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extractFields } from '../../../../shared/documents/extract';
import { EMPTY_FIELDS } from '../../../../shared/documents/fields';
import {
  bigramCounts,
  isBodyName,
  repairBodyName,
  repairProvince,
  repairSuffix,
  splitBodies,
} from '../../../../shared/documents/bodies';
import { sharedDir } from '../../../helpers/corpus';

// Invented documents (bodies, places and people are fictional) laid out per GB/T 9704.
const wenjian = [
  '000123',
  '机密★1年',
  '特急',
  '云岭市人民政府办公室文件',
  '云政办发〔2021〕17号',
  '云岭市人民政府办公室关于印发云岭市信访事项',
  '办理工作规程的通知',
  '各县（市、区）人民政府，市政府各部门、',
  '各直属机构：',
  '    经市人民政府同意，现将《云岭市信访事项办理工作规程》印发给你们，请认真贯彻执行。',
  '    《关于加强信访工作的意见》（云政发〔2019〕8号）同时废止。',
  '    附件：1．云岭市信访事项办理工作规程',
  '          2．信访事项办理流程图',
  '云岭市人民政府办公室',
  '2021年4月12日',
  '抄送：市委办公室，市人大常委会办公室，',
  '      市政协办公室。',
  '云岭市人民政府办公室秘书科　　2021年4月13日印发',
].join('\n');

const xinhan = [
  '南川县信访局',
  '南信转〔2022〕41号',
  '南川县信访局关于转送李某某信访事项的函',
  '石门镇人民政府：',
  '    2022年9月1日，我局收到石门镇村民李某某来信。根据有关规定，现转送你镇，请依法办理。',
  '    附件：李某某来信（复印件）',
  '南川县信访局',
  '二〇二二年九月五日',
].join('\n');

const joint = [
  '云岭市人民政府办公室',
  '云岭市信访局 文件',
  '云政办发〔2020〕3号',
  '云岭市人民政府办公室　云岭市信访局关于开展',
  '信访积案化解工作的通知',
  '各县（市、区）人民政府：',
  '    为推动信访积案化解，现通知如下：一、全面排查。二、限期化解。',
  '云岭市人民政府办公室　　云岭市信访局',
  '2020年3月2日',
].join('\n');

const form = [
  '南川县住房和城乡建设局',
  '南住建信受〔2022〕6号',
  '信访事项受理告知书',
  '李某某：',
  '    你于2022年9月1日提出的信访事项，本机关已于2022年9月2日收悉。经审查，本机关决定予以受理。',
  '    特此告知。',
  '南川县住房和城乡建设局',
  '2022年9月6日',
].join('\n');

describe('extractFields on clean 公文', () => {
  it('reads every element of a 文件-format notice with 份号, 密级, 紧急程度, 附件, 抄送 and 印发', () => {
    expect(extractFields(wenjian)).toEqual({
      issuingBodies: ['云岭市人民政府办公室'],
      docNumber: '云政办发〔2021〕17号',
      title: '云岭市人民政府办公室关于印发云岭市信访事项办理工作规程的通知',
      docType: '通知',
      addressees: ['各县（市、区）人民政府，市政府各部门、各直属机构'],
      signingDate: '2021-04-12',
      attachments: ['云岭市信访事项办理工作规程', '信访事项办理流程图'],
      cc: ['市委办公室，市人大常委会办公室，市政协办公室'],
      printedBy: '云岭市人民政府办公室秘书科',
      printedDate: '2021-04-13',
      classification: '机密★1年',
      urgency: '特急',
      copyNumber: '000123',
      referencedDocNumbers: ['云政发〔2019〕8号'],
      deadlines: [],
    });
  });

  it('reads a 信函-format 函 with a Chinese-numeral date and one attachment', () => {
    const f = extractFields(xinhan);
    expect(f.issuingBodies).toEqual(['南川县信访局']);
    expect(f.docNumber).toBe('南信转〔2022〕41号');
    expect(f.title).toBe('南川县信访局关于转送李某某信访事项的函');
    expect(f.docType).toBe('函');
    expect(f.addressees).toEqual(['石门镇人民政府']);
    expect(f.signingDate).toBe('2022-09-05');
    expect(f.attachments).toEqual(['李某某来信（复印件）']);
  });

  it('lists every body of a joint document in 署名 order', () => {
    const f = extractFields(joint);
    expect(f.issuingBodies).toEqual(['云岭市人民政府办公室', '云岭市信访局']);
    expect(f.title).toBe('云岭市人民政府办公室云岭市信访局关于开展信访积案化解工作的通知');
    expect(f.signingDate).toBe('2020-03-02');
  });

  it('gives no 文种 for a 信访 form such as a 受理告知书, which is not a 法定文种', () => {
    const f = extractFields(form);
    expect(f.title).toBe('信访事项受理告知书');
    expect(f.docType).toBeNull();
    expect(f.addressees).toEqual(['李某某']);
    expect(f.issuingBodies).toEqual(['南川县住房和城乡建设局']);
    expect(f.signingDate).toBe('2022-09-06');
  });

  it('reads a 份号 and 紧急程度 that OCR clean-up glued to the 文号 line of a 信函', () => {
    const f = extractFields(
      ['南川县信访局', '000007南信交〔2022〕9号', '加急', xinhan.split('\n').slice(2).join('\n')].join('\n'),
    );
    expect([f.copyNumber, f.urgency, f.docNumber]).toEqual(['000007', '加急', '南信交〔2022〕9号']);
    expect(f.title).toBe('南川县信访局关于转送李某某信访事项的函');
  });

  it('returns the empty fields for empty input', () => {
    expect(extractFields('')).toEqual(EMPTY_FIELDS);
    expect(extractFields('\f\n\n  \f')).toEqual(EMPTY_FIELDS);
  });
});

describe('extractFields on OCR-damaged text', () => {
  const damaged = [
    '  人    在 必',
    '云岭市人民政府办公室》',
    '        云政办发 【2O21] 17 号',
    '一-一',
    '   云岭市人民政府办公打关于印发云岭市信访事项',
    '办理工作规程的通',
    '各县 (市、区) 人民政府，市政府各部门、各直属机构:',
    '    经市人民政府同意，现将《云岭市信访事项办理工作规程》印发',
    '给你们，请认真贯彻执行。云岭市人民政府办公室将适时督查。',
    '人  全',
    '云岭市人民政府办公宝',
    '   023年4月12日',
    '\f',
    '一 2 一',
  ].join('\n');

  it('repairs brackets, digits, the body-name suffix, the cut 文种 and a year the seal covered', () => {
    const f = extractFields(damaged.replace('023年', '021年'));
    expect(f.docNumber).toBe('云政办发〔2021〕17号');
    expect(f.issuingBodies).toEqual(['云岭市人民政府办公室']);
    expect(f.title).toBe('云岭市人民政府办公室关于印发云岭市信访事项办理工作规程的通知');
    expect(f.docType).toBe('通知');
    expect(f.addressees).toEqual(['各县（市、区）人民政府，市政府各部门、各直属机构']);
    expect(f.signingDate).toBe('2021-04-12');
  });

  it('leaves the 成文日期 empty rather than inventing a year that contradicts what is left of it', () => {
    expect(extractFields(damaged).signingDate).toBeNull();
  });

  it('never throws on arbitrary text and always returns ISO dates or null', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 30 }),
            fc.constantFrom('国务院', '〔2019〕3号', '2019年1月9日', '\f', '关于', '：', '附件：1.', '抄送：'),
          ),
          { maxLength: 40 },
        ),
        (parts) => {
          const f = extractFields(parts.join('\n'));
          for (const d of [f.signingDate, f.printedDate]) if (d !== null) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('splitBodies', () => {
  it('splits joint bodies written together only where the second opens with its own jurisdiction', () => {
    expect(splitBodies('中共湖南省委办公厅湖南省人民政府办公厅')).toEqual([
      '中共湖南省委办公厅',
      '湖南省人民政府办公厅',
    ]);
    expect(splitBodies('国务院办公厅、中央军委办公厅')).toEqual(['国务院办公厅', '中央军委办公厅']);
    expect(splitBodies('国务院办公厅　　中央军委办公厅')).toEqual(['国务院办公厅', '中央军委办公厅']);
    expect(splitBodies('云岭市人民政府教育督导委员会办公室')).toEqual(['云岭市人民政府教育督导委员会办公室']);
    expect(splitBodies('湖南省人民政府办公厅')).toEqual(['湖南省人民政府办公厅']);
  });
});

describe('body-name repair', () => {
  it('completes a suffix OCR misread and a province name one character off, and rejects names cut short', () => {
    expect(repairSuffix('国务院办公打')).toBe('国务院办公厅');
    expect(repairProvince('贯州省人民政府')).toBe('贵州省人民政府');
    expect(repairProvince('徐州市人民政府')).toBe('徐州市人民政府');
    expect(isBodyName('务院')).toBe(false);
    expect(isBodyName('省人民政府')).toBe(false);
    expect(isBodyName('国务院')).toBe(true);
  });

  it('repairs a damaged reading by majority over every near-identical stretch of the document', () => {
    const doc = [...'贵州省人民政府关于同意的批复。贵州省人民政府决定。贯州省人民政府'];
    expect(repairBodyName('贯州省人民政府', doc, bigramCounts(doc.join(''))).value).toBe('贵州省人民政府');
  });
});

const seed000 = join(sharedDir, 'seeds');
const seedFile = existsSync(seed000) ? readdirSync(seed000).find((f) => f.startsWith('000_')) : undefined;

describe.skipIf(!seedFile)('extractFields on the raw OCR of a real notice (seeds/000)', () => {
  it('repairs 〔2019J, 2O19I1 and 吝省 and keeps the cited 文号 apart from the document’s own', () => {
    const f = extractFields(readFileSync(join(seed000, seedFile ?? ''), 'utf8'));
    expect(f.docNumber).toBe('工信信办〔2019〕1号');
    expect(f.issuingBodies).toEqual(['中华人民共和国工业和信息化部']);
    expect(f.title).toBe('关于学习宣传习近平总书记关于加强和改进人民信访工作的重要思想的通知');
    expect(f.docType).toBe('通知');
    expect(f.addressees).toEqual(['各省、自治区、直辖市通信管理局，部属各单位，部属各高校，部机关各司局']);
    expect(f.referencedDocNumbers).toEqual(['国信发〔2019〕3号']);
    expect(f.attachments).toEqual([
      '国家信访局关于学习宣传习近平总书记关于加强和改进人民信访工作的重要思想的通知（国信发〔2019〕3号）',
    ]);
  });
});
