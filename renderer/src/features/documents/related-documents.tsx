import type { ReactNode } from 'react';
import { Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { DocumentSummary } from '../../../../shared/api/contract';
import { missingCitations } from '../../../../shared/archive/related';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingBlock } from '../../components/loading-block';
import { displayTitle, formatDate } from '../../lib/format';
import { useApi } from '../../lib/use-api';

/** One related document: its title as a link to its own view, then 文号, 发文机关 and date. */
function DocLink({ d, extra }: { d: DocumentSummary; extra?: ReactNode }) {
  return (
    <List.Item aria-label={displayTitle(d)}>
      <Flex vertical gap={2} style={{ width: '100%' }}>
        <Flex gap={8} align="center" wrap>
          <Link to={`/documents/${d.id}`}>{displayTitle(d)}</Link>
          {extra}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[d.fields.docNumber || '（无文号）', d.fields.issuingBodies.join('、'), formatDate(d.fields.signingDate)]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Text>
      </Flex>
    </List.Item>
  );
}

function Section({ title, hint, children }: { title: string; hint: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <Typography.Text strong>{title}</Typography.Text>
      <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
        {hint}
      </Typography.Text>
      {children}
    </section>
  );
}

/**
 * 相关文件: documents whose 文号 this one cites (引用), documents citing its 文号 (被引用), and texts alike
 * (内容相近, 疑似重复 when nearly the same text: a second scan or a re-typed copy). Each opens its own view.
 */
export function RelatedDocumentsPanel({
  documentId,
  referenced,
}: {
  documentId: string;
  referenced: readonly string[];
}) {
  const { data, error, loading, reload } = useApi('archive.related', { id: documentId });
  let body: ReactNode;
  if (error) body = <ErrorAlert error={error} title="查找相关文件失败" onRetry={reload} />;
  else if (!data) body = <LoadingBlock text="正在查找相关文件…" />;
  else {
    const missing = missingCitations(referenced, data.cites);
    const nothing =
      data.cites.length === 0 && data.citedBy.length === 0 && data.similar.length === 0 && missing.length === 0;
    body = nothing ? (
      <Empty description="没有找到相关文件：本文没有引用档案中的文件，也没有文件引用本文或内容与本文相近。" />
    ) : (
      <Flex vertical gap={12} style={{ opacity: loading ? 0.6 : 1 }}>
        {(data.cites.length > 0 || missing.length > 0) && (
          <Section title="引用" hint="本文引用的文件">
            <List
              size="small"
              dataSource={[...data.cites]}
              renderItem={(d) => <DocLink d={d} />}
              locale={{ emptyText: ' ' }}
            />
            {missing.length > 0 && (
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }} aria-label="未入档的引用文号">
                本文还引用了 {missing.join('、')}，档案中没有这些文号的文件。
              </Typography.Paragraph>
            )}
          </Section>
        )}
        {data.citedBy.length > 0 && (
          <Section title="被引用" hint="引用本文文号的文件">
            <List size="small" dataSource={[...data.citedBy]} renderItem={(d) => <DocLink d={d} />} />
          </Section>
        )}
        {data.similar.length > 0 && (
          <Section title="内容相近" hint="正文相似的文件，最相近的在前">
            <List
              size="small"
              dataSource={[...data.similar]}
              renderItem={(s) => (
                <DocLink
                  d={s.document}
                  extra={
                    <>
                      <Typography.Text type="secondary">相似度 {Math.round(s.similarity * 100)}%</Typography.Text>
                      {s.nearDuplicate && (
                        <Tag color="orange" title="正文几乎相同：可能是同一文件的另一份扫描件或重新录入的副本，请核对">
                          疑似重复
                        </Tag>
                      )}
                    </>
                  }
                />
              )}
            />
          </Section>
        )}
      </Flex>
    );
  }
  return (
    <Card size="small" title="相关文件" aria-label="相关文件">
      {body}
    </Card>
  );
}
