import { describe, expect, it } from 'vitest';
import {
  attachmentTitle,
  byRoleOrder,
  isHandlingSlip,
  pieceRemark,
  piecePages,
  pieceTitle,
  suggestPieces,
  titleSubject,
  type PieceDoc,
} from '../../../../shared/archive/jian';
import { stampCells, STAMP_LAYOUT } from '../../../../shared/archive/stamp';

let n = 0;
const doc = (over: Partial<PieceDoc>): PieceDoc => ({
  id: `d${String(++n).padStart(7, '0')}`,
  title: null,
  docNumber: null,
  docType: null,
  issuingBodies: ['某市信访局'],
  attachments: [],
  referencedDocNumbers: [],
  signingDate: '2024-03-01',
  filedDay: '2024-03-05',
  originalName: 'scan.pdf',
  ...over,
});

describe('件 assembly rules (DA/T 22 5.1)', () => {
  it('puts a document named in another document’s 附件 list into its 件 as 附件', () => {
    const notice = doc({
      title: '关于开展信访积案化解工作的通知',
      docNumber: '市信发〔2024〕7号',
      attachments: ['1．信访积案化解工作台账', '2.《信访积案化解责任分工表》'],
    });
    const ledger = doc({ title: '信访积案化解工作台账' });
    const table = doc({ title: '信访积案化解责任分工表' });
    const unrelated = doc({ title: '关于春节值班安排的通知', docNumber: '市信发〔2024〕8号' });
    const s = suggestPieces([notice, ledger, table, unrelated]);
    expect(s).toEqual([
      {
        headId: notice.id,
        optional: false,
        members: [
          { id: ledger.id, role: '附件', reason: expect.stringContaining('信访积案化解工作台账') },
          { id: table.id, role: '附件', reason: expect.stringContaining('责任分工表') },
        ],
      },
    ]);
  });

  it('puts a 处理单 filed the same day beside the document whose 文号 or title it names, first in the 件', () => {
    const incoming = doc({ title: '关于报送2024年一季度信访形势分析的通知', docNumber: '省信发〔2024〕12号' });
    const slip = doc({
      title: '文件处理笺',
      docNumber: null,
      text: '来文单位：省信访局\n文号：省信发〔2024〕12号\n拟办意见：…',
    });
    const otherDay = doc({ title: '收文处理单', filedDay: '2024-03-06', text: '省信发〔2024〕12号' });
    const s = suggestPieces([incoming, slip, otherDay]);
    expect(s).toHaveLength(1);
    expect(s[0]!.headId).toBe(incoming.id);
    expect(s[0]!.members.map((m) => [m.id, m.role])).toEqual([[slip.id, '处理单']]);
    // A slip naming its document only by title also joins it.
    const byTitle = doc({
      docType: '处理单',
      title: '阅办单',
      text: '关于报送2024年一季度信访形势分析的通知 请办公室阅处',
    });
    expect(suggestPieces([incoming, byTitle])[0]!.members[0]).toMatchObject({ id: byTitle.id, role: '处理单' });
  });

  it('leaves a 处理单 alone when two documents of that day fit and neither is named by 文号', () => {
    const a = doc({ title: '关于做好信访工作的通知' });
    const b = doc({ title: '做好信访工作的通知' });
    const slip = doc({ title: '文件处理单', text: '事由：关于做好信访工作的通知' });
    expect(suggestPieces([a, b, slip])).toEqual([]);
  });

  it('puts a forwarded document into the 转发文’s 件, by the 文号 it cites or by its title', () => {
    const forwarded = doc({
      title: '关于进一步规范信访事项受理办理程序的意见',
      docNumber: '国信发〔2023〕5号',
      issuingBodies: ['国家信访局'],
      signingDate: '2023-06-01',
    });
    const forwarding = doc({
      title: '关于转发国信发〔2023〕5号文件的通知',
      docNumber: '市信发〔2023〕30号',
      signingDate: '2023-07-01',
    });
    expect(suggestPieces([forwarding, forwarded])).toEqual([
      {
        headId: forwarding.id,
        optional: false,
        members: [{ id: forwarded.id, role: '被转发文', reason: '转发文引用文号 国信发〔2023〕5号' }],
      },
    ]);
    const byTitle = doc({
      title: '关于转发省信访局关于进一步规范信访事项受理办理程序的意见的通知',
      signingDate: '2023-07-02',
    });
    expect(suggestPieces([byTitle, forwarded])[0]).toMatchObject({
      headId: byTitle.id,
      members: [{ id: forwarded.id, role: '被转发文' }],
    });
    // A document dated after the forwarding notice cannot be what it forwards.
    const later = { ...forwarded, signingDate: '2023-08-01' };
    expect(suggestPieces([forwarding, later])).toEqual([]);
  });

  it('groups a second copy with the same 文号 and body under the first, but not the same 文号 from another body', () => {
    const first = doc({ title: '关于信访工作的通知', docNumber: '市信发〔2024〕3号' });
    const copy = doc({ title: '关于信访工作的通知', docNumber: '市信发[2024]3号' });
    const other = doc({ title: '关于别的事的通知', docNumber: '市信发〔2024〕3号', issuingBodies: ['另一县人民政府'] });
    const s = suggestPieces([first, copy, other]);
    expect(s).toEqual([
      { headId: first.id, optional: false, members: [{ id: copy.id, role: '复制件', reason: expect.any(String) }] },
    ]);
  });

  it('offers a 复文 and its 来文 as an optional 件, by cited 文号 or the same matter', () => {
    const request = doc({
      title: '关于解决信访接待场所的请示',
      docNumber: '县信〔2024〕4号',
      signingDate: '2024-02-01',
    });
    const reply = doc({
      title: '关于解决信访接待场所的批复',
      docNumber: '市信复〔2024〕2号',
      signingDate: '2024-03-01',
    });
    expect(titleSubject(request.title)).toBe('解决信访接待场所');
    expect(suggestPieces([request, reply])).toEqual([
      {
        headId: reply.id,
        optional: true,
        members: [{ id: request.id, role: '来文', reason: expect.stringContaining('事由相同') }],
      },
    ]);
  });

  it('merges chains into one 件 under the top head and never loops', () => {
    const forwarded = doc({
      title: '关于开展矛盾纠纷排查的通知',
      docNumber: '省信发〔2024〕2号',
      attachments: ['矛盾纠纷排查统计表'],
      signingDate: '2024-01-10',
    });
    const table = doc({ title: '矛盾纠纷排查统计表' });
    const forwarding = doc({
      title: '关于转发省信发〔2024〕2号的通知',
      docNumber: '市信发〔2024〕9号',
      signingDate: '2024-01-20',
    });
    const s = suggestPieces([forwarded, table, forwarding]);
    expect(s).toHaveLength(1);
    expect(s[0]!.headId).toBe(forwarding.id);
    expect(s[0]!.members.map((m) => m.role)).toEqual(['附件', '被转发文']);
    // Two documents naming each other in their 附件 lists: one link is kept, the other would close a loop.
    const x = doc({ title: '甲单位工作方案全文', attachments: ['乙单位工作方案全文'] });
    const y = doc({ title: '乙单位工作方案全文', attachments: ['甲单位工作方案全文'] });
    const loop = suggestPieces([x, y]);
    expect(loop).toHaveLength(1);
    expect(new Set([loop[0]!.headId, loop[0]!.members[0]!.id])).toEqual(new Set([x.id, y.id]));
  });

  it('suggests nothing for unrelated documents, short titles or empty lists', () => {
    expect(suggestPieces([])).toEqual([]);
    const a = doc({ title: '通知', attachments: ['通知'] });
    const b = doc({ title: '通知' });
    expect(suggestPieces([a, b])).toEqual([]);
  });
});

