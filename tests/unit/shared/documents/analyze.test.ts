import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument, extractFields } from '../../../../shared/documents/extract';
import { extractAll } from '../../../../shared/documents/extract-all';
import { mendChineseNumber, parseDamagedDate } from '../../../../shared/documents/dates';
import { findDocNumbers } from '../../../../shared/documents/doc-number';
import { EMPTY_FIELDS } from '../../../../shared/documents/fields';
import { createBodyRegistry } from '../../../../shared/gazetteer/issuing-bodies';
import { sharedDir } from '../../../helpers/corpus';

const seeds = join(sharedDir, 'seeds');
const seed = (prefix: string): string | null => {
  if (!existsSync(seeds)) return null;
  const name = readdirSync(seeds).find((f) => f.startsWith(prefix));
  return name ? readFileSync(join(seeds, name), 'utf8') : null;
};

/** A synthetic 公文 (invented bodies and numbers), one element per line as OCR returns it. */
const notice = (
  over: Partial<Record<'head' | 'number' | 'title' | 'to' | 'body' | 'sign' | 'date' | 'after', string>> = {},
) =>
  [
    over.head ?? '青禾县人民政府办公室文件',
    over.number ?? '青政办发〔2024〕12号',
    over.title ?? '青禾县人民政府办公室关于做好信访积案化解工作的通知',
    over.to ?? '各乡镇人民政府，县直各单位：',
    over.body ?? '为做好信访积案化解工作，现将有关事项通知如下。请于5月底前将化解情况报县信访局。',
    over.sign ?? '青禾县人民政府办公室',
    over.date ?? '2024年4月2日',
    over.after ?? '（此件公开发布）',
  ].join('\n');

describe('analyzeDocument on the raw OCR of a real notice (seeds/000)', () => {
  const text = seed('000_');
  it.skipIf(text === null)(
    'reads 文号, title, 主送, attachment, the forwarded 文号 and the deadline to 国家信访局研究室',
    () => {
      const a = analyzeDocument(text ?? '');
      expect(a.kind).toBe('公文');
      expect(a.docNumber).toBe('工信信办〔2019〕1号');
      expect(a.title).toBe('关于学习宣传习近平总书记关于加强和改进人民信访工作的重要思想的通知');
      expect(a.addressees).toEqual(['各省、自治区、直辖市通信管理局，部属各单位，部属各高校，部机关各司局']);
      expect(a.attachments).toEqual([
        '国家信访局关于学习宣传习近平总书记关于加强和改进人民信访工作的重要思想的通知（国信发〔2019〕3号）',
      ]);
      expect(a.forwardedDocNumbers).toEqual(['国信发〔2019〕3号']);
      expect(a.referencedDocNumbers).toEqual(['国信发〔2019〕3号']);
      expect(a.deadlines).toHaveLength(1);
      expect(a.deadlines[0]).toMatchObject({
        due: '2019-06-30',
        dueText: '6月底之前',
        task: '学习宣传阶段性情况',
        reportTo: '国家信访局研究室',
      });
      // The forwarded notice printed after it is expected, not a second document to warn about.
      expect(a.warnings).toEqual([]);
    },
  );
});

describe('analyzeDocument: GB/T 9704 elements beyond the header', () => {
  it('reads 附注, cited 《titles》, deadlines and the 信访 form of a synthetic notice', () => {
    const a = analyzeDocument(
      notice({ body: '根据《信访工作条例》和《青禾县信访事项办理规程》，请于5月底前将化解情况报县信访局。' }),
    );
    expect(a.docNumber).toBe('青政办发〔2024〕12号');
    expect(a.notes).toBe('（此件公开发布）');
    expect(a.citedTitles).toEqual(['信访工作条例', '青禾县信访事项办理规程']);
    expect(a.deadlines[0]).toMatchObject({ due: '2024-05-31', reportTo: '县信访局', task: '化解情况' });
    expect(a.docForm).toBeNull();
  });

  it('reads 签发人 names from the header of an upward document', () => {
    const a = analyzeDocument(
      notice({
        number: '青政〔2024〕3号      签发人：王明  李华',
        title: '青禾县人民政府关于申请设立便民服务中心的请示',
        to: '市人民政府：',
      }),
    );
    expect(a.signers).toEqual(['王明', '李华']);
    expect(a.docType).toBe('请示');
  });

  it('names 信访 forms and 复函 as their own form', () => {
    expect(analyzeDocument(notice({ title: '信访事项受理告知书', to: '张某某：' })).docForm).toBe('受理告知书');
    expect(
      analyzeDocument(notice({ title: '青禾县信访局关于转送李某信访事项的函', to: '某镇人民政府：' })).docForm,
    ).toBe('转送函');
  });

  it('records the 文号 a notice forwards (转发) apart from other cited ones', () => {
    const a = analyzeDocument(
      notice({
        body: '现将《市信访局关于开展矛盾纠纷排查的通知》（禾信发〔2024〕5号）转发给你们。依据青政发〔2023〕9号文件精神执行。',
      }),
    );
    expect(a.forwardedDocNumbers).toEqual(['禾信发〔2024〕5号']);
    expect(a.referencedDocNumbers).toEqual(['禾信发〔2024〕5号', '青政发〔2023〕9号']);
  });

  it('keeps only the stored fields in extractFields, so records never carry the analysis extras', () => {
    expect(Object.keys(extractFields(notice())).sort()).toEqual(Object.keys(EMPTY_FIELDS).sort());
  });
});

