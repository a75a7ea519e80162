import { Button, Card, Col, Empty, Flex, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { CaseDeadlineView, DocumentTaskView } from '../../../../shared/api/cases.contract';
import type { DueGroup, DueGroupPage } from '../../../../shared/cases/due-board';
import { useAppInfo } from '../../app/app-info-context';
import { ErrorAlert } from '../../components/error-alert';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { TaskDoneDialog, type TaskTarget } from '../documents/task-done-dialog';
import { DeadlineTag, STATUS_COLORS, STATUS_TEXT } from './deadline-tag';

const GROUPS = [
  { status: 'overdue', title: '已逾期', color: '#cf1322', background: '#fff1f0' },
  { status: 'due_soon', title: '3 个工作日内到期', color: '#d48806', background: '#fffbe6' },
  { status: 'running', title: '办理中', color: '#1677ff', background: '#f0f5ff' },
] as const;

/** How a notice's task is named in lists and dialogs: what (or 按文件要求办理), who to report to, the wording of the date. */
const taskLabel = (t: DocumentTaskView): string =>
  [t.task ?? '按文件要求办理', t.reportTo ? `报 ${t.reportTo}` : '', `（${t.dueText}）`].filter(Boolean).join(' ');

const target = (t: DocumentTaskView, action: TaskTarget['action']): TaskTarget => ({
  documentId: t.documentId,
  key: t.key,
  label: `${t.task ?? '按文件要求办理'}（${t.dueText}）`,
  action,
});

/** A notice's task: its due date with the same colours and countdown as a case clock. */
function TaskTag({ t }: { t: DocumentTaskView }) {
  if (t.status === 'done') {
    return (
      <Tag color="green" data-status="done" aria-label={`期限 ${t.due} 已完成`}>
        {t.due} · 已完成
      </Tag>
    );
  }
  const left =
    t.daysLeft < 0
      ? `逾期 ${-t.daysLeft} 日`
      : t.daysLeft === 0
        ? '今天到期'
        : `剩 ${t.daysLeft} 日（${t.workdaysLeft} 个工作日）`;
  return (
    <Tag color={STATUS_COLORS[t.status]} data-status={t.status} aria-label={`期限 ${t.due} ${STATUS_TEXT[t.status]}`}>
      {t.due} · {left}
      {t.missingCalendarYears.length ? ' ⚠' : ''}
    </Tag>
  );
}

const DUE_PAGE = 10;

function DueGroupCard({
  title,
  color,
  background,
  page,
  onPage,
  onTask,
}: {
  title: string;
  color: string;
  background: string;
  page: DueGroupPage<CaseDeadlineView, DocumentTaskView> | undefined;
  onPage: (offset: number) => void;
  onTask: (t: TaskTarget) => void;
}) {
  const total = page?.total ?? 0;
  return (
    <Card
      size="small"
      title={
        <span style={{ color }}>
          {title}（{total}）
        </span>
      }
      styles={{ header: { background } }}
      aria-label={title}
    >
      <List
        size="small"
        dataSource={[...(page?.entries ?? [])]}
        // A backlog can hold thousands of overdue clocks: the core sends ten at a time.
        pagination={
          total > DUE_PAGE
            ? {
                current: Math.floor((page?.offset ?? 0) / DUE_PAGE) + 1,
                pageSize: DUE_PAGE,
                total,
                size: 'small',
                simple: true,
                align: 'center',
                onChange: (p) => onPage((p - 1) * DUE_PAGE),
              }
            : false
        }
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无" /> }}
        rowKey={(e) =>
          e.kind === 'case' ? `${e.d.caseId}-${e.d.ruleId}-${e.d.from}` : `${e.t.documentId}-${e.t.dueText}-${e.t.due}`
        }
        renderItem={(e) =>
          e.kind === 'case' ? (
            <List.Item>
              <Flex vertical gap={2} style={{ width: '100%' }}>
                <Flex justify="space-between" gap={8} wrap>
                  <Link to={`/cases/${e.d.caseId}`}>{e.d.caseNumber}</Link>
                  <DeadlineTag d={e.d} />
                </Flex>
                <Typography.Text type="secondary">
                  {e.d.petitioner} · {e.d.action}
                </Typography.Text>
              </Flex>
            </List.Item>
          ) : (
            <List.Item>
              <Flex vertical gap={2} style={{ width: '100%' }}>
                <Flex justify="space-between" gap={8} wrap>
                  <Space size={4}>
                    <Tag>文件任务</Tag>
                    <Link to={`/documents/${e.t.documentId}`}>{e.t.docNumber ?? e.t.title ?? e.t.documentId}</Link>
                  </Space>
                  <TaskTag t={e.t} />
                </Flex>
                <Flex justify="space-between" align="center" gap={8} wrap>
                  <Typography.Text type="secondary">{taskLabel(e.t)}</Typography.Text>
                  <Button
                    size="small"
                    type="link"
                    onClick={() => onTask(target(e.t, 'complete'))}
                    aria-label={`标记完成 ${e.t.docNumber ?? e.t.title ?? e.t.documentId} ${taskLabel(e.t)}`}
                  >
                    标记完成
                  </Button>
                </Flex>
              </Flex>
            </List.Item>
          )
        }
      />
    </Card>
  );
}

/** Notice tasks marked done lately: out of every count, listed so a mistaken 标记完成 can be undone. */
function DoneTasks({ tasks, onTask }: { tasks: readonly DocumentTaskView[]; onTask: (t: TaskTarget) => void }) {
  if (tasks.length === 0) return null;
  return (
    <Card size="small" title={`已完成的文件任务（近 30 日，${tasks.length}）`} aria-label="已完成的文件任务">
      <List
        size="small"
        dataSource={[...tasks]}
        rowKey={(t) => `${t.documentId}-${t.key}`}
        renderItem={(t) => (
          <List.Item
            actions={[
              <Button
                key="reopen"
                size="small"
                type="link"
                onClick={() => onTask(target(t, 'reopen'))}
                aria-label={`撤销完成 ${t.docNumber ?? t.title ?? t.documentId} ${taskLabel(t)}`}
              >
                撤销完成
              </Button>,
            ]}
          >
            <Flex gap={8} align="center" wrap>
              <TaskTag t={t} />
              <Link to={`/documents/${t.documentId}`}>{t.docNumber ?? t.title ?? t.documentId}</Link>
              <Typography.Text type="secondary">
                {taskLabel(t)} · {t.done?.by} 于 {formatDateTime(t.done?.at ?? null)} 标记完成
                {t.done?.note ? `：${t.done.note}` : ''}
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
  const [offsets, setOffsets] = useState<Partial<Record<DueGroup, number>>>({});
  // Case clocks and the dated tasks of filed notices, one page of each group, soonest first.
  const { data, error, reload } = useApi('cases.dashboard', { offsets, limit: DUE_PAGE });
  const { info } = useAppInfo();
  const [taskTarget, setTaskTarget] = useState<TaskTarget | null>(null);
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
              <Statistic title={g.title} value={data?.groups[g.status].total ?? 0} valueStyle={{ color: g.color }} />
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
            <DueGroupCard
              title={g.title}
              color={g.color}
              background={g.background}
              page={data?.groups[g.status]}
              onPage={(offset) => setOffsets((o) => ({ ...o, [g.status]: offset }))}
              onTask={setTaskTarget}
            />
          </Col>
        ))}
      </Row>
      <DoneTasks tasks={data?.doneTasks ?? []} onTask={setTaskTarget} />
      <TaskDoneDialog
        target={taskTarget}
        onClose={() => setTaskTarget(null)}
        onDone={() => {
          setTaskTarget(null);
          reload();
        }}
      />
    </Flex>
  );
}
