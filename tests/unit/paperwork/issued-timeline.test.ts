import { describe, expect, it } from 'vitest';
import type { TimelineItem } from '../../../shared/api/cases.contract';
import { DOCUMENT_ISSUED, withIssuedDocuments } from '../../../shared/paperwork/issued-timeline';

const step = (id: string, recordedAt: string | null): TimelineItem => ({
  id,
  type: 'accept',
  label: id,
  details: '',
  on: (recordedAt ?? '2026-03-01').slice(0, 10),
  by: '李登记',
  note: null,
  recordedAt,
  status: 'effective',
  correctedBy: null,
  values: {},
});

const doc = {
  docType: 'yanqi',
  title: '信访事项延期办理告知书',
  docNumber: '临信延告〔2026〕2号',
  cancelled: false,
  text: null,
  id: 'g1',
  issuedAt: '2026-03-04T17:30:00Z',
  file: 'paperwork/files/2026/x.docx',
  cancelReason: null,
};

describe('issued documents in the case timeline', () => {
  it('inserts each document where it was issued, dated in 北京时间, with type, 文号 and file', () => {
    const t = withIssuedDocuments(
      [step('a', '2026-03-04T08:00:00Z'), step('b', '2026-03-06T08:00:00Z')],
      [doc, { ...doc, id: 'g0', docType: 'han', docNumber: null, issuedAt: '2026-03-03T00:00:00Z' }],
    );
    expect(t.map((x) => x.id)).toEqual(['doc-g0', 'a', 'doc-g1', 'b']);
    const item = t[2]!;
    expect(item).toMatchObject({
      type: DOCUMENT_ISSUED,
      label: '生成文书：信访事项延期办理告知书',
      on: '2026-03-05', // 17:30 UTC is the next morning in 北京
      status: 'effective',
    });
    expect(item.details).toBe('信访事项延期办理告知书，文号 临信延告〔2026〕2号，文件 paperwork/files/2026/x.docx');
    expect(t[0]!.details).toContain('不编文号');
  });

  it('shows a cancelled 文号 as voided with the reason, and ignores entries without a ledger id', () => {
    const t = withIssuedDocuments(
      [step('a', null)],
      [
        { ...doc, cancelled: true, cancelReason: '送达地址有误' },
        { docType: 'han', title: '函', docNumber: null, cancelled: false, text: null },
      ],
    );
    expect(t).toHaveLength(2);
    expect(t[1]).toMatchObject({ status: 'voided', note: '文号已作废：送达地址有误' });
  });
});
