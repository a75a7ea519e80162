import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdir, open as openFile, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createApp, type XinfangApp } from '../../../electron/core/create-app';
import { dispatch } from '../../../electron/core/dispatch';
import { silentLogger } from '../../../electron/core/logger';
import { isWatchedScanName } from '../../../electron/core/services/watch/folder-watcher';
import { createGatedReader, createTextReader, lineExtract, tempDir } from '../../helpers/fakes';

const STABLE_MS = 300;
let root: string;
let cleanup: () => Promise<void>;
let dataDir: string;
let inbox: string;
let app: XinfangApp | null;
let reader: ReturnType<typeof createTextReader>;

const start = async () => {
  reader = createTextReader();
  app = await createApp({ dataDir, logger: silentLogger, reader, extract: lineExtract, watchStableMs: STABLE_MS });
  return app;
};
const names = (a: XinfangApp) =>
  a.store
    .allDocuments()
    .map((d) => d.originalName)
    .sort();
const notice = (n: number) => ['国家信访局', `国信发〔2020〕${n}号`, `第${n}号通知`, '2020-01-02'].join('\n');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(async () => {
  ({ dir: root, cleanup } = await tempDir('xfd-watch-'));
  dataDir = join(root, 'data');
  inbox = join(root, 'inbox');
  await mkdir(inbox);
  app = null;
});
afterEach(async () => {
  await app?.close();
  await cleanup();
});

describe('the watched folder', () => {
  it('imports a file written slowly in chunks exactly once, and only after it is complete', async () => {
    const a = await start();
    await a.api['settings.update']({ watchFolder: inbox });
    const path = join(inbox, 'slow-scan.txt');
    const text = notice(1) + '\n' + '正文内容。'.repeat(200);
    const bytes = Buffer.from(text, 'utf8');
    const fh = await openFile(path, 'w');
    const chunk = Math.ceil(bytes.length / 8);
    for (let i = 0; i < bytes.length; i += chunk) {
      await fh.write(bytes.subarray(i, i + chunk));
      await fh.sync();
      await sleep(STABLE_MS / 3);
      expect(a.store.allDocuments()).toEqual([]);
    }
    await fh.close();
    await vi.waitFor(() => expect(a.store.allDocuments()).toHaveLength(1), { timeout: 10_000, interval: 50 });
    await sleep(STABLE_MS * 3);
    expect(a.store.allDocuments()).toHaveLength(1);
    expect(reader.reads).toBe(1);
    const doc = a.store.allDocuments()[0]!;
    expect(doc).toMatchObject({ status: 'review', originalName: 'slow-scan.txt', size: bytes.length });
    expect((await a.documents.get(doc.id)).text).toBe(text);
    expect(await a.api['intake.watchStatus']({})).toMatchObject({
      folder: inbox,
      running: true,
      imported: 1,
      failed: 0,
      pending: 0,
    });
  });

  it('imports the files already in the folder when watching starts, and ignores temporary and partial names', async () => {
    await writeFile(join(inbox, 'a.txt'), notice(1));
    await writeFile(join(inbox, 'b.txt'), notice(2));
    for (const n of ['~$c.txt', '.hidden.txt', 'd.txt.part', 'e.pdf.crdownload', 'f.tmp', 'readme.doc'])
      await writeFile(join(inbox, n), notice(9));
    const a = await start();
    await a.api['settings.update']({ watchFolder: inbox });
    await vi.waitFor(() => expect(names(a)).toEqual(['a.txt', 'b.txt']), { timeout: 10_000, interval: 50 });
    await sleep(STABLE_MS * 2);
    expect(names(a)).toEqual(['a.txt', 'b.txt']);
    expect(a.documents.reviewQueue()).toHaveLength(2);
  });

  it('imports nothing twice after a restart on the same data folder, and picks up files added while it was closed', async () => {
    await writeFile(join(inbox, 'a.txt'), notice(1));
    let a = await start();
    await a.api['settings.update']({ watchFolder: inbox });
    await vi.waitFor(() => expect(names(a)).toEqual(['a.txt']), { timeout: 10_000, interval: 50 });
    await a.close();

    await writeFile(join(inbox, 'b.txt'), notice(2));
    a = await start();
    await vi.waitFor(() => expect(names(a)).toEqual(['a.txt', 'b.txt']), { timeout: 10_000, interval: 50 });
    await sleep(STABLE_MS * 2);
    expect(reader.reads).toBe(1);
    expect(await a.api['intake.watchStatus']({})).toMatchObject({ running: true, imported: 2, failed: 0, pending: 0 });
    const ledger = JSON.parse(await readFile(join(dataDir, 'records', 'watch-ledger.json'), 'utf8')) as {
      files: Record<string, { documentId: string }>;
    };
    expect(Object.keys(ledger.files).sort()).toEqual([join(inbox, 'a.txt'), join(inbox, 'b.txt')]);
    await a.close();

    a = await start();
    await sleep(STABLE_MS * 3);
    expect(reader.reads).toBe(0);
    expect(names(a)).toEqual(['a.txt', 'b.txt']);
  });

  it('records a bad file with its Chinese error and does not retry it until the file changes', async () => {
    const bad = join(inbox, 'broken.pdf');
    await writeFile(bad, '%PDF-1.4 truncated');
    const a = await start();
    await a.api['settings.update']({ watchFolder: inbox });
    await vi.waitFor(async () => expect((await a.api['intake.watchStatus']({})).failed).toBe(1), {
      timeout: 10_000,
      interval: 50,
    });
    const status = await a.api['intake.watchStatus']({});
    expect(status.recent[0]).toMatchObject({
      name: 'broken.pdf',
      documentId: null,
      error: { code: 'file.corrupt', message: expect.stringMatching(/[\u4e00-\u9fff]/) },
    });
    expect(reader.reads).toBe(1);
    await a.close();

    const b = await start();
    await sleep(STABLE_MS * 3);
    expect(reader.reads).toBe(0);
    expect(b.store.allDocuments()).toEqual([]);

    await writeFile(bad, notice(7));
    await utimes(bad, new Date(), new Date(Date.now() + 5000));
    await vi.waitFor(() => expect(names(b)).toEqual(['broken.pdf']), { timeout: 10_000, interval: 50 });
    expect(await b.api['intake.watchStatus']({})).toMatchObject({ imported: 1, failed: 0 });
  });

  it('starts normally and says so in the status when the watched folder vanished while the app was closed', async () => {
    const a = await start();
    await a.api['settings.update']({ watchFolder: inbox });
    await a.close();
    await rm(inbox, { recursive: true });
    const b = await start();
    const status = await b.api['intake.watchStatus']({});
    expect(status).toMatchObject({ folder: inbox, running: false, error: expect.stringContaining('找不到文件夹') });
  });

  it('waits in the one import queue behind an upload from the UI instead of reading at the same time', async () => {
    const gated = createGatedReader({ honourSignal: true });
    const a = (app = await createApp({
      dataDir,
      logger: silentLogger,
      reader: gated,
      extract: lineExtract,
      watchStableMs: STABLE_MS,
    }));
    await a.api['settings.update']({ watchFolder: inbox });
    const upload = a.api['intake.importFile']({
      name: 'ui.txt',
      dataBase64: Buffer.from(notice(1)).toString('base64'),
      ref: 'ui',
    });
    await gated.started;
    await writeFile(join(inbox, 'watched.txt'), notice(2));
    await vi.waitFor(async () => expect((await a.api['intake.watchStatus']({})).pending).toBe(1), {
      timeout: 10_000,
      interval: 50,
    });
    await sleep(STABLE_MS);
    expect(gated.reads).toBe(0);
    gated.release();
    await upload;
    await vi.waitFor(() => expect(names(a)).toEqual(['ui.txt', 'watched.txt']), { timeout: 10_000, interval: 50 });
    expect(a.store.allDocuments().find((d) => d.originalName === 'ui.txt')!.seq).toBe(1);
  });

  it('tells which file names it picks up', () => {
    expect(['scan.JPG', 'a.jpeg', 'b.png', 'c.tif', 'd.TIFF', 'e.bmp', 'f.pdf', 'g.txt'].every(isWatchedScanName)).toBe(
      true,
    );
    expect(
      ['~$a.txt', '.a.pdf', 'a.pdf.part', 'a.pdf.crdownload', 'a.tmp', 'a.docx', 'a.pdf.tmp'].some(isWatchedScanName),
    ).toBe(false);
  });
});

