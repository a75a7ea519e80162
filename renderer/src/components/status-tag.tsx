import { Tag } from 'antd';
import type { DocumentStatus } from '../../../shared/api/contract';
import { STATUS_LABELS } from '../lib/format';

/** 待审核 (orange) or 已归档 (green). */
export function StatusTag({ status }: { status: DocumentStatus }) {
  return <Tag color={status === 'filed' ? 'green' : 'orange'}>{STATUS_LABELS[status]}</Tag>;
}
