import { App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { DocumentTaskState } from '../../../../shared/api/contract';
import { call } from '../../lib/api';
import { errorMessage } from '../../lib/api-error';

/** The 经办人 name the case screens remember on this computer; a task's 标记完成 fills it in the same way. */
const BY_KEY = 'xinfangdesk.caseOfficer';

/** The task a dialog acts on: which notice, which of its tasks, and how to name it to the user. */
export interface TaskTarget {
  readonly documentId: string;
  readonly key: string;
  /** 报送材料（8月8日前）: shown in the dialog title. */
  readonly label: string;
  readonly action: 'complete' | 'reopen';
}

interface FormValues {
  readonly by: string;
  readonly note?: string;
}

/** 标记完成 / 撤销完成 of a notice's task: asks who (remembered) and an optional note, then tells the core. */
export function TaskDoneDialog({
  target,
  onClose,
  onDone,
}: {
  target: TaskTarget | null;
  onClose: () => void;
  /** Told the notice's tasks as they now stand. */
  onDone: (tasks: readonly DocumentTaskState[]) => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const complete = target?.action === 'complete';

  const submit = async () => {
    if (!target) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      localStorage.setItem(BY_KEY, v.by.trim());
      const input = { id: target.documentId, key: target.key, by: v.by, note: v.note?.trim() || undefined };
      const tasks = await call(complete ? 'documents.completeTask' : 'documents.reopenTask', input);
      message.success(
        complete ? '已标记完成，该任务不再计入到期和逾期提醒。' : '已撤销完成，该任务重新计算期限并提醒。',
      );
      onDone(tasks);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={target !== null}
      title={target ? `${complete ? '标记完成' : '撤销完成'}：${target.label}` : ''}
      okText={complete ? '标记完成' : '撤销完成'}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {complete
          ? '标记完成后，该任务不再计入工作台的到期、逾期数和桌面提醒；谁在何时标记的记入修改记录，可以撤销。'
          : '撤销后该任务恢复为未完成，按原期限重新提醒；撤销记入修改记录。'}
      </Typography.Paragraph>
      <Form<FormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ by: localStorage.getItem(BY_KEY) ?? '' }}
      >
        <Form.Item
          name="by"
          label="经办人"
          rules={[{ required: true, whitespace: true, message: '请填写经办人' }, { max: 50 }]}
        >
          <Input aria-label="经办人" maxLength={50} />
        </Form.Item>
        <Form.Item name="note" label={complete ? '备注（可不填）' : '撤销原因（可不填）'}>
          <Input.TextArea
            aria-label={complete ? '完成备注' : '撤销原因'}
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 5 }}
            placeholder={complete ? '例如：已于8月6日报市信访局' : '例如：材料被退回，需重新报送'}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
