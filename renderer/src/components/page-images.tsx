import { Alert, Empty, Flex, Image, Pagination, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { TextSource } from '../../../shared/api/contract';
import type { LayoutBox } from '../../../shared/documents/ocr-layout';
import { useApi } from '../lib/use-api';
import { ErrorAlert } from './error-alert';
import { LoadingBlock } from './loading-block';

/** Below this mean OCR confidence a page is flagged for careful checking. */
const LOW_CONFIDENCE = 70;

interface PageImagesProps {
  readonly documentId: string;
  readonly pages: number;
  /** Mean OCR confidence per page (0–100), null where text came from a text layer. */
  readonly confidence?: readonly (number | null)[];
  /** Where a field was read (review screen): the page is shown and the boxes framed on it. */
  readonly highlight?: PageHighlight | null;
  /** Per page: whether it has an image (`documents.get`); a page without one shows its text instead of an error. */
  readonly pageImages?: readonly boolean[];
  readonly pageTexts?: readonly string[];
  readonly textSource?: TextSource;
}

/** A page with no image (a .txt import, a PDF page that could not be rendered): its text, plainly labelled. */
function PageText({ page, text, source }: { page: number; text: string; source?: TextSource }) {
  return (
    <Flex vertical gap={8}>
      <Alert
        type="info"
        showIcon
        title={
          source === 'txt'
            ? '文本文件，无页面图像。下面是文件中的文字，请据此核对各项内容。'
            : '本页没有页面图像（预览未能生成）。下面是本页的文字，需要时请打开原文件核对。'
        }
      />
      <Typography.Paragraph
        aria-label={`文本第${page}页`}
        style={{
          whiteSpace: 'pre-wrap',
          fontSize: 15,
          lineHeight: 1.8,
          margin: 0,
          padding: 12,
          border: '1px solid #f0f0f0',
          background: '#fafafa',
          maxHeight: '70vh',
          overflow: 'auto',
        }}
      >
        {text.trim() ? text : '（本页没有文字）'}
      </Typography.Paragraph>
    </Flex>
  );
}

export interface PageHighlight {
  /** 1-based page. */
  readonly page: number;
  /** Fractions (0–1) of the page image. */
  readonly boxes: readonly LayoutBox[];
  /** What is framed, for screen readers and tests (e.g. “文号”). */
  readonly label: string;
}

/** The original scan, one page at a time, with zoom on click. */
export function PageImages({
  documentId,
  pages,
  confidence,
  highlight,
  pageImages,
  pageTexts,
  textSource,
}: PageImagesProps) {
  const [page, setPage] = useState(1);
  const firstBox = useRef<HTMLDivElement>(null);
  // A field focused on another page brings that page up; the frame is then scrolled into view.
  useEffect(() => {
    if (highlight && highlight.page >= 1 && highlight.page <= pages) setPage(highlight.page);
  }, [highlight, pages]);
  useEffect(() => {
    firstBox.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [highlight, page]);
  const boxes = highlight && highlight.page === page ? highlight.boxes : [];
  // Pages known to have no image are not asked for: there is nothing to load, and no error to show.
  const noImage = pageImages?.[page - 1] === false;
  const image = useApi('documents.pageImage', pages > 0 && !noImage ? { id: documentId, page } : null);
  const conf = confidence?.[page - 1] ?? null;

  if (pages <= 0) return <Empty description="该文件没有可显示的页面图像" />;
  return (
    <Flex vertical gap={8} aria-label="原件页面">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">
          第 {page} 页 / 共 {pages} 页{noImage ? '' : '（点击图像可放大）'}
        </Typography.Text>
        {pages > 1 && <Pagination simple current={page} total={pages} pageSize={1} onChange={setPage} />}
      </Flex>
      {conf !== null && conf < LOW_CONFIDENCE && (
        <Alert
          type="warning"
          showIcon
          title={`本页文字识别置信度较低（${Math.round(conf)}%），请对照原件仔细核对各项内容。`}
        />
      )}
      {!noImage && <ErrorAlert error={image.error} title="页面图像加载失败" onRetry={image.reload} />}
      {noImage ? (
        <PageText page={page} text={pageTexts?.[page - 1] ?? ''} source={textSource} />
      ) : image.loading && !image.data ? (
        <LoadingBlock text="正在加载页面图像…" />
      ) : image.data ? (
        <div
          style={{
            border: '1px solid #f0f0f0',
            background: '#fafafa',
            textAlign: 'center',
            position: 'relative',
            lineHeight: 0,
          }}
        >
          <Image
            src={`data:${image.data.mime};base64,${image.data.dataBase64}`}
            alt={`原件第${page}页`}
            width="100%"
            style={{ opacity: image.loading ? 0.5 : 1 }}
          />
          {/* The frames let clicks through, so the page still opens zoomed. */}
          {boxes.map((b, i) => (
            <div
              key={i}
              ref={i === 0 ? firstBox : undefined}
              role="img"
              aria-label={`${highlight!.label}在原件中的位置`}
              style={{
                position: 'absolute',
                left: `${b.x0 * 100}%`,
                top: `${b.y0 * 100}%`,
                width: `${Math.max(0.5, (b.x1 - b.x0) * 100)}%`,
                height: `${Math.max(0.5, (b.y1 - b.y0) * 100)}%`,
                margin: '-2px 0 0 -2px',
                padding: 2,
                boxSizing: 'content-box',
                border: '2px solid #fa541c',
                background: 'rgba(250, 84, 28, 0.12)',
                borderRadius: 2,
                pointerEvents: 'none',
              }}
            />
          ))}
        </div>
      ) : null}
    </Flex>
  );
}
