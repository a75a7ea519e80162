import { Card, Empty, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { BrowseNode, DocNumberSequence } from '../../../../shared/api/archive.contract';
import { formatRanges } from '../../../../shared/archive/sequence-gaps';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingBlock } from '../../components/loading-block';
import { useApi } from '../../lib/use-api';

/** Link to 检索 listing the documents of a node (its filters, no query). */
export const searchLink = (node: BrowseNode) => `/search?f=${encodeURIComponent(JSON.stringify(node.filters))}`;

/** The numbers missing from each 文号 sequence of a year (国信发〔2019〕1、2、4号 → 缺 3号). */
export function SequenceGaps({ sequences }: { sequences: readonly DocNumberSequence[] }) {
  const withGaps = sequences.filter((s) => s.missing.length > 0);
  if (withGaps.length === 0) return null;
  return (
    <div aria-label="文号缺号">
      {withGaps.map((s) => (
        <Tag key={s.code} color="orange" style={{ marginBottom: 4, whiteSpace: 'normal' }}>
          {s.code}缺 {formatRanges(s.missing)} 号{s.moreMissing ? ` 等（另有 ${s.moreMissing} 个）` : ''}（已有{' '}
          {s.count} 件，{s.first}–{s.last} 号）
        </Tag>
      ))}
    </div>
  );
}

/** 按文种 / 按收文月份: counts per node; a node opens its documents in 检索. */
export function BrowsePanel({ by }: { by: 'docType' | 'month' }) {
  const { data, error, reload } = useApi('archive.browse', { by });
  if (error) return <ErrorAlert error={error} title="档案加载失败" onRetry={reload} />;
  if (!data) return <LoadingBlock text="正在加载档案…" />;
  if (data.length === 0)
    return (
      <Card>
        <Empty description="档案中还没有文件。" />
      </Card>
    );
  return (
    <Table<BrowseNode>
      rowKey={(n) => JSON.stringify(n.filters)}
      size="small"
      pagination={false}
      dataSource={data.map((n) => ({ ...n, children: n.children.length ? [...n.children] : undefined }) as BrowseNode)}
      columns={[
        {
          title: by === 'docType' ? '文种 / 年份' : '收文月份',
          key: 'label',
          render: (_, n) => <Link to={searchLink(n)}>{n.label}</Link>,
        },
        { title: '件数', dataIndex: 'count', width: 100 },
      ]}
    />
  );
}

export const Hint = ({ children }: { children: string }) => (
  <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
    {children}
  </Typography.Paragraph>
);
