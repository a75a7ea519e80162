import { Button, Card, Collapse, Empty, Flex, Table, Tabs, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { ArchiveBody, DocumentSummary } from '../../../../shared/api/contract';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingBlock } from '../../components/loading-block';
import { displayTitle, formatDate } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { ArchivingPanel } from './archiving-panel';
import { BrowsePanel, gapsByBodyYear, SequenceGaps } from './browse-panel';
import type { DocNumberSequence } from '../../../../shared/api/archive.contract';

const yearLabel = (year: number | null) => (year === null ? '年份不详' : `${year}年`);

function YearTable({ documents }: { documents: readonly DocumentSummary[] }) {
  const navigate = useNavigate();
  return (
    <Table<DocumentSummary>
      rowKey="id"
      size="small"
      dataSource={[...documents]}
      pagination={documents.length > 50 ? { pageSize: 50, showTotal: (t) => `共 ${t} 份` } : false}
      onRow={(doc) => ({ onClick: () => navigate(`/documents/${doc.id}`), style: { cursor: 'pointer' } })}
      columns={[
        { title: '文号', key: 'no', width: 220, render: (_, d) => d.fields.docNumber || '（无文号）' },
        { title: '标题', key: 'title', render: (_, d) => <Link to={`/documents/${d.id}`}>{displayTitle(d)}</Link> },
        { title: '成文日期', key: 'date', width: 140, render: (_, d) => formatDate(d.fields.signingDate) },
      ]}
    />
  );
}

function BodyPanel({ body, gaps }: { body: ArchiveBody; gaps: Map<string, readonly DocNumberSequence[]> }) {
  return (
    <Flex vertical gap={12}>
      {body.years.map((y) => (
        <section key={y.year ?? 'none'} aria-label={`${body.body} ${yearLabel(y.year)}`}>
          <Typography.Title level={5} style={{ margin: '0 0 8px' }}>
            {yearLabel(y.year)}（{y.documents.length} 份）
          </Typography.Title>
          <SequenceGaps sequences={gaps.get(`${body.body} ${y.year === null ? '（无年份）' : `${y.year}年`}`) ?? []} />
          <YearTable documents={y.documents} />
        </section>
      ))}
    </Flex>
  );
}

/** 档案: browse by 发文机关 → 年份 → 文号 order (with missing numbers), by 文种, by month received; DA/T 22 archiving. */
export function ArchivePage() {
  const { data, error, loading, reload } = useApi('archive.tree', {});
  const browse = useApi('archive.browse', { by: 'body' });
  const gaps = gapsByBodyYear(browse.data);
  const bodies = data ?? [];
  const byBody = (
    <Flex vertical gap={16}>
      <ErrorAlert error={error} title="档案加载失败" onRetry={reload} />
      {loading && !data ? (
        <LoadingBlock text="正在加载档案…" />
      ) : bodies.length === 0 ? (
        <Card>
          <Empty description="档案中还没有文件。导入文件并在「待审核」中保存归档后，会按发文机关和年份列在这里。">
            <Link to="/import">去导入文件</Link>
          </Empty>
        </Card>
      ) : (
        <Collapse
          defaultActiveKey={bodies.length <= 5 ? bodies.map((b) => b.body) : [bodies[0].body]}
          items={bodies.map((b) => ({
            key: b.body,
            label: (
              <Flex justify="space-between">
                <Typography.Text strong>{b.body || '发文机关不详'}</Typography.Text>
                <Typography.Text type="secondary">{b.count} 份</Typography.Text>
              </Flex>
            ),
            children: <BodyPanel body={b} gaps={gaps} />,
          }))}
        />
      )}
    </Flex>
  );
  return (
    <Flex vertical gap={16}>
      <Flex align="center" justify="space-between">
        <Typography.Title level={3} style={{ margin: 0 }}>
          档案
        </Typography.Title>
        <Button
          onClick={() => {
            reload();
            browse.reload();
          }}
        >
          刷新
        </Button>
      </Flex>
      <Tabs
        items={[
          { key: 'body', label: '按发文机关', children: byBody },
          { key: 'docType', label: '按文种', children: <BrowsePanel by="docType" /> },
          { key: 'month', label: '按收文月份', children: <BrowsePanel by="month" /> },
          { key: 'archiving', label: '归档与导出', children: <ArchivingPanel /> },
        ]}
      />
    </Flex>
  );
}
