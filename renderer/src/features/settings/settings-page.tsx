import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useAppInfo } from '../../app/app-info-context';
import type { WatchStatus } from '../../../../shared/api/contract';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingBlock } from '../../components/loading-block';
import { call } from '../../lib/api';
import { errorMessage } from '../../lib/api-error';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { OcrEngineCard } from './ocr-engine-card';
import { BackupCard } from './backup-card';

/** The watcher's counts change on their own (files arrive), so the status is polled while the page is open. */
const POLL_MS = 2000;

function WatchStatusCard({ status }: { status: WatchStatus }) {
  const state = status.running ? (
    <Tag color="green">正在监视</Tag>
  ) : status.folder ? (
    <Tag color="red">未在监视</Tag>
  ) : (
    <Tag>未启用</Tag>
  );
  return (
    <Card title="监视状态" size="small">
      {status.error && <Alert type="error" showIcon title={status.error} style={{ marginBottom: 12 }} role="alert" />}
      <Descriptions column={1} size="small" aria-label="监视状态">
        <Descriptions.Item label="状态">{state}</Descriptions.Item>
        <Descriptions.Item label="文件夹">{status.folder ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="统计">
          <span aria-label="监视统计">
            已导入 {status.imported} 个，失败 {status.failed} 个，等待导入 {status.pending} 个
          </span>
        </Descriptions.Item>
      </Descriptions>
      {status.recent.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>最近处理的文件</Typography.Text>}
          dataSource={[...status.recent]}
          rowKey={(e) => e.path}
          renderItem={(e) => (
            <List.Item>
              <Flex vertical style={{ width: '100%' }}>
                <Flex gap={8} align="center" wrap>
                  <Typography.Text strong>{e.name}</Typography.Text>
                  <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
                  {e.error ? (
                    <Tag color="red">失败</Tag>
                  ) : e.duplicate ? (
                    <Tag color="gold">已导入过</Tag>
                  ) : (
                    <Tag color="green">已导入</Tag>
                  )}
                  {e.documentId && <Link to={`/review/${e.documentId}`}>查看</Link>}
                </Flex>
                {e.error && <Typography.Text type="danger">{e.error.message}</Typography.Text>}
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** 设置: the watched folder whose new scans are imported into the review queue automatically. */
export function SettingsPage() {
  const { message } = App.useApp();
  const settings = useApi('settings.get', {});
  const status = useApi('intake.watchStatus', {});
  const [path, setPath] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);

  const { reload: reloadStatus } = status;
  useEffect(() => {
    const timer = setInterval(reloadStatus, POLL_MS);
    return () => clearInterval(timer);
  }, [reloadStatus]);
  // Files imported from the folder change the header's review count.
  const { refresh } = useAppInfo();
  const imported = status.data?.imported;
  useEffect(() => {
    if (imported !== undefined) refresh();
  }, [imported, refresh]);

  if (settings.loading && !settings.data) return <LoadingBlock />;
  const saved = settings.data?.watchFolder ?? null;
  const value = path ?? saved ?? '';

  const save = async (watchFolder: string | null) => {
    setSaving(true);
    setSaveError(null);
    try {
      await call('settings.update', { watchFolder });
      message.success(watchFolder ? '已开始监视该文件夹' : '已停止监视文件夹');
      setPath(null);
      settings.reload();
      status.reload();
    } catch (e) {
      setSaveError(e);
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap={16} style={{ maxWidth: 860 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        设置
      </Typography.Title>
      <ErrorAlert error={settings.error} title="读取设置失败" onRetry={settings.reload} />
      <Card title="监视文件夹" size="small">
        <Typography.Paragraph type="secondary">
          扫描仪或复印机保存到这个文件夹的新文件（JPG、PNG、TIFF、BMP、PDF、TXT）会自动识别并进入“待审核”。每个文件只导入一次，程序重启后也不会重复导入；还在写入中的文件会等写完再读。
        </Typography.Paragraph>
        <Form layout="vertical" onFinish={() => void save(value.trim() || null)}>
          <Form.Item
            label="文件夹的完整路径"
            validateStatus={saveError ? 'error' : undefined}
            help={saveError ? errorMessage(saveError) : '例如 D:\\扫描件\\收文 或 /home/user/扫描件'}
          >
            <Input
              aria-label="监视文件夹路径"
              value={value}
              onChange={(e) => {
                setPath(e.target.value);
                setSaveError(null);
              }}
              placeholder="粘贴或输入文件夹路径"
              allowClear
            />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} disabled={!value.trim()}>
              保存并开始监视
            </Button>
            <Button onClick={() => void save(null)} disabled={saving || saved === null}>
              停止监视
            </Button>
          </Space>
        </Form>
      </Card>
      {settings.data && <OcrEngineCard value={settings.data.ocrEngine} onSaved={settings.reload} />}
      <BackupCard />
      <ErrorAlert error={status.error} title="读取监视状态失败" />
      {status.data && <WatchStatusCard status={status.data} />}
    </Flex>
  );
}
