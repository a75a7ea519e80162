import { Alert, App, Card, Descriptions, Flex, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { OcrEngineChoice, OcrEngineStatus } from '../../../../shared/api/contract';
import { useAppInfo } from '../../app/app-info-context';
import { call } from '../../lib/api';
import { errorMessage } from '../../lib/api-error';

const CHOICES: readonly { readonly value: OcrEngineChoice; readonly label: string; readonly help: string }[] = [
  { value: 'auto', label: '自动', help: '优先用高精度引擎；本机无法运行时自动改用兼容引擎，并在下方说明原因。' },
  {
    value: 'accurate',
    label: '高精度',
    help: '只用 PaddleOCR 识别，红头、印章下的日期读得更准；无法运行时扫描件会识别失败。',
  },
  { value: 'compatible', label: '兼容', help: '只用 tesseract.js 识别，不需要额外的运行库，适合老旧电脑。' },
];

const ENGINE_NAMES: Readonly<Record<'paddle' | 'tesseract', string>> = {
  paddle: '高精度引擎（PaddleOCR）',
  tesseract: '兼容引擎（tesseract.js）',
};

function ActiveEngine({ status }: { status: OcrEngineStatus }) {
  if (status.active)
    return <Tag color={status.active === 'paddle' ? 'green' : 'blue'}>{ENGINE_NAMES[status.active]}</Tag>;
  if (status.message) return <Tag color="red">无法识别</Tag>;
  return <Typography.Text type="secondary">识别第一份扫描件时启动</Typography.Text>;
}

/** 识别引擎: the OCR engine setting, with the engine actually in use and why, when it differs from the choice. */
export function OcrEngineCard({ value, onSaved }: { value: OcrEngineChoice; onSaved: () => void }) {
  const { message } = App.useApp();
  const { info, refresh } = useAppInfo();
  const [saving, setSaving] = useState(false);
  const status = info?.ocrEngine;

  const change = async (ocrEngine: OcrEngineChoice) => {
    setSaving(true);
    try {
      await call('settings.update', { ocrEngine });
      message.success(
        `识别引擎已改为“${CHOICES.find((c) => c.value === ocrEngine)?.label ?? ocrEngine}”，对之后识别的扫描件生效`,
      );
      onSaved();
      refresh();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="识别引擎" size="small">
      <Radio.Group
        aria-label="识别引擎"
        value={value}
        disabled={saving}
        onChange={(e) => void change(e.target.value as OcrEngineChoice)}
      >
        <Flex vertical gap={8}>
          {CHOICES.map((c) => (
            <Radio key={c.value} value={c.value}>
              <Typography.Text strong>{c.label}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
                {c.help}
              </Typography.Text>
            </Radio>
          ))}
        </Flex>
      </Radio.Group>
      {status && (
        <Descriptions column={1} size="small" style={{ marginTop: 12 }} aria-label="识别引擎状态">
          <Descriptions.Item label="正在使用">
            <ActiveEngine status={status} />
          </Descriptions.Item>
        </Descriptions>
      )}
      {status?.message && (
        <Alert
          type={status.active ? 'warning' : 'error'}
          showIcon
          title={status.message}
          style={{ marginTop: 12 }}
          role="alert"
        />
      )}
    </Card>
  );
}
