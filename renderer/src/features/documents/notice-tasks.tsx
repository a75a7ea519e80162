import { Button, Card, Flex, List, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { DocumentDetail, DocumentTaskState } from '../../../../shared/api/contract';
import { deadlineText } from '../../components/fields-descriptions';
import { formatDateTime } from '../../lib/format';
import { TaskDoneDialog, type TaskTarget } from './task-done-dialog';

/** 报送任务: the dated tasks the notice sets, each with 已完成 (who, when, note) or 标记完成. */
export function NoticeTasksCard({ doc }: { doc: DocumentDetail }) {
  const [target, setTarget] = useState<TaskTarget | null>(null);
  // The answer of 标记完成 / 撤销完成 replaces the states, so the rest of the page is not reloaded.
  const [tasks, setTasks] = useState<readonly DocumentTaskState[] | undefined>(doc.tasks);
  useEffect(() => setTasks(doc.tasks), [doc.tasks]);
  const deadlines = doc.fields.deadlines ?? [];
  if (deadlines.length === 0) return null;
  const filed = doc.status === 'filed';
  return (
    <Card size="small" title="报送任务" aria-label="报送任务">
      <List
        size="small"
        dataSource={deadlines.map((d, i) => ({ d, state: tasks?.[i] }))}
        renderItem={({ d, state }) => {
          const label = `${d.task ?? '按文件要求办理'}（${d.dueText || d.due}）`;
          const done = state?.done ?? null;
          return (
            <List.Item
              aria-label={`任务 ${label}`}
              actions={
                filed && state
                  ? [
                      <Button
                        key="act"
                        size="small"
                        type={done ? 'link' : 'primary'}
                        ghost={!done}
                        onClick={() =>
                          setTarget({
                            documentId: doc.id,
                            key: state.key,
                            label,
                            action: done ? 'reopen' : 'complete',
                          })
                        }
                      >
                        {done ? '撤销完成' : '标记完成'}
                      </Button>,
                    ]
                  : []
              }
            >
              <Flex vertical gap={2}>
                <Flex gap={8} align="center" wrap>
                  {done ? <Tag color="green">已完成</Tag> : <Tag>未完成</Tag>}
                  <Typography.Text delete={done !== null}>{deadlineText(d)}</Typography.Text>
                </Flex>
                {done && (
                  <Typography.Text type="secondary">
                    {done.by} 于 {formatDateTime(done.at)} 标记完成{done.note ? `：${done.note}` : ''}
                  </Typography.Text>
                )}
              </Flex>
            </List.Item>
          );
        }}
      />
      {!filed && <Typography.Text type="secondary">文件归档后可以把任务标记完成。</Typography.Text>}
      <TaskDoneDialog
        target={target}
        onClose={() => setTarget(null)}
        onDone={(next) => {
          setTarget(null);
          setTasks(next);
        }}
      />
    </Card>
  );
}
