import dayjs from 'dayjs';
import type { DocumentFieldsInput, DocumentStatus, ImportProgress } from '../../../shared/api/contract';

/** Chinese labels of the document fields, shared by the review form and the document view. */
export const FIELD_LABELS: Readonly<Record<keyof DocumentFieldsInput, string>> = {
  docNumber: '文号',
  issuingBodies: '发文机关',
  title: '标题',
  docType: '文种',
  addressees: '主送',
  signingDate: '成文日期',
  attachments: '附件',
  cc: '抄送',
  printedBy: '印发机关',
  printedDate: '印发日期',
  classification: '密级',
  urgency: '紧急程度',
  copyNumber: '份号',
  referencedDocNumbers: '引用文号',
  deadlines: '办理时限',
};

/** `2013-11-16` → `2013年11月16日`; anything unparsable is shown as it is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY年M月D日') : iso;
}

/** An ISO timestamp as local `YYYY-MM-DD HH:mm`. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : iso;
}

/** File sizes the way Chinese file managers show them. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const STATUS_LABELS: Readonly<Record<DocumentStatus, string>> = { review: '待审核', filed: '已归档' };

/** One line describing where an import stands: 存储 / 解码 / 识别第N页/共M页 / 提取 / 完成. */
export function stageLabel(p: Pick<ImportProgress, 'stage' | 'page' | 'pages'>): string {
  switch (p.stage) {
    case 'store':
      return '存储';
    case 'decode':
      return '解码';
    case 'ocr':
      return p.pages > 0 ? `识别第${Math.max(1, p.page)}页/共${p.pages}页` : '识别';
    case 'extract':
      return '提取';
    case 'done':
      return '完成';
    case 'failed':
      return '失败';
    case 'queued':
      return '排队等待';
    case 'cancelled':
      return '已取消';
  }
}

/** Where a document opens: filed ones in the document view, the rest on the review screen. */
export function documentPath(doc: { id: string; status: DocumentStatus }): string {
  return doc.status === 'filed' ? `/documents/${doc.id}` : `/review/${doc.id}`;
}

/** A short display title when the extractor found none. */
export function displayTitle(doc: { fields: { title: string | null }; originalName: string }): string {
  return doc.fields.title?.trim() || `（无标题）${doc.originalName}`;
}
