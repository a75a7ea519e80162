import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Row,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { AuditTrailPanel } from '../audit/audit-trail';
import type { AllowedStep, CaseDetail, TimelineItem } from '../../../../shared/api/cases.contract';
import {
  CASE_FORM_LABELS,
  CATEGORY_LABELS,
  CLAIM_ROUTE_LABELS,
  SOURCE_LABELS,
} from '../../../../shared/cases/case-record';
import { changedFieldLabels } from '../../../../shared/cases/case-view';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingBlock } from '../../components/loading-block';
import { call } from '../../lib/api';
import { errorMessage } from '../../lib/api-error';
import { useApi } from '../../lib/use-api';
import type { CaseListReturn } from './cases-list-page';
import { DeadlineTag } from './deadline-tag';
import { RepeatList } from './repeat-list';
import { FieldsDialog } from './fields-dialog';
import { StepDialog } from './step-dialog';
import { DOCUMENT_ISSUED, timelineStatusLabel } from '../../../../shared/paperwork/issued-timeline';

const BY_KEY = 'xinfangdesk.caseOfficer';

function TimelineLabel({
  t,
  onVoid,
  onAmend,
}: {
  t: TimelineItem;
  onVoid: (t: TimelineItem) => void;
  onAmend: (t: TimelineItem) => void;
}) {
  const struck = t.status === 'voided' || t.status === 'amended';
  return (
    <Flex vertical>
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong delete={struck}>
          {t.on} {t.label}
        </Typography.Text>
        {timelineStatusLabel(t) && <Tag>{timelineStatusLabel(t)}</Tag>}
        {t.status === 'effective' && t.type !== DOCUMENT_ISSUED && (
          <Button size="small" type="link" onClick={() => onAmend(t)} aria-label={`更正 ${t.on} ${t.label}`}>
            更正
          </Button>
        )}
        {t.status === 'effective' && t.type !== 'register' && t.type !== DOCUMENT_ISSUED && (
          <Button size="small" type="link" onClick={() => onVoid(t)} aria-label={`撤销 ${t.on} ${t.label}`}>
            撤销
          </Button>
        )}
      </Flex>
      {t.details && <Typography.Text delete={struck}>{t.details}</Typography.Text>}
      <Typography.Text type="secondary">
        {t.by}
        {t.recordedAt ? ` · 记录于 ${dayjs(t.recordedAt).format('YYYY-MM-DD HH:mm')}` : ''}
        {t.note ? ` · ${t.note}` : ''}
      </Typography.Text>
    </Flex>
  );
}

interface RegisterCorrection {
  receivedOn: Dayjs;
  on: Dayjs;
  source: CaseDetail['source'];
  category: CaseDetail['category'];
  reason: string;
  by: string;
}

