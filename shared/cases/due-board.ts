import { pageSlice } from './case-list';

/**
 * The 工作台's three groups (已逾期 / 3 个工作日内到期 / 办理中): case clocks and the dated tasks of filed notices
 * in one list per group, soonest first, sent a page at a time. A backlog of 20,000 overdue clocks was 8 MB of JSON
 * when the whole due list went to the start screen.
 */

export const DUE_GROUPS = ['overdue', 'due_soon', 'running'] as const;
export type DueGroup = (typeof DUE_GROUPS)[number];

/** One line of a group: a case clock or a notice's task; each carries its own due date and status. */
export type DueEntry<C, T> = { readonly kind: 'case'; readonly d: C } | { readonly kind: 'task'; readonly t: T };

export interface DueGroupPage<C, T> {
  /** Entries in the group. */
  readonly total: number;
  /** The offset used: a page past the end (clocks left the group meanwhile) falls back to the last page. */
  readonly offset: number;
  readonly entries: readonly DueEntry<C, T>[];
}

interface Dated {
  readonly due: string;
  readonly status: string;
}

/**
 * Merges case clocks and tasks into the three groups, soonest first (a case before a task on the same day, each
 * keeping its own order), and cuts one page of each from its offset.
 */
export function dueBoardGroups<C extends Dated, T extends Dated>(
  clocks: readonly C[],
  tasks: readonly T[],
  offsets: Partial<Record<DueGroup, number>>,
  limit: number,
): Record<DueGroup, DueGroupPage<C, T>> {
  const entries: { due: string; status: string; order: number; e: DueEntry<C, T> }[] = [
    ...clocks.map((d, i) => ({ due: d.due, status: d.status, order: i, e: { kind: 'case' as const, d } })),
    ...tasks.map((t, i) => ({
      due: t.due,
      status: t.status,
      order: clocks.length + i,
      e: { kind: 'task' as const, t },
    })),
  ].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.order - b.order));
  const page = (g: DueGroup): DueGroupPage<C, T> => {
    const all = entries.filter((x) => x.status === g);
    const { offset, rows } = pageSlice(all, offsets[g] ?? 0, limit);
    return { total: all.length, offset, entries: rows.map((x) => x.e) };
  };
  return { overdue: page('overdue'), due_soon: page('due_soon'), running: page('running') };
}
