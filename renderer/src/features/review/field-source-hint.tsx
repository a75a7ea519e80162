import { Tag, Typography } from 'antd';
import type { LocatedValue } from '../../../../shared/documents/provenance';

const place = (s: NonNullable<LocatedValue['source']>) => `原文第 ${s.page} 页第 ${s.line} 行`;

/**
 * Under a field: where its value stands in the recognised text. Values read as written need only a glance;
 * values the extractor put right (OCR read something else there) or that the text does not hold are marked,
 * so the secretary checks exactly those against the scan.
 */
export function FieldSourceHint({ label, located }: { label: string; located: readonly LocatedValue[] | undefined }) {
  if (!located || located.length === 0) return null;
  const verbatim = located.filter((l) => l.source?.verbatim);
  const doubtful = located.filter((l) => !l.source?.verbatim);
  return (
    <div aria-label={`${label}来源`} style={{ fontSize: 12, lineHeight: 1.6 }}>
      {verbatim.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
          {located.length > 1 ? `${verbatim.map((l) => l.value).join('、')}：` : ''}与{' '}
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
                {located.length > 1 ? `${l.value}：` : ''}
                {place(l.source)}识别为“{l.source.read}”，请对照原件核对
              </Typography.Text>
            </>
          ) : (
            <>
              <Tag color="red" style={{ marginInlineEnd: 4 }}>
                未找到
              </Tag>
              <Typography.Text style={{ fontSize: 12 }}>
                {located.length > 1 ? `${l.value}：` : ''}识别文字中没有逐字找到，请对照原件核对
              </Typography.Text>
            </>
          )}
        </div>
      ))}
    </div>
  );
}
