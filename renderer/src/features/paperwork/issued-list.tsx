import { App, Button, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { IssuedDocument } from '../../../../shared/api/paperwork.contract';
import { call } from '../../lib/api';
import { errorMessage } from '../../lib/api-error';
import { canOpenInWordProcessor, openOrDownload } from './open-issued';

/** 发文登记: every generated document with its 文号; a number can be cancelled (作废) with a reason, never reused. */
export function IssuedList({ items, onChanged }: { items: readonly IssuedDocument[]; onChanged: () => void }) {
  const { message } = App.useApp();
  const [target, setTarget] = useState<IssuedDocument | null>(null);
  const [reason, setReason] = useState('');

  const cancel = async () => {
    if (!target?.docNumber) return;
    try {
      await call('paperwork.cancelNumber', { docNumber: target.docNumber, reason });
      message.success(`文号 ${target.docNumber} 已作废`);
      setTarget(null);
      setReason('');
      onChanged();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const open = async (d: IssuedDocument) => {
    try {
      if ((await openOrDownload(d)) === 'downloaded') message.success('已开始下载，请用文字处理软件打开下载的文件');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <>
      <Table
        size="small"
        rowKey="id"
        aria-label="发文登记"
        dataSource={[...items]}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '文号', dataIndex: 'docNumber', render: (v: string | null) => v ?? '—' },
          { title: '文书', dataIndex: 'title' },
          { title: '模板版本', dataIndex: 'templateVersion', render: (v: number) => `第 ${v} 版` },
          { title: '信访件', dataIndex: 'caseId', render: (v: string | null) => v ?? '—' },
          { title: '生成时间', dataIndex: 'issuedAt', render: (v: string) => new Date(v).toLocaleString('zh-CN') },
          { title: '文件', dataIndex: 'file' },
          {
            title: '状态',
            render: (_: unknown, d: IssuedDocument) =>
              d.cancelled ? <Tag color="red">已作废：{d.cancelled.reason}</Tag> : <Tag color="green">有效</Tag>,
          },
          {
            title: '',
            render: (_: unknown, d: IssuedDocument) => (
              <Space size={4}>
                <Button size="small" onClick={() => void open(d)}>
                  {canOpenInWordProcessor() ? '打开' : '下载'}
                </Button>
                {d.docNumber && !d.cancelled ? (
                  <Button size="small" danger onClick={() => setTarget(d)}>
                    作废文号
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={target !== null}
        title={`作废文号 ${target?.docNumber ?? ''}`}
        okText="作废"
        okButtonProps={{ danger: true, disabled: reason.trim() === '' }}
        cancelText="取消"
        onOk={cancel}
        onCancel={() => setTarget(null)}
      >
        <p>作废后该文号留有记录，不会再次使用。请写明原因。</p>
        <Input.TextArea
          aria-label="作废原因"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
        />
      </Modal>
    </>
  );
}
