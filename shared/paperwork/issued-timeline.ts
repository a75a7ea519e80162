import type { TimelineItem } from '../api/cases.contract';
import type { CaseIssuedDocument } from '../cases/case-view';
import { DOC_TYPE_BY_ID } from './doc-types';

/** Timeline type of a generated document; not a step of the state machine, so it is never corrected or voided. */
export const DOCUMENT_ISSUED = 'document_issued';

/**
 * The one word for a timeline entry that no longer stands: a cancelled 文号 is 已作废 (as 发文登记 says), a step
 * undone by a correction 已撤销, a corrected one 已更正; null while it stands. The case page and the CLI both use it.
 */
export function timelineStatusLabel(t: Pick<TimelineItem, 'type' | 'status'>): '已作废' | '已撤销' | '已更正' | null {
  if (t.status === 'voided') return t.type === DOCUMENT_ISSUED ? '已作废' : '已撤销';
  if (t.status === 'amended') return '已更正';
  return null;
}

/** The day in 北京时间, as the case's own steps are dated. */
const beijingDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Puts the documents generated for a case (the 文号 ledger, `paperwork/numbers.json`) into its timeline at the
 * moment they were issued: 文书类型, 文号 and the stored file; a cancelled 文号 shows as 已作废 (as in 发文登记) with its reason.
 */
export function withIssuedDocuments(
  timeline: readonly TimelineItem[],
  issued: readonly CaseIssuedDocument[],
): TimelineItem[] {
  const out = [...timeline];
  const docs = issued
    .filter((d): d is CaseIssuedDocument & { id: string; issuedAt: string } => !!d.id && !!d.issuedAt)
    .sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
  for (const d of docs) {
    const kind = DOC_TYPE_BY_ID.get(d.docType)?.name ?? d.docType;
    const item: TimelineItem = {
      id: `doc-${d.id}`,
      type: DOCUMENT_ISSUED,
      label: `生成文书：${kind}`,
      details: [d.title, d.docNumber ? `文号 ${d.docNumber}` : '不编文号', d.file ? `文件 ${d.file}` : '']
        .filter(Boolean)
        .join('，'),
      on: beijingDay(d.issuedAt),
      by: '',
      note: d.cancelled ? `文号已作废${d.cancelReason ? `：${d.cancelReason}` : ''}` : null,
      recordedAt: d.issuedAt,
      status: d.cancelled ? 'voided' : 'effective',
      correctedBy: null,
      values: {},
    };
    // After everything recorded before it; steps without a recording time keep their place.
    const at = out.findIndex((t) => t.recordedAt !== null && t.recordedAt > d.issuedAt);
    if (at < 0) out.push(item);
    else out.splice(at, 0, item);
  }
  return out;
}
