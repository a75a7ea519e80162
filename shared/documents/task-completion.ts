/**
 * Marking the dated tasks of a filed notice (请于6月底之前报送…) as done. A completion is kept on the document
 * record beside its fields, not inside a deadline, because the deadlines are re-suggested and corrected: the
 * completion remembers which task it closed (key and the wording at the time) and is matched back to the
 * current list, so a corrected date or a re-read sentence does not bring a finished task back.
 */
import { compact } from './ocr-chars';

/** What a completion needs to know of a deadline (a `fields.deadlines` entry). */
export interface TaskDeadline {
  readonly due: string | null;
  readonly dueText: string;
  readonly task: string | null;
}

/** One task marked done: which one, who, when, and an optional note. */
export interface TaskCompletion {
  /** `taskKeys` of the deadline when it was marked done. */
  readonly key: string;
  readonly due: string | null;
  readonly dueText: string;
  readonly task: string | null;
  readonly by: string;
  /** ISO time it was recorded. */
  readonly at: string;
  readonly note: string | null;
}

/** Keys look like `t0123456789abcdef`, with `~2`, `~3` … for a repeated identical task in the same notice. */
export const TASK_KEY_PATTERN = /^t[0-9a-f]{16}(~[0-9]{1,3})?$/;

/** NFKC without whitespace, so a re-read sentence that differs only in spacing or full-width forms is the same. */
const norm = (s: string | null): string => (s === null ? '' : compact(s.normalize('NFKC')));

/** FNV-1a over UTF-16 units from a given offset basis; two of them make a 64-bit key without Node's crypto. */
function fnv1a(s: string, basis: number): string {
  let h = basis >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

const baseKey = (d: TaskDeadline): string => {
  const s = `${d.due ?? ''}\u0001${norm(d.dueText)}\u0001${norm(d.task)}`;
  return `t${fnv1a(s, 0x811c9dc5)}${fnv1a(s, 0x050c5d1f)}`;
};

/** A stable key per deadline of a notice, unique within it (a repeated identical task gets `~2`, `~3` …). */
export function taskKeys(deadlines: readonly TaskDeadline[]): string[] {
  const seen = new Map<string, number>();
  return deadlines.map((d) => {
    const k = baseKey(d);
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return n === 1 ? k : `${k}~${n}`;
  });
}

/**
 * Which completion belongs to each deadline (null: open). In order of confidence, each completion used once:
 * the same key; the same wording with another date (the date was corrected); the same date with the same
 * 期限 wording or the same task (one of the two was corrected or read differently). A completion whose task
 * is gone stays on the record unmatched, so restoring the deadline restores its completion.
 */
export function matchCompletions(
  deadlines: readonly TaskDeadline[],
  completions: readonly TaskCompletion[],
): (TaskCompletion | null)[] {
  const keys = taskKeys(deadlines);
  const out: (TaskCompletion | null)[] = deadlines.map(() => null);
  const used = new Set<number>();
  const pass = (same: (d: TaskDeadline, c: TaskCompletion, i: number) => boolean) => {
    deadlines.forEach((d, i) => {
      if (out[i]) return;
      const j = completions.findIndex((c, n) => !used.has(n) && same(d, c, i));
      if (j < 0) return;
      used.add(j);
      out[i] = completions[j]!;
    });
  };
  pass((_d, c, i) => c.key === keys[i]);
  pass((d, c) => norm(d.dueText) === norm(c.dueText) && norm(d.task) === norm(c.task));
  pass(
    (d, c) =>
      d.due !== null &&
      d.due === c.due &&
      ((norm(d.dueText) !== '' && norm(d.dueText) === norm(c.dueText)) ||
        (norm(d.task) !== '' && norm(d.task) === norm(c.task))),
  );
  return out;
}

/** The deadline with this key and its completion, or null when the notice has no such task (any more). */
export function findTask<D extends TaskDeadline>(
  deadlines: readonly D[],
  completions: readonly TaskCompletion[],
  key: string,
): { readonly index: number; readonly deadline: D; readonly completion: TaskCompletion | null } | null {
  const index = taskKeys(deadlines).indexOf(key);
  if (index < 0) return null;
  return { index, deadline: deadlines[index]!, completion: matchCompletions(deadlines, completions)[index] ?? null };
}
