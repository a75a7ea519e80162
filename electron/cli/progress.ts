/** The parts of a stream the progress bar needs (stderr in use, a fake in tests). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(s: string): boolean;
}

const STAGES: Record<string, string> = {
  queued: '排队',
  decode: '解码',
  ocr: '识别',
  extract: '提取',
  store: '存储',
  done: '完成',
  failed: '失败',
  cancelled: '取消',
};

export interface ProgressBar {
  /** File `index` (1-based) of `total` starts. */
  file(index: number, total: number, name: string): void;
  /** Page `page` of `pages` of the current file is at `stage`. */
  update(stage: string, page: number, pages: number): void;
  /** Clears the line so the next output starts clean. */
  clear(): void;
}

/**
 * One redrawn line on stderr: `[2/5] scan.pdf 识别 [######......] 第 3/8 页`. Drawn only when the stream is a
 * terminal, so piped or `--json` output never contains control characters.
 */
export function createProgressBar(stream: ProgressStream, enabled: boolean): ProgressBar {
  const on = enabled && stream.isTTY === true;
  let head = '';
  let drawn = false;
  const draw = (line: string) => {
    const max = Math.max(20, (stream.columns ?? 100) - 1);
    stream.write(`\r\x1b[2K${line.length > max ? line.slice(0, max - 1) + '…' : line}`);
    drawn = true;
  };
  return {
    file(index, total, name) {
      if (!on) return;
      head = total > 1 ? `[${index}/${total}] ${name}` : name;
      draw(`${head} 读取…`);
    },
    update(stage, page, pages) {
      if (!on) return;
      const width = 20;
      const done = pages > 0 ? Math.min(width, Math.round((page / pages) * width)) : 0;
      const pagesText = pages > 0 ? ` 第 ${page}/${pages} 页` : '';
      draw(`${head} ${STAGES[stage] ?? stage} [${'#'.repeat(done)}${'.'.repeat(width - done)}]${pagesText}`);
    },
    clear() {
      if (on && drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
