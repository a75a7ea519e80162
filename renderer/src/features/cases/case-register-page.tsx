import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { CaseFields, RegisterInput, RepeatMatchView } from '../../../../shared/api/cases.contract';
import {
  CASE_FORM_LABELS,
  CATEGORY_LABELS,
  CLAIM_ROUTE_LABELS,
  SOURCE_LABELS,
} from '../../../../shared/cases/case-record';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingBlock } from '../../components/loading-block';
import { call } from '../../lib/api';
import { errorMessage } from '../../lib/api-error';
import { useApi } from '../../lib/use-api';
import { DocumentSelect, useDocumentChoices } from './document-select';
import { RepeatList } from './repeat-list';

const BY_KEY = 'xinfangdesk.caseOfficer';

interface FormValues {
  form: CaseFields['form'];
  receivedOn: Dayjs;
  registeredOn: Dayjs;
  source: RegisterInput['source'];
  category: RegisterInput['category'];
  claimRoute?: CaseFields['claimRoute'];
  petitioners: { name?: string; idNumber?: string; phone?: string; address?: string }[];
  headcount: number;
  region?: string;
  topic?: string;
  summary?: string;
  request?: string;
  documentIds: string[];
  by: string;
  number?: string;
}

const options = <K extends string>(labels: Readonly<Record<K, string>>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

const toFields = (v: FormValues): CaseFields => ({
  form: v.form,
  petitioners: (v.petitioners ?? []).map((p) => ({
    name: p.name ?? '',
    idNumber: p.idNumber ?? '',
    phone: p.phone ?? '',
    address: p.address ?? '',
  })),
  headcount: v.headcount ?? 1,
  region: v.region ?? '',
  topic: v.topic ?? '',
  claimRoute: v.category === 'claim' ? (v.claimRoute ?? null) : null,
  summary: v.summary ?? '',
  request: v.request ?? '',
  documentIds: v.documentIds ?? [],
});

/** 登记信访件: a scanned letter from the archive pre-fills the form; repeats are checked before saving. */
export function CaseRegisterPage() {
  // Dates default to the core's today, which an injected clock may set.
  const settings = useApi('cases.settings', {});
  if (settings.error) return <ErrorAlert error={settings.error} title="加载失败" onRetry={settings.reload} />;
  if (!settings.data) return <LoadingBlock />;
  return <RegisterForm today={settings.data.today} />;
}

function RegisterForm({ today }: { today: string }) {
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [prefilling, setPrefilling] = useState(false);
  const [letterDate, setLetterDate] = useState<string | null>(null);
  const [repeats, setRepeats] = useState<readonly RepeatMatchView[] | null>(null);
  const [searchError, setSearchError] = useState<unknown>(null);
  const category = Form.useWatch('category', form);
  const fromDocument = params.get('document');
  const [picked, setPicked] = useState<string | null>(fromDocument);
  const attached = Form.useWatch('documentIds', form) as string[] | undefined;
  // The whole archive is never loaded: the selects list the review queue and the latest filed, and search as typed.
  const pinned = useMemo(() => [...(picked ? [picked] : []), ...(attached ?? [])], [picked, attached]);
  const choices = useDocumentChoices(pinned);

  const checkRepeats = async () => {
    try {
      setRepeats(await call('cases.checkRepeats', { fields: toFields(form.getFieldsValue(true) as FormValues) }));
    } catch (e) {
      setError(e);
    }
  };

  const prefill = async (documentId: string) => {
    setPrefilling(true);
    setError(null);
    try {
      const p = await call('cases.prefillFromDocument', { documentId });
      form.setFieldsValue({
        form: p.fields.form,
        petitioners: p.fields.petitioners.map((x) => ({ ...x })),
        headcount: p.fields.headcount,
        region: p.fields.region,
        summary: p.fields.summary,
        request: p.fields.request,
        documentIds: [...new Set([...(form.getFieldValue('documentIds') ?? []), documentId])],
        ...(p.category ? { category: p.category } : {}),
      });
      setLetterDate(p.letterDate);
      message.success('已根据来信预填，请逐项核对。');
      await checkRepeats();
    } catch (e) {
      setError(e);
    } finally {
      setPrefilling(false);
    }
  };

  useEffect(() => {
    if (!fromDocument) return;
    setPicked(fromDocument);
    void prefill(fromDocument);
    // Pre-fill once for the document named in the address.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fromDocument]);

  const submit = async (v: FormValues) => {
    setSaving(true);
    setError(null);
    try {
      localStorage.setItem(BY_KEY, v.by);
      const c = await call('cases.register', {
        fields: toFields(v),
        receivedOn: v.receivedOn.format('YYYY-MM-DD'),
        registeredOn: v.registeredOn.format('YYYY-MM-DD'),
        by: v.by,
        source: v.source,
        category: v.category,
        ...(v.number?.trim() ? { number: v.number.trim() } : {}),
      });
      message.success(`已登记 ${c.number}`);
      navigate(`/cases/${c.id}`);
    } catch (e) {
      setError(e);
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        登记信访件
      </Typography.Title>
      <Card size="small" title="用扫描的来信预填">
        <Space wrap>
          <DocumentSelect
            choices={choices}
            value={picked}
            onChange={(id) => {
              if (typeof id !== 'string') return;
              setPicked(id);
              void prefill(id);
            }}
            onSearchError={setSearchError}
            busy={prefilling}
            placeholder="选择已导入的来信扫描件，或输入标题、文号查找"
            style={{ width: 480 }}
            aria-label="选择来信扫描件"
          />
          {letterDate && <Typography.Text type="secondary">来信落款日期：{letterDate}</Typography.Text>}
        </Space>
        <ErrorAlert error={choices.error} title="来信列表没有加载" onRetry={choices.reload} />
        <ErrorAlert error={searchError} title="查找来信没有完成" />
      </Card>
      <ErrorAlert error={error} title="没有保存" />
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          form: 'letter',
          receivedOn: dayjs(today),
          registeredOn: dayjs(today),
          source: 'direct',
          category: 'claim',
          petitioners: [{}],
          headcount: 1,
          documentIds: [],
          by: localStorage.getItem(BY_KEY) ?? '',
        }}
      >
        <Card size="small" title="信访事项">
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item name="form" label="信访形式" rules={[{ required: true }]}>
                <Select options={options(CASE_FORM_LABELS)} aria-label="信访形式" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="receivedOn" label="收到日期" rules={[{ required: true, message: '请选择收到日期' }]}>
                <DatePicker style={{ width: '100%' }} aria-label="收到日期" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="registeredOn" label="登记日期" rules={[{ required: true, message: '请选择登记日期' }]}>
                <DatePicker style={{ width: '100%' }} aria-label="登记日期" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="source" label="来源">
                <Select options={options(SOURCE_LABELS)} aria-label="来源" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="category" label="类型" rules={[{ required: true }]}>
                <Select options={options(CATEGORY_LABELS)} aria-label="类型" />
              </Form.Item>
            </Col>
            {category === 'claim' && (
              <Col span={10}>
                <Form.Item name="claimRoute" label="办理途径（第三十一条）">
                  <Select allowClear options={options(CLAIM_ROUTE_LABELS)} aria-label="办理途径" />
                </Form.Item>
              </Col>
            )}
            <Col span={4}>
              <Form.Item name="headcount" label="人数">
                <InputNumber min={1} style={{ width: '100%' }} aria-label="人数" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="region" label="问题属地">
                <Input placeholder="如 河北省石家庄市长安区" aria-label="问题属地" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="topic" label="内容分类">
                <Input placeholder="如 城乡建设、劳动社保" aria-label="内容分类" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="number" label="登记编号" extra="留空由程序自动编号">
                <Input aria-label="登记编号" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title="信访人" style={{ marginTop: 16 }}>
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
                        <Input aria-label="信访人姓名" />
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item name={[name, 'idNumber']} label="身份证号码">
                        <Input aria-label="身份证号码" />
                      </Form.Item>
                    </Col>
                    <Col span={4}>
                      <Form.Item name={[name, 'phone']} label="联系电话">
                        <Input aria-label="联系电话" />
                      </Form.Item>
                    </Col>
                    <Col span={9}>
                      <Form.Item name={[name, 'address']} label="住址">
                        <Input aria-label="住址" />
                      </Form.Item>
                    </Col>
                    <Col span={1} style={{ paddingTop: 34 }}>
                      {items.length > 1 && (
                        <MinusCircleOutlined onClick={() => remove(name)} aria-label="删除此信访人" />
                      )}
                    </Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({})}>
                  添加信访人
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card size="small" title="请求、事实和理由" style={{ marginTop: 16 }}>
          <Form.Item name="request" label="请求（诉求）" rules={[{ required: true, message: '第十九条：请填写请求' }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} aria-label="诉求" />
          </Form.Item>
          <Form.Item
            name="summary"
            label="事实和理由"
            rules={[{ required: true, message: '第十九条：请填写事实和理由' }]}
          >
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} aria-label="事实和理由" />
          </Form.Item>
          <Form.Item name="documentIds" label="扫描件（档案中的文件）">
            <DocumentSelect
              mode="multiple"
              choices={choices}
              onSearchError={setSearchError}
              placeholder="选择或输入标题、文号查找"
              aria-label="扫描件"
            />
          </Form.Item>
        </Card>
        <Card
          size="small"
          title="重复信访核查"
          style={{ marginTop: 16 }}
          extra={<Button onClick={() => void checkRepeats()}>查找既往信访件</Button>}
        >
          {repeats ? (
            <RepeatList matches={repeats} />
          ) : (
            <Typography.Text type="secondary">保存时会自动核查；也可以先点“查找既往信访件”。</Typography.Text>
          )}
        </Card>
        <Card size="small" style={{ marginTop: 16 }}>
          <Space align="start">
            <Form.Item
              name="by"
              label="登记人"
              rules={[{ required: true, message: '请填写登记人' }]}
              style={{ marginBottom: 0 }}
            >
              <Input style={{ width: 200 }} aria-label="登记人" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving} style={{ marginTop: 30 }}>
              登记
            </Button>
          </Space>
        </Card>
      </Form>
    </Space>
  );
}
