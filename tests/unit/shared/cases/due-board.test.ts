import { describe, expect, it } from 'vitest';
import { dueBoardGroups } from '../../../../shared/cases/due-board';

const clock = (id: string, due: string, status: string) => ({ id, due, status });
const task = (id: string, due: string, status: string) => ({ id, due, status });
const ids = (g: { entries: readonly ({ kind: 'case'; d: { id: string } } | { kind: 'task'; t: { id: string } })[] }) =>
  g.entries.map((e) => (e.kind === 'case' ? e.d.id : e.t.id));

describe('the 工作台 groups', () => {
  const clocks = [
    clock('c1', '2025-08-01', 'overdue'),
    clock('c2', '2025-08-03', 'overdue'),
    clock('c3', '2025-08-20', 'due_soon'),
    clock('c4', '2025-09-30', 'running'),
  ];
  const tasks = [
    task('t1', '2025-08-02', 'overdue'),
    task('t2', '2025-08-03', 'overdue'),
    task('t3', '2025-10-01', 'running'),
    task('t4', '2025-07-01', 'done'),
  ];

  it('merges case clocks and notice tasks soonest first, a case before a task on the same day, and leaves done tasks out', () => {
    const g = dueBoardGroups(clocks, tasks, {}, 10);
    expect(ids(g.overdue)).toEqual(['c1', 't1', 'c2', 't2']);
    expect(ids(g.due_soon)).toEqual(['c3']);
    expect(ids(g.running)).toEqual(['c4', 't3']);
    expect([g.overdue.total, g.due_soon.total, g.running.total]).toEqual([4, 1, 2]);
  });

  it('pages each group from its own offset and falls back to the last page past the end', () => {
    const g = dueBoardGroups(clocks, tasks, { overdue: 2, running: 40 }, 2);
    expect(g.overdue).toMatchObject({ total: 4, offset: 2 });
    expect(ids(g.overdue)).toEqual(['c2', 't2']);
    expect(g.due_soon.offset).toBe(0);
    expect(g.running).toMatchObject({ total: 2, offset: 0 });
    expect(ids(g.running)).toEqual(['c4', 't3']);
  });
});
