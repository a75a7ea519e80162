import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Flex, Form, Row, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { DocumentDetail } from '../../../../shared/api/contract';
import { fieldAlternatives, type FieldAlternatives } from '../../../../shared/documents/field-alternatives';
import { fieldBoxes, type FieldBoxes, type OcrLayout } from '../../../../shared/documents/ocr-layout';
import { fieldSources, type FieldSources } from '../../../../shared/documents/provenance';
import { useAppInfo } from '../../app/app-info-context';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingBlock } from '../../components/loading-block';
import { OcrTextPanel } from '../../components/ocr-text-panel';
import { PageImages, type PageHighlight } from '../../components/page-images';
import { StatusTag } from '../../components/status-tag';
import { call } from '../../lib/api';
import { errorMessage } from '../../lib/api-error';
import { displayTitle, FIELD_LABELS } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { DocumentFieldsForm } from './document-fields-form';
import { fromFormValues, toFormValues, type FieldsFormValues } from './fields-form-values';
import { useLeaveGuard } from './use-leave-guard';

interface ReviewFormProps {
  readonly doc: DocumentDetail;
  /** The OCR word boxes; null or undefined (text input, older import, damaged sidecar) shows no frames. */
  readonly layout: OcrLayout | null | undefined;
  readonly onHighlight: (h: PageHighlight | null) => void;
}

function ReviewForm({ doc, layout, onHighlight }: ReviewFormProps) {
  const [form] = Form.useForm<FieldsFormValues>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { refresh } = useAppInfo();
  const guard = useLeaveGuard();
  // A document still in review starts from the extractor's suggestion; a filed one from what was confirmed.
  const initial = useMemo(() => toFormValues(doc.status === 'filed' ? doc.fields : doc.suggested), [doc]);
  // Where each header field stands in the recognised text, following what is in the form as it is edited.
  const watched = Form.useWatch([], form) as FieldsFormValues | undefined;
  const sources = useMemo(
    () => fieldSources(fromFormValues(watched ?? initial), doc.pageTexts),
    [watched, initial, doc.pageTexts],
  );
  // Where on the page each located value was read, and how sure OCR was of it.
  const boxes = useMemo(() => {
    const out = {} as Record<keyof FieldSources, (FieldBoxes | null)[]>;
    for (const key of Object.keys(sources) as (keyof FieldSources)[]) {
      out[key] = sources[key].map((l) => (l.source ? fieldBoxes(l.source, layout ?? null) : null));
    }
    return out;
  }, [sources, layout]);
  const confidence = useMemo(() => {
    const out: Partial<Record<keyof FieldSources, (number | null)[]>> = {};
    for (const key of Object.keys(boxes) as (keyof FieldSources)[])
      out[key] = boxes[key].map((b) => b?.confidence ?? null);
    return out;
  }, [boxes]);
  const alternatives = useMemo(
    () =>
      fieldAlternatives(fromFormValues(watched ?? initial), doc.suggested, sources, doc.pageTexts, doc.bodyCandidates),
    [watched, initial, doc.suggested, sources, doc.pageTexts, doc.bodyCandidates],
  );
  const [focused, setFocused] = useState<keyof FieldSources | null>(null);
  const [active, setActive] = useState<keyof FieldSources | null>(null);
  // The last field hovered or focused is framed (a pointer resting over a field must not hide the one being
  // typed in); leaving a hovered field goes back to the one in focus. Frames follow the value as it is edited,
  // all its values on the first page where one was found.
  const onFieldFocus = (key: keyof FieldSources) => {
    setFocused(key);
    setActive(key);
  };
  const onFieldHover = (key: keyof FieldSources | null) => setActive(key ?? focused);
  useEffect(() => {
    const found = active ? boxes[active].filter((b): b is FieldBoxes => b !== null) : [];
    const page = found[0]?.page;
    onHighlight(
      page === undefined
        ? null
        : { page, boxes: found.filter((b) => b.page === page).flatMap((b) => b.boxes), label: FIELD_LABELS[active!] },
    );
  }, [active, boxes, onHighlight]);

  const pick = (field: keyof FieldAlternatives, value: string) => {
    if (field === 'issuingBodies') {
      // One body read wrong is replaced; a joint document's list gets the chosen body added.
      const bodies = (form.getFieldValue('issuingBodies') as string[] | undefined) ?? [];
      form.setFieldValue('issuingBodies', bodies.length <= 1 ? [value] : [...bodies, value]);
    } else {
      form.setFieldValue(field, field === 'signingDate' ? dayjs(value) : value);
    }
    guard.markDirty();
  };

  const save = async (values: FieldsFormValues) => {
    setSaving(true);
    setSaveError(null);
    try {
      // The deadlines list has no input per item, so onFinish leaves it out: it is taken from the form's store.
      const deadlines = form.getFieldValue('deadlines') as FieldsFormValues['deadlines'] | undefined;
      await call('documents.save', { id: doc.id, fields: fromFormValues({ ...values, deadlines }) });
      message.success('已保存归档');
      guard.allowLeave();
      refresh();
      navigate(`/documents/${doc.id}`);
    } catch (e) {
      setSaveError(e);
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title="公文要素"
      size="small"
      styles={{ body: { padding: 0 } }}
      extra={
        <Button
          icon={<UndoOutlined />}
          size="small"
          onClick={() => {
            form.setFieldsValue(toFormValues(doc.suggested));
            guard.markDirty();
          }}
        >
          恢复识别建议
        </Button>
      }
    >
      {guard.dialog}
      {/* The fields scroll inside the card so 保存归档 stays in view beside the scan. */}
      <div style={{ maxHeight: 'calc(100vh - 270px)', minHeight: 320, overflowY: 'auto', padding: '12px 16px 0' }}>
        <ErrorAlert error={saveError} title="保存失败，修改内容仍在表单中" />
        <DocumentFieldsForm
          form={form}
          initialValues={initial}
          disabled={saving}
          onFinish={save}
          onValuesChange={guard.markDirty}
          sources={sources}
          confidence={confidence}
          alternatives={alternatives}
          onPick={pick}
          onFieldFocus={onFieldFocus}
          onFieldHover={onFieldHover}
        />
      </div>
      <Space style={{ width: '100%', padding: '12px 16px', borderTop: '1px solid #f0f0f0' }}>
        <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => form.submit()}>
          保存归档
        </Button>
        <Button onClick={() => navigate(-1)} disabled={saving}>
          返回
        </Button>
      </Space>
    </Card>
  );
}

