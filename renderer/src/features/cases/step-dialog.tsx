import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { AllowedStep, CaseDetail, StepInput, TimelineItem } from '../../../../shared/api/cases.contract';
import { OUTCOME_LABELS } from '../../../../shared/cases/case-view';
import { call } from '../../lib/api';
import { ApiError, errorMessage } from '../../lib/api-error';

const BY_KEY = 'xinfangdesk.caseOfficer';

const DIVERT_OPTIONS = [
  { value: 'litigation', label: '诉讼、复议等法定程序' },
  { value: 'arbitration', label: '仲裁' },
  { value: 'party_appeal', label: '党员申诉、申请复审' },
  { value: 'administrative', label: '行政程序' },
];

interface Values {
  on: Dayjs;
  by: string;
  note?: string;
  to?: string;
  reportDueOn?: Dayjs;
  reason?: string;
  route?: StepInput['route'];
  days?: number;
  approvedBy?: string;
  outcome?: StepInput['outcome'];
  /** Why a recorded step is corrected (amend only). */
  correctionReason?: string;
}

/** The form's starting values for a correction: what the step recorded. */
function amendValues(t: TimelineItem): Partial<Values> {
  const v = t.values;
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  return {
    on: dayjs(t.on),
    ...(str('to') ? { to: str('to') } : {}),
    ...(str('reportDueOn') ? { reportDueOn: dayjs(str('reportDueOn')) } : {}),
    ...(str('reason') ? { reason: str('reason') } : {}),
    ...(str('route') ? { route: str('route') as StepInput['route'] } : {}),
    ...(typeof v.days === 'number' ? { days: v.days } : {}),
    ...(str('approvedBy') ? { approvedBy: str('approvedBy') } : {}),
    ...(str('outcome') ? { outcome: str('outcome') as StepInput['outcome'] } : {}),
    ...(t.note ? { note: t.note } : {}),
  };
}

/**
 * Records one step, or (with `amending`) a recorded correction of one: only the details that step needs are asked
 * for; the core judges whether it may happen. The original of a corrected step stays in the timeline.
 */
