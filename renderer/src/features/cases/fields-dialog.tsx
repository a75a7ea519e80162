import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useState } from 'react';
import type { CaseDetail, CaseFields } from '../../../../shared/api/cases.contract';
import { CASE_FORM_LABELS, CLAIM_ROUTE_LABELS } from '../../../../shared/cases/case-record';
import { call } from '../../lib/api';
import { errorMessage } from '../../lib/api-error';

const BY_KEY = 'xinfangdesk.caseOfficer';

type Values = Omit<CaseFields, 'petitioners' | 'documentIds'> & {
  petitioners: { name: string; idNumber: string; phone: string; address: string }[];
  reason: string;
  by: string;
};

const options = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/**
 * 修改登记信息: the 登记 form's fields, saved as a recorded change (`cases.updateFields`) that keeps the old and new
 * values and the reason; the core checks 第十九条 and ID numbers as at registration.
 */
export function FieldsDialog({
  detail,
  open,
  onClose,
  onDone,
}: {
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
  onDone: (d: CaseDetail) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      localStorage.setItem(BY_KEY, v.by);
      const next = await call('cases.updateFields', {
        id: detail.id,
        by: v.by,
        reason: v.reason,
        fields: {
          form: v.form,
          petitioners: v.petitioners.map((p) => ({
            name: p.name ?? '',
            idNumber: p.idNumber ?? '',
            phone: p.phone ?? '',
            address: p.address ?? '',
          })),
          headcount: v.headcount,
          region: v.region ?? '',
          topic: v.topic ?? '',
          claimRoute: v.claimRoute ?? null,
          summary: v.summary ?? '',
          request: v.request ?? '',
          documentIds: [...detail.fields.documentIds],
        },
      });
      message.success('已修改登记信息，修改前后的内容和理由已记入办理记录。');
      onDone(next);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title="修改登记信息"
      okText="保存修改"
      cancelText="取消"
      width={900}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          ...detail.fields,
          petitioners: detail.fields.petitioners.map((p) => ({ ...p })),
          by: localStorage.getItem(BY_KEY) ?? '',
        }}
      >
        <Row gutter={8}>
          <Col span={6}>
            <Form.Item name="form" label="信访形式">
              <Select options={options(CASE_FORM_LABELS)} aria-label="修改信访形式" />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="headcount" label="人数">
              <InputNumber min={1} style={{ width: '100%' }} aria-label="修改人数" />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="region" label="问题属地">
              <Input aria-label="修改问题属地" />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="topic" label="内容分类">
              <Input aria-label="修改内容分类" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="claimRoute" label="办理途径（申诉求决类，第三十一条）">
          <Select allowClear options={options(CLAIM_ROUTE_LABELS)} aria-label="修改办理途径" />
        </Form.Item>
        <Form.List name="petitioners">
          {(items, { add, remove }) => (
            <>
              {items.map(({ key, name }) => (
                <Row gutter={8} key={key} align="top">
                  <Col span={4}>
                    <Form.Item
                      name={[name, 'name']}
                      label="姓名（名称）"
                      rules={[{ required: true, message: '第十九条：请填写姓名' }]}
                    >
                      <Input aria-label="修改信访人姓名" />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[name, 'idNumber']} label="身份证号码">
                      <Input aria-label="修改身份证号码" />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[name, 'phone']} label="联系电话">
                      <Input aria-label="修改联系电话" />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item name={[name, 'address']} label="住址">
                      <Input aria-label="修改住址" />
                    </Form.Item>
                  </Col>
                  <Col span={1} style={{ paddingTop: 34 }}>
                    {items.length > 1 && <MinusCircleOutlined onClick={() => remove(name)} aria-label="删除此信访人" />}
                  </Col>
                </Row>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16 }}>
                添加信访人
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="request" label="请求（诉求）" rules={[{ required: true, message: '第十九条：请填写请求' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} aria-label="修改诉求" />
        </Form.Item>
        <Form.Item
          name="summary"
          label="事实和理由"
          rules={[{ required: true, message: '第十九条：请填写事实和理由' }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} aria-label="修改事实和理由" />
        </Form.Item>
        <Row gutter={8}>
          <Col span={16}>
            <Form.Item
              name="reason"
              label="修改理由"
              extra="登记信息不会被悄悄改掉：修改前后的内容、理由、经办人和时间都会保留。"
              rules={[{ required: true, whitespace: true, message: '请写明修改理由' }]}
            >
              <Input aria-label="修改理由" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="by" label="经办人" rules={[{ required: true, whitespace: true, message: '请填写经办人' }]}>
              <Input aria-label="修改经办人" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
