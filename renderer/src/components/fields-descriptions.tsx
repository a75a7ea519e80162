import { Descriptions, Typography } from 'antd';
import type { DocumentFieldsInput } from '../../../shared/api/contract';
import { FIELD_LABELS as L, formatDate } from '../lib/format';

const ORDER: readonly (keyof DocumentFieldsInput)[] = [
  'docNumber',
  'issuingBodies',
  'title',
  'docType',
  'addressees',
  'signingDate',
  'attachments',
  'cc',
  'printedBy',
  'printedDate',
  'classification',
  'urgency',
  'copyNumber',
  'referencedDocNumbers',
  'deadlines',
];

const EMPTY = <Typography.Text type="secondary">—</Typography.Text>;

/** One task a notice sets: when (the date worked out, else as written), what, and to whom. */
export function deadlineText(d: NonNullable<DocumentFieldsInput['deadlines']>[number]): string {
  const when = d.due ? `${formatDate(d.due)}前（${d.dueText}）` : d.dueText;
  return [when, d.task, d.reportTo ? `报${d.reportTo}` : null].filter(Boolean).join('，');
}

function show(key: keyof DocumentFieldsInput, fields: DocumentFieldsInput) {
  if (key === 'deadlines') {
    const list = fields.deadlines ?? [];
    return list.length === 0 ? EMPTY : list.map((d, i) => <div key={i}>{deadlineText(d)}</div>);
  }
  const value = fields[key];
  if (key === 'signingDate' || key === 'printedDate') return formatDate(value as string | null) || EMPTY;
  if (Array.isArray(value)) {
    if (value.length === 0) return EMPTY;
    if (key === 'attachments' || key === 'addressees' || key === 'cc') {
      return value.map((v, i) => <div key={i}>{key === 'attachments' && value.length > 1 ? `${i + 1}. ${v}` : v}</div>);
    }
    return value.join('、');
  }
  return (value as string | null) || EMPTY;
}

/** The confirmed fields of a document as a read-only list. */
export function FieldsDescriptions({ fields }: { fields: DocumentFieldsInput }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}
      items={ORDER.map((key) => ({ key, label: L[key], children: show(key, fields) }))}
    />
  );
}
