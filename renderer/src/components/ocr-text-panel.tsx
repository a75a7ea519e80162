import { Collapse, Empty, Typography } from 'antd';
import type { TextSource } from '../../../shared/api/contract';

const SOURCE_LABELS: Readonly<Record<TextSource, string>> = {
  ocr: '文字识别（OCR）',
  'pdf-text': 'PDF 自带文字层',
  txt: '文本文件',
};

interface OcrTextPanelProps {
  readonly pageTexts: readonly string[];
  readonly source: TextSource;
  readonly ocrMs?: number;
  readonly defaultOpen?: boolean;
}

/** The recognised text page by page, folded away until the reader wants to compare it with the scan. */
export function OcrTextPanel({ pageTexts, source, ocrMs, defaultOpen = false }: OcrTextPanelProps) {
  const timing = source === 'ocr' && ocrMs ? `，用时 ${(ocrMs / 1000).toFixed(1)} 秒` : '';
  const body =
    pageTexts.length === 0 || pageTexts.every((t) => !t.trim()) ? (
      <Empty description="没有识别出文字" />
    ) : (
      pageTexts.map((t, i) => (
        <div key={i} style={{ marginBottom: 12 }}>
          {pageTexts.length > 1 && <Typography.Text type="secondary">第 {i + 1} 页</Typography.Text>}
          <Typography.Paragraph
            style={{ whiteSpace: 'pre-wrap', fontSize: 15, lineHeight: 1.8, margin: 0 }}
            aria-label={`第${i + 1}页文字`}
          >
            {t}
          </Typography.Paragraph>
        </div>
      ))
    );
  return (
    <Collapse
      defaultActiveKey={defaultOpen ? ['text'] : []}
      items={[{ key: 'text', label: `识别文字（来源：${SOURCE_LABELS[source]}${timing}）`, children: body }]}
    />
  );
}
