import { App, Button, Card, Flex, Form, Input, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { OFFICE_KIND_LABELS } from '../../../../shared/cases/case-record';
import type { CalendarYearsView, CaseSettingsView, RuleSettingView } from '../../../../shared/api/cases.contract';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingBlock } from '../../components/loading-block';
import { call } from '../../lib/api';
import { errorMessage } from '../../lib/api-error';
import { useApi } from '../../lib/use-api';

type Values = Pick<CaseSettingsView, 'numberFormat' | 'statisticsYearStart' | 'officeKind'>;

function CalendarCard() {
  const { data, error, reload } = useApi('cases.calendarYears', {});
  const [years, setYears] = useState<CalendarYearsView | undefined>();
  const { message } = App.useApp();
  const shown = years ?? data;
  const importFile = async (file: File) => {
    try {
      const next = await call('cases.importCalendarYear', { content: await file.text() });
      setYears(next);
      message.success('已导入放假安排，所有期限已按新日历重新计算。');
    } catch (e) {
      message.error(errorMessage(e));
    }
    return false;
  };
  return (
    <Card size="small" title="节假日与调休日历" aria-label="节假日与调休日历">
      <ErrorAlert error={error} onRetry={reload} />
      {shown && shown.missing.length > 0 && (
        <Typography.Paragraph type="warning">
          尚未载入 {shown.missing.join('、')}{' '}
          年的放假安排：这些年份的期限只按周末计算，并在日期旁提示。国务院办公厅发布通知后，请在这里导入。
        </Typography.Paragraph>
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        {shown?.years.map((y) => (
          <Tag key={y.year} color={y.source === 'imported' ? 'green' : undefined}>
            {y.year}
            {y.source === 'imported' ? '（已导入）' : ''}
          </Tag>
        ))}
      </Space>
      <Upload accept=".json,application/json" showUploadList={false} beforeUpload={(f) => importFile(f)}>
        <Button>导入某年的放假安排（.json）</Button>
      </Upload>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        接受本软件的格式（year、holidays：name、off、work）或 holiday-cn 的格式（year、days：name、date、isOffDay）。
      </Typography.Paragraph>
    </Card>
  );
}

const UNIT_OPTIONS = [
  { value: 'day', label: '日（自然日）' },
  { value: 'workday', label: '工作日' },
];

const ROLL_OVER_OPTIONS = [
  { value: 'rest_day', label: '末日遇周末或节假日顺延（民法典第二百零三条）' },
  { value: 'public_holiday', label: '仅遇法定节假日顺延' },
  { value: 'none', label: '不顺延' },
];

/** How each statutory period is counted here: the 条例's unit and 民法典 roll-over unless the office chose otherwise. */
function RulesCard({ initial }: { initial: readonly RuleSettingView[] }) {
  const [rules, setRules] = useState(initial);
  const [saving, setSaving] = useState<string | null>(null);
  const { message } = App.useApp();
  const save = async (id: string, choice: Pick<RuleSettingView, 'unit' | 'rollOver'> | null) => {
    setSaving(id);
    try {
      const next = await call('cases.updateSettings', { ruleSettings: { [id]: choice } });
      setRules(next.rules);
      message.success('已保存，所有期限已按新设置重新计算。');
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(null);
    }
  };
  return (
    <Card size="small" title="期限计算规则" aria-label="期限计算规则">
      <Typography.Paragraph type="secondary">
        默认按《信访工作条例》规定的单位计算，起算日不计入，末日为休息日的顺延至其后第一个工作日；两个日期都会显示。本地规定不同的，可逐条调整。
      </Typography.Paragraph>
      <Table<RuleSettingView>
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={[...rules]}
        columns={[
          {
            title: '期限',
            key: 'rule',
            render: (_, r) => (
              <Flex vertical>
                <span>
                  {r.action} {r.customised && <Tag color="orange">已调整</Tag>}
                </span>
                <Typography.Text type="secondary">
                  {r.article} ·{' '}
                  {r.days === null
                    ? '天数由交办方或个案确定'
                    : `${r.days} ${r.statutoryUnit === 'workday' ? '个工作日' : '日'}`}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: '计算单位',
            key: 'unit',
            width: 140,
            render: (_, r) => (
              <Select
                value={r.unit}
                options={UNIT_OPTIONS}
                disabled={saving !== null}
                onChange={(unit) => void save(r.id, { unit, rollOver: r.rollOver })}
                aria-label={`${r.id} 计算单位`}
                style={{ width: '100%' }}
              />
            ),
          },
          {
            title: '末日顺延',
            key: 'rollOver',
            width: 300,
            render: (_, r) => (
              <Select
                value={r.rollOver}
                options={ROLL_OVER_OPTIONS}
                disabled={saving !== null}
                onChange={(rollOver) => void save(r.id, { unit: r.unit, rollOver })}
                aria-label={`${r.id} 末日顺延`}
                style={{ width: '100%' }}
              />
            ),
          },
          {
            title: '',
            key: 'reset',
            width: 90,
            render: (_, r) =>
              r.customised ? (
                <Button size="small" type="link" disabled={saving !== null} onClick={() => void save(r.id, null)}>
                  恢复默认
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

/** 信访件设置: 登记编号 pattern, statistics year, what kind of office this is, and the holiday calendar. */
export function CaseSettingsPage() {
  const { data, error, reload } = useApi('cases.settings', {});
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  if (error) return <ErrorAlert error={error} title="设置加载失败" onRetry={reload} />;
  if (!data) return <LoadingBlock />;
  const save = async (v: Values) => {
    setSaving(true);
    try {
      await call('cases.updateSettings', v);
      message.success('已保存');
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1100 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        信访件设置
      </Typography.Title>
      <Card size="small" title="登记与统计">
        <Form<Values> form={form} layout="vertical" initialValues={data} onFinish={save}>
          <Form.Item
            name="numberFormat"
            label="登记编号格式"
            extra="YYYY 为登记年份，一串 N 为序号（N 的个数即位数），例如 XF-YYYY-NNNN。"
          >
            <Input aria-label="登记编号格式" />
          </Form.Item>
          <Form.Item
            name="statisticsYearStart"
            label="统计年度起始日（MM-DD）"
            extra="默认 12-21：上年12月21日至本年12月20日为一个统计年度。"
          >
            <Input aria-label="统计年度起始日" />
          </Form.Item>
          <Form.Item
            name="officeKind"
            label="本单位是"
            extra="信访部门按第二十二条分流；其他机关、单位按第二十三条受理告知。"
          >
            <Select
              options={Object.entries(OFFICE_KIND_LABELS).map(([value, label]) => ({ value, label }))}
              aria-label="本单位类型"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
        </Form>
      </Card>
      <RulesCard initial={data.rules} />
      <CalendarCard />
    </Flex>
  );
}