export function StepDialog({
  caseId,
  step,
  amending = null,
  onClose,
  onDone,
}: {
  caseId: string;
  step: AllowedStep | null;
  amending?: TimelineItem | null;
  onClose: () => void;
  onDone: (d: CaseDetail) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message, modal } = App.useApp();
  const [saving, setSaving] = useState(false);
  // The day may have changed since the page was opened: ask the core for today whenever the dialog opens.
  const [today, setToday] = useState<string | null>(null);
  useEffect(() => {
    setToday(null);
    if (!step) return;
    let live = true;
    call('cases.settings', {}).then(
      (s) => {
        if (!live) return;
        setToday(s.today);
        if (!form.isFieldTouched('on') && !amending) form.setFieldsValue({ on: dayjs(s.today) });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [step, form, amending]);
  const type = step?.type;
  const needsTo = type === 'transfer' || type === 'assign' || type === 'refer_discipline' || type === 'divert';
  const needsReason = type === 'decline' || type === 'object' || type === 'extend';

  const submit = async () => {
    if (!step) return;
    const v = await form.validateFields();
    setSaving(true);
    const input: StepInput = {
      type: step.type,
      on: v.on.format('YYYY-MM-DD'),
      by: v.by,
      ...(v.note ? { note: v.note } : {}),
      ...(needsTo ? { to: v.to ?? '' } : {}),
      ...(type === 'assign' && v.reportDueOn ? { reportDueOn: v.reportDueOn.format('YYYY-MM-DD') } : {}),
      ...(needsReason ? { reason: v.reason ?? '' } : {}),
      ...(type === 'divert' ? { route: v.route } : {}),
      ...(type === 'extend' ? { days: v.days, approvedBy: v.approvedBy ?? '' } : {}),
      ...(type === 'issue_opinion' ? { outcome: v.outcome } : {}),
    };
    const done = (d: CaseDetail, text: string) => {
      message.success(text);
      form.resetFields();
      onDone(d);
    };
    try {
      localStorage.setItem(BY_KEY, v.by);
      if (amending) {
        const d = await call('cases.correct', {
          id: caseId,
          targetId: amending.id,
          action: 'amend',
          reason: v.correctionReason ?? '',
          on: today ?? v.on.format('YYYY-MM-DD'),
          by: v.by,
          replacement: input,
        });
        done(d, `已更正「${step.label}」，原记录保留在办理记录中`);
        return;
      }
      try {
        done(await call('cases.step', { id: caseId, step: input }), `已记录「${step.label}」`);
      } catch (e) {
        // 办结 with open checklist items: say which, and close only if the user confirms (they go into the record).
        if (!(e instanceof ApiError && e.code === 'case.checklist_incomplete')) throw e;
        const confirmed = await modal.confirm({
          title: '办结前核对未完成',
          content: e.message,
          okText: '仍然办结',
          cancelText: '返回补齐',
        });
        if (!confirmed) return;
        done(
          await call('cases.step', { id: caseId, step: { ...input, confirmIncomplete: true } }),
          `已记录「${step.label}」，未完成的核对项已记入办理记录`,
        );
      }
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={step !== null}
      title={step ? (amending ? `更正：${step.label}` : `记录：${step.label}`) : ''}
      okText={amending ? '更正' : '记录'}
      cancelText="取消"
      confirmLoading={saving}
      okButtonProps={{ disabled: today === null }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          on: today ? dayjs(today) : dayjs(),
          by: localStorage.getItem(BY_KEY) ?? '',
          days: 30,
          // A correction starts from what the step recorded.
          ...(amending ? amendValues(amending) : {}),
        }}
        preserve={false}
      >
        <Form.Item
          name="on"
          label={type === 'serve' ? '送达日期（信访人签收之日）' : '日期'}
          rules={[{ required: true, message: '请选择日期' }]}
        >
          <DatePicker style={{ width: '100%' }} aria-label="步骤日期" />
        </Form.Item>
        {type === 'divert' && (
          <Form.Item name="route" label="导入的程序" rules={[{ required: true, message: '请选择程序' }]}>
            <Select options={DIVERT_OPTIONS} aria-label="导入的程序" />
          </Form.Item>
        )}
        {needsTo && (
          <Form.Item
            name="to"
            label={type === 'divert' ? '接收机关' : '接收机关、单位'}
            rules={[{ required: true, message: '请填写接收机关' }]}
          >
            <Input aria-label="接收机关" />
          </Form.Item>
        )}
        {type === 'assign' && (
          <Form.Item
            name="reportDueOn"
            label="交办函规定的办理期限"
            rules={[{ required: true, message: '请选择期限' }]}
          >
            <DatePicker style={{ width: '100%' }} aria-label="交办期限" />
          </Form.Item>
        )}
        {type === 'extend' && (
          <>
            <Form.Item name="days" label="延长天数（合计不超过 30 日）" rules={[{ required: true }]}>
              <InputNumber min={1} max={30} style={{ width: '100%' }} aria-label="延长天数" />
            </Form.Item>
            <Form.Item name="approvedBy" label="批准的负责人" rules={[{ required: true, message: '请填写批准人' }]}>
              <Input aria-label="批准人" />
            </Form.Item>
          </>
        )}
        {needsReason && (
          <Form.Item
            name="reason"
            label={type === 'extend' ? '延期理由' : '理由'}
            rules={[{ required: true, message: '请填写理由' }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} aria-label="理由" />
          </Form.Item>
        )}
        {type === 'issue_opinion' && (
          <Form.Item name="outcome" label="处理意见" rules={[{ required: true, message: '请选择处理意见' }]}>
            <Select
              options={Object.entries(OUTCOME_LABELS).map(([value, label]) => ({ value, label }))}
              aria-label="处理意见"
            />
          </Form.Item>
        )}
        {amending && (
          <Form.Item
            name="correctionReason"
            label="更正理由"
            extra="原记录不会删除：划掉保留，更正理由和改正后的内容记入办理记录。"
            rules={[{ required: true, whitespace: true, message: '请写明更正理由' }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} aria-label="更正理由" />
          </Form.Item>
        )}
        <Form.Item name="by" label="经办人" rules={[{ required: true, message: '请填写经办人' }]}>
          <Input aria-label="经办人" />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea autoSize={{ minRows: 1 }} aria-label="备注" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
