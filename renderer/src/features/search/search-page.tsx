import { Card, Empty, Flex, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { SearchHit } from '../../../../shared/api/contract';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingBlock } from '../../components/loading-block';
import { displayTitle, formatDate } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { HighlightedSnippet } from './highlighted-snippet';

const MATCHED_IN_LABELS = { docNumber: '文号', title: '标题', issuingBodies: '发文机关', text: '正文' } as const;
const TYPING_DELAY_MS = 300;

function HitCard({ hit }: { hit: SearchHit }) {
  const d = hit.document;
  return (
    <Card size="small" role="article" aria-label={displayTitle(d)}>
      <Flex vertical gap={4}>
        <Link to={`/documents/${d.id}`} style={{ fontSize: 16, fontWeight: 600 }}>
          {displayTitle(d)}
        </Link>
        <Space size="middle" wrap>
          <Typography.Text>{d.fields.docNumber || '（无文号）'}</Typography.Text>
          <Typography.Text type="secondary">{d.fields.issuingBodies.join('、')}</Typography.Text>
          <Typography.Text type="secondary">{formatDate(d.fields.signingDate)}</Typography.Text>
          <span>
            {hit.matchedIn.map((m) => (
              <Tag key={m} color="blue">
                命中{MATCHED_IN_LABELS[m]}
              </Tag>
            ))}
          </span>
        </Space>
        {hit.snippet && (
          <Typography.Paragraph style={{ margin: 0, lineHeight: 1.8 }} aria-label="摘要">
            <HighlightedSnippet snippet={hit.snippet} ranges={hit.highlights} />
          </Typography.Paragraph>
        )}
      </Flex>
    </Card>
  );
}

function Results({ query }: { query: string }) {
  const { data, error, loading, reload } = useApi('search.query', { query, limit: 50 });
  if (error) return <ErrorAlert error={error} title="检索失败" onRetry={reload} />;
  if (!data) return <LoadingBlock text="正在检索…" />;
  return (
    <Flex vertical gap={12} style={{ opacity: loading ? 0.6 : 1 }}>
      <Typography.Text type="secondary" aria-label="检索统计">
        找到 {data.total} 条结果{data.total > data.hits.length ? `（显示前 ${data.hits.length} 条）` : ''}，用时{' '}
        {data.ms < 1 ? data.ms.toFixed(2) : Math.round(data.ms)} 毫秒
      </Typography.Text>
      {data.hits.length === 0 ? (
        <Card>
          <Empty
            description={`没有找到与「${query}」相关的文件。可以换一个词，或只输入文号的一部分，如〔2013〕238。`}
          />
        </Card>
      ) : (
        data.hits.map((hit) => <HitCard key={hit.document.id} hit={hit} />)
      )}
    </Flex>
  );
}

/** 检索: one box for full text, 文号 fragments and titles; results carry highlighted snippets. */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const [text, setText] = useState(query);
  const [seenQuery, setSeenQuery] = useState(query);
  // The address changed from outside (back button, a link): show that query in the box.
  if (query !== seenQuery) {
    setSeenQuery(query);
    if (query !== text.trim()) setText(query);
  }

  // Searches as the user types, after a short pause; Enter searches at once.
  useEffect(() => {
    if (text.trim() === query) return;
    const t = setTimeout(() => setParams(text.trim() ? { q: text.trim() } : {}, { replace: true }), TYPING_DELAY_MS);
    return () => clearTimeout(t);
  }, [text, query, setParams]);

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        检索
      </Typography.Title>
      <Input.Search
        aria-label="检索内容"
        placeholder="输入正文中的词语、文号片段（如 〔2013〕238）或标题"
        enterButton="检索"
        size="large"
        allowClear
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {}, { replace: true })}
      />
      {query ? (
        <Results query={query} />
      ) : (
        <Card>
          <Empty description="可以按正文词语、文号片段或标题检索已导入的全部文件。" />
        </Card>
      )}
    </Flex>
  );
}
