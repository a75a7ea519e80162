import { Alert, App, Button, Checkbox, Col, Empty, Flex, Form, Input, Row, Select, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { IssuedDocument, PreviewResult, TemplateSummary } from '../../../../shared/api/paperwork.contract';
import { AUTO_FIELDS, FIELD_BY_NAME } from '../../../../shared/paperwork/field-catalogue';
import { ErrorAlert } from '../../components/error-alert';
import { call } from '../../lib/api';
import { DocumentPreview } from './document-preview';
import { canOpenInWordProcessor, openOrDownload } from './open-issued';

const PREVIEW_DELAY_MS = 400;

/**
 * 生成文书: pick a template (suggested by the case's next step when opened from a case), review the pre-filled
 * fields beside a live preview, then generate the numbered .docx. Problems are shown per field before anything is written.
 */
export function GeneratePanel({
  templates,
  caseId,
  onGenerated,
}: {
  templates: readonly TemplateSummary[];
  caseId: string | null;
  onGenerated: (doc: IssuedDocument) => void;
}) {
  const { message } = App.useApp();
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [suggested, setSuggested] = useState<readonly string[]>([]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [allowOutsideFont, setAllowOutsideFont] = useState(false);
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<IssuedDocument | null>(null);
  // Separate counters: the defaults load and the live preview must not discard each other's answers.
  const loadSeq = useRef(0);
  const previewSeq = useRef(0);

  useEffect(() => {
    if (!caseId) return;
    call('paperwork.caseSuggestions', { caseId }).then(
      (s) => {
        setSuggested(s.templates);
        if (s.templates[0]) setTemplateId((t) => t ?? s.templates[0]!);
      },
      (e: unknown) => setError(e),
    );
  }, [caseId]);

  const template = templates.find((t) => t.id === templateId) ?? null;

  // A new template starts from the defaults (本机关信息, the case, today); edits are kept while the user types.
  useEffect(() => {
    if (!templateId) return;
    setIssued(null);
    const mine = ++loadSeq.current;
    call('paperwork.preview', { templateId, caseId, values: {} }).then(
      (r) => {
        if (mine !== loadSeq.current) return;
        setValues({ ...r.values });
        setPreview(r);
        setError(null);
      },
      (e: unknown) => mine === loadSeq.current && setError(e),
    );
  }, [templateId, caseId]);

  useEffect(() => {
    if (!templateId) return;
    const mine = ++previewSeq.current;
    const timer = setTimeout(() => {
      call('paperwork.preview', { templateId, caseId, values, allowOutsideFont }).then(
        (r) => {
          if (mine !== previewSeq.current) return;
          setPreview(r);
          setError(null);
        },
        (e: unknown) => mine === previewSeq.current && setError(e),
      );
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [values, allowOutsideFont, templateId, caseId]);

  const issuesByField = useMemo(() => {
    const m = new Map<string, string>();
    for (const i of preview?.issues ?? []) if (!m.has(i.field)) m.set(i.field, i.message);
    return m;
  }, [preview]);

  const generate = async () => {
    if (!templateId) return;
    setBusy(true);
    try {
      const doc = await call('paperwork.generate', { templateId, caseId, values, allowOutsideFont });
      setIssued(doc);
      onGenerated(doc);
      message.success(`已生成 ${doc.title}${doc.docNumber ? `（${doc.docNumber}）` : ''}`);
      // The desktop app opens the new document in the word processor straight away; a browser offers 下载.
      if (canOpenInWordProcessor()) await openIssued(doc);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const openIssued = async (doc: IssuedDocument) => {
    try {
      const how = await openOrDownload(doc);
      if (how === 'downloaded') message.success('已开始下载，请用文字处理软件打开下载的文件');
    } catch (e) {
      setError(e);
    }
  };

  const fields = (template?.fields ?? []).filter((f) => !AUTO_FIELDS.has(f));
  const options = templates.map((t) => ({
    value: t.id,
    label: suggested.includes(t.id) ? `${t.name}（建议）` : t.name,
  }));

  return (
    <Row gutter={16}>
      <Col xs={24} xl={10}>
        <Flex vertical gap={12}>
          {caseId && (
            <Alert
              type="info"
              showIcon
              title={`按信访件 ${caseId} 预填`}
              description={
                suggested.length
                  ? '已按信访件当前步骤列出建议的文书。'
                  : '该信访件当前步骤没有对应的文书建议，可任选模板。'
              }
            />
          )}
          <Select
            aria-label="文书模板"
            placeholder="选择要生成的文书"
            value={templateId}
            onChange={setTemplateId}
            options={options}
            showSearch={{ optionFilterProp: 'label' }}
          />
          {suggested.length > 0 && (
            <Flex gap={4} wrap>
              {suggested.map((id) => (
                <Tag key={id} color="blue" style={{ cursor: 'pointer' }} onClick={() => setTemplateId(id)}>
                  {templates.find((t) => t.id === id)?.name ?? id}
                </Tag>
              ))}
            </Flex>
          )}
          <ErrorAlert error={error} title="无法预览或生成" />
          {issued && (
            <Alert
              type="success"
              showIcon
              title={`已生成${issued.docNumber ? `，文号 ${issued.docNumber}` : ''}`}
              description={`文件已存入数据文件夹：${issued.file}`}
              action={
                <Button size="small" onClick={() => void openIssued(issued)}>
                  {canOpenInWordProcessor() ? '打开' : '下载'}
                </Button>
              }
            />
          )}
          {template && (
            <Form layout="vertical" aria-label="文书字段">
              {fields.map((name) => {
                const spec = FIELD_BY_NAME.get(name);
                const required = template.requiredFields.includes(name);
                const problem = issuesByField.get(name);
                const common = {
                  'aria-label': name,
                  value: values[name] ?? '',
                  placeholder: spec?.hint,
                  onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value })),
                };
                return (
                  <Form.Item
                    key={name}
                    label={name}
                    required={required}
                    validateStatus={problem ? 'error' : undefined}
                    help={problem}
                    style={{ marginBottom: 12 }}
                  >
                    {spec?.kind === 'text' ? (
                      <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} {...common} />
                    ) : (
                      <Input {...common} />
                    )}
                  </Form.Item>
                );
              })}
              <Checkbox checked={allowOutsideFont} onChange={(e) => setAllowOutsideFont(e.target.checked)}>
                允许字库外字符（生僻字，打印前请核对）
              </Checkbox>
              <Flex gap={8} style={{ marginTop: 16 }} align="center">
                <Button
                  type="primary"
                  onClick={generate}
                  loading={busy}
                  disabled={!preview || preview.issues.length > 0}
                >
                  生成文书
                </Button>
                {preview?.nextDocNumber && (
                  <Typography.Text type="secondary">将编文号 {preview.nextDocNumber}</Typography.Text>
                )}
                {preview && preview.issues.length > 0 && (
                  <Typography.Text type="danger">还有 {preview.issues.length} 处需要修改</Typography.Text>
                )}
              </Flex>
            </Form>
          )}
        </Flex>
      </Col>
      <Col xs={24} xl={14} style={{ overflow: 'auto', maxHeight: 'calc(100vh - 200px)', background: '#f0f0f0' }}>
        {preview ? (
          <DocumentPreview model={preview.model} />
        ) : (
          <Empty description="选择模板后在这里预览" style={{ padding: 48 }} />
        )}
      </Col>
    </Row>
  );
}
