import { describe, expect, it } from 'vitest';
import {
  findTask,
  matchCompletions,
  TASK_KEY_PATTERN,
  taskKeys,
  type TaskCompletion,
  type TaskDeadline,
} from '../../../../shared/documents/task-completion';

const report: TaskDeadline = { due: '2025-06-30', dueText: '6月底之前', task: '报送化解情况' };
const feedback: TaskDeadline = { due: '2025-09-10', dueText: '9月10日前', task: '反馈整改结果' };

const doneOf = (d: TaskDeadline, key: string, by = '李四'): TaskCompletion => ({
  key,
  due: d.due,
  dueText: d.dueText,
  task: d.task,
  by,
  at: '2025-06-20T02:00:00.000Z',
  note: null,
});

describe('task keys', () => {
  it('gives each deadline of a notice a short key of the documented shape, the same for the same wording', () => {
    const [a, b] = taskKeys([report, feedback]);
    expect(a).toMatch(TASK_KEY_PATTERN);
    expect(b).toMatch(TASK_KEY_PATTERN);
    expect(a).not.toBe(b);
    expect(taskKeys([{ ...report, dueText: ' 6月底 之前', task: '报送化解情况\u3000' }])[0]).toBe(a);
  });

  it('keeps keys unique when a notice repeats an identical task, and changes the key when the date changes', () => {
    const keys = taskKeys([report, report, report]);
    expect(new Set(keys).size).toBe(3);
    expect(keys[1]).toBe(`${keys[0]}~2`);
    expect(keys[2]).toMatch(TASK_KEY_PATTERN);
    expect(taskKeys([{ ...report, due: '2025-07-31' }])[0]).not.toBe(keys[0]);
  });

  it('treats full-width and half-width digits alike (NFKC), so a re-read with other digit forms is the same task', () => {
    const fullWidth = { ...report, dueText: '６月底之前' };
    expect(taskKeys([fullWidth])).toEqual(taskKeys([report]));
  });
});

describe('matching completions to the current deadlines', () => {
  it('matches by key, leaving the other tasks open', () => {
    const [k1] = taskKeys([report, feedback]);
    const c = doneOf(report, k1!);
    expect(matchCompletions([report, feedback], [c])).toEqual([c, null]);
  });

  it('keeps a task done when its date was corrected but its wording stayed', () => {
    const c = doneOf(report, taskKeys([report])[0]!);
    const corrected = { ...report, due: '2025-07-31' };
    expect(matchCompletions([corrected, feedback], [c])).toEqual([c, null]);
  });

  it('keeps a task done when its task text or its 期限 wording was corrected on the same date', () => {
    const c = doneOf(report, taskKeys([report])[0]!);
    expect(matchCompletions([{ ...report, task: '报送积案化解情况' }], [c])).toEqual([c]);
    expect(matchCompletions([{ ...report, dueText: '6月30日前' }], [c])).toEqual([c]);
  });

  it('does not carry a completion over to a different task that only shares the date', () => {
    const c = doneOf(report, taskKeys([report])[0]!);
    const other: TaskDeadline = { due: report.due, dueText: '6月30日前', task: '报送统计表' };
    expect(matchCompletions([other], [c])).toEqual([null]);
  });

  it('uses each completion once: of two identical tasks, one done leaves the other open', () => {
    const keys = taskKeys([report, report]);
    const c = doneOf(report, keys[1]!);
    expect(matchCompletions([report, report], [c])).toEqual([null, c]);
  });

  it('keeps an unmatched completion aside, so restoring a deleted deadline shows it done again', () => {
    const c = doneOf(report, taskKeys([report])[0]!);
    expect(matchCompletions([feedback], [c])).toEqual([null]);
    expect(matchCompletions([feedback, report], [c])).toEqual([null, c]);
  });
});

describe('finding a task by key', () => {
  it('returns the deadline, its position and its completion, or null for a key the notice no longer has', () => {
    const keys = taskKeys([report, feedback]);
    const c = doneOf(feedback, keys[1]!);
    expect(findTask([report, feedback], [c], keys[1]!)).toEqual({ index: 1, deadline: feedback, completion: c });
    expect(findTask([report, feedback], [c], keys[0]!)).toEqual({ index: 0, deadline: report, completion: null });
    expect(findTask([report], [c], keys[1]!)).toBeNull();
  });
});
