import { DeleteOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Col, DatePicker, Form, Input, Row, Select, Typography, type FormInstance } from 'antd';
import { deadlineText } from '../../components/fields-descriptions';
import { LEGAL_DOC_TYPES } from '../../../../shared/documents/fields';
import type { FieldAlternatives } from '../../../../shared/documents/field-alternatives';
import type { FieldSources } from '../../../../shared/documents/provenance';
import { FIELD_LABELS as L } from '../../lib/format';
import { DATE_FORMATS, type FieldsFormValues } from './fields-form-values';
import { FieldSourceHint } from './field-source-hint';

const DOC_TYPE_OPTIONS = [{ value: '', label: '（空）' }, ...LEGAL_DOC_TYPES.map((t) => ({ value: t, label: t }))];
const CLASSIFICATION_OPTIONS = ['秘密', '机密', '绝密'].map((value) => ({ value }));
const URGENCY_OPTIONS = ['特急', '加急', '特提', '平急'].map((value) => ({ value }));
const ONE_PER_LINE = '每行一项';

interface DocumentFieldsFormProps {
  readonly form: FormInstance<FieldsFormValues>;
  readonly initialValues: FieldsFormValues;
  readonly disabled?: boolean;
  readonly onFinish: (values: FieldsFormValues) => void;
  readonly onValuesChange?: () => void;
  /** Where the header fields stand in the recognised text (review screen); omitted, no hints are shown. */
  readonly sources?: FieldSources;
  /** OCR confidence of each located value (same order as `sources`), where the word boxes are known. */
  readonly confidence?: Partial<Record<keyof FieldSources, readonly (number | null)[]>>;
  /** One-click alternatives for some fields; `onPick` fills the field with the chosen one. */
  readonly alternatives?: FieldAlternatives;
  readonly onPick?: (field: keyof FieldAlternatives, value: string) => void;
  /** Told which located field has the keyboard focus, so the scan can frame where it was read. */
  readonly onFieldFocus?: (field: keyof FieldSources) => void;
  /** Told which located field the pointer is over (null when it leaves): framed while hovered. */
  readonly onFieldHover?: (field: keyof FieldSources | null) => void;
}

/** Every field of a 公文 as an editable form; labels are the Chinese field names (tests find inputs by them). */
export function DocumentFieldsForm({
  form,
  initialValues,
  disabled,
  onFinish,
  onValuesChange,
  sources,
  confidence,
  alternatives,
  onPick,
  onFieldFocus,
  onFieldHover,
}: DocumentFieldsFormProps) {
  const hint = (key: keyof FieldSources) =>
    sources && (
      <FieldSourceHint
        label={L[key]}
        located={sources[key]}
        confidence={confidence?.[key]}
        alternatives={key in (alternatives ?? {}) ? alternatives![key as keyof FieldAlternatives] : undefined}
        onPick={onPick && ((v) => onPick(key as keyof FieldAlternatives, v))}
      />
    );
  /** Hovering or focusing a located field frames it on the scan. */
  const spot = (key: keyof FieldSources) => ({
    onFocus: onFieldFocus && (() => onFieldFocus(key)),
    onMouseEnter: onFieldHover && (() => onFieldHover(key)),
    onMouseLeave: onFieldHover && (() => onFieldHover(null)),
  });
  return (
    <Form<FieldsFormValues>
      form={form}
      name="review"
      layout="vertical"
      initialValues={initialValues}
      disabled={disabled}
      onFinish={onFinish}
      onValuesChange={onValuesChange}
      requiredMark={false}
    >
      <Row gutter={16}>
        <Col xs={24} xl={12} {...spot('docNumber')}>
          <Form.Item label={L.docNumber} name="docNumber" tooltip="如 黔府函〔2013〕238号" extra={hint('docNumber')}>
            <Input allowClear placeholder="如 某府发〔2024〕1号" />
          </Form.Item>
        </Col>
        <Col xs={24} xl={12}>
          <Form.Item label={L.docType} name="docType">
            <Select options={DOC_TYPE_OPTIONS} showSearch placeholder="选择文种" />
          </Form.Item>
        </Col>
      </Row>
      <div {...spot('issuingBodies')}>
        <Form.Item
          label={L.issuingBodies}
          name="issuingBodies"
          extra={
            <>
              联合行文时逐个输入，按回车确认一个机关
              {hint('issuingBodies')}
            </>
          }
        >
          <Select
            mode="tags"
            tokenSeparators={['、', '，']}
            open={false}
            suffixIcon={null}
            placeholder="输入机关名称后按回车"
          />
        </Form.Item>
      </div>
      <div {...spot('title')}>
        <Form.Item label={L.title} name="title" extra={hint('title')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} allowClear />
        </Form.Item>
      </div>
      <div {...spot('addressees')}>
        <Form.Item
          label={L.addressees}
          name="addressees"
          extra={
            <>
              {ONE_PER_LINE}
              {hint('addressees')}
            </>
          }
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </div>
      <Row gutter={16}>
        <Col xs={24} xl={12} {...spot('signingDate')}>
          <Form.Item label={L.signingDate} name="signingDate" extra={hint('signingDate')}>
            <DatePicker format={DATE_FORMATS} placeholder="YYYY-MM-DD" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} xl={12}>
          <Form.Item label={L.copyNumber} name="copyNumber">
            <Input allowClear />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Form.Item label={L.classification} name="classification">
            <AutoComplete options={CLASSIFICATION_OPTIONS} allowClear placeholder="无则留空" />
          </Form.Item>
        </Col>
        <Col xs={24} xl={12}>
          <Form.Item label={L.urgency} name="urgency">
            <AutoComplete options={URGENCY_OPTIONS} allowClear placeholder="无则留空" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={L.attachments} name="attachments" extra={ONE_PER_LINE}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} />
      </Form.Item>
      <Form.Item label={L.cc} name="cc" extra={ONE_PER_LINE}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Form.Item label={L.printedBy} name="printedBy">
            <Input allowClear />
          </Form.Item>
        </Col>
        <Col xs={24} xl={12}>
          <Form.Item label={L.printedDate} name="printedDate">
            <DatePicker format={DATE_FORMATS} placeholder="YYYY-MM-DD" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label={L.referencedDocNumbers}
        name="referencedDocNumbers"
        extra="正文中引用的其他文号，按回车确认一个"
      >
        <Select mode="tags" open={false} suffixIcon={null} placeholder="输入文号后按回车" />
      </Form.Item>
      <Form.Item label={L.deadlines} extra="从正文读出的报送期限，随文件保存，工作台据此列出；读错的请删除">
        <Form.List name="deadlines">
          {(items, { remove }) =>
            items.length === 0 ? (
              <Typography.Text type="secondary">正文中没有读出期限</Typography.Text>
            ) : (
              <div aria-label="办理时限列表">
                {items.map((item) => (
                  <div key={item.key} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                    <Form.Item noStyle shouldUpdate>
                      {() => {
                        const d = form.getFieldValue(['deadlines', item.name]) as FieldsFormValues['deadlines'][number];
                        return <Typography.Text>{d ? deadlineText(d) : ''}</Typography.Text>;
                      }}
                    </Form.Item>
                    <Button
                      size="small"
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label="删除此期限"
                      onClick={() => remove(item.name)}
                    />
                  </div>
                ))}
              </div>
            )
          }
        </Form.List>
      </Form.Item>
    </Form>
  );
}
