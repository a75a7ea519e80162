import { describe, expect, it } from 'vitest';
import {
  CASE_LINK_STATUSES,
  CASE_LINK_STATUS_LABELS,
  caseLinkStatuses,
  createDocumentCaseIndex,
  hasDeadlines,
  linkDocumentsToCases,
  matchesCaseStatus,
  matchesHasDeadline,
  parseCaseLinkStatus,
  type CaseLink,
} from '../../../../shared/archive/case-links';

const link = (number: string, statuses: CaseLink['statuses']): CaseLink => ({
  caseId: `c-${number}`,
  number,
  statuses,
});

describe('信访件状态 of a case', () => {
  it('reads 已办结 from the stage and 已逾期 / 即将到期 from the soonest office clock', () => {
    expect(caseLinkStatuses('handling', 'running')).toEqual(['linked', 'open']);
    expect(caseLinkStatuses('registered', 'overdue')).toEqual(['linked', 'open', 'overdue']);
    expect(caseLinkStatuses('routed', 'due_soon')).toEqual(['linked', 'open', 'due_soon']);
    expect(caseLinkStatuses('closed', null)).toEqual(['linked', 'closed']);
    expect(caseLinkStatuses('served', null)).toEqual(['linked', 'open']);
  });

  it('has a Chinese label for every filter value', () => {
    for (const s of CASE_LINK_STATUSES) expect(CASE_LINK_STATUS_LABELS[s]).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('documentId → cases map', () => {
  it('lists every case of a document once, even when a case names the document twice', () => {
    const a = link('XF-2025-0001', ['linked', 'open', 'overdue']);
    const b = link('XF-2025-0002', ['linked', 'closed']);
    const map = linkDocumentsToCases([
      { documentIds: ['d1', 'd2', 'd1'], link: a },
      { documentIds: ['d2'], link: b },
      { documentIds: [], link: link('XF-2025-0003', ['linked', 'open']) },
    ]);
    expect(map.get('d1')).toEqual([a]);
    expect(map.get('d2')).toEqual([a, b]);
    expect(map.has('d3')).toBe(false);
    expect(map.size).toBe(2);
  });

  it('keeps a document when any of its cases has the wanted status, and unlinked ones only for 未关联', () => {
    const both = [link('1', ['linked', 'open', 'overdue']), link('2', ['linked', 'closed'])];
    expect(matchesCaseStatus(both, 'overdue')).toBe(true);
    expect(matchesCaseStatus(both, 'closed')).toBe(true);
    expect(matchesCaseStatus(both, 'due_soon')).toBe(false);
    expect(matchesCaseStatus(both, 'linked')).toBe(true);
    expect(matchesCaseStatus(both, 'unlinked')).toBe(false);
    expect(matchesCaseStatus(undefined, 'unlinked')).toBe(true);
    expect(matchesCaseStatus([], 'unlinked')).toBe(true);
    for (const s of CASE_LINK_STATUSES.filter((x) => x !== 'unlinked'))
      expect(matchesCaseStatus(undefined, s)).toBe(false);
  });
});

describe('has-deadline', () => {
  const task = {
    due: '2019-06-30',
    dueText: '6月底之前',
    task: '报送情况',
    reportTo: null,
    withinDays: null,
    unit: null,
  };
  it('counts dated and relative deadlines, and treats a record without the field as having none', () => {
    expect(hasDeadlines({ deadlines: [task] })).toBe(true);
    expect(hasDeadlines({ deadlines: [{ ...task, due: null, dueText: '收到后15日内', withinDays: 15 }] })).toBe(true);
    expect(hasDeadlines({ deadlines: [] })).toBe(false);
    expect(hasDeadlines({})).toBe(false);
    expect(matchesHasDeadline({ deadlines: [task] }, true)).toBe(true);
    expect(matchesHasDeadline({ deadlines: [task] }, false)).toBe(false);
    expect(matchesHasDeadline({}, false)).toBe(true);
    expect(matchesHasDeadline({}, true)).toBe(false);
  });
});

describe('信访件状态 typed on the command line', () => {
  it('reads codes and Chinese names, and nothing else', () => {
    expect(parseCaseLinkStatus('overdue')).toBe('overdue');
    expect(parseCaseLinkStatus(' 已逾期 ')).toBe('overdue');
    expect(parseCaseLinkStatus('办理中')).toBe('open');
    expect(parseCaseLinkStatus('已办结')).toBe('closed');
    expect(parseCaseLinkStatus('未关联')).toBe('unlinked');
    for (const s of CASE_LINK_STATUSES)
      expect(parseCaseLinkStatus(CASE_LINK_STATUS_LABELS[s].replace(/（.*）/, ''))).toBe(s);
    expect(parseCaseLinkStatus('待定')).toBeNull();
    expect(parseCaseLinkStatus('')).toBeNull();
    expect(parseCaseLinkStatus('constructor')).toBeNull();
  });
});

describe('documentId → cases kept up to date case by case', () => {
  it('replaces only the changed case, drops documents no case lists any more, and never edits a list in place', () => {
    const index = createDocumentCaseIndex();
    const a = link('A', ['linked', 'open']);
    const b = link('B', ['linked', 'open', 'overdue']);
    index.set(a.caseId, ['d1', 'd2', 'd1'], a);
    index.set(b.caseId, ['d2'], b);
    expect(index.map.get('d1')).toEqual([a]);
    expect(index.map.get('d2')).toEqual([a, b]);
    const held = index.map.get('d2')!;

    const aClosed = link('A', ['linked', 'closed']);
    index.set(aClosed.caseId, ['d2', 'd3'], aClosed);
    expect(index.map.has('d1')).toBe(false);
    expect(index.map.get('d2')).toEqual([b, aClosed]);
    expect(index.map.get('d3')).toEqual([aClosed]);
    expect(held).toEqual([a, b]);

    index.set(b.caseId, ['d2'], null);
    expect(index.map.get('d2')).toEqual([aClosed]);
    index.set(aClosed.caseId, [], aClosed);
    expect(index.map.size).toBe(0);
  });

  it('gives the same map as a build from scratch after any sequence of changes', () => {
    const index = createDocumentCaseIndex();
    const current = new Map<string, { ids: string[]; link: CaseLink }>();
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let step = 0; step < 500; step++) {
      const caseId = `c${rnd(20)}`;
      const ids = Array.from({ length: rnd(4) }, () => `d${rnd(15)}`);
      const l: CaseLink = { caseId, number: caseId, statuses: rnd(2) ? ['linked', 'open'] : ['linked', 'closed'] };
      index.set(caseId, ids, l);
      current.set(caseId, { ids, link: l });
    }
    const scratch = linkDocumentsToCases(
      [...current.values()].filter((c) => c.ids.length).map((c) => ({ documentIds: c.ids, link: c.link })),
    );
    const norm = (m: ReadonlyMap<string, readonly CaseLink[]>) =>
      [...m].map(([k, v]) => [k, v.map((x) => x.caseId).sort()] as const).sort((x, y) => x[0].localeCompare(y[0]));
    expect(norm(index.map)).toEqual(norm(scratch));
  });
});
