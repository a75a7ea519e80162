import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/core/logger';
import { createDocumentReader } from '../../../electron/core/services/reader/reader';
import type { ReadProgress } from '../../../electron/core/services/reader/reader.types';
import { renderTextImage } from './reader.fixtures';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xfd-reader-cancel-'));
const reader = createDocumentReader({ cacheDir: path.join(tmp, 'cache'), logger: silentLogger, workers: 2 });

afterAll(async () => {
  await reader.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('cancelling a read', () => {
  const page = renderTextImage(['关于做好信访工作的通知']);
  const pages = Array.from({ length: 8 }, (_, i) => ({ name: `第${i + 1}页.png`, bytes: page }));

  it('stops between pages when its signal fires and rejects with a Chinese message; the reader goes on working', async () => {
    const controller = new AbortController();
    const seen: ReadProgress[] = [];
    const read = reader.readPages(pages, {
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.stage === 'ocr' && p.page === 1) controller.abort();
      },
    });
    await expect(read).rejects.toMatchObject({ code: 'intake.cancelled', message: expect.stringContaining('已取消') });
    expect(seen.filter((p) => p.stage === 'decode').length).toBeLessThan(pages.length);
    const again = await reader.readPages(pages.slice(0, 1));
    expect(again.text).toContain('信访工作');
    expect(reader.ocrWorkers()).toBeLessThanOrEqual(2);
  });

  it('does not start when the signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(reader.readPages(pages, { signal: controller.signal })).rejects.toMatchObject({
      code: 'intake.cancelled',
    });
  });
});
