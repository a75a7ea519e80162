import {
  CheckCircleFilled,
  CloseCircleFilled,
  ClockCircleOutlined,
  MinusCircleFilled,
  FileTextOutlined,
  InfoCircleFilled,
  LoadingOutlined,
} from '@ant-design/icons';
import { Button, Flex, Progress, Typography } from 'antd';
import { Link } from 'react-router';
import { documentPath, formatSize, stageLabel } from '../../lib/format';
import { useImportQueue } from './import-queue-context';
import { canCancel, canRetry, type ImportItem } from './import-queue.types';

function percentOf(item: ImportItem): number {
  if (item.status === 'done' || item.status === 'duplicate') return 100;
  return Math.round(item.progress?.percent ?? 0);
}

function statusText(item: ImportItem): string {
  switch (item.status) {
    case 'waiting':
      return '排队等待';
    case 'reading':
      return '读取文件';
    case 'running':
      return item.progress ? stageLabel(item.progress) : '存储';
    case 'done':
      return '完成';
    case 'duplicate':
      return '该文件已导入过';
    case 'failed':
      return '导入失败';
    case 'cancelled':
      return '已取消';
  }
}

const ICONS = {
  waiting: <ClockCircleOutlined style={{ color: '#8c8c8c' }} />,
  reading: <LoadingOutlined style={{ color: '#1677ff' }} />,
  running: <LoadingOutlined style={{ color: '#1677ff' }} />,
  done: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  duplicate: <InfoCircleFilled style={{ color: '#faad14' }} />,
  failed: <CloseCircleFilled style={{ color: '#ff4d4f' }} />,
  cancelled: <MinusCircleFilled style={{ color: '#8c8c8c' }} />,
} as const;

function ItemAction({ item }: { item: ImportItem }) {
  const { cancel, retry } = useImportQueue();
  if (canCancel(item.status)) {
    return (
      <Button size="small" autoInsertSpace={false} onClick={() => cancel(item.key)}>
        取消
      </Button>
    );
  }
  if (canRetry(item.status)) {
    return (
      <Button size="small" type="primary" ghost autoInsertSpace={false} onClick={() => retry(item.key)}>
        重试
      </Button>
    );
  }
  if (!item.document) return null;
  if (item.status === 'duplicate') return <Link to={documentPath(item.document)}>查看已有记录</Link>;
  return <Link to={`/review/${item.document.id}`}>去审核</Link>;
}

/** One file of the batch: name, progress bar with the current stage, and what to do next. */
export function ImportItemRow({ item }: { item: ImportItem }) {
  const progressStatus =
    item.status === 'failed'
      ? 'exception'
      : item.status === 'done' || item.status === 'duplicate'
        ? 'success'
        : 'active';
  return (
    <li
      aria-label={item.name}
      data-status={item.status}
      style={{ listStyle: 'none', padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}
    >
      <Flex align="center" gap={12} wrap>
        <span style={{ fontSize: 18 }}>{ICONS[item.status]}</span>
        <FileTextOutlined style={{ color: '#8c8c8c' }} />
        <Typography.Text strong ellipsis={{ tooltip: item.name }} style={{ maxWidth: 360 }}>
          {item.name}
        </Typography.Text>
        <Typography.Text type="secondary">{formatSize(item.size)}</Typography.Text>
        <Typography.Text
          type={item.status === 'failed' ? 'danger' : item.status === 'duplicate' ? 'warning' : undefined}
          aria-label="状态"
        >
          {statusText(item)}
        </Typography.Text>
        <span style={{ marginInlineStart: 'auto' }}>
          <ItemAction item={item} />
        </span>
      </Flex>
      {item.status !== 'failed' && item.status !== 'duplicate' && item.status !== 'cancelled' && (
        <Progress percent={percentOf(item)} status={progressStatus} size="small" aria-label={`${item.name} 进度`} />
      )}
      {item.error && (
        <Typography.Paragraph type="danger" style={{ margin: '6px 0 0' }} role="alert">
          {item.error}
        </Typography.Paragraph>
      )}
    </li>
  );
}
