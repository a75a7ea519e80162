import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Input,
  List,
  Popconfirm,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useState } from 'react';
import type { TemplateSummary, TemplateValidation } from '../../../../shared/api/paperwork.contract';
import { DOC_TYPES, LAYOUT_LABELS, LAYOUTS, type Layout } from '../../../../shared/paperwork/doc-types';
import { FIELD_CATALOGUE } from '../../../../shared/paperwork/field-catalogue';
import {
  PART_LABELS,
  TEMPLATE_PARTS,
  type PaperworkTemplate,
  type TemplateIssue,
} from '../../../../shared/paperwork/template';
import { ErrorAlert } from '../../components/error-alert';
import { call } from '../../lib/api';

const CHECK_DELAY_MS = 400;

const where = (i: TemplateIssue) =>
  i.part === null
    ? ''
    : `${i.part === 'numberCode' ? '机关代字' : PART_LABELS[i.part]} 第 ${i.line} 行第 ${i.column} 列：`;

/** Saves text as a file through the browser (works in Electron and in the loopback UI alike). */
function download(fileName: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The template editor: wording per element of the document, checked while typing (syntax, unknown fields,
 * fields the document type requires); saving creates a new version, the shipped template stays as it is.
 */
export function TemplateEditor({ templates, onSaved }: { templates: readonly TemplateSummary[]; onSaved: () => void }) {
  const { message } = App.useApp();
  const [id, setId] = useState<string | null>(templates[0]?.id ?? null);
  const [draft, setDraft] = useState<PaperworkTemplate | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [check, setCheck] = useState<TemplateValidation | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    if (!id) return;
    call('paperwork.template', { id }).then(
      (d) => {
        setDraft(d.template);
        setVersion(d.version);
        setDirty(false);
        setError(null);
      },
      (e: unknown) => setError(e),
    );
  }, [id]);

  useEffect(() => {
    if (!draft) return;
    const timer = setTimeout(() => {
      call('paperwork.validateTemplate', { template: draft }).then(setCheck, (e: unknown) => setError(e));
    }, CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft]);

  const selected = templates.find((t) => t.id === id) ?? null;

  const edit = (patch: Partial<PaperworkTemplate>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setDirty(true);
  };

  const save = async () => {
    if (!draft) return;
    try {
      const s = await call('paperwork.saveTemplate', { template: draft });
      setVersion(s.version);
      setDirty(false);
      message.success(`已保存为第 ${s.version} 版`);
      onSaved();
    } catch (e) {
      setError(e);
    }
  };

  const saveAsNew = () => {
    if (!draft) return;
    edit({ id: `${draft.id}-${Date.now().toString(36)}`, name: `${draft.name}（副本）` });
    setVersion(null);
  };

  const reset = async () => {
    if (!id) return;
    try {
      const s = await call('paperwork.resetTemplate', { id });
      const d = await call('paperwork.template', { id });
      setDraft(d.template);
      setVersion(d.version);
      setDirty(false);
      message.success(`已恢复为内置模板（第 ${s.version} 版）；修改过的版本仍留在版本记录中`);
      onSaved();
    } catch (e) {
      setError(e);
    }
  };

  const exportIt = async () => {
    if (!id) return;
    try {
      const { fileName, content } = await call('paperwork.exportTemplate', { id });
      download(fileName, content);
    } catch (e) {
      setError(e);
    }
  };

  const importIt = async (file: File) => {
    try {
      const s = await call('paperwork.importTemplate', { content: await file.text() });
      message.success(`已导入“${s.name}”（第 ${s.version} 版）`);
      onSaved();
      setId(s.id);
    } catch (e) {
      setError(e);
    }
    return false;
  };

  return (
    <Row gutter={16}>
      <Col xs={24} xl={17}>
        <Flex vertical gap={12}>
          <Space wrap>
            <Select
              aria-label="选择模板"
              style={{ minWidth: 260 }}
              value={id}
              onChange={(v) => setId(v)}
              showSearch={{ optionFilterProp: 'label' }}
              options={templates.map((t) => ({ value: t.id, label: `${t.name}${t.modified ? '（已修改）' : ''}` }))}
            />
            {version !== null && <Tag>第 {version} 版</Tag>}
            {dirty && <Tag color="orange">未保存</Tag>}
            <Button type="primary" onClick={save} disabled={!dirty || !check?.ok}>
              保存新版本
            </Button>
            <Button onClick={saveAsNew} disabled={!draft}>
              另存为新模板
            </Button>
            <Popconfirm
              title="恢复为内置模板？"
              description="本机关的修改会另存为记录，模板回到随程序发布的文字（作为新版本）。"
              okText="恢复"
              cancelText="取消"
              onConfirm={reset}
              placement="bottom"
              disabled={!selected?.modified}
            >
              <Button disabled={!selected?.modified}>恢复内置模板</Button>
            </Popconfirm>
            <Button onClick={exportIt} disabled={!id}>
              导出
            </Button>
            <Upload accept=".json" showUploadList={false} beforeUpload={importIt}>
              <Button>导入…</Button>
            </Upload>
          </Space>
          <ErrorAlert error={error} title="操作没有完成" />
          {check && !check.ok && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={`模板有 ${check.issues.length} 处错误，改正后才能保存`}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {check.issues.map((i, n) => (
                    <li key={n}>
                      {where(i)}
                      {i.message}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          {check?.ok && (
            <Typography.Text type="secondary">必填字段：{check.requiredFields.join('、') || '无'}</Typography.Text>
          )}
          {draft && (
            <Card size="small">
              <Flex vertical gap={8}>
                <Space wrap>
                  <Input
                    aria-label="模板名称"
                    prefix="名称："
                    value={draft.name}
                    onChange={(e) => edit({ name: e.target.value })}
                  />
                  <Select
                    aria-label="文书类型"
                    value={draft.docType}
                    style={{ minWidth: 200 }}
                    onChange={(docType) => edit({ docType })}
                    options={DOC_TYPES.map((d) => ({ value: d.id, label: d.name }))}
                  />
                  <Select
                    aria-label="版式"
                    value={draft.layout}
                    style={{ minWidth: 160 }}
                    onChange={(layout: Layout) => edit({ layout })}
                    options={LAYOUTS.map((l) => ({ value: l, label: LAYOUT_LABELS[l] }))}
                  />
                  <Switch
                    checkedChildren="编文号"
                    unCheckedChildren="不编文号"
                    checked={draft.numberCode !== null}
                    onChange={(on) => edit({ numberCode: on ? '{机关代字}' : null })}
                  />
                  {draft.numberCode !== null && (
                    <Input
                      aria-label="机关代字"
                      prefix="机关代字："
                      value={draft.numberCode}
                      onChange={(e) => edit({ numberCode: e.target.value })}
                    />
                  )}
                </Space>
                {TEMPLATE_PARTS.map((p) => (
                  <div key={p}>
                    <Typography.Text strong>{PART_LABELS[p]}</Typography.Text>
                    <Input.TextArea
                      aria-label={PART_LABELS[p]}
                      value={draft.parts[p]}
                      autoSize={{ minRows: p === 'body' ? 8 : 1, maxRows: p === 'body' ? 30 : 4 }}
                      onChange={(e) => edit({ parts: { ...draft.parts, [p]: e.target.value } })}
                      style={{ fontFamily: 'monospace' }}
                    />
                  </div>
                ))}
              </Flex>
            </Card>
          )}
        </Flex>
      </Col>
      <Col xs={24} xl={7}>
        <Card size="small" title="字段（点击复制）">
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            字段写成 {'{信访人}'}；可选段写成 {'{#抄送}…{/抄送}'}（有值才显示），{'{^联系人}…{/联系人}'}
            （无值才显示）；花括号本身写成 {'{{'} 和 {'}}'}。
          </Typography.Paragraph>
          <List
            size="small"
            style={{ maxHeight: 600, overflow: 'auto' }}
            dataSource={[...FIELD_CATALOGUE]}
            rowKey={(f) => f.name}
            renderItem={(f) => (
              <List.Item
                style={{ cursor: 'pointer' }}
                onClick={() => {
                  void navigator.clipboard?.writeText(`{${f.name}}`);
                  message.info(`已复制 {${f.name}}`);
                }}
              >
                <Flex vertical>
                  <Typography.Text code>{`{${f.name}}`}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {f.hint}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}