describe('analyzeDocument: repairs by general rules and gazetteers', () => {
  it('repairs an organ suffix misread after a place name (区惟民政府 → 区人民政府)', () => {
    const a = analyzeDocument(
      notice({ head: '', sign: '绿园区惟民政府', title: '关于提请审议调整区划的议案', to: '区政协常委会：' }),
    );
    expect(a.issuingBodies).toEqual(['绿园区人民政府']);
  });

  it('repairs a prefecture name one character off when its province is named (痢田市 → 莆田市)', () => {
    const a = analyzeDocument(
      notice({
        head: '福建省人民政府文件',
        number: '闽政文〔2016〕28号',
        title: '福建省人民政府关于痢田市秀屿区月塘乡撤乡设镇的批复',
        to: '莆田市人民政府：',
        sign: '福建省人民政府',
        body: '你市《关于月塘乡撤乡设镇的请示》收悉。现批复如下。',
      }),
    );
    expect(a.title).toBe('福建省人民政府关于莆田市秀屿区月塘乡撤乡设镇的批复');
  });

  it('fills the issuing body from the registry when only the 机关代字 is readable', () => {
    const a = analyzeDocument(
      [
        '国办函〔2020〕7号',
        '关于同意建立某联席会议制度的函',
        '发展改革委：',
        '你委关于建立联席会议制度的请示收悉。',
      ].join('\n'),
    );
    expect(a.issuingBodies).toEqual(['国务院办公厅']);
  });

  it('uses what the registry learned: a body confirmed once is read right the next time', () => {
    const registry = createBodyRegistry([
      { name: '青禾县信访局', codes: ['青信'], aliases: [], misreadings: ['再禾县信访局'] },
    ]);
    const text = notice({
      head: '再禾县信访局文件',
      number: '青信转〔2024〕2号',
      sign: '再禾县信访局',
      title: '关于转送王某信访事项的函',
    });
    expect(analyzeDocument(text, { registry }).issuingBodies).toEqual(['青禾县信访局']);
  });

  it('repairs a long organ suffix one character off wherever it stands (视导小组办公室 → 领导小组办公室)', () => {
    const a = analyzeDocument(
      notice({ head: '', number: '', sign: '某区创建工作视导小组办公室', title: '关于召开创建工作会议的通知' }),
    );
    expect(a.issuingBodies).toEqual(['某区创建工作领导小组办公室']);
  });

  it('drops an opening bracket OCR read as a Han character when that leaves a registered code', () => {
    const a = analyzeDocument(notice({ head: '福建省人民政府', number: '闽政文人2016】28号', sign: '福建省人民政府' }));
    expect(a.docNumber).toBe('闽政文〔2016〕28号');
    // An unregistered code is left as read: nothing says its last character is a bracket.
    expect(analyzeDocument(notice({ number: '禾政文人2016】28号' })).docNumber).toBe('禾政文人〔2016〕28号');
  });

  it('drops a speck read before the 各 that opens a 主送 list', () => {
    expect(analyzeDocument(notice({ to: '和各省、自治区、直辖市人民政府：' })).addressees).toEqual([
      '各省、自治区、直辖市人民政府',
    ]);
  });

  it('reads a 文号 with a doubled opening bracket', () => {
    expect(findDocNumbers('（穗办【〔2008〕14号）').map((n) => n.value)).toEqual(['穗办〔2008〕14号']);
  });

  it('restores a seal-covered 十 in a Chinese-numeral date only where no other numeral can stand', () => {
    expect(mendChineseNumber('二书五')).toBe(25);
    expect(mendChineseNumber('三并')).toBe(30);
    expect(mendChineseNumber('十马')).toBeNull();
    expect(parseDamagedDate('二〇〇九年一月二书五日')).toBe('2009-01-25');
    expect(parseDamagedDate('二泉O九年八月三并日', { yearHints: [2009] })).toBe('2009-08-30');
    expect(parseDamagedDate('二〇〇五年三月元日', { yearHints: [2005] })).toBeNull();
  });
});

