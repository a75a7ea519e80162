import { describe, expect, it } from 'vitest';
import { DOUBT_BELOW, settleDoubtfulChars } from '../../../../electron/core/services/reader/paddle/paddle.lexicon';
import type { DecodedChar } from '../../../../electron/core/services/reader/paddle/paddle.rec';

/** A line of decoded characters, all sure (0.99) except those given as [char, prob, guesses]. */
function line(...parts: (string | [string, number, [string, number][]])[]): DecodedChar[] {
  return parts.flatMap((p, i) =>
    typeof p === 'string'
      ? [...p].map((text, k) => ({ text, prob: 0.99, step: i * 10 + k }))
      : [{ text: p[0], prob: p[1], step: i * 10, guesses: p[2].map(([text, prob]) => ({ text, prob })) }],
  );
}
const text = (chars: readonly DecodedChar[]): string => chars.map((c) => c.text).join('');

describe('doubtful characters settled by the divisions list', () => {
  it('takes the one guess that makes a county name of a doubtful character (七阳县 → 弋阳县)', () => {
    const read = line(
      [
        '七',
        0.51,
        [
          ['弋', 0.1],
          ['代', 0.09],
        ],
      ],
      '阳县人民政府文件',
    );
    const settled = settleDoubtfulChars(read);
    expect(text(settled)).toBe('弋阳县人民政府文件');
    // The confidence stays the reading's: a doubtful place remains visibly doubtful.
    expect(settled[0]!.prob).toBe(0.51);
  });

  it('also inside a line, after other text (关于柞水县 read 关于作水县)', () => {
    const read = line('关于', ['作', 0.42, [['柞', 0.2]]], '水县的批复');
    expect(text(settleDoubtfulChars(read))).toBe('关于柞水县的批复');
  });

  it('leaves a character read with confidence alone, whatever its guesses', () => {
    const read = line(['七', DOUBT_BELOW, [['弋', 0.25]]], '阳县');
    expect(text(settleDoubtfulChars(read))).toBe('七阳县');
  });

  it('leaves a reading that already forms a division name, and one no guess turns into one', () => {
    expect(text(settleDoubtfulChars(line(['朝', 0.4, [['潮', 0.3]]], '阳区')))).toBe('朝阳区');
    expect(text(settleDoubtfulChars(line(['七', 0.4, [['匕', 0.3]]], '阳县')))).toBe('七阳县');
    expect(text(settleDoubtfulChars(line('共', ['七', 0.4, [['弋', 0.3]]], '人')))).toBe('共七人');
  });

  it('ignores guesses below the floor, and two guesses that would both fit', () => {
    expect(text(settleDoubtfulChars(line(['七', 0.5, [['弋', 0.01]]], '阳县')))).toBe('七阳县');
    const both = (s: string): boolean => s === 'A阳县' || s === 'B阳县';
    expect(
      text(
        settleDoubtfulChars(
          line(
            [
              '七',
              0.5,
              [
                ['A', 0.2],
                ['B', 0.1],
              ],
            ],
            '阳县',
          ),
          both,
        ),
      ),
    ).toBe('七阳县');
    expect(
      text(
        settleDoubtfulChars(
          line(
            [
              '七',
              0.5,
              [
                ['A', 0.2],
                ['C', 0.1],
              ],
            ],
            '阳县',
          ),
          both,
        ),
      ),
    ).toBe('A阳县');
  });

  it('leaves lines without guesses as they are', () => {
    const read = line('七阳县');
    expect(settleDoubtfulChars(read.map((c) => ({ ...c, prob: 0.3 })))).toHaveLength(3);
    expect(text(settleDoubtfulChars(read.map((c) => ({ ...c, prob: 0.3 }))))).toBe('七阳县');
  });
});
