import { describe, expect, it } from 'vitest';
import { createProgressBar } from '../../../electron/cli/progress';

const fakeStream = (isTTY: boolean) => {
  const written: string[] = [];
  return { written, stream: { isTTY, columns: 200, write: (s: string) => written.push(s) > 0 } };
};

describe('the command-line progress bar', () => {
  it('shows the file of the batch, the stage and the page on a terminal and clears its line before output', () => {
    const { written, stream } = fakeStream(true);
    const bar = createProgressBar(stream, true);
    bar.file(2, 5, 'scan.pdf');
    bar.update('ocr', 3, 8);
    expect(written.at(-1)).toContain('[2/5] scan.pdf 识别 [########............] 第 3/8 页');
    bar.clear();
    expect(written.at(-1)).toBe('\r\x1b[2K');
  });

  it('writes nothing when stderr is not a terminal or when JSON output was asked for', () => {
    for (const [tty, enabled] of [
      [false, true],
      [true, false],
    ] as const) {
      const { written, stream } = fakeStream(tty);
      const bar = createProgressBar(stream, enabled);
      bar.file(1, 1, 'a.jpg');
      bar.update('decode', 1, 1);
      bar.clear();
      expect(written).toEqual([]);
    }
  });
});