describe('analyzeDocument: kinds of text and bad input', () => {
  it('returns nulls and a warning for empty text', () => {
    const a = analyzeDocument('  \n\f ');
    expect(a).toMatchObject({ ...EMPTY_FIELDS, kind: null, deadlines: [] });
    expect(a.warnings[0]).toContain('没有识别出任何文字');
  });

  it('returns nulls and a warning for text in another language', () => {
    const a = analyzeDocument(
      'NOTICE\nMinistry of Industry\nNo. 2019-1\nTo all provincial bureaus: please report by June.',
    );
    expect(a.docNumber).toBeNull();
    expect(a.warnings[0]).toContain('不是中文');
  });

  it('warns instead of guessing on the character soup an upside-down page gives', () => {
    const soup = [
      '廿卅卌丮丯丱丳丵丷丼乀乁乂乃乄',
      '乆乊乑乕乗乚乛乢乣乤乥乧乨乪乫乬',
      '乭乮乯乲乴乵乶乷乸乹乺乻乼乽乿',
    ].join('\n');
    const a = analyzeDocument(soup);
    expect(a.issuingBodies).toEqual([]);
    expect(a.warnings[0]).toContain('页面可能放倒了');
  });

  it('warns when a second 公文 with its own header follows in the same file', () => {
    const two = `${notice()}\f${notice({ head: '青禾县信访局文件', number: '青信发〔2024〕8号', title: '青禾县信访局关于开展接访活动的通知', sign: '青禾县信访局' })}`;
    const a = analyzeDocument(two);
    expect(a.docNumber).toBe('青政办发〔2024〕12号');
    expect(a.warnings.some((w) => w.includes('青信发〔2024〕8号'))).toBe(true);
  });

  it('recognises an article (资料) and reads title and author instead of forcing 公文 fields', () => {
    const a = analyzeDocument(
      '开创新时代人民信访工作新局面\n舒晓琴\n内容提要：信访是反映社情民意的晴雨表。\n正文第一段。',
    );
    expect(a.kind).toBe('资料');
    expect(a.docNumber).toBeNull();
    expect(a.issuingBodies).toEqual([]);
    expect(a.material).toMatchObject({ title: '开创新时代人民信访工作新局面', author: '舒晓琴' });
    // Its title is kept in the stored fields so the archive can list it.
    expect(a.title).toBe('开创新时代人民信访工作新局面');
  });

  it('warns when a text reads like a 公文 but neither 文号 nor 署名 could be read', () => {
    const a = analyzeDocument(
      '关于开展信访矛盾排查工作的通知\n各单位：\n现将有关事项通知如下，请认真落实。\n特此通知。',
    );
    expect(a.docNumber).toBeNull();
    expect(a.warnings.some((w) => w.includes('没有读出文号和发文机关'))).toBe(true);
  });

  it('recognises a petition letter and adds its fields in extractAll, without 公文 bodies', () => {
    const letter = [
      '关于土地补偿问题的反映',
      '营山县人民政府：',
      '我叫李明，住营山县朗池镇北辰路8号，联系电话：13812345678。',
      '恳请政府责成有关部门补发土地补偿款。',
      '此致',
      '敬礼',
      '反映人：李明',
      '2024年12月3日',
    ].join('\n');
    const a = extractAll(letter);
    expect(a.kind).toBe('来信');
    expect(a.issuingBodies).toEqual([]);
    expect(a.petitioners).toEqual(['李明']);
    expect(a.phones).toEqual(['13812345678']);
    expect(a.region).toBe('四川省南充市营山县');
    expect(a.category).toBe('申诉求决');
  });
});
