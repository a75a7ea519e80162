import { Button, Card, Empty, Flex, Input, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { CaseSummary } from '../../../../shared/api/cases.contract';
import { CASE_FORM_LABELS, CATEGORY_LABELS } from '../../../../shared/cases/case-record';
import { ErrorAlert } from '../../components/error-alert';
import { useApi } from '../../lib/use-api';
import { DeadlineTag } from './deadline-tag';

/** 信访件: every registered case, newest first; ID numbers and phones are never shown here. */
export function CasesListPage() {
  const [query, setQuery] = useState('');
  const { data, error, loading, reload } = useApi('cases.list', query ? { query } : {});
  const navigate = useNavigate();
  return (
    <Flex vertical gap={16}>
      <Flex align="center" justify="space-between" gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          信访件
        </Typography.Title>
        <Flex gap={8}>
          <Input.Search
            placeholder="编号、信访人、属地、诉求"
            allowClear
            onSearch={setQuery}
            style={{ width: 280 }}
            aria-label="查找信访件"
          />
          <Link to="/cases/statistics">
            <Button>统计</Button>
          </Link>
          <Link to="/cases/settings">
            <Button>设置</Button>
          </Link>
          <Link to="/cases/new">
            <Button type="primary">登记信访件</Button>
          </Link>
        </Flex>
      </Flex>
      <ErrorAlert error={error} title="信访件列表加载失败" onRetry={reload} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<CaseSummary>
          rowKey="id"
          loading={loading}
          dataSource={data ? [...data] : []}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 件` }}
          onRow={(c) => ({ onClick: () => navigate(`/cases/${c.id}`), style: { cursor: 'pointer' } })}
          locale={{
            emptyText: (
              <Empty description="还没有登记信访件。">
                <Link to="/cases/new">登记第一件</Link>
              </Empty>
            ),
          }}
          columns={[
            {
              title: '登记编号',
              key: 'number',
              width: 150,
              render: (_, c) => <Link to={`/cases/${c.id}`}>{c.number}</Link>,
            },
            { title: '登记日期', dataIndex: 'registeredOn', width: 110 },
            { title: '形式', key: 'form', width: 70, render: (_, c) => CASE_FORM_LABELS[c.form] },
            { title: '信访人', dataIndex: 'petitioner', width: 140 },
            { title: '类型', key: 'category', width: 90, render: (_, c) => CATEGORY_LABELS[c.category] },
            { title: '诉求', dataIndex: 'request', ellipsis: true },
            {
              title: '状态',
              key: 'stage',
              width: 170,
              render: (_, c) => (
                <Flex gap={4} wrap>
                  <span>{c.stageLabel}</span>
                  {c.repeat === 'repeat' && <Tag color="volcano">重复信访</Tag>}
                </Flex>
              ),
            },
            {
              title: '下一期限',
              key: 'due',
              width: 230,
              render: (_, c) => (c.nextDeadline ? <DeadlineTag d={c.nextDeadline} /> : '—'),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
