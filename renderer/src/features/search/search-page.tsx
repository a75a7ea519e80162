import { Alert, App, Button, Card, Empty, Flex, Input, Pagination, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ArchiveFilters, ArchiveSearchInput } from '../../../../shared/api/archive.contract';
import type { SearchHit } from '../../../../shared/api/contract';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingBlock } from '../../components/loading-block';
import { call } from '../../lib/api';
import { displayTitle, formatDate } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { downloadExported } from './download';
import { HighlightedSnippet } from './highlighted-snippet';
import { SearchFilters, type SortChoice } from './search-filters';

const PAGE_SIZE = 50;

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
            {(d.fields.deadlines?.length ?? 0) > 0 && (
              <Tag color="gold" title={d.fields.deadlines!.map((x) => x.due ?? x.dueText).join('、')}>
                有办理期限
              </Tag>
            )}
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

const sortInput = (s: SortChoice): Pick<ArchiveSearchInput, 'sort' | 'dir'> =>
  s === 'date-desc'
    ? { sort: 'date', dir: 'desc' }
    : s === 'date-asc'
      ? { sort: 'date', dir: 'asc' }
      : s === 'docNumber'
        ? { sort: 'docNumber', dir: 'asc' }
        : { sort: 'relevance' };

function ExportButtons({ input }: { input: Omit<ArchiveSearchInput, 'offset' | 'limit'> }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'xlsx' | 'csv' | null>(null);
  const run = async (format: 'xlsx' | 'csv') => {
    setBusy(format);
    try {
      const file = await call('archive.exportSearch', { ...input, format });
      downloadExported(file);
      message.success(`已导出 ${file.rows} 条检索结果：${file.name}`);
    } catch (e) {
      message.error(`导出失败：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space>
      <Button size="small" loading={busy === 'xlsx'} onClick={() => void run('xlsx')}>
        导出 Excel
      </Button>
      <Button size="small" loading={busy === 'csv'} onClick={() => void run('csv')}>
        导出 CSV
      </Button>
    </Space>
  );
}

function Results({
  input,
  page,
  onPage,
}: {
  input: Omit<ArchiveSearchInput, 'offset' | 'limit'>;
  page: number;
  onPage: (p: number) => void;
}) {
  const { data, error, loading, reload } = useApi('archive.search', {
    ...input,
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  if (error) return <ErrorAlert error={error} title="检索失败" onRetry={reload} />;
  if (!data) return <LoadingBlock text="正在检索…" />;
  return (
    <Flex vertical gap={12} style={{ opacity: loading ? 0.6 : 1 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary" aria-label="检索统计">
          找到 {data.totalExact === false ? '约 ' : ''}
          {data.total} 条结果
          {data.total > data.hits.length
            ? `（第 ${data.offset + 1}–${data.offset + data.hits.length} 条）`
            : ''}，用时 {data.ms < 1 ? data.ms.toFixed(2) : Math.round(data.ms)} 毫秒
          {data.docNumberQuery ? '（按文号查找）' : ''}
        </Typography.Text>
        {data.total > 0 && <ExportButtons input={input} />}
      </Flex>
      {data.notice && <Alert type="info" showIcon title={data.notice} />}
      {data.hits.length === 0 ? (
        <Card>
          <Empty
            description={
              input.query
                ? `没有找到与「${input.query}」相关的文件。可以换一个词，或只输入文号的一部分，如〔2013〕238。`
                : '没有符合筛选条件的文件。可以放宽筛选条件再试。'
            }
          />
        </Card>
      ) : (
        data.hits.map((hit) => <HitCard key={hit.document.id} hit={hit} />)
      )}
      {data.total > PAGE_SIZE && (
        <Pagination
          align="center"
          current={page}
          pageSize={PAGE_SIZE}
          total={Math.min(data.total, 1_000_000)}
          showSizeChanger={false}
          onChange={onPage}
        />
      )}
    </Flex>
  );
}

const parseFilters = (raw: string | null): ArchiveFilters => {
  try {
    return raw ? (JSON.parse(raw) as ArchiveFilters) : {};
  } catch {
    return {};
  }
};

/** 检索: one box for full text, 文号 fragments and titles, with filters, sorting, pages and exports. */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const rawFilters = params.get('f');
  const filters = useMemo(() => parseFilters(rawFilters), [rawFilters]);
  const sort = (params.get('sort') as SortChoice | null) ?? 'relevance';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const [text, setText] = useState(query);
  const [seenQuery, setSeenQuery] = useState(query);
  // The address changed from outside (back button, a link): show that query in the box.
  if (query !== seenQuery) {
    setSeenQuery(query);
    if (query !== text.trim()) setText(query);
  }

  const update = (patch: { q?: string; f?: ArchiveFilters; sort?: SortChoice; page?: number }) => {
    const q = patch.q ?? query;
    const f = patch.f ?? filters;
    const s = patch.sort ?? sort;
    const next: Record<string, string> = {};
    if (q) next.q = q;
    if (Object.keys(f).length) next.f = JSON.stringify(f);
    if (s !== 'relevance') next.sort = s;
    if (patch.page && patch.page > 1) next.page = String(patch.page);
    setParams(next, { replace: true });
  };

  // Searches as the user types, after a short pause; Enter searches at once.
  useEffect(() => {
    if (text.trim() === query) return;
    const t = setTimeout(() => update({ q: text.trim() }), TYPING_DELAY_MS);
    return () => clearTimeout(t);
  });

  const active = query !== '' || Object.keys(filters).length > 0;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        检索
      </Typography.Title>
      <Input.Search
        aria-label="检索内容"
        placeholder="输入正文中的词语、文号片段（如 〔2013〕238 或 国信发 2019 3）、标题或发文机关"
        enterButton="检索"
        size="large"
        allowClear
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => update({ q: v.trim() })}
      />
      <SearchFilters
        filters={filters}
        sort={sort}
        onChange={(f) => update({ f })}
        onSort={(s) => update({ sort: s })}
      />
      {active ? (
        <Results input={{ query, filters, ...sortInput(sort) }} page={page} onPage={(p) => update({ page: p })} />
      ) : (
        <Card>
          <Empty description="可以按正文词语、文号片段、标题或发文机关检索已导入的全部文件，也可以只用筛选条件浏览。" />
        </Card>
      )}
    </Flex>
  );
}
