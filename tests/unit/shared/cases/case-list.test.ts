import { describe, expect, it } from 'vitest';
import { caseMatchesFilter, pageCaseList, type CaseListRowFacts } from '../../../../shared/cases/case-list';

const row = (
  id: string,
  stage: CaseListRowFacts['stage'],
  clock: 'overdue' | 'due_soon' | 'running' | null,
  repeat: 'first' | 'repeat' = 'first',
) => ({ id, stage, nextDeadline: clock ? { status: clock } : null, repeat });

const rows = [
  row('a', 'registered', 'overdue'),
  row('b', 'handling', 'due_soon', 'repeat'),
  row('c', 'handling', 'running'),
  row('d', 'closed', null, 'repeat'),
  row('e', 'served', null),
];

describe('the 信访件 list tabs', () => {
  it('puts a case under 办理中 until 已办结, and reads 已逾期 / 即将到期 from the soonest office clock', () => {
    expect(rows.filter((r) => caseMatchesFilter(r, 'open')).map((r) => r.id)).toEqual(['a', 'b', 'c', 'e']);
    expect(rows.filter((r) => caseMatchesFilter(r, 'closed')).map((r) => r.id)).toEqual(['d']);
    expect(rows.filter((r) => caseMatchesFilter(r, 'overdue')).map((r) => r.id)).toEqual(['a']);
    expect(rows.filter((r) => caseMatchesFilter(r, 'due_soon')).map((r) => r.id)).toEqual(['b']);
    expect(rows.filter((r) => caseMatchesFilter(r, 'repeat')).map((r) => r.id)).toEqual(['b', 'd']);
  });

  it('pages one tab in the given order and counts every tab in the same pass', () => {
    const p = pageCaseList(rows, 'open', 2, 2);
    expect(p).toMatchObject({ total: 4, offset: 2 });
    expect(p.rows.map((r) => r.id)).toEqual(['c', 'e']);
    expect(p.counts).toEqual({ all: 5, open: 4, overdue: 1, due_soon: 1, repeat: 2, closed: 1 });
  });

  it('answers a page past the end with the last page, and an empty list with an empty first page', () => {
    expect(pageCaseList(rows, 'all', 40, 2)).toMatchObject({ offset: 4, total: 5 });
    expect(pageCaseList(rows, 'all', 40, 2).rows.map((r) => r.id)).toEqual(['e']);
    // Exactly at the end of a full last page: that page, not an empty one.
    expect(pageCaseList(rows.slice(0, 4), 'all', 4, 2).rows.map((r) => r.id)).toEqual(['c', 'd']);
    expect(pageCaseList([], 'overdue', 20, 20)).toMatchObject({ total: 0, offset: 0, rows: [] });
  });
});
