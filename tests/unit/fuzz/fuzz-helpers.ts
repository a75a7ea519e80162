import fc from 'fast-check';
import { appendFileSync } from 'node:fs';

/** Each fuzz property runs for this long in `npm test` (bounded); XFD_FUZZ_MS raises it for a longer search. */
export const FUZZ_MS = Number(process.env['XFD_FUZZ_MS'] ?? 2000);
/** A single call on a few thousand characters must finish well within this (catastrophic regex backtracking). */
export const CALL_BUDGET_MS = 1500;

/**
 * Runs a property until FUZZ_MS is used up (at least `minRuns` cases), fails with the shrunk counterexample,
 * and appends the number of cases to XFD_FUZZ_REPORT when set (the closing note's "fuzz cases run").
 */
export function fuzz<T>(name: string, arb: fc.Arbitrary<T>, check: (v: T) => void, minRuns = 100): number {
  // Batches with fresh seeds until the time is used up: fast-check's own time limit overshoots several-fold here.
  const until = performance.now() + FUZZ_MS;
  let runs = 0;
  let seed = Number(process.env['XFD_FUZZ_SEED'] ?? Date.now() % 2 ** 31);
  while (runs < minRuns || performance.now() < until) {
    const details = fc.check(
      fc.property(arb, (v) => {
        check(v);
      }),
      { numRuns: 50, seed },
    );
    if (details.failed) {
      throw new Error(
        `${name}: counterexample ${JSON.stringify(details.counterexample)} (seed ${details.seed}, path ${details.counterexamplePath}): ${String(details.errorInstance)}`,
      );
    }
    runs += details.numRuns;
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
  }
  if (process.env['XFD_FUZZ_REPORT'])
    appendFileSync(process.env['XFD_FUZZ_REPORT'], JSON.stringify({ name, runs }) + '\n');
  return runs;
}

/** Characters OCR'd official documents are made of, and the ones that hurt parsers: brackets, look-alikes, spaces. */
const ALPHABET = [
  ...'0123456789０１２３４５６７８９OoQDIl|Zz',
  ...'〔〕［］[]【】()（）{}〈〉<>「」『』〖〗Jj',
  ...'年月日号第〇零○一二三四五六七八九十廿卅',
  ...'国务院办公厅关于印发通知省人民政府信访局委员会发文件函请示报告批复意见决定',
  ...'：:，,。.、；;！？!?“”"\'-—/\\',
  ...' \t\n\r\f\u3000\u00a0\u200b',
];

/** Text biased towards what the parsers look for, with now and then any Unicode at all. */
export const docText = (maxLength = 3000): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: Math.min(maxLength, 500) }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: Math.min(maxLength, 500) }) },
  );

/** Runs `fn` and fails if it took longer than the budget. */
export function timed<T>(what: string, fn: () => T): T {
  const t = performance.now();
  const v = fn();
  const ms = performance.now() - t;
  if (ms > CALL_BUDGET_MS) throw new Error(`${what} took ${ms.toFixed(0)} ms`);
  return v;
}
