import { Button, Tag, Typography } from 'antd';
import type { FieldAlternative } from '../../../../shared/documents/field-alternatives';
import { LOW_FIELD_CONFIDENCE } from '../../../../shared/documents/ocr-layout';
import type { LocatedValue } from '../../../../shared/documents/provenance';

const place = (s: NonNullable<LocatedValue['source']>) => `原文第 ${s.page} 页第 ${s.line} 行`;

const KIND_LABEL: Record<FieldAlternative['kind'], string> = {
  suggested: '识别建议',
  ocr: '原识别文字',
  text: '文中另见',
  registry: '同一机关代字',
};

interface FieldSourceHintProps {
  readonly label: string;
  readonly located: readonly LocatedValue[] | undefined;
  /** OCR confidence (0–100) of each located value where the page's word boxes are known, else null. */
  readonly confidence?: readonly (number | null)[];
  /** Other values the field could take; clicking one fills the field. */
  readonly alternatives?: readonly FieldAlternative[];
  readonly onPick?: (value: string) => void;
}

/**
 * Under a field: where its value stands in the recognised text and how sure OCR was of it. Values read as
 * written need only a glance; values the extractor put right, that the text does not hold, or that OCR read
 * with low confidence are marked, so the secretary checks exactly those against the scan.
 */
export function FieldSourceHint({ label, located, confidence, alternatives, onPick }: FieldSourceHintProps) {
  const values = located ?? [];
  const alts = alternatives ?? [];
  if (values.length === 0 && alts.length === 0) return null;
  const verbatim = values.filter((l) => l.source?.verbatim);
  const doubtful = values.filter((l) => !l.source?.verbatim);
  const known = (confidence ?? []).filter((c): c is number => c !== null);
  const lowest = known.length > 0 ? Math.min(...known) : null;
  return (
    <div aria-label={`${label}来源`} style={{ fontSize: 12, lineHeight: 1.6 }}>
      {lowest !== null && (
        <div aria-label={`${label}置信度`}>
          {lowest < LOW_FIELD_CONFIDENCE && (
            <Tag color="orange" style={{ marginInlineEnd: 4 }}>
              置信度低，请对照原件
            </Tag>
          )}
          <Typography.Text type={lowest < LOW_FIELD_CONFIDENCE ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
            识别置信度 {Math.round(lowest)}%
          </Typography.Text>
        </div>
      )}
      {verbatim.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
          {values.length > 1 ? `${verbatim.map((l) => l.value).join('、')}：` : ''}与{' '}
          {verbatim.map((l) => place(l.source!)).join('、')}识别文字一致
        </Typography.Text>
      )}
      {doubtful.map((l, i) => (
        <div key={i}>
          {l.source ? (
            <>
              <Tag color="orange" style={{ marginInlineEnd: 4 }}>
                已修正
              </Tag>
              <Typography.Text style={{ fontSize: 12 }}>
                {values.length > 1 ? `${l.value}：` : ''}
                {place(l.source)}识别为“{l.source.read}”，请对照原件核对
              </Typography.Text>
            </>
          ) : (
            <>
              <Tag color="red" style={{ marginInlineEnd: 4 }}>
                未找到
              </Tag>
              <Typography.Text style={{ fontSize: 12 }}>
                {values.length > 1 ? `${l.value}：` : ''}识别文字中没有逐字找到，请对照原件核对
              </Typography.Text>
            </>
          )}
        </div>
      ))}
      {alts.length > 0 && onPick && (
        <div aria-label={`${label}候选`}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            其他可选（点击填入）：
          </Typography.Text>
          {alts.map((a) => (
            <Button
              key={`${a.kind}-${a.value}`}
              size="small"
              type="dashed"
              style={{ fontSize: 12, marginInlineEnd: 4, marginBlock: 2, height: 'auto', whiteSpace: 'normal' }}
              title={`${KIND_LABEL[a.kind]}：${a.value}`}
              onClick={() => onPick(a.value)}
            >
              {a.value}
              <Typography.Text type="secondary" style={{ fontSize: 11, marginInlineStart: 4 }}>
                {KIND_LABEL[a.kind]}
              </Typography.Text>
            </Button>
          ))}
        </div>
      )}
    </div>
  );
}
