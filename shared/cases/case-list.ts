import type { CaseStage } from './case-machine';

/**
 * The 信访件 list's status tabs and paging (rules only). The list at 20,000 cases is sent a page at a time with
 * the count of every tab, so the screen never receives every row (14 MB of JSON at that size).
 */

/** The tabs of the 信访件 list, in screen order. */
export const CASE_LIST_FILTERS = ['all', 'open', 'overdue', 'due_soon', 'repeat', 'closed'] as const;
export type CaseListFilter = (typeof CASE_LIST_FILTERS)[number];

export const CASE_LIST_FILTER_LABELS: Readonly<Record<CaseListFilter, string>> = {
  all: '全部',
  open: '办理中',
  overdue: '已逾期',
  due_soon: '即将到期',
  repeat: '重复信访',
  closed: '已办结',
};

/** What a row needs for the tabs: its stage, the status of the office's soonest clock and the repeat mark. */
export interface CaseListRowFacts {
  readonly stage: CaseStage;
  readonly nextDeadline: { readonly status: 'overdue' | 'due_soon' | 'running' } | null;
  readonly repeat: string;
}

/** Whether a row belongs under a tab; 已逾期 and 即将到期 read the office's soonest clock, as the 工作台 does. */
export function caseMatchesFilter(row: CaseListRowFacts, filter: CaseListFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'open':
      return row.stage !== 'closed';
    case 'closed':
      return row.stage === 'closed';
    case 'overdue':
    case 'due_soon':
      return row.nextDeadline?.status === filter;
    case 'repeat':
      return row.repeat === 'repeat';
  }
}

export interface CaseListPageOf<T> {
  /** Rows under the chosen tab. */
  readonly total: number;
  /** The offset actually used: a page past the end (after cases left the tab) falls back to the last page. */
  readonly offset: number;
  readonly rows: readonly T[];
  /** Rows under every tab, for the tab labels. */
  readonly counts: Readonly<Record<CaseListFilter, number>>;
}

/** One page of already sorted rows under a tab, with the counts of all tabs in the same pass. */
export function pageCaseList<T extends CaseListRowFacts>(
  sorted: readonly T[],
  filter: CaseListFilter,
  offset: number,
  limit: number,
): CaseListPageOf<T> {
  const counts = Object.fromEntries(CASE_LIST_FILTERS.map((f) => [f, 0])) as Record<CaseListFilter, number>;
  const under: T[] = [];
  for (const row of sorted) {
    for (const f of CASE_LIST_FILTERS) if (caseMatchesFilter(row, f)) counts[f]++;
    if (caseMatchesFilter(row, filter)) under.push(row);
  }
  const page = pageSlice(under, offset, limit);
  return { total: under.length, offset: page.offset, rows: page.rows, counts };
}

/**
 * `limit` items from `offset`; an offset past the end gives the last page (a user on page 40 of 已逾期 who just
 * closed its last case sees page 39), with the offset actually used.
 */
export function pageSlice<T>(items: readonly T[], offset: number, limit: number): { offset: number; rows: T[] } {
  const size = Math.max(1, Math.floor(limit));
  const start = Math.max(0, Math.floor(offset));
  const used = start < items.length ? start : Math.max(0, (Math.ceil(items.length / size) - 1) * size);
  return { offset: used, rows: items.slice(used, used + size) };
}