/** Corrects the 登记 itself (收到日期, 登记日期, 来源, 类型) by a recorded correction; the deadlines follow. */
function RegisterCorrectionDialog({
  detail,
  target,
  today,
  onClose,
  onDone,
}: {
  detail: CaseDetail;
  target: TimelineItem | null;
  today: string | null;
  onClose: () => void;
  onDone: (d: CaseDetail) => void;
}) {
  const [form] = Form.useForm<RegisterCorrection>();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    if (!target) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      localStorage.setItem(BY_KEY, v.by);
      const next = await call('cases.correct', {
        id: detail.id,
        targetId: target.id,
        action: 'amend',
        reason: v.reason,
        on: today ?? dayjs().format('YYYY-MM-DD'),
        by: v.by,
        register: {
          receivedOn: v.receivedOn.format('YYYY-MM-DD'),
          on: v.on.format('YYYY-MM-DD'),
          source: v.source,
          category: v.category,
        },
      });
      message.success('已更正登记，原记录保留在办理记录中，期限已重新计算。');
      onDone(next);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={target !== null}
      title="更正登记"
      okText="更正"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<RegisterCorrection>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          receivedOn: dayjs(detail.receivedOn),
          on: dayjs(detail.registeredOn),
          source: detail.source,
          category: detail.category,
          by: localStorage.getItem(BY_KEY) ?? '',
        }}
      >
        <Form.Item name="receivedOn" label="收到日期" rules={[{ required: true, message: '请选择收到日期' }]}>
          <DatePicker style={{ width: '100%' }} aria-label="更正收到日期" />
        </Form.Item>
        <Form.Item name="on" label="登记日期" rules={[{ required: true, message: '请选择登记日期' }]}>
          <DatePicker style={{ width: '100%' }} aria-label="更正登记日期" />
        </Form.Item>
        <Form.Item name="source" label="来源">
          <Select
            options={Object.entries(SOURCE_LABELS).map(([value, label]) => ({ value, label }))}
            aria-label="更正来源"
          />
        </Form.Item>
        <Form.Item name="category" label="类型">
          <Select
            options={Object.entries(CATEGORY_LABELS).map(([value, label]) => ({ value, label }))}
            aria-label="更正类型"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label="更正理由"
          extra="原登记不会删除：划掉保留，更正理由记入办理记录。"
          rules={[{ required: true, whitespace: true, message: '请写明更正理由' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} aria-label="更正理由" />
        </Form.Item>
        <Form.Item name="by" label="经办人" rules={[{ required: true, message: '请填写经办人' }]}>
          <Input aria-label="经办人" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One case: who, what, the running clocks, the next allowed steps, and the full timeline with corrections. */
export function CasePage() {
  const { id = '' } = useParams();
  // Opened from the list: its way back keeps the tab, page and query (a typed or linked address has none).
  const listSearch = (useLocation().state as CaseListReturn | null)?.listSearch ?? '';
  const loaded = useApi('cases.get', { id });
  const settings = useApi('cases.settings', {});
  const [detail, setDetail] = useState<CaseDetail | undefined>();
  const [step, setStep] = useState<AllowedStep | null>(null);
  const [voiding, setVoiding] = useState<TimelineItem | null>(null);
  const [amending, setAmending] = useState<TimelineItem | null>(null);
  const [amendingRegister, setAmendingRegister] = useState<TimelineItem | null>(null);
  const [editingFields, setEditingFields] = useState(false);
  const [reason, setReason] = useState('');
  const { message } = App.useApp();
  useEffect(() => setDetail(loaded.data), [loaded.data]);

  if (loaded.error) return <ErrorAlert error={loaded.error} title="信访件加载失败" onRetry={loaded.reload} />;
  if (!detail) return <LoadingBlock />;
  const d = detail;

  const voidStep = async () => {
    if (!voiding) return;
    try {
      const next = await call('cases.correct', {
        id: d.id,
        targetId: voiding.id,
        action: 'void',
        reason,
        on: settings.data?.today ?? dayjs().format('YYYY-MM-DD'),
        by: localStorage.getItem(BY_KEY) || '经办人',
      });
      setDetail(next);
      setVoiding(null);
      setReason('');
      message.success('已撤销，撤销记录保留在办理记录中。');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Flex vertical gap={16}>
      <Flex align="center" justify="space-between" wrap gap={8}>
        <Space align="center">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {d.number}
          </Typography.Title>
          <Tag color="blue" aria-label="当前状态">
            {d.stageLabel}
          </Tag>
          {d.repeat.kind === 'repeat' ? <Tag color="volcano">重复信访</Tag> : <Tag color="green">初信初访</Tag>}
        </Space>
        <Link to={`/cases${listSearch ? `?${listSearch}` : ''}`}>返回信访件列表</Link>
      </Flex>
      <Card
        size="small"
        title="下一步"
        aria-label="下一步"
        // The paperwork screen pre-fills every field it can from this case and offers the documents its step needs.
        extra={<Link to={`/paperwork?case=${encodeURIComponent(d.id)}`}>生成文书</Link>}
      >
        {d.allowedSteps.length === 0 ? (
          <Typography.Text type="secondary">没有可进行的步骤。</Typography.Text>
        ) : (
          <Space wrap>
            {d.allowedSteps.map((s) => (
              <Button key={s.type} onClick={() => setStep(s)}>
                {s.label}
              </Button>
            ))}
          </Space>
        )}
      </Card>
      <Row gutter={16}>
        <Col span={14}>
          <Card size="small" title="期限" aria-label="期限">
            {d.deadlines.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="目前没有正在计算的期限" />
            ) : (
              <List
                size="small"
                dataSource={[...d.deadlines]}
                rowKey={(x) => `${x.ruleId}-${x.from}`}
                renderItem={(x) => (
                  <List.Item>
                    <Flex justify="space-between" style={{ width: '100%' }} gap={8} wrap>
                      <span>
                        {x.action}（{x.article}）{x.owner === 'petitioner' && <Tag>信访人的期限</Tag>}
                      </span>
                      <DeadlineTag d={x} />
                    </Flex>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col span={10}>
          <Card size="small" title="办结前核对" aria-label="办结前核对">
            <List
              size="small"
              dataSource={[...d.checklist]}
              rowKey="label"
              renderItem={(c) => (
                <List.Item>
                  <Space>
                    {c.done ? (
                      <CheckCircleTwoTone twoToneColor="#52c41a" />
                    ) : (
                      <CloseCircleTwoTone twoToneColor="#ff4d4f" />
                    )}
                    <span>{c.label}</span>
                    <Typography.Text type="secondary">{c.hint}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={14}>
          <Card
            size="small"
            title="登记信息"
            extra={
              <Button size="small" type="link" onClick={() => setEditingFields(true)}>
                修改登记信息
              </Button>
            }
          >
            <Descriptions column={2} size="small" bordered>
              <Descriptions.Item label="信访形式">{CASE_FORM_LABELS[d.fields.form]}</Descriptions.Item>
              <Descriptions.Item label="类型">{CATEGORY_LABELS[d.category]}</Descriptions.Item>
              <Descriptions.Item label="收到日期">{d.receivedOn}</Descriptions.Item>
              <Descriptions.Item label="登记日期">{d.registeredOn}</Descriptions.Item>
              <Descriptions.Item label="来源">{SOURCE_LABELS[d.source]}</Descriptions.Item>
              <Descriptions.Item label="人数">{d.fields.headcount}</Descriptions.Item>
              <Descriptions.Item label="问题属地">{d.fields.region || '—'}</Descriptions.Item>
              <Descriptions.Item label="内容分类">{d.fields.topic || '—'}</Descriptions.Item>
              {d.claimRoute && (
                <Descriptions.Item label="办理途径" span={2}>
                  {CLAIM_ROUTE_LABELS[d.claimRoute]}
                </Descriptions.Item>
              )}
              {d.fields.petitioners.map((p, i) => (
                <Descriptions.Item key={i} label={`信访人${d.fields.petitioners.length > 1 ? i + 1 : ''}`} span={2}>
                  {p.name} {p.idNumber && `· ${p.idNumber}`} {p.phone && `· ${p.phone}`} {p.address && `· ${p.address}`}
                </Descriptions.Item>
              ))}
              <Descriptions.Item label="请求" span={2}>
                {d.fields.request}
              </Descriptions.Item>
              <Descriptions.Item label="事实和理由" span={2}>
                <Typography.Paragraph
                  ellipsis={{ rows: 4, expandable: true, symbol: '展开' }}
                  style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}
                >
                  {d.fields.summary}
                </Typography.Paragraph>
              </Descriptions.Item>
              <Descriptions.Item label="扫描件" span={2}>
                {d.fields.documentIds.length === 0
                  ? '—'
                  : d.fields.documentIds.map((doc) => (
                      <Link key={doc} to={`/documents/${doc}`} style={{ marginRight: 8 }}>
                        {doc}
                      </Link>
                    ))}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title="既往信访件" style={{ marginTop: 16 }}>
            <RepeatList matches={d.repeatMatches} />
          </Card>
        </Col>
        <Col span={10}>
          <Card size="small" title="办理记录" aria-label="办理记录">
            <Timeline
              items={d.timeline.map((t) => ({
                key: t.id,
                color: t.status === 'correction' ? 'orange' : t.status === 'effective' ? 'blue' : 'gray',
                content: (
                  <TimelineLabel
                    t={t}
                    onVoid={setVoiding}
                    onAmend={(x) => (x.type === 'register' ? setAmendingRegister(x) : setAmending(x))}
                  />
                ),
              }))}
            />
            {d.fieldCorrections.map((f) => (
              <Typography.Paragraph key={f.id} type="secondary">
                {dayjs(f.at).format('YYYY-MM-DD HH:mm')} {f.by} 修改登记信息（
                {changedFieldLabels(f.before, f.after).join('、') || '无实际变化'}）：{f.reason}
              </Typography.Paragraph>
            ))}
          </Card>
        </Col>
      </Row>
      <StepDialog
        caseId={d.id}
        step={step ?? (amending ? { type: amending.type as AllowedStep['type'], label: amending.label } : null)}
        amending={step ? null : amending}
        onClose={() => {
          setStep(null);
          setAmending(null);
        }}
        onDone={(next) => {
          setDetail(next);
          setStep(null);
          setAmending(null);
        }}
      />
      <FieldsDialog
        detail={d}
        open={editingFields}
        onClose={() => setEditingFields(false)}
        onDone={(next) => {
          setDetail(next);
          setEditingFields(false);
        }}
      />
      <RegisterCorrectionDialog
        detail={d}
        target={amendingRegister}
        today={settings.data?.today ?? null}
        onClose={() => setAmendingRegister(null)}
        onDone={(next) => {
          setDetail(next);
          setAmendingRegister(null);
        }}
      />
      <AuditTrailPanel type="case" id={id} />
      <Modal
        open={voiding !== null}
        title={voiding ? `撤销「${voiding.label}」` : ''}
        okText="撤销"
        cancelText="取消"
        okButtonProps={{ disabled: reason.trim() === '' }}
        onOk={() => void voidStep()}
        onCancel={() => setVoiding(null)}
      >
        <Typography.Paragraph>撤销不会删除原记录：原记录划掉保留，撤销理由记入办理记录。</Typography.Paragraph>
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="撤销理由（必填）"
          aria-label="撤销理由"
        />
      </Modal>
    </Flex>
  );
}
