import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ArchiveEntryView } from '../../../../shared/api/archive.contract';
import { RETENTION_PERIODS, type RetentionPeriod } from '../../../../shared/archive/archive-number';
import { ErrorAlert } from '../../components/error-alert';
import { call } from '../../lib/api';
import { displayTitle } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { downloadExported } from '../search/download';
import { Hint } from './browse-panel';

/** DA/T 22 归档: a year's filed documents, suggested 保管期限 (editable until numbered), 档号, 归档文件目录. */
export function ArchivingPanel() {
  const { message } = App.useApp();
  const [year, setYear] = useState<number>(new Date().getFullYear() - 1);
  const [fonds, setFonds] = useState('');
  const [org, setOrg] = useState('');
  const [overrides, setOverrides] = useState<Record<string, RetentionPeriod>>({});
  const [busy, setBusy] = useState(false);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const { data, error, reload } = useApi('archive.entries', { year });

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const assign = () =>
    run(async () => {
      if (!/^[A-Za-z0-9]{1,10}$/.test(fonds))
        throw new Error('请先填写全宗号（字母和数字，最多 10 位，由档案馆给定）。');
      const r = await call('archive.assignNumbers', { year, fonds, org: org || undefined, retention: overrides });
      message.success(r.assigned ? `已为 ${r.assigned} 件文件编制档号。` : '这一年度的文件都已编过档号。');
      setOverrides({});
      reload();
    });
  const catalogue = () => run(async () => downloadExported(await call('archive.exportCatalogue', { year })));
  const register = () =>
    run(async () => {
      if (!range?.[0] || !range[1]) throw new Error('请先选择收文登记簿的起止日期。');
      downloadExported(
        await call('archive.exportRegister', {
          from: range[0].format('YYYY-MM-DD'),
          to: range[1].format('YYYY-MM-DD'),
        }),
      );
    });

  return (
    <Flex vertical gap={16}>
      <Card size="small" title="归档（DA/T 22-2015）">
        <Flex vertical gap={12}>
          <Hint>
            档号格式：全宗号-WS·年度-保管期限-机构代码-件号。件号按文号顺序在“年度 + 保管期限 +
            机构”内连续编排，编定后不再改动；保管期限在编号前可以修改。
          </Hint>
          <Space wrap>
            <InputNumber
              aria-label="归档年度"
              addonBefore="年度"
              min={1900}
              max={2100}
              value={year}
              onChange={(v) => v && setYear(v)}
            />
            <Input
              aria-label="全宗号"
              addonBefore="全宗号"
              placeholder="如 X001"
              style={{ width: 200 }}
              value={fonds}
              onChange={(e) => setFonds(e.target.value.trim())}
            />
            <Input
              aria-label="机构代码"
              addonBefore="机构代码"
              placeholder="如 BGS，可空"
              style={{ width: 220 }}
              value={org}
              onChange={(e) => setOrg(e.target.value.trim())}
            />
            <Button type="primary" loading={busy} onClick={() => void assign()}>
              编制档号
            </Button>
            <Button loading={busy} onClick={() => void catalogue()}>
              导出归档文件目录
            </Button>
          </Space>
          <ErrorAlert error={error} title="加载失败" onRetry={reload} />
          <Table<ArchiveEntryView>
            rowKey={(v) => v.document.id}
            size="small"
            loading={!data && !error}
            dataSource={data ? [...data] : []}
            pagination={{ pageSize: 50, showTotal: (t) => `共 ${t} 件` }}
            locale={{ emptyText: `${year} 年没有已归档的文件` }}
            columns={[
              { title: '文号', key: 'no', width: 200, render: (_, v) => v.document.fields.docNumber || '（无文号）' },
              {
                title: '题名',
                key: 'title',
                render: (_, v) => <Link to={`/documents/${v.document.id}`}>{displayTitle(v.document)}</Link>,
              },
              {
                title: '保管期限',
                key: 'ret',
                width: 170,
                render: (_, v) =>
                  v.entry ? (
                    v.entry.retention
                  ) : (
                    <Tooltip title={v.suggested.reason}>
                      <Select<RetentionPeriod>
                        aria-label={`保管期限 ${v.document.fields.docNumber ?? v.document.id}`}
                        size="small"
                        style={{ width: 130 }}
                        value={overrides[v.document.id] ?? v.suggested.retention}
                        options={RETENTION_PERIODS.map((r) => ({ value: r, label: r }))}
                        onChange={(r) => setOverrides((o) => ({ ...o, [v.document.id]: r }))}
                      />
                    </Tooltip>
                  ),
              },
              {
                title: '档号',
                key: 'num',
                width: 240,
                render: (_, v) => v.entry?.archiveNumber ?? <Typography.Text type="secondary">未编号</Typography.Text>,
              },
            ]}
          />
        </Flex>
      </Card>
      <Card size="small" title="收文登记簿">
        <Space wrap>
          <DatePicker.RangePicker
            aria-label="登记簿日期范围"
            value={range}
            onChange={(r) => setRange(r as [Dayjs | null, Dayjs | null] | null)}
          />
          <Button loading={busy} onClick={() => void register()}>
            导出收文登记簿（Excel）
          </Button>
        </Space>
      </Card>
    </Flex>
  );
}
