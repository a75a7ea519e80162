import { Button, DatePicker, Flex, Input, InputNumber, Select, Space } from 'antd';
import dayjs from 'dayjs';
import type { ArchiveFilters } from '../../../../shared/api/archive.contract';
import { CASE_LINK_STATUSES, CASE_LINK_STATUS_LABELS } from '../../../../shared/archive/case-links';
import { LEGAL_DOC_TYPES } from '../../../../shared/documents/fields';

export type SortChoice = 'relevance' | 'date-desc' | 'date-asc' | 'docNumber';
export const SORT_OPTIONS: readonly { value: SortChoice; label: string }[] = [
  { value: 'relevance', label: '按相关度' },
  { value: 'date-desc', label: '按成文日期（新→旧）' },
  { value: 'date-asc', label: '按成文日期（旧→新）' },
  { value: 'docNumber', label: '按文号顺序' },
];

/** The filter row of 检索: every control optional; changing one searches again. */
export function SearchFilters({
  filters,
  sort,
  onChange,
  onSort,
}: {
  filters: ArchiveFilters;
  sort: SortChoice;
  onChange: (f: ArchiveFilters) => void;
  onSort: (s: SortChoice) => void;
}) {
  const set = (patch: Partial<ArchiveFilters>) => {
    const next: Record<string, unknown> = { ...filters, ...patch };
    for (const k of Object.keys(next)) if (next[k] === undefined || next[k] === null || next[k] === '') delete next[k];
    onChange(next as ArchiveFilters);
  };
  return (
    <Flex wrap gap={8} align="center" role="group" aria-label="筛选条件">
      <Input
        aria-label="发文机关筛选"
        placeholder="发文机关（可用简称）"
        style={{ width: 200 }}
        allowClear
        defaultValue={filters.body}
        onBlur={(e) => set({ body: e.target.value.trim() || undefined })}
        onPressEnter={(e) => set({ body: (e.target as HTMLInputElement).value.trim() || undefined })}
      />
      <Space.Compact>
        <InputNumber
          aria-label="起始年份"
          placeholder="起始年份"
          min={1900}
          max={2100}
          value={filters.yearFrom}
          onChange={(v) => set({ yearFrom: v ?? undefined })}
        />
        <InputNumber
          aria-label="截止年份"
          placeholder="截止年份"
          min={1900}
          max={2100}
          value={filters.yearTo}
          onChange={(v) => set({ yearTo: v ?? undefined })}
        />
      </Space.Compact>
      <Select
        aria-label="文种筛选"
        placeholder="文种"
        allowClear
        style={{ width: 110 }}
        value={filters.docType}
        options={LEGAL_DOC_TYPES.map((t) => ({ value: t, label: t }))}
        onChange={(v?: string) => set({ docType: v })}
      />
      <DatePicker.RangePicker
        aria-label="成文日期范围"
        placeholder={['成文日期起', '成文日期止']}
        value={[filters.dateFrom ? dayjs(filters.dateFrom) : null, filters.dateTo ? dayjs(filters.dateTo) : null]}
        onChange={(r) =>
          set({
            dateFrom: r?.[0]?.format('YYYY-MM-DD') ?? undefined,
            dateTo: r?.[1]?.format('YYYY-MM-DD') ?? undefined,
          })
        }
      />
      <Select
        aria-label="密级筛选"
        placeholder="密级"
        allowClear
        style={{ width: 100 }}
        value={filters.classification}
        options={['无', '秘密', '机密', '绝密'].map((t) => ({ value: t, label: t }))}
        onChange={(v?: string) => set({ classification: v })}
      />
      <Select
        aria-label="办理期限筛选"
        placeholder="办理期限"
        allowClear
        style={{ width: 130 }}
        value={filters.hasDeadline === undefined ? undefined : filters.hasDeadline ? 'yes' : 'no'}
        options={[
          { value: 'yes', label: '有办理期限' },
          { value: 'no', label: '无办理期限' },
        ]}
        onChange={(v?: 'yes' | 'no') => set({ hasDeadline: v === undefined ? undefined : v === 'yes' })}
      />
      <Select
        aria-label="信访件状态筛选"
        placeholder="信访件状态"
        allowClear
        style={{ width: 160 }}
        value={filters.caseStatus}
        options={CASE_LINK_STATUSES.map((s) => ({ value: s, label: CASE_LINK_STATUS_LABELS[s] }))}
        onChange={(v?: ArchiveFilters['caseStatus']) => set({ caseStatus: v })}
      />
      <Select aria-label="排序" style={{ width: 190 }} value={sort} options={[...SORT_OPTIONS]} onChange={onSort} />
      {Object.keys(filters).length > 0 && <Button onClick={() => onChange({})}>清除筛选</Button>}
    </Flex>
  );
}
