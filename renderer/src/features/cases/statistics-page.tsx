import { App, Button, Card, Col, DatePicker, Flex, InputNumber, Row, Space, Statistic, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { CaseStatistics } from '../../../../shared/api/cases.contract';
import type { StatisticsRow } from '../../../../shared/cases/statistics';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingBlock } from '../../components/loading-block';
import { call } from '../../lib/api';
import { errorMessage } from '../../lib/api-error';
import { useApi } from '../../lib/use-api';

type Period = { year?: number; from?: string; to?: string };

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** A horizontal bar chart drawn with plain elements: no chart library is needed for one series. */
function Bars({ rows }: { rows: readonly StatisticsRow[] }) {
  const max = Math.max(1, ...rows.map((r) => r.cases));
  return (
    <Flex vertical gap={6}>
      {rows.map((r) => (
        <Flex key={r.key} align="center" gap={8}>
          <span
            style={{
              width: 140,
              textAlign: 'right',
              overflow: 'hidden',
              textOverflow: 'ellipsis',
              whiteSpace: 'nowrap',
            }}
          >
            {r.label}
          </span>
          <div style={{ flex: 1, background: '#f5f5f5', borderRadius: 2 }}>
            <div
              role="img"
              aria-label={`${r.label} ${r.cases} 件次`}
              style={{
                width: `${(r.cases / max) * 100}%`,
                minWidth: 2,
                background: '#1677ff',
                height: 16,
                borderRadius: 2,
              }}
            />
          </div>
          <span style={{ width: 60 }}>{r.cases} 件次</span>
        </Flex>
      ))}
    </Flex>
  );
}

function Group({ title, rows, total }: { title: string; rows: readonly StatisticsRow[]; total: StatisticsRow }) {
  return (
    <Card size="small" title={title}>
      <Bars rows={rows} />
      <Table<StatisticsRow>
        style={{ marginTop: 12 }}
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={[...rows, total]}
        columns={[
          { title: title.replace('按', ''), dataIndex: 'label' },
          { title: '件次', dataIndex: 'cases', width: 70 },
          { title: '批次', dataIndex: 'batches', width: 70 },
          { title: '人次', dataIndex: 'persons', width: 70 },
        ]}
      />
    </Card>
  );
}

function download(name: string, base64: string) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(
    new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** 统计: counts and rates of a statistics year (12月21日–12月20日 by default) or any range, with an Excel export. */
export function StatisticsPage() {
  const [period, setPeriod] = useState<Period>({});
  const { data, error, reload } = useApi('cases.statistics', period);
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const exportXlsx = async () => {
    setExporting(true);
    try {
      const f = await call('cases.exportStatistics', period);
      download(f.name, f.dataBase64);
      message.success(`已导出 ${f.name}`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };
  const s: CaseStatistics | undefined = data;
  return (
    <Flex vertical gap={16}>
      <Flex align="center" justify="space-between" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          信访统计
        </Typography.Title>
        <Space wrap>
          <span>统计年度</span>
          <InputNumber
            min={2000}
            max={2100}
            placeholder="本年度"
            value={period.year}
            onChange={(y) => setPeriod(y ? { year: y } : {})}
            aria-label="统计年度"
          />
          <span>或期间</span>
          <DatePicker.RangePicker
            onChange={(r: [Dayjs | null, Dayjs | null] | null) =>
              setPeriod(r?.[0] && r[1] ? { from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') } : {})
            }
            aria-label="统计期间"
          />
          <Button type="primary" onClick={() => void exportXlsx()} loading={exporting}>
            导出 Excel
          </Button>
        </Space>
      </Flex>
      <ErrorAlert error={error} title="统计失败" onRetry={reload} />
      {!s ? (
        <LoadingBlock />
      ) : (
        <>
          <Typography.Text aria-label="统计期间说明">
            统计期间：{s.from} 至 {s.to}（按登记日期）
          </Typography.Text>
          <Row gutter={16}>
            <Col span={4}>
              <Card size="small">
                <Statistic title="件次" value={s.total.cases} />
              </Card>
            </Col>
            <Col span={5}>
              <Card size="small">
                <Statistic title="走访批次 / 人次" value={`${s.total.batches} / ${s.total.persons}`} />
              </Card>
            </Col>
            <Col span={5}>
              <Card size="small">
                <Statistic title="按期受理告知率" value={pct(s.notifyOnTime.rate)} />
                <Typography.Text type="secondary">
                  按期 {s.notifyOnTime.onTime} · 逾期 {s.notifyOnTime.late + s.notifyOnTime.overdue}
                </Typography.Text>
              </Card>
            </Col>
            <Col span={5}>
              <Card size="small">
                <Statistic title="按期办结率" value={pct(s.closeOnTime.rate)} />
                <Typography.Text type="secondary">
                  按期 {s.closeOnTime.onTime} · 逾期 {s.closeOnTime.late + s.closeOnTime.overdue}
                </Typography.Text>
              </Card>
            </Col>
            <Col span={5}>
              <Card size="small">
                <Statistic title="重复信访率" value={pct(s.repeats.rate)} />
                <Typography.Text type="secondary">重复信访 {s.repeats.count} 件</Typography.Text>
              </Card>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={8}>
              <Group title="按信访形式" rows={s.byForm} total={s.total} />
            </Col>
            <Col span={8}>
              <Group title="按类型" rows={s.byCategory} total={s.total} />
            </Col>
            <Col span={8}>
              <Group title="按问题属地" rows={s.byRegion} total={s.total} />
            </Col>
          </Row>
        </>
      )}
    </Flex>
  );
}
