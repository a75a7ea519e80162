import { Button, Card, Empty, Flex, Table, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { DocumentSummary } from '../../../../shared/api/contract';
import { ErrorAlert } from '../../components/error-alert';
import { displayTitle, formatDate, formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/use-api';

/** 待审核: every imported document whose fields nobody has confirmed yet. */
export function ReviewQueuePage() {
  const { data, error, loading, reload } = useApi('documents.reviewQueue', {});
  const navigate = useNavigate();
  return (
    <Flex vertical gap={16}>
      <Flex align="center" justify="space-between">
        <Typography.Title level={3} style={{ margin: 0 }}>
          待审核
        </Typography.Title>
        <Button onClick={reload}>刷新</Button>
      </Flex>
      <ErrorAlert error={error} title="待审核列表加载失败" onRetry={reload} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<DocumentSummary>
          rowKey="id"
          loading={loading}
          dataSource={data ? [...data] : []}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 份` }}
          onRow={(doc) => ({ onClick: () => navigate(`/review/${doc.id}`), style: { cursor: 'pointer' } })}
          locale={{
            emptyText: (
              <Empty description="没有待审核的文件。">
                <Link to="/import">去导入文件</Link>
              </Empty>
            ),
          }}
          columns={[
            { title: '文号', key: 'docNumber', width: 200, render: (_, d) => d.fields.docNumber || '（未识别）' },
            { title: '标题', key: 'title', render: (_, d) => <Link to={`/review/${d.id}`}>{displayTitle(d)}</Link> },
            { title: '发文机关', key: 'bodies', width: 200, render: (_, d) => d.fields.issuingBodies.join('、') },
            { title: '成文日期', key: 'date', width: 130, render: (_, d) => formatDate(d.fields.signingDate) },
            { title: '原文件', dataIndex: 'originalName', width: 180, ellipsis: true },
            { title: '导入时间', key: 'created', width: 150, render: (_, d) => formatDateTime(d.createdAt) },
            {
              title: '操作',
              key: 'action',
              width: 80,
              render: (_, d) => <Link to={`/review/${d.id}`}>审核</Link>,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
