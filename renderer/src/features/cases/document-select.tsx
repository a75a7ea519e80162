import { Select, Spin } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { DocumentSummary } from '../../../../shared/api/contract';
import { call } from '../../lib/api';
import { useApi } from '../../lib/use-api';

/** Documents one look-up lists: the archive may hold 100,000, so the select shows a page and typing finds the rest. */
export const PICK_LIMIT = 20;
const DEBOUNCE_MS = 250;
const NOT_FOUND = '没有找到，请换个词或文号再试';
const EMPTY = '还没有待审核或已归档的来信，请先导入来信扫描件';
const LATEST = { query: '', filters: { status: 'filed' }, sort: 'date', dir: 'desc', limit: PICK_LIMIT } as const;
const QUEUE = {};

export const documentLabel = (d: DocumentSummary): string =>
  `${d.fields.title || d.originalName}（${d.status === 'review' ? '待审核' : '已归档'}，${d.id}）`;

interface Option {
  readonly value: string;
  readonly label: string;
}

export interface DocumentChoices {
  /** Letters waiting in the review queue: offered first and matched here as the person types (few, never paged). */
  readonly queue: readonly DocumentSummary[];
  /** Offered before anything is typed: the queue, then the latest filed documents. */
  readonly initial: readonly Option[];
  readonly loading: boolean;
  readonly error: unknown;
  readonly reload: () => void;
  /** The label of any document seen so far, so a chosen one keeps its name when the list changes. */
  readonly labelOf: (id: string) => string | undefined;
  readonly remember: (docs: readonly DocumentSummary[]) => void;
}

/**
 * What the document selects offer without the whole archive: the review queue and the latest filed documents.
 * `pinned` ids (chosen before, or named in the address) that none of these lists are fetched one by one for a label.
 */
export function useDocumentChoices(pinned: readonly string[]): DocumentChoices {
  const queue = useApi('documents.reviewQueue', QUEUE);
  const latest = useApi('archive.search', LATEST);
  const [labels, setLabels] = useState<ReadonlyMap<string, string>>(new Map());
  const asked = useRef(new Set<string>());

  const remember = useCallback((docs: readonly DocumentSummary[]) => {
    if (docs.length === 0) return;
    setLabels((m) => {
      const next = new Map(m);
      for (const d of docs) next.set(d.id, documentLabel(d));
      return next;
    });
  }, []);

  useEffect(() => remember(queue.data ?? []), [queue.data, remember]);
  useEffect(() => remember((latest.data?.hits ?? []).map((h) => h.document)), [latest.data, remember]);

  const missing = pinned.filter((id) => id && !labels.has(id) && !asked.current.has(id));
  const missingKey = missing.join('\n');
  useEffect(() => {
    // Only once the lists are in: most pinned documents are in them.
    if (!missingKey || queue.loading || latest.loading) return;
    for (const id of missingKey.split('\n')) {
      asked.current.add(id);
      // A document that cannot be read keeps its id as its label; the pre-fill that named it reports the failure.
      call('documents.get', { id }).then(
        (d) => remember([d]),
        () => undefined,
      );
    }
  }, [missingKey, queue.loading, latest.loading, remember]);

  const initial = useMemo(() => {
    const seen = new Set<string>();
    return [...(queue.data ?? []), ...(latest.data?.hits ?? []).map((h) => h.document)]
      .filter((d) => !seen.has(d.id) && seen.add(d.id))
      .map((d) => ({ value: d.id, label: documentLabel(d) }));
  }, [queue.data, latest.data]);

  const { reload: reloadQueue } = queue;
  const { reload: reloadLatest } = latest;
  const reload = useCallback(() => {
    reloadQueue();
    reloadLatest();
  }, [reloadQueue, reloadLatest]);

  return {
    queue: queue.data ?? [],
    initial,
    loading: queue.loading || latest.loading,
    error: queue.error ?? latest.error,
    reload,
    labelOf: useCallback((id: string) => labels.get(id), [labels]),
    remember,
  };
}

interface DocumentSelectProps {
  readonly choices: DocumentChoices;
  readonly mode?: 'multiple';
  readonly value?: string | readonly string[] | null;
  readonly onChange?: (value: string | string[]) => void;
  /** Called with the failure of a search as typed, and with null when a later one succeeds. */
  readonly onSearchError: (error: unknown) => void;
  readonly busy?: boolean;
  readonly placeholder?: string;
  readonly style?: CSSProperties;
  readonly 'aria-label': string;
}

/**
 * Picks documents of the archive: opened, it lists `choices.initial`; typing searches the filed documents on the
 * server (a page of PICK_LIMIT) and the review queue here, so the screen never holds the whole archive.
 */
export function DocumentSelect({
  choices,
  mode,
  value,
  onChange,
  onSearchError,
  busy,
  placeholder,
  style,
  'aria-label': ariaLabel,
}: DocumentSelectProps) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<readonly DocumentSummary[]>([]);
  const [searching, setSearching] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const seq = useRef(0);
  const { remember } = choices;

  useEffect(() => () => clearTimeout(timer.current), []);

  const stop = () => {
    clearTimeout(timer.current);
    seq.current++;
    setSearching(false);
  };

  const onSearch = (typed: string) => {
    setText(typed);
    stop();
    const query = typed.trim().slice(0, 1000);
    if (!query) return;
    setSearching(true);
    const mine = seq.current;
    // Waits for a pause in typing: one request per word, not per keystroke.
    timer.current = setTimeout(() => {
      call('archive.search', { query, filters: { status: 'filed' }, limit: PICK_LIMIT }).then(
        (r) => {
          if (mine !== seq.current) return;
          const docs = r.hits.map((h) => h.document);
          remember(docs);
          setFound(docs);
          setSearching(false);
          onSearchError(null);
        },
        (e: unknown) => {
          if (mine !== seq.current) return;
          setFound([]);
          setSearching(false);
          onSearchError(e);
        },
      );
    }, DEBOUNCE_MS);
  };

  const selected = useMemo(() => (value == null ? [] : typeof value === 'string' ? [value] : value), [value]);
  const typed = text.trim().toLowerCase();
  const options = useMemo(() => {
    const seen = new Set<string>();
    const list: Option[] = [];
    const add = (o: Option) => !seen.has(o.value) && seen.add(o.value) && list.push(o);
    if (typed) {
      for (const d of choices.queue) {
        const label = documentLabel(d);
        if (label.toLowerCase().includes(typed)) add({ value: d.id, label });
      }
      for (const d of found) add({ value: d.id, label: documentLabel(d) });
    } else {
      choices.initial.forEach(add);
      // Chosen documents stay listed (with their names) so the box never shows a bare id; while typing, the select
      // keeps the labels it has seen.
      for (const id of selected) add({ value: id, label: choices.labelOf(id) ?? id });
    }
    return list;
  }, [typed, found, choices, selected]);

  return (
    <Select<string | string[], Option>
      mode={mode}
      value={mode ? [...selected] : selected[0]}
      onChange={(v) => onChange?.(v)}
      options={options}
      showSearch={{ filterOption: false, onSearch, searchValue: text, autoClearSearchValue: true }}
      onOpenChange={(open) => {
        if (open) return;
        stop();
        setText('');
      }}
      loading={choices.loading || searching || busy}
      notFoundContent={searching || choices.loading ? <Spin size="small" /> : typed ? NOT_FOUND : EMPTY}
      placeholder={placeholder}
      style={style}
      aria-label={ariaLabel}
    />
  );
}