describe('件 helpers', () => {
  it('reads 附件 lines, recognises handling slips and orders a 件 per DA/T 22 5.2.2', () => {
    expect(attachmentTitle('附件：1. 《关于X事项的报告》（3页）')).toBe('关于x事项的报告');
    expect(isHandlingSlip({ title: '发文稿纸', docType: null })).toBe(true);
    expect(isHandlingSlip({ title: '关于做好信访工作的通知', docType: '通知' })).toBe(false);
    const ordered = byRoleOrder([
      { role: '附件' as const },
      { role: '来文' as const },
      { role: '正文' as const },
      { role: '处理单' as const },
    ]);
    expect(ordered.map((m) => m.role)).toEqual(['处理单', '正文', '附件', '来文']);
  });

  it('sums pages, keeps the head’s 题名, shows the 来文 in a 复文’s 题名 and lists the rest in 备注', () => {
    expect(piecePages([{ pages: 3 }, { pages: 2 }, { pages: 1 }])).toBe(6);
    expect(pieceTitle('关于X的通知', [{ role: '附件', doc: { title: '附表', docNumber: null, pages: 1 } }])).toBe(
      '关于X的通知',
    );
    expect(
      pieceTitle('关于解决接待场所的批复', [
        { role: '来文', doc: { title: '关于解决接待场所的请示', docNumber: '县信〔2024〕4号', pages: 2 } },
      ]),
    ).toBe('关于解决接待场所的批复（来文：县信〔2024〕4号 关于解决接待场所的请示）');
    expect(
      pieceTitle('关于县信〔2024〕4号请示的批复', [
        { role: '来文', doc: { title: 'x', docNumber: '县信〔2024〕4号', pages: 2 } },
      ]),
    ).toBe('关于县信〔2024〕4号请示的批复');
    expect(pieceRemark([{ role: '附件' }, { role: '附件' }, { role: '处理单' }])).toBe('含处理单1份、附件2份');
    expect(pieceRemark([])).toBe('');
  });

  it('fills the 归档章’s six cells in the standard layout', () => {
    const cells = stampCells({ fonds: 'X001', year: 2024, piece: 7, org: 'BGS', retention: '定期30年', pages: 12 });
    expect(STAMP_LAYOUT.flat().map((c) => cells[c])).toEqual(['X001', '2024', '0007', 'BGS', '30年', '12']);
    expect(
      stampCells({ fonds: 'X1', year: 2024, piece: 1, org: '', retention: '永久', pages: 1 })['机构（问题）'],
    ).toBe('');
  });
});
