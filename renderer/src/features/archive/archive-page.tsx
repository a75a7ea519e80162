import { Button, Card, Collapse, Empty, Flex, Table, Tabs, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useState } from 'react';
import type { DocumentSummary } from '../../../../shared/api/contract';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingBlock } from '../../components/loading-block';
import { displayTitle, formatDate } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { ArchivingPanel } from './archiving-panel';
import { BrowsePanel, SequenceGaps } from './browse-panel';
import type { BrowseNode } from '../../../../shared/api/archive.contract';

const PAGE_SIZE = 50;

/** One year of one body: its 文号 gaps and its documents in 文号 order, fetched a page at a time. */
function YearSection({ body, year }: { body: string; year: BrowseNode }) {
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const group = year.group!;
  const { data, error, loading, reload } = useApi('archive.groupDocuments', {
    body: group.body,
    year: group.year,
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  return (
    <section aria-label={`${body} ${group.year === null ? '年份不详' : `${group.year}年`}`}>
      <Typography.Title level={5} style={{ margin: '0 0 8px' }}>
        {group.year === null ? '年份不详' : `${group.year}年`}（{year.count} 份）
      </Typography.Title>
      <SequenceGaps sequences={year.sequences ?? []} />
      <ErrorAlert error={error} title="这一年的文件加载失败" onRetry={reload} />
      <Table<DocumentSummary>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={[...(data?.documents ?? [])]}
        pagination={
          (data?.total ?? year.count) > PAGE_SIZE
            ? {
                current: page,
                pageSize: PAGE_SIZE,
                total: data?.total ?? year.count,
                showSizeChanger: false,
                showTotal: (t) => `共 ${t} 份`,
                onChange: setPage,
              }
            : false
        }
        onRow={(doc) => ({ onClick: () => navigate(`/documents/${doc.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: '文号', key: 'no', width: 220, render: (_, d) => d.fields.docNumber || '（无文号）' },
          { title: '标题', key: 'title', render: (_, d) => <Link to={`/documents/${d.id}`}>{displayTitle(d)}</Link> },
          { title: '成文日期', key: 'date', width: 140, render: (_, d) => formatDate(d.fields.signingDate) },
        ]}
      />
    </section>
  );
}

/** 档案: browse by 发文机关 → 年份 → 文号 order (with missing numbers), by 文种, by month received; DA/T 22 archiving. */
export function ArchivePage() {
  // Bodies and years with their counts and gaps; a year's documents are fetched only when its body is opened.
  const { data, error, loading, reload } = useApi('archive.browse', { by: 'body' });
  const [refreshed, setRefreshed] = useState(0);
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
          key={refreshed}
          defaultActiveKey={bodies.length <= 5 ? bodies.map((b) => b.label) : [bodies[0]!.label]}
          items={bodies.map((b) => ({
            key: b.label,
            label: (
              <Flex justify="space-between">
                <Typography.Text strong>{b.label}</Typography.Text>
                <Typography.Text type="secondary">{b.count} 份</Typography.Text>
              </Flex>
            ),
            children: (
              <Flex vertical gap={12}>
                {b.children.map((y) => (
                  <YearSection key={y.label} body={b.label} year={y} />
                ))}
              </Flex>
            ),
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
            setRefreshed((n) => n + 1);
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
