import { describe, expect, it } from 'vitest';
import { extractLetter } from '../../../../shared/letters/extract-letter';

// Invented letters, one or more rules each; the ID numbers carry check characters computed for these tests.

const WAGES = `关于追讨工资的请求
青川县信访局：
我叫赵明，男，1992年11月30日出生，身份证号码：440305 1992 1130 4567，住青川县乔庄镇白果村二组，联系电话：138 1234 5678。
2024年我在县城一个工地干活，老板欠我工资8,000元至今未付。
恳请领导督促老板尽快支付拖欠我的工资8,000元。
谢谢领导！
2025年1月6日`;

const ANONYMOUS = `举报信
尊敬的纪委领导：
我们反映某镇某村主任私自出租村集体土地、收入不入账的问题。
请求上级派人调查处理。
一群知情群众
2024.9.3`;

const SUGGESTION = `关于增设路灯的建议
尊敬的县长：
我是城关镇的一名居民。
建议在滨河路增设路灯，方便群众夜间出行。
建议在路口设置减速带。
以上建议恳请县政府转交住建局研究采纳。
建议人：孙玉梅
电话：0839-5123456
二〇二五年三月八日`;

const JOINT = `联名信
凤凰县人民政府：
我们是凤凰县某镇某村的村民，共6人，反映修路占地补偿未到位的问题。
恳请县政府核实占地面积，足额发放补偿款。
此致
敬礼！
序号  姓名  身份证号码  联系电话  家庭住址
1  周平  130682197001010023  13912345678  凤凰县廖家桥镇菖蒲塘村一组
2  郑丽  37021219881212345X  13712345678  凤凰县廖家桥镇菖蒲塘村二组
2025年5月20日`;

const SIGNED = `县信访局：
本人陈刚，现住清河县东风乡前进村三组，反映邻居占用我家宅基地的问题。
希望领导早日帮助解决。
恳请县信访局责成东风乡政府依法处理邻居占用我家宅基地的问题，恢复原状。
此致
敬礼！
陈刚
2024年7月1日`;

describe('extractLetter', () => {
  it('reads a single-writer letter introduced with 我叫 and repairs the spaces inside the ID and phone number', () => {
    const f = extractLetter(WAGES);
    expect(f.petitioners).toEqual(['赵明']);
    expect(f.idNumbers).toEqual(['440305199211304567']);
    expect(f.phones).toEqual(['13812345678']);
    expect(f.addresses).toEqual(['青川县乔庄镇白果村二组']);
    expect(f.addressee).toBe('青川县信访局');
    expect(f.request).toBe('恳请领导督促老板尽快支付拖欠我的工资8,000元。');
    expect(f.category).toBe('申诉求决');
    expect(f.letterDate).toBe('2025-01-06');
    expect(f.headcount).toBe(1);
  });

  it('treats an unsigned 举报 letter as anonymous and as 检举控告', () => {
    const f = extractLetter(ANONYMOUS);
    expect(f.petitioners).toEqual([]);
    expect(f.headcount).toBeNull();
    expect(f.category).toBe('检举控告');
    expect(f.addressee).toBe('尊敬的纪委领导');
    expect(f.request).toBe('请求上级派人调查处理。');
    expect(f.letterDate).toBe('2024-09-03');
  });

  it('classifies a suggestion without a personal claim as 建议意见 and prefers the closing 恳请 sentence', () => {
    const f = extractLetter(SUGGESTION);
    expect(f.petitioners).toEqual(['孙玉梅']);
    expect(f.phones).toEqual(['0839-5123456']);
    expect(f.category).toBe('建议意见');
    expect(f.request).toBe('以上建议恳请县政府转交住建局研究采纳。');
    expect(f.letterDate).toBe('2025-03-08');
  });

  it('reads every row of a joint-letter table and takes the larger explicit 共N人 as the headcount', () => {
    const f = extractLetter(JOINT);
    expect(f.petitioners).toEqual(['周平', '郑丽']);
    expect(f.idNumbers).toEqual(['130682197001010023', '37021219881212345X']);
    expect(f.phones).toEqual(['13912345678', '13712345678']);
    expect(f.addresses).toEqual(['凤凰县廖家桥镇菖蒲塘村一组', '凤凰县廖家桥镇菖蒲塘村二组']);
    expect(f.headcount).toBe(6);
    expect(f.category).toBe('申诉求决');
  });

  it('reads the writer from 本人 and from the bare signature line, once', () => {
    const f = extractLetter(SIGNED);
    expect(f.petitioners).toEqual(['陈刚']);
    expect(f.addresses).toEqual(['清河县东风乡前进村三组']);
    expect(f.request).toBe('恳请县信访局责成东风乡政府依法处理邻居占用我家宅基地的问题，恢复原状。');
    expect(f.letterDate).toBe('2024-07-01');
  });

  it("keeps a suggestion that mentions the writer's home as 建议意见", () => {
    const text = '县交通局：\n我家门口的公交站没有站牌。\n建议在各公交站设置站牌和线路图。\n2025年6月1日';
    expect(extractLetter(text).category).toBe('建议意见');
  });

  it('classifies a letter asking for compensation as 申诉求决 even when it uses the word 意见', () => {
    const text = '镇政府：\n对征地补偿有意见。\n请求按标准补发补偿款。\n2025年6月1日';
    expect(extractLetter(text).category).toBe('申诉求决');
  });

  it('does not read a verb phrase after 本人 as a name', () => {
    expect(extractLetter('县政府：\n征收丈量时我本人在外地看病没有在场。\n').petitioners).toEqual([]);
  });

  it('takes the last date in the letter as the letter date', () => {
    expect(extractLetter('2023年5月1日出事。\n二〇二四年十二月三日').letterDate).toBe('2024-12-03');
  });

  it('places the region with the division gazetteer, also from a county name alone when only one county has it', () => {
    expect(extractLetter('我是陕西省商洛市柞水县营盘镇村民。').region).toBe('陕西省商洛市柞水县');
    expect(extractLetter(WAGES).region).toBe('四川省广元市青川县');
  });

  it('leaves the region empty when a county name is shared by several places and nothing says which', () => {
    expect(extractLetter('我住朝阳区某小区，物业乱收费，请求解决。').region).toBeNull();
    expect(extractLetter('我住北京市朝阳区某小区，物业乱收费，请求解决。').region).toBe('北京市朝阳区');
  });

  it('returns empty fields for empty text', () => {
    expect(extractLetter('')).toEqual({
      petitioners: [],
      idNumbers: [],
      phones: [],
      addresses: [],
      region: null,
      addressee: null,
      request: null,
      category: null,
      letterDate: null,
      headcount: null,
    });
  });
});