describe('the settings', () => {
  it('saves the watched folder and refuses relative, missing, file and data-folder paths with stable codes', async () => {
    const a = await start();
    expect(await dispatch(a.api, 'settings.get', {})).toEqual({
      ok: true,
      value: { watchFolder: null, ocrEngine: 'auto' },
    });
    const file = join(root, 'note.txt');
    await writeFile(file, 'x');
    const errorOf = async (watchFolder: unknown) => dispatch(a.api, 'settings.update', { watchFolder });
    expect(await errorOf('scans/inbox')).toMatchObject({
      ok: false,
      error: { code: 'settings.folder_not_absolute', message: expect.stringContaining('完整路径') },
    });
    expect(await errorOf(join(root, 'nope'))).toMatchObject({
      ok: false,
      error: { code: 'settings.folder_not_found', message: expect.stringContaining('找不到文件夹') },
    });
    expect(await errorOf(file)).toMatchObject({ ok: false, error: { code: 'settings.not_a_folder' } });
    expect(await errorOf(dataDir)).toMatchObject({ ok: false, error: { code: 'settings.folder_inside_data' } });
    expect(await errorOf(join(dataDir, 'records'))).toMatchObject({
      ok: false,
      error: { code: 'settings.folder_inside_data' },
    });
    expect(await errorOf('')).toMatchObject({ ok: false, error: { code: 'validation.invalid_input' } });
    expect(await dispatch(a.api, 'settings.get', {})).toEqual({
      ok: true,
      value: { watchFolder: null, ocrEngine: 'auto' },
    });

    expect(await errorOf(inbox)).toEqual({ ok: true, value: { watchFolder: inbox, ocrEngine: 'auto' } });
    expect(await a.api['intake.watchStatus']({})).toMatchObject({ folder: inbox, running: true });
    await a.close();
    const b = await start();
    expect(await b.api['settings.get']({})).toEqual({ watchFolder: inbox, ocrEngine: 'auto' });
    expect(await b.api['intake.watchStatus']({})).toMatchObject({ folder: inbox, running: true });
    expect(await dispatch(b.api, 'settings.update', { watchFolder: null })).toEqual({
      ok: true,
      value: { watchFolder: null, ocrEngine: 'auto' },
    });
    expect(await b.api['intake.watchStatus']({})).toMatchObject({ folder: null, running: false });
  });
});
