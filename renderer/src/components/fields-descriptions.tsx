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
];

const EMPTY = <Typography.Text type="secondary">—</Typography.Text>;

function show(key: keyof DocumentFieldsInput, fields: DocumentFieldsInput) {
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
