import { Alert, Button, Card, Flex, Input, Progress, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ArchiveExportProgress, YearExportResult } from '../../../../shared/api/archive.dat22.contract';
import { ErrorAlert } from '../../components/error-alert';
import { call, initTransport, onEvent } from '../../lib/api';
import { formatSize } from '../../lib/format';
import { downloadExported } from '../search/download';
import { Hint } from './browse-panel';

const STAGES: Record<ArchiveExportProgress['stage'], string> = {
  copy: '复制原件',
  verify: '逐一校验',
  zip: '打包 .zip',
};

/** 年度移交: the year's originals by 档号, the 目录 and a manifest with SHA-256, written and verified by the core. */
export function HandoverCard({ year }: { year: number }) {
  const [outDir, setOutDir] = useState('');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ArchiveExportProgress | null>(null);
  const [result, setResult] = useState<YearExportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => onEvent((e) => e.name === 'archive.progress' && setProgress(e.payload)), []);

  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    setProgress(null);
    try {
      // In a browser the folder stays on the machine running the service: the .zip comes down as a download too.
      const zip = initTransport() === 'http';
      const r = await call('archive.exportYear', { year, ...(outDir.trim() ? { outDir: outDir.trim() } : {}), zip });
      setResult(r);
      if (r.zip) downloadExported(r.zip);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <Card size="small" title="年度移交">
      <Flex vertical gap={12}>
        <Hint>
          把本年度已编档号的每一件原件按档号分文件夹存放，附归档文件目录、manifest.json 和移交清单.txt（每个文件的
          SHA-256），写完后逐一读回校验。默认保存在数据文件夹的 exports 下；也可填写一个空文件夹的完整路径。
        </Hint>
        <Space wrap>
          <Input
            aria-label="移交文件夹"
            placeholder="保存位置（可空：数据文件夹/exports）"
            style={{ width: 360 }}
            value={outDir}
            onChange={(e) => setOutDir(e.target.value)}
          />
          <Button type="primary" loading={busy} onClick={() => void run()}>
            导出 {year} 年度移交文件夹
          </Button>
        </Space>
        {busy && progress && (
          <Flex vertical gap={4} role="status">
            <Typography.Text>
              {STAGES[progress.stage]} {progress.done}/{progress.total}
            </Typography.Text>
            <Progress percent={percent} size="small" />
          </Flex>
        )}
        <ErrorAlert error={error} title="年度移交没有导出" />
        {result && (
          <Alert
            role="status"
            type="success"
            showIcon
            title={`已导出 ${result.pieces} 件（${result.documents} 份文件），${result.files} 个文件已逐一校验`}
            description={
              <Flex vertical gap={2}>
                <Typography.Text copyable>{result.path}</Typography.Text>
                <Typography.Text type="secondary">
                  共 {formatSize(result.bytes)}
                  {result.zipPath && !result.zip ? `；压缩包较大，未在浏览器中下载，保存在 ${result.zipPath}` : ''}
                  {result.zip ? `；已下载 ${result.zip.name}` : ''}
                </Typography.Text>
              </Flex>
            }
          />
        )}
      </Flex>
    </Card>
  );
}
