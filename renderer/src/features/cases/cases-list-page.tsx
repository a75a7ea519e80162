import { Button, Card, Empty, Flex, Input, Table, Tabs, Tag, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { CaseSummary } from '../../../../shared/api/cases.contract';
import { CASE_LIST_FILTER_LABELS, CASE_LIST_FILTERS, type CaseListFilter } from '../../../../shared/cases/case-list';
import { CASE_FORM_LABELS, CATEGORY_LABELS } from '../../../../shared/cases/case-record';
import { ErrorAlert } from '../../components/error-alert';
import { useApi } from '../../lib/use-api';
import { DeadlineTag } from './deadline-tag';

const PAGE_SIZE = 20;

/** What the list hands a case page in the router state, for its way back. */
export interface CaseListReturn {
  readonly listSearch: string;
}

const isFilter = (v: string | null): v is CaseListFilter => CASE_LIST_FILTERS.some((f) => f === v);

/**
 * 信访件: every registered case, newest first, a page at a time from the core; ID numbers and phones are never
 * shown here. The query, tab and page live in the address, so coming back from a case returns to the same page.
 */
export function CasesListPage() {
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const tab = params.get('tab');
  const filter: CaseListFilter = isFilter(tab) ? tab : 'all';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const { data, error, loading, reload } = useApi('cases.list', {
    ...(query ? { query } : {}),
    filter,
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const navigate = useNavigate();
  // The case page's 返回信访件列表 comes back to this tab, page and query.
  const back: CaseListReturn = { listSearch: params.toString() };
  const show = (next: { q?: string; tab?: CaseListFilter; page?: number }) => {
    const q = next.q ?? query;
    const t = next.tab ?? filter;
    const p = next.page ?? 1;
    setParams(
      {
        ...(q ? { q } : {}),
        ...(t !== 'all' ? { tab: t } : {}),
        ...(p > 1 ? { page: String(p) } : {}),
      },
      { replace: true },
    );
  };
  // The core falls back to the last page when the asked one is past the end (cases left the tab meanwhile).
  const shownPage = data ? Math.floor(data.offset / PAGE_SIZE) + 1 : page;
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
            key={query}
            defaultValue={query}
            onSearch={(q) => show({ q: q.trim() })}
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
      <Card size="small" styles={{ body: { padding: '0 0 8px' } }}>
        <Tabs
          activeKey={filter}
          onChange={(k) => show({ tab: isFilter(k) ? k : 'all' })}
          tabBarStyle={{ padding: '0 16px', marginBottom: 0 }}
          items={CASE_LIST_FILTERS.map((f) => ({
            key: f,
            label: data ? `${CASE_LIST_FILTER_LABELS[f]} ${data.counts[f]}` : CASE_LIST_FILTER_LABELS[f],
          }))}
        />
        <Table<CaseSummary>
          rowKey="id"
          loading={loading}
          dataSource={data ? [...data.rows] : []}
          pagination={{
            current: shownPage,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            hideOnSinglePage: true,
            showSizeChanger: false,
            showTotal: (t) => `共 ${t} 件`,
            onChange: (p) => show({ page: p }),
          }}
          onRow={(c) => ({
            // The number's own link already navigates: a second push would make 后退 land on the same case.
            onClick: (e) => (e.target as HTMLElement).closest('a') || navigate(`/cases/${c.id}`, { state: back }),
            style: { cursor: 'pointer' },
          })}
          locale={{
            // The counts are for the same query: nothing at all under 全部 means nothing registered (or found).
            emptyText: query ? (
              <Empty
                description={`没有${filter === 'all' ? '' : `「${CASE_LIST_FILTER_LABELS[filter]}」中`}符合「${query}」的信访件。`}
              />
            ) : data && data.counts.all > 0 ? (
              <Empty description={`没有${CASE_LIST_FILTER_LABELS[filter]}的信访件。`} />
            ) : (
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
              render: (_, c) => (
                <Link to={`/cases/${c.id}`} state={back}>
                  {c.number}
                </Link>
              ),
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