/** 审核: the scan beside the editable fields; 保存归档 files the document. */
export function ReviewPage() {
  const { id = '' } = useParams();
  const { data: doc, error, loading, reload } = useApi('documents.get', { id });
  // A failed or empty layout only means no frames: the review works as before.
  const layout = useApi('documents.ocrLayout', { id });
  const [highlight, setHighlight] = useState<PageHighlight | null>(null);

  if (error) return <ErrorAlert error={error} title="无法打开该文件" onRetry={reload} />;
  if (loading || !doc) return <LoadingBlock text="正在打开文件…" />;
  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={8} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          审核
        </Typography.Title>
        <StatusTag status={doc.status} />
        <Typography.Text type="secondary">
          {displayTitle(doc)} · 原文件 {doc.originalName} · 共 {doc.pages} 页
        </Typography.Text>
      </Flex>
      <Row gutter={16}>
        <Col xs={24} lg={11}>
          <Flex vertical gap={16}>
            <Card size="small" title="原件">
              <PageImages
                documentId={doc.id}
                pages={doc.pages}
                confidence={doc.pageConfidence}
                highlight={highlight}
                pageImages={doc.pageImages}
                pageTexts={doc.pageTexts}
                textSource={doc.textSource}
              />
            </Card>
            <OcrTextPanel pageTexts={doc.pageTexts} source={doc.textSource} ocrMs={doc.ocrMs} />
          </Flex>
        </Col>
        <Col xs={24} lg={13}>
          <ReviewForm key={`${doc.id}-${doc.updatedAt}`} doc={doc} layout={layout.data} onHighlight={setHighlight} />
        </Col>
      </Row>
    </Flex>
  );
}
