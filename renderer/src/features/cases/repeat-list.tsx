import { Alert, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { RepeatMatchView } from '../../../../shared/api/cases.contract';

/** Earlier cases of the same person or matter, with their outcome. */
export function RepeatList({ matches }: { matches: readonly RepeatMatchView[] }) {
  if (matches.length === 0)
    return <Alert type="success" showIcon title="没有找到同一信访人或相似事项的既往信访件（初信初访）。" />;
  const repeat = matches.some((m) => m.samePersonSameMatter);
  return (
    <>
      <Alert
        type={repeat ? 'warning' : 'info'}
        showIcon
        title={repeat ? '同一信访人此前反映过相似事项：将标记为重复信访。' : '找到相关的既往信访件，请核对。'}
        style={{ marginBottom: 8 }}
      />
      <List
        size="small"
        aria-label="既往信访件"
        dataSource={[...matches]}
        rowKey="caseId"
        renderItem={(m) => (
          <List.Item>
            <List.Item.Meta
              title={
                <span>
                  <Link to={`/cases/${m.caseId}`}>{m.number}</Link>（{m.registeredOn}，{m.petitioner}）{' '}
                  {m.reasonLabels.map((r) => (
                    <Tag key={r}>{r}</Tag>
                  ))}
                </span>
              }
              description={
                <Typography.Text type="secondary">
                  {m.request} · {m.stageLabel}
                  {m.outcome ? ` · 处理意见：${m.outcome}` : ''} · 事项相似度 {Math.round(m.matterSimilarity * 100)}%
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}
