import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createApp, type XinfangApp } from '../../../electron/core/create-app';
import { dispatch } from '../../../electron/core/dispatch';
import { silentLogger } from '../../../electron/core/logger';
import type { ImportProgress } from '../../../shared/api/contract';
import { createTextReader, lineExtract, tempDir, textFile } from '../../helpers/fakes';

let dir: string;
let cleanup: () => Promise<void>;
let app: XinfangApp;
let reader: ReturnType<typeof createTextReader>;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  reader = createTextReader();
  app = await createApp({
    dataDir: dir,
    logger: silentLogger,
    reader,
    extract: lineExtract,
    now: () => new Date('2026-03-02T08:00:00Z'),
  });
});
afterEach(async () => {
  await app.close();
  await cleanup();
});

const notice = (n: number, body = '国家信访局', year = 2019) =>
  textFile(`notice-${n}.txt`, [
    body,
    `国信发〔${year}〕${n}号`,
    `关于做好第${n}批信访事项办理工作的通知`,
    `${year}-0${(n % 9) + 1}-01`,
    `正文第${n}份，学习宣传信访工作条例。`,
  ]);

describe('importing, reviewing and filing documents', () => {
  it('puts a newly read file in the review queue with the extracted fields as a suggestion', async () => {
    const events: ImportProgress[] = [];
    app.onEvent((e) => e.name === 'intake.progress' && events.push(e.payload));
    const { document, duplicate } = await app.documents.importFile(notice(3), 'ref-1');
    expect(duplicate).toBe(false);
    expect(document.status).toBe('review');
    expect(document.fields.docNumber).toBe('国信发〔2019〕3号');
    expect(app.documents.reviewQueue().map((d) => d.id)).toEqual([document.id]);
    expect(events.at(-1)).toMatchObject({ ref: 'ref-1', stage: 'done', percent: 100 });
    expect(events.some((e) => e.stage === 'ocr')).toBe(true);
    const detail = await app.documents.get(document.id);
    expect(detail.text).toContain('学习宣传信访工作条例');
    expect(detail.suggested.title).toBe('关于做好第3批信访事项办理工作的通知');
  });

  it('returns the existing record when the same file is imported again, without reading it twice', async () => {
    const first = await app.documents.importFile(notice(3));
    const again = await app.documents.importFile({ name: 'renamed-copy.txt', bytes: notice(3).bytes });
    expect(again).toMatchObject({ duplicate: true, document: { id: first.document.id } });
    expect(reader.reads).toBe(1);
    expect(app.store.allDocuments()).toHaveLength(1);
  });

  it('files a document with the corrected fields and keeps what the extractor suggested', async () => {
    const { document } = await app.documents.importFile(notice(3));
    const saved = await app.documents.save(document.id, {
      ...document.fields,
      title: '  更正后的标题  ',
      issuingBodies: ['国家信访局', ' '],
    });
    expect(saved).toMatchObject({
      status: 'filed',
      filedAt: '2026-03-02T08:00:00.000Z',
      fields: { title: '更正后的标题', issuingBodies: ['国家信访局'] },
    });
    expect((await app.documents.get(document.id)).suggested.title).toBe('关于做好第3批信访事项办理工作的通知');
    expect(app.documents.reviewQueue()).toEqual([]);
    expect(app.documents.search('更正后的标题').hits[0]?.document.id).toBe(document.id);
  });

  it('groups the archive by issuing body and year and sorts each year by 文号 sequence', async () => {
    for (const n of [12, 2, 7]) {
      const { document } = await app.documents.importFile(notice(n));
      await app.documents.save(document.id, document.fields);
    }
    const { document } = await app.documents.importFile(notice(1, '县住房和城乡建设局', 2021));
    await app.documents.save(document.id, document.fields);
    const tree = await app.api['archive.browse']({ by: 'body' });
    expect(tree.map((b) => b.label).sort()).toEqual(['国家信访局', '县住房和城乡建设局'].sort());
    const gx = tree.find((b) => b.label === '国家信访局')!;
    expect(gx.count).toBe(3);
    expect(gx.children[0]!.group).toEqual({ body: '国家信访局', year: 2019 });
    const year = await app.api['archive.groupDocuments'](gx.children[0]!.group!);
    // By number, not as text: 2, 7, 12.
    expect(year.documents.map((d) => d.fields.docNumber)).toEqual([
      '国信发〔2019〕2号',
      '国信发〔2019〕7号',
      '国信发〔2019〕12号',
    ]);
  });

  it('finds a filed document by 文号 fragments written in different ways and by a word of its body', async () => {
    for (const n of [3, 13, 30]) {
      const { document } = await app.documents.importFile(notice(n));
      await app.documents.save(document.id, document.fields);
    }
    const top = (q: string) => app.documents.search(q).hits.map((h) => h.document.fields.docNumber);
    expect(top('国信发〔2019〕3号')).toEqual(['国信发〔2019〕3号']);
    expect(top('〔2019〕3号')).toEqual(['国信发〔2019〕3号']);
    expect(top('国信发[2019]13')).toEqual(['国信发〔2019〕13号']);
    expect(top('国信发 2019 30')).toEqual(['国信发〔2019〕30号']);
    expect(top('正文第13份')).toEqual(['国信发〔2019〕13号']);
    expect(app.documents.search('学习宣传').total).toBe(3);
    expect(app.documents.search('不存在的词语').total).toBe(0);
    const hit = app.documents.search('学习宣传').hits[0]!;
    const [s, e] = hit.highlights[0]!;
    expect(hit.snippet.slice(s, e)).toBe('学习宣传');
  });

  it('rejects a bad file with a Chinese error, writes nothing for it, and leaves filed documents untouched', async () => {
    const { document } = await app.documents.importFile(notice(5));
    const filed = await app.documents.save(document.id, document.fields);
    await expect(
      app.documents.importFile({ name: '假的.pdf', bytes: Buffer.from('%PDF-1.4 garbage') }),
    ).rejects.toMatchObject({ code: 'file.corrupt' });
    await expect(app.documents.importFile({ name: '空.jpg', bytes: Buffer.alloc(0) })).rejects.toMatchObject({
      code: 'file.empty',
      message: expect.stringContaining('空的'),
    });
    expect(app.store.allDocuments()).toHaveLength(1);
    expect(app.store.getDocument(filed.id)).toMatchObject({ status: 'filed', updatedAt: filed.updatedAt });
    const shards = await readdir(join(dir, 'files'));
    expect(shards).toHaveLength(1);
  });

  it('refuses a file over 150 MB before reading it', async () => {
    const big = { name: 'huge.tif', bytes: Buffer.alloc(150 * 1024 * 1024 + 1) };
    await expect(app.documents.importFile(big)).rejects.toMatchObject({
      code: 'file.too_large',
      message: expect.stringContaining('150 MB'),
    });
    expect(reader.reads).toBe(0);
  });

  it('reports an unknown id with a Chinese not-found error', async () => {
    await expect(app.documents.get('d9999999')).rejects.toMatchObject({ code: 'document.not_found' });
  });

  it('keeps filed documents and the index across a restart', async () => {
    const { document } = await app.documents.importFile(notice(8));
    await app.documents.save(document.id, document.fields);
    await app.close();
    app = await createApp({ dataDir: dir, logger: silentLogger, reader: createTextReader(), extract: lineExtract });
    expect(app.documents.search('〔2019〕8号').hits.map((h) => h.document.id)).toEqual([document.id]);
    expect(app.documents.listFiled()).toHaveLength(1);
  });
});

