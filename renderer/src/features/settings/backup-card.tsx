import { Alert, App, Button, Card, Descriptions, Flex, Input, List, Progress, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { BackupProgress, RecoveryReportView } from '../../../../shared/api/maintenance.contract';
import { ErrorAlert } from '../../components/error-alert';
import { call, onEvent } from '../../lib/api';
import { errorMessage } from '../../lib/api-error';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/use-api';

const size = (bytes: number) =>
  bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** What start-up recovery did: shown until the office has read it (it is also kept in backups/recovery/). */
export function RecoveryReportAlert({ report, earlier }: { report: RecoveryReportView; earlier?: boolean }) {
  const lost = report.files.flatMap((f) => f.lostRecords);
  return (
    <Alert
      role="alert"
      type={report.recovered ? (lost.length ? 'warning' : 'info') : 'error'}
      showIcon
      title={`${earlier ? '' : '本次启动时'}发现记录文件损坏（${formatDateTime(report.at)}），${report.recovered ? '已自动恢复' : '无法自动恢复'}`}
      description={
        <Flex vertical gap={4}>
          {report.message.split('\n').map((line) => (
            <Typography.Text key={line}>{line}</Typography.Text>
          ))}
          {lost.length > 0 && (
            <Typography.Text strong>
              未能找回的文件记录：{lost.map((l) => (l.name ? `${l.id}（${l.name}）` : l.id)).join('、')}
            </Typography.Text>
          )}
          {report.savedAs && (
            <Typography.Text type="secondary">报告保存在数据文件夹的 {report.savedAs}</Typography.Text>
          )}
        </Flex>
      }
    />
  );
}

/** 设置 → 备份与恢复: one-click zip backup with progress, a verified restore applied at the next start, reports. */
export function BackupCard() {
  const { message, modal } = App.useApp();
  const status = useApi('backup.status', {});
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  const [busy, setBusy] = useState<'backup' | 'restore' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [outDir, setOutDir] = useState('');
  const [restorePath, setRestorePath] = useState('');
  /** The last backup written in this session: stays on screen after the toast has gone. */
  const [done, setDone] = useState<{ files: number; bytes: number; path: string } | null>(null);

  useEffect(() => onEvent((e) => e.name === 'backup.progress' && setProgress(e.payload)), []);

  const backup = async () => {
    setBusy('backup');
    setError(null);
    setProgress(null);
    setDone(null);
    try {
      const r = await call('backup.create', outDir.trim() ? { outDir: outDir.trim() } : {});
      setDone({ files: r.files, bytes: r.bytes, path: r.path });
      message.success(`备份完成：${r.files} 个文件，${size(r.bytes)}，保存在 ${r.path}`);
      status.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
      setProgress(null);
    }
  };

  const restore = () => {
    const path = restorePath.trim();
    modal.confirm({
      title: '从备份恢复整个数据文件夹？',
      content:
        '程序会先逐个校验备份中的每个文件（SHA-256），校验通过后在下次启动时换入；当前数据不会删除，会移到 backups/before-restore-… 保留。',
      okText: '校验并恢复',
      cancelText: '取消',
      onOk: async () => {
        setBusy('restore');
        setError(null);
        setProgress(null);
        try {
          const r = await call('backup.restore', { path });
          message.success(
            `备份已校验（${r.files} 个文件，备份时间 ${formatDateTime(r.createdAt)}），请重新启动程序以完成恢复。`,
          );
          setRestorePath('');
          status.reload();
        } catch (e) {
          setError(e);
        } finally {
          setBusy(null);
          setProgress(null);
        }
      },
    });
  };

  const s = status.data;
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <Card title="备份与恢复" size="small">
      <Flex vertical gap={12}>
        <ErrorAlert error={status.error} title="读取备份状态失败" onRetry={status.reload} />
        {s?.recovery && <RecoveryReportAlert report={s.recovery} />}
        {s?.restoredAtStart && (
          <Alert
            role="status"
            type="success"
            showIcon
            title={`本次启动已从备份恢复 ${s.restoredAtStart.files} 个文件`}
            description={`备份文件：${s.restoredAtStart.archive}；恢复前的数据保存在 ${s.restoredAtStart.previousKeptIn}。`}
          />
        )}
        {s?.pendingRestore && (
          <Alert
            role="status"
            type="warning"
            showIcon
            title="已校验的备份将在下次启动时恢复"
            description={`备份文件：${s.pendingRestore.archive}（${s.pendingRestore.files} 个文件，备份时间 ${formatDateTime(s.pendingRestore.createdAt)}）。请关闭并重新启动程序。`}
          />
        )}
        {s?.auditWarning && (
          <Alert role="alert" type="warning" showIcon title="修改记录有缺口" description={s.auditWarning} />
        )}
        {error !== null && <Alert role="alert" type="error" showIcon title={errorMessage(error)} />}
        <Descriptions column={1} size="small" aria-label="自动备份">
          <Descriptions.Item label="自动备份">
            {s?.lastAutomatic
              ? `最近一次 ${formatDateTime(s.lastAutomatic.at)}（${s.lastAutomatic.files} 个记录文件，保留 ${s.automaticKept} 份）`
              : '尚无'}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          “立即备份”把整个数据文件夹（原件、识别文字、全部记录和审计日志）写成一个 zip，内含每个文件的 SHA-256
          清单。留空则保存到数据文件夹的 backups/full；也可以填写 U 盘等文件夹的完整路径。
        </Typography.Paragraph>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            aria-label="备份保存位置"
            placeholder="备份保存到的文件夹（可留空）"
            value={outDir}
            onChange={(e) => setOutDir(e.target.value)}
            disabled={busy !== null}
          />
          <Button type="primary" onClick={() => void backup()} loading={busy === 'backup'} disabled={busy !== null}>
            立即备份
          </Button>
        </Space.Compact>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            aria-label="要恢复的备份文件"
            placeholder="备份文件（.zip）的完整路径"
            value={restorePath}
            onChange={(e) => setRestorePath(e.target.value)}
            disabled={busy !== null}
          />
          <Button danger onClick={restore} loading={busy === 'restore'} disabled={busy !== null || !restorePath.trim()}>
            恢复备份
          </Button>
        </Space.Compact>
        {busy && (
          <div aria-label="备份进度">
            <Typography.Text>
              {busy === 'backup' ? '正在备份' : '正在校验备份'}
              {progress ? `：${Math.min(progress.done, progress.total)}/${progress.total}` : '…'}
            </Typography.Text>
            <Progress percent={percent} status="active" />
          </div>
        )}
        {done && !busy && (
          <div aria-label="备份结果">
            <Progress percent={100} size="small" />
            <Typography.Text>
              备份完成：{done.files} 个文件，{size(done.bytes)}，保存在 {done.path}
            </Typography.Text>
          </div>
        )}
        {s && s.backups.length > 0 && (
          <List
            size="small"
            header={<Typography.Text strong>数据文件夹中的备份</Typography.Text>}
            dataSource={[...s.backups]}
            rowKey={(b) => b.path}
            renderItem={(b) => (
              <List.Item
                actions={[
                  <Button
                    key="use"
                    size="small"
                    type="link"
                    onClick={() => setRestorePath(b.path)}
                    disabled={busy !== null}
                  >
                    选用
                  </Button>,
                ]}
              >
                <Typography.Text>{b.name}</Typography.Text>
                <Typography.Text type="secondary">
                  {formatDateTime(b.createdAt)} · {size(b.bytes)}
                </Typography.Text>
              </List.Item>
            )}
          />
        )}
        {s && s.earlierRecoveries.length > 0 && (
          <Flex vertical gap={8}>
            <Typography.Text strong>以前的自动恢复报告</Typography.Text>
            {s.earlierRecoveries.slice(0, 3).map((r) => (
              <RecoveryReportAlert key={r.at} report={r} earlier />
            ))}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

/** Above every screen after a start that recovered a damaged record file or swapped in a backup, until closed. */
export function StartupRecoveryBanner() {
  const status = useApi('backup.status', {});
  const [closed, setClosed] = useState(false);
  const s = status.data;
  if (closed || !s || (!s.recovery && !s.restoredAtStart)) return null;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }}>
      {s.recovery && <RecoveryReportAlert report={s.recovery} />}
      {s.restoredAtStart && (
        <Alert
          role="status"
          type="success"
          showIcon
          title={`本次启动已从备份恢复 ${s.restoredAtStart.files} 个文件`}
          description={`恢复前的数据保存在 ${s.restoredAtStart.previousKeptIn}。`}
        />
      )}
      <Button size="small" style={{ alignSelf: 'flex-start' }} onClick={() => setClosed(true)}>
        知道了（报告可在“设置 → 备份与恢复”中再次查看）
      </Button>
    </Flex>
  );
}
