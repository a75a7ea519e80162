import { describe, expect, it } from 'vitest';
import { extractLetter, joinWrappedLines, mendKenqing } from '../../../../shared/letters/extract-letter';

// Invented letters as a scan's OCR gives them: paragraphs broken at the page width, page footers run into
// the text, table columns without gaps. The ID numbers carry check characters computed for these tests.

const WRAPPED = `关于土地补偿款未发放的反映
尊敬的青川县信访局领导：
我叫赵明，住青川县乔庄镇白果村二组，联系电话：13812345678。2023年县里修
建乔庄镇至白果村的公路，占用了我家承包地1.2亩，至今没有拿到补偿款。
我多次到镇政府询问，工作人员都说在走程序。为此，恳请领导督促乔庄
第1页共2页镇政府尽快核实我家被占土地的面积，依法足额发放土地补偿款共计
12,600元。
盼望早日得到答复！
此致
敬礼！
赵明
2025年4月2日`;

const COLUMNS_RUN_TOGETHER = `联名信
凤凰县人民政府：
我们是凤凰县某镇某村的村民，反映修路占地补偿未到位的问题。
恳请县政府核实占地面积，足额发放补偿款。
此致
第1页共2页敬礼！
联名人：
序号姓名身份证号码联系电话家庭住址
1周平130682197001010023 13912345678凤凰县廖家桥镇菖蒲塘村一组
2郑丽37021219881212345X 13712345678凤凰县廖家桥镇菖蒲塘村二组
2025年5月20日
- 2 -`;

const SIGNATURE_COLUMN = `联名信
凤凰县人民政府：
恳请县政府核实占地面积，足额发放补偿款。
此致
敬礼！
序号姓名身份证号码联系电话签名（手印）
1周平130682197001010023 13912345678周平
2郑丽37021219881212345X 13712345678郑丽
住址：凤凰县廖家桥镇菖蒲塘村
2025年5月20日`;

describe('extractLetter on OCR text of a scanned letter', () => {
  it('reads the whole request sentence across the line breaks of the page width and a page footer', () => {
    expect(extractLetter(WRAPPED).request).toBe(
      '为此，恳请领导督促乔庄镇政府尽快核实我家被占土地的面积，依法足额发放土地补偿款共计12,600元。',
    );
  });

  it('reads the rows of a joint-letter table whose columns OCR ran together, and stops at the table end', () => {
    const f = extractLetter(COLUMNS_RUN_TOGETHER);
    expect(f.petitioners).toEqual(['周平', '郑丽']);
    expect(f.addresses).toEqual(['凤凰县廖家桥镇菖蒲塘村一组', '凤凰县廖家桥镇菖蒲塘村二组']);
    expect(f.idNumbers).toEqual(['130682197001010023', '37021219881212345X']);
    expect(f.headcount).toBe(2);
    expect(f.request).toBe('恳请县政府核实占地面积，足额发放补偿款。');
    expect(f.letterDate).toBe('2025-05-20');
  });

  it('joins an address cell OCR wrapped onto a line of its own above the row', () => {
    const f = extractLetter(
      COLUMNS_RUN_TOGETHER.replace(
        '2郑丽37021219881212345X 13712345678凤凰县廖家桥镇菖蒲塘村二组',
        '凤凰县廖家桥镇菖蒲塘村\n2郑丽37021219881212345X 13712345678二组',
      ),
    );
    expect(f.petitioners).toEqual(['周平', '郑丽']);
    expect(f.addresses).toEqual(['凤凰县廖家桥镇菖蒲塘村一组', '凤凰县廖家桥镇菖蒲塘村二组']);
  });

  it('does not take the signature column for an address', () => {
    const f = extractLetter(SIGNATURE_COLUMN);
    expect(f.petitioners).toEqual(['周平', '郑丽']);
    expect(f.addresses).toEqual(['凤凰县廖家桥镇菖蒲塘村']);
  });
});

describe('joinWrappedLines', () => {
  it('joins lines that run the full width without ending a sentence, and keeps short lines and finished sentences apart', () => {
    expect(
      joinWrappedLines([
        '一、基本情况',
        '二〇二三年县里修建公路，占用了我家承包地一亩二分，至今',
        '没有拿到补偿款，多次询问都说在走程序，实在没有办法。',
        '恳请领导督促镇政府尽快核实我家被占土地面积并发放补偿。',
        '谢谢！',
      ]),
    ).toEqual([
      '一、基本情况',
      '二〇二三年县里修建公路，占用了我家承包地一亩二分，至今没有拿到补偿款，多次询问都说在走程序，实在没有办法。',
      '恳请领导督促镇政府尽快核实我家被占土地面积并发放补偿。',
      '谢谢！',
    ]);
    // One paragraph per line (clean text): nothing to join.
    expect(joinWrappedLines(['我是村民。', '恳请领导帮助。'])).toEqual(['我是村民。', '恳请领导帮助。']);
    expect(joinWrappedLines([])).toEqual([]);
  });
});

describe('mendKenqing', () => {
  it('reads a misread first character of 恳请 before the one asked as 恳', () => {
    expect(mendKenqing('豚请领导协调督促公司支付拖欠的款项。')).toBe('恳请领导协调督促公司支付拖欠的款项。');
    expect(mendKenqing('为此，明请县政府责成有关部门处理。')).toBe('为此，恳请县政府责成有关部门处理。');
  });

  it('keeps words that end in 请 and the writer asking', () => {
    expect(mendKenqing('申请县政府给予救助。')).toBe('申请县政府给予救助。');
    expect(mendKenqing('提请市里研究。')).toBe('提请市里研究。');
    expect(mendKenqing('我请领导帮助解决。')).toBe('我请领导帮助解决。');
    expect(mendKenqing('豚请大家注意。')).toBe('豚请大家注意。');
  });

  it('lets a letter whose 恳 was misread still yield its request', () => {
    const letter = [
      '青川县信访局：',
      '我是白果村村民，家里的承包地被占用。',
      '晨请领导督促镇政府依法发放土地补偿款。',
      '此致',
      '敬礼！',
    ].join('\n');
    expect(extractLetter(letter).request).toBe('恳请领导督促镇政府依法发放土地补偿款。');
  });
});