describe('damage and failed start-up', () => {
  it("opens the folder even when one document's text file is damaged, and says which document when it is opened", async () => {
    const { document } = await app.documents.importFile(notice(6));
    await app.documents.save(document.id, document.fields);
    await app.close();
    const textFile = join(dir, 'texts', document.id.slice(-2), `${document.id}.json`);
    await writeFile(textFile, '{"pages":["半截');
    app = await createApp({ dataDir: dir, logger: silentLogger, reader: createTextReader(), extract: lineExtract });
    expect(app.documents.search('国信发〔2019〕6号').hits.map((h) => h.document.id)).toEqual([document.id]);
    await expect(app.documents.get(document.id)).rejects.toMatchObject({
      code: 'store.corrupt',
      message: expect.stringContaining(document.id),
    });
    const saved = await app.documents.save(document.id, { ...document.fields, title: '更正' });
    expect(saved.fields.title).toBe('更正');
  });
});

describe('the request dispatcher every transport uses', () => {
  it('validates input against the contract and answers errors as data', async () => {
    expect(await dispatch(app.api, 'documents.get', { id: '../etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'validation.invalid_input' },
    });
    expect(await dispatch(app.api, 'no.such', {})).toMatchObject({ ok: false, error: { code: 'request.unknown' } });
    expect(await dispatch(app.api, 'documents.get', { id: 'd0000404' })).toMatchObject({
      ok: false,
      error: { code: 'document.not_found' },
    });
    const info = await dispatch(app.api, 'app.info', {});
    expect(info).toMatchObject({ ok: true, value: { name: '信访文书台', documents: 0, reviewQueue: 0 } });
  });

  it('imports a base64 upload and serves its page preview', async () => {
    const r = await dispatch(app.api, 'intake.importFile', {
      name: 'n.txt',
      dataBase64: Buffer.from(notice(4).bytes).toString('base64'),
    });
    expect(r.ok).toBe(true);
    const id = (r as { value: { document: { id: string } } }).value.document.id;
    expect(await dispatch(app.api, 'documents.pageImage', { id, page: 1 })).toMatchObject({
      ok: true,
      value: { mime: 'image/jpeg', width: 10, height: 14 },
    });
    expect(await dispatch(app.api, 'documents.pageImage', { id, page: 2 })).toMatchObject({
      ok: false,
      error: { code: 'document.not_found' },
    });
  });
});
