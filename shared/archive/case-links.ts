import type { CaseStage } from '../cases/case-machine';

/**
 * The search filters "has-deadline" and "case status" (issue 7): rules only. A document belongs to a 信访件
 * when the case lists it in `fields.documentIds`; the case's status is read with the vocabulary the 工作台
 * already uses (已逾期 / 即将到期 / 办理中 for the office's clocks, 已办结 for the stage).
 */

/** Values of the 信访件状态 filter; `unlinked` lists the documents no case refers to. */
export const CASE_LINK_STATUSES = ['linked', 'open', 'due_soon', 'overdue', 'closed', 'unlinked'] as const;
export type CaseLinkStatus = (typeof CASE_LINK_STATUSES)[number];

export const CASE_LINK_STATUS_LABELS: Readonly<Record<CaseLinkStatus, string>> = {
  linked: '已关联信访件',
  open: '办理中（未办结）',
  due_soon: '即将到期',
  overdue: '已逾期',
  closed: '已办结',
  unlinked: '未关联信访件',
};

/** The office clock status of the cases list (CaseDeadlineView['status']); null when no clock runs. */
export type ClockStatus = 'overdue' | 'due_soon' | 'running';

/** One case a document belongs to, as the search filter and the export need it. */
export interface CaseLink {
  readonly caseId: string;
  readonly number: string;
  /** Every filter value the case satisfies, `linked` included; never `unlinked`. */
  readonly statuses: readonly CaseLinkStatus[];
}

/** documentId → the cases that list it. */
export type DocumentCaseLinks = ReadonlyMap<string, readonly CaseLink[]>;

/**
 * The filter values a case satisfies: every case is `linked`; `closed` at 已办结, else `open`; `overdue` or
 * `due_soon` from its soonest office clock (the soonest one is the most overdue, so one clock decides).
 */
export function caseLinkStatuses(stage: CaseStage, soonestClock: ClockStatus | null): CaseLinkStatus[] {
  const out: CaseLinkStatus[] = ['linked', stage === 'closed' ? 'closed' : 'open'];
  if (soonestClock === 'overdue' || soonestClock === 'due_soon') out.push(soonestClock);
  return out;
}

/** Builds the documentId → cases map in one pass over the cases (a case listing a document twice counts once). */
export function linkDocumentsToCases(
  cases: Iterable<{ readonly documentIds: readonly string[]; readonly link: CaseLink }>,
): Map<string, CaseLink[]> {
  const out = new Map<string, CaseLink[]>();
  for (const c of cases) {
    for (const id of new Set(c.documentIds)) {
      const list = out.get(id);
      if (list) list.push(c.link);
      else out.set(id, [c.link]);
    }
  }
  return out;
}

/** Whether a document with these case links passes the 信访件状态 filter. */
export function matchesCaseStatus(links: readonly CaseLink[] | undefined, wanted: CaseLinkStatus): boolean {
  if (wanted === 'unlinked') return links === undefined || links.length === 0;
  return links !== undefined && links.some((l) => l.statuses.includes(wanted));
}

/** Whether a document's fields carry deadlines (the tasks a notice sets: 请于6月底之前报送…, 收到后15日内…). */
export function hasDeadlines(fields: { readonly deadlines?: readonly unknown[] | undefined }): boolean {
  return (fields.deadlines?.length ?? 0) > 0;
}

/** The 有无办理期限 filter: `true` keeps documents with deadlines, `false` those without. */
export function matchesHasDeadline(
  fields: { readonly deadlines?: readonly unknown[] | undefined },
  wanted: boolean,
): boolean {
  return hasDeadlines(fields) === wanted;
}

/** Reads a 信访件状态 as typed on the command line: the code (overdue) or its Chinese name (已逾期, 逾期, 办理中 …). */
export function parseCaseLinkStatus(raw: string): CaseLinkStatus | null {
  const s = raw.trim();
  if ((CASE_LINK_STATUSES as readonly string[]).includes(s)) return s as CaseLinkStatus;
  const byName: Readonly<Record<string, CaseLinkStatus>> = {
    已关联: 'linked',
    已关联信访件: 'linked',
    办理中: 'open',
    未办结: 'open',
    即将到期: 'due_soon',
    已逾期: 'overdue',
    逾期: 'overdue',
    已办结: 'closed',
    办结: 'closed',
    未关联: 'unlinked',
    未关联信访件: 'unlinked',
  };
  return Object.hasOwn(byName, s) ? byName[s]! : null;
}

/**
 * documentId → cases, kept up to date one case at a time: a changed case replaces only its own links, so after a
 * step the map is brought up to date without rebuilding it for every other case. Lists are replaced, never
 * edited, so a list a caller already holds does not change under it.
 */
export interface DocumentCaseIndex {
  /** The current map; it changes in place as cases are set: read it, do not keep it across changes. */
  readonly map: DocumentCaseLinks;
  /** Replaces one case's links; `link` null when the case lists no document or cannot be read. */
  set(caseId: string, documentIds: readonly string[], link: CaseLink | null): void;
}

export function createDocumentCaseIndex(): DocumentCaseIndex {
  const map = new Map<string, readonly CaseLink[]>();
  const byCase = new Map<string, readonly string[]>();
  const drop = (caseId: string) => {
    for (const id of byCase.get(caseId) ?? []) {
      const rest = (map.get(id) ?? []).filter((l) => l.caseId !== caseId);
      if (rest.length > 0) map.set(id, rest);
      else map.delete(id);
    }
    byCase.delete(caseId);
  };
  return {
    map,
    set(caseId, documentIds, link) {
      drop(caseId);
      if (!link || documentIds.length === 0) return;
      const ids = [...new Set(documentIds)];
      for (const id of ids) map.set(id, [...(map.get(id) ?? []), link]);
      byCase.set(caseId, ids);
    },
  };
}
