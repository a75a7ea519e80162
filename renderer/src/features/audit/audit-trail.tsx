import { Button, Card, Collapse, Empty, Table, Typography } from 'antd';
import { useState } from 'react';
import type { AuditEntryView } from '../../../../shared/api/maintenance.contract';
import { ErrorAlert } from '../../components/error-alert';
import { FIELD_LABELS, formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/use-api';

/** Chinese names of the 登记 fields of a case, beside the document fields. */
const CASE_FIELD_LABELS: Readonly<Record<string, string>> = {
  form: '信访形式',
  petitioners: '信访人',
  headcount: '人数',
  region: '问题属地',
  topic: '内容分类',
  claimRoute: '办理途径',
  summary: '事实和理由',
  request: '请求',
  documentIds: '关联文件',
};
const labelOf = (key: string) => (FIELD_LABELS as Record<string, string>)[key] ?? CASE_FIELD_LABELS[key] ?? key;

/** A field value as a person reads it: text as is, lists joined, petitioners by name, nothing as 空. */
function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '空';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '空';
    return v.map((x) => (x && typeof x === 'object' && 'name' in x ? String(x.name) : show(x))).join('、');
  }
  return JSON.stringify(v);
}

/** Before/after as short readable text: changed fields of a document or a case, a case step, a generated 文书 … */
function describe(e: AuditEntryView): string {
  // Documents keep their fields under `fields`; a change of a case's 登记 fields stores the fields themselves.
  const fields = (v: unknown) =>
    e.action === 'case.update_fields'
      ? (v as Record<string, unknown> | undefined)
      : (v as { fields?: Record<string, unknown> } | undefined)?.fields;
  const b = fields(e.before);
  const a = fields(e.after);
  if (a && b) {
    const changed = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
    if (changed.length) return changed.map((k) => `${labelOf(k)}：${show(b[k])} → ${show(a[k])}`).join('；');
  }
  const after = e.after as Record<string, unknown> | undefined;
  if (after?.['docNumber'] !== undefined)
    return `文号 ${String(after['docNumber'] ?? '（无）')} ${String(after['title'] ?? '')}`;
  if (after?.['step']) {
    const s = after['step'] as { type?: string; label?: string; on?: string };
    return `${s.label ?? s.type ?? ''} ${s.on ?? ''}`.trim();
  }
  if (after?.['number']) return `登记编号 ${String(after['number'])}`;
  if (e.detail?.['file']) return `文件 ${String(e.detail['file'])}`;
  return '';
}

/** 修改记录: the audit trail of one document or case (who, when, what, before/after), newest first. */
export function AuditTrailPanel({ type, id }: { type: 'document' | 'case'; id: string }) {
  const [open, setOpen] = useState(false);
  const trail = useApi('audit.trail', open ? { type, id } : null);
  return (
    <Card size="small" title="修改记录" aria-label="修改记录">
      {!open ? (
        <Button onClick={() => setOpen(true)}>查看修改记录（谁、何时、改了什么）</Button>
      ) : (
        <>
          <ErrorAlert error={trail.error} title="读取修改记录失败" onRetry={trail.reload} />
          <Table<AuditEntryView>
            size="small"
            loading={trail.loading}
            rowKey="seq"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={[...(trail.data ?? [])].reverse()}
            locale={{ emptyText: <Empty description="没有修改记录" /> }}
            columns={[
              { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
              { title: '操作人', dataIndex: 'actor', width: 110 },
              { title: '操作', dataIndex: 'label', width: 120 },
              {
                title: '内容',
                render: (_: unknown, e) => (
                  <Collapse
                    ghost
                    size="small"
                    items={[
                      {
                        key: 'd',
                        label: <Typography.Text>{describe(e) || '详情'}</Typography.Text>,
                        children: (
                          <pre style={{ whiteSpace: 'pre-wrap', margin: 0, fontSize: 12 }}>
                            {JSON.stringify({ 修改前: e.before, 修改后: e.after, 说明: e.detail }, null, 1)}
                          </pre>
                        ),
                      },
                    ]}
                  />
                ),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
