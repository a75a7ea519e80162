import { Button, Card, Col, Empty, Flex, List, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import type { CaseDeadlineView } from '../../../../shared/api/cases.contract';
import { useAppInfo } from '../../app/app-info-context';
import { ErrorAlert } from '../../components/error-alert';
import { useApi } from '../../lib/use-api';
import { DeadlineTag } from './deadline-tag';

const GROUPS = [
  { status: 'overdue', title: '已逾期', color: '#cf1322', background: '#fff1f0' },
  { status: 'due_soon', title: '3 个工作日内到期', color: '#d48806', background: '#fffbe6' },
  { status: 'running', title: '办理中', color: '#1677ff', background: '#f0f5ff' },
] as const;

function DueGroup({
  title,
  color,
  background,
  items,
}: {
  title: string;
  color: string;
  background: string;
  items: readonly CaseDeadlineView[];
}) {
  return (
    <Card
      size="small"
      title={
        <span style={{ color }}>
          {title}（{items.length}）
        </span>
      }
      styles={{ header: { background } }}
      aria-label={title}
    >
      <List
        size="small"
        dataSource={[...items]}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无" /> }}
        rowKey={(d) => `${d.caseId}-${d.ruleId}-${d.from}`}
        renderItem={(d) => (
          <List.Item>
            <Flex vertical gap={2} style={{ width: '100%' }}>
              <Flex justify="space-between" gap={8} wrap>
                <Link to={`/cases/${d.caseId}`}>{d.caseNumber}</Link>
                <DeadlineTag d={d} />
              </Flex>
              <Typography.Text type="secondary">
                {d.petitioner} · {d.action}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The start screen: what is overdue, what falls due within 3 workdays, what is running, and the review queue. */
export function DashboardPage() {
  const { data, error, reload } = useApi('cases.due', {});
  const { info } = useAppInfo();
  const items = data?.items ?? [];
  return (
    <Flex vertical gap={16}>
      <Flex align="center" justify="space-between">
        <Typography.Title level={3} style={{ margin: 0 }}>
          工作台
        </Typography.Title>
        <Flex gap={8} align="center">
          {data && <Typography.Text type="secondary">今天 {data.today}</Typography.Text>}
          <Button onClick={reload}>刷新</Button>
          <Link to="/cases/new">
            <Button type="primary">登记信访件</Button>
          </Link>
        </Flex>
      </Flex>
      <ErrorAlert error={error} title="期限列表加载失败" onRetry={reload} />
      <Row gutter={16}>
        {GROUPS.map((g) => (
          <Col span={6} key={g.status}>
            <Card size="small">
              <Statistic
                title={g.title}
                value={items.filter((d) => d.status === g.status).length}
                valueStyle={{ color: g.color }}
              />
            </Card>
          </Col>
        ))}
        <Col span={6}>
          <Card size="small">
            <Link to="/review">
              <Statistic title="待审核文件" value={info?.reviewQueue ?? 0} />
            </Link>
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        {GROUPS.map((g) => (
          <Col span={8} key={g.status}>
            <DueGroup
              title={g.title}
              color={g.color}
              background={g.background}
              items={items.filter((d) => d.status === g.status)}
            />
          </Col>
        ))}
      </Row>
    </Flex>
  );
}
