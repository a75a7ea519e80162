import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createApp, type XinfangApp } from '../../../electron/core/create-app';
import { dispatch } from '../../../electron/core/dispatch';
import { silentLogger } from '../../../electron/core/logger';
import type { DocumentReader, ReadDocument } from '../../../electron/core/services/reader/reader.types';
import { createTextReader, lineExtract, tempDir, textFile } from '../../helpers/fakes';

/** The text reader, but every page comes back as OCR with one word per character, each line 0.05 of the page apart. */
function createWordReader(): DocumentReader {
  const inner = createTextReader();
  const withWords = (doc: ReadDocument): ReadDocument => ({
    ...doc,
    source: 'ocr',
    pages: doc.pages.map((p) => ({
      ...p,
      words: p.text.split('\n').flatMap((l, k) =>
        [...l].map((ch, i) => ({
          text: ch,
          confidence: ch === '7' ? 55 : 93,
          bbox: { x0: 0.1 + i * 0.02, y0: 0.1 + k * 0.05, x1: 0.12 + i * 0.02, y1: 0.13 + k * 0.05 },
        })),
      ),
    })),
  });
  return {
    readFile: async (f, o) => withWords(await inner.readFile(f, o)),
    readPages: async (fs, o) => withWords(await inner.readPages(fs, o)),
    close: async () => undefined,
  };
}

let dir: string;
let cleanup: () => Promise<void>;
let app: XinfangApp;

const open = async (reader: DocumentReader) =>
  createApp({
    dataDir: dir,
    logger: silentLogger,
    reader,
    extract: lineExtract,
    now: () => new Date('2026-03-02T08:00:00Z'),
  });

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => {
  await app.close();
  await cleanup();
});

const notice = () =>
  textFile('notice.txt', ['国家信访局', '国信发〔2019〕7号', '关于做好信访工作的通知', '2019-05-07']);
const layoutFile = (id: string) => join(dir, 'layouts', id.slice(-2), `${id}.json`);

describe('the OCR layout sidecar', () => {
  it('is written at import and served through the API, compact and by page', async () => {
    app = await open(createWordReader());
    const { document } = await app.documents.importFile(notice());
    const onDisk = JSON.parse(await readFile(layoutFile(document.id), 'utf8')) as {
      version: number;
      pages: unknown[][];
    };
    expect(onDisk.version).toBe(1);
    expect(onDisk.pages[0]![0]).toEqual(['国', 93, 0.1, 0.1, 0.12, 0.13]);
    const layout = await dispatch(app.api, 'documents.ocrLayout', { id: document.id });
    expect(layout).toMatchObject({ ok: true, value: { version: 1, pages: [expect.any(Array)] } });
  });

  it('is absent for a document read without OCR words, and the API answers null', async () => {
    app = await open(createTextReader());
    const { document } = await app.documents.importFile(notice());
    await expect(readFile(layoutFile(document.id))).rejects.toThrow();
    expect(await dispatch(app.api, 'documents.ocrLayout', { id: document.id })).toEqual({ ok: true, value: null });
  });

  it('answers null, without an error, for a damaged or foreign-shaped sidecar, and the document still opens', async () => {
    app = await open(createWordReader());
    const { document } = await app.documents.importFile(notice());
    await writeFile(layoutFile(document.id), '{"version":1,"pages":[[["国",9');
    expect(await dispatch(app.api, 'documents.ocrLayout', { id: document.id })).toEqual({ ok: true, value: null });
    await writeFile(layoutFile(document.id), JSON.stringify({ version: 1, pages: [{ words: 'x' }] }));
    expect(await dispatch(app.api, 'documents.ocrLayout', { id: document.id })).toEqual({ ok: true, value: null });
    await rm(join(dir, 'layouts'), { recursive: true });
    await mkdir(join(dir, 'layouts'));
    expect(await dispatch(app.api, 'documents.ocrLayout', { id: document.id })).toEqual({ ok: true, value: null });
    expect((await app.documents.get(document.id)).fields.docNumber).toBe('国信发〔2019〕7号');
  });

  it('offers, with the document, the bodies the registry knows for its 文号 机关代字', async () => {
    app = await open(createWordReader());
    const { document } = await app.documents.importFile(notice());
    expect((await app.documents.get(document.id)).bodyCandidates).toContain('国家信访局');
  });

  it('answers a clear Chinese error for an unknown document', async () => {
    app = await open(createWordReader());
    expect(await dispatch(app.api, 'documents.ocrLayout', { id: 'd0000099' })).toMatchObject({
      ok: false,
      error: { code: 'document.not_found', message: expect.stringMatching(/找不到/) },
    });
  });
});
