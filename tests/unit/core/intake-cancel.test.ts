import { afterEach, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createApp, type XinfangApp } from '../../../electron/core/create-app';
import { dispatch } from '../../../electron/core/dispatch';
import { silentLogger } from '../../../electron/core/logger';
import type { ImportProgress } from '../../../shared/api/contract';
import { createGatedReader, lineExtract, tempDir, textFile } from '../../helpers/fakes';

let app: XinfangApp;
let cleanup: () => Promise<void>;
afterEach(async () => {
  await app.close();
  await cleanup();
});

async function open(honourSignal: boolean) {
  const t = await tempDir();
  cleanup = t.cleanup;
  const reader = createGatedReader({ honourSignal });
  app = await createApp({ dataDir: t.dir, logger: silentLogger, reader, extract: lineExtract });
  const events: ImportProgress[] = [];
  app.onEvent((e) => e.name === 'intake.progress' && events.push(e.payload));
  return { dir: t.dir, reader, events };
}

const upload = (n: number, ref: string) => ({
  name: `notice-${n}.txt`,
  dataBase64: Buffer.from(
    textFile(`notice-${n}.txt`, ['国家信访局', `国信发〔2019〕${n}号`, `第${n}号通知`]).bytes,
  ).toString('base64'),
  ref,
});

/** Nothing of a cancelled import may remain: no record, no original, no text. */
async function expectNothingStored(dir: string, app: XinfangApp) {
  expect(app.store.allDocuments()).toEqual([]);
  expect(await readdir(join(dir, 'files')).catch(() => [])).toEqual([]);
  expect(await readdir(join(dir, 'texts')).catch(() => [])).toEqual([]);
}

describe('cancelling imports', () => {
  it('cancels a queued import before it starts: it rejects with intake.cancelled, is never read, and stores nothing', async () => {
    const { reader, events } = await open(true);
    const first = dispatch(app.api, 'intake.importFile', upload(1, 'a'));
    await reader.started;
    const second = dispatch(app.api, 'intake.importFile', upload(2, 'b'));
    await new Promise((r) => setTimeout(r, 20));
    expect(events.find((e) => e.ref === 'b')?.stage).toBe('queued');

    expect(await dispatch(app.api, 'intake.cancel', { ref: 'b' })).toEqual({ ok: true, value: { cancelled: true } });
    const cancelled = await second;
    expect(cancelled).toMatchObject({
      ok: false,
      error: { code: 'intake.cancelled', message: expect.stringContaining('已取消导入“notice-2.txt”') },
    });
    expect(events.filter((e) => e.ref === 'b').at(-1)?.stage).toBe('cancelled');

    reader.release();
    expect(await first).toMatchObject({ ok: true });
    expect(reader.reads).toBe(1);
    expect(app.store.allDocuments().map((d) => d.originalName)).toEqual(['notice-1.txt']);
    expect(await dispatch(app.api, 'intake.cancel', { ref: 'b' })).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('cancels a running import through the reader signal and leaves no record and no stored original', async () => {
    const { dir, reader, events } = await open(true);
    const running = dispatch(app.api, 'intake.importFile', upload(3, 'run'));
    await reader.started;
    await dispatch(app.api, 'intake.cancel', { ref: 'run' });
    expect(await running).toMatchObject({ ok: false, error: { code: 'intake.cancelled' } });
    expect(events.filter((e) => e.ref === 'run').at(-1)).toMatchObject({ stage: 'cancelled' });
    await expectNothingStored(dir, app);
  });

  it('cancels a running import even when the reader ignores the signal, and writes nothing after the read finishes', async () => {
    const { dir, reader } = await open(false);
    const running = dispatch(app.api, 'intake.importFile', upload(4, 'slow'));
    await reader.started;
    await dispatch(app.api, 'intake.cancel', { ref: 'slow' });
    expect(await running).toMatchObject({ ok: false, error: { code: 'intake.cancelled' } });
    reader.release();
    await new Promise((r) => setTimeout(r, 50));
    await expectNothingStored(dir, app);
  });

  it('imports the same file again after a cancel, which is how the UI retries', async () => {
    const { reader } = await open(true);
    const first = dispatch(app.api, 'intake.importFile', upload(5, 'x'));
    await reader.started;
    await dispatch(app.api, 'intake.cancel', { ref: 'x' });
    expect(await first).toMatchObject({ ok: false, error: { code: 'intake.cancelled' } });
    reader.release();
    expect(await dispatch(app.api, 'intake.importFile', upload(5, 'x'))).toMatchObject({
      ok: true,
      value: { duplicate: false },
    });
    expect(app.store.allDocuments()).toHaveLength(1);
  });
});
