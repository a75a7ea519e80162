import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { rm, writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createApp, type XinfangApp } from '../../../electron/core/create-app';
import { dispatch } from '../../../electron/core/dispatch';
import { silentLogger, type Logger } from '../../../electron/core/logger';
import { INDEX_FILE, JOURNAL_FILE } from '../../../electron/core/services/search/persistent-index';
import { createTextReader, lineExtract, tempDir, textFile } from '../../helpers/fakes';

let dir: string;
let cleanup: () => Promise<void>;
let app: XinfangApp;

const open = (logger: Logger = silentLogger) =>
  createApp({
    dataDir: dir,
    logger,
    reader: createTextReader(),
    extract: lineExtract,
    now: () => new Date('2026-03-02T08:00:00Z'),
    watch: false,
  });

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  app = await open();
});
afterEach(async () => {
  await app.close();
  await cleanup();
});

async function file(
  name: string,
  lines: string[],
  fields: Partial<Parameters<XinfangApp['api']['documents.save']>[0]['fields']> = {},
) {
  const { document } = await app.documents.importFile(textFile(name, lines));
  return app.api['documents.save']({ id: document.id, fields: { ...document.fields, ...fields } });
}

const notice = (n: number, extra: Partial<Parameters<XinfangApp['api']['documents.save']>[0]['fields']> = {}) =>
  file(
    `n${n}-${Math.random()}.txt`,
    [
      '国家信访局',
      `国信发〔2019〕${n}号`,
      `关于第${n}批信访事项的通知`,
      `2019-0${n}-01`,
      `正文第${n}份，学习宣传信访工作条例。`,
      `扫描 ${Math.random()}`,
    ],
    { docType: '通知', ...extra },
  );

describe('archive search through the contract', () => {
  it('filters by body, year, 文种 and 密级 and sorts by date or 文号', async () => {
    await notice(2);
    await notice(1, { classification: '秘密' });
    await notice(3, { docType: '通报' });
    await file('other.txt', ['某县住房和城乡建设局', '县建发〔2020〕5号', '关于信访事项的函', '2020-05-01', '信访'], {
      docType: '函',
    });

    const all = await app.api['archive.search']({ query: '信访', sort: 'docNumber' });
    expect(all.total).toBe(4);
    // 机关代字 in pinyin order (guo before xian), as the archive tree lists them.
    expect(all.hits.map((h) => h.document.fields.docNumber)).toEqual([
      '国信发〔2019〕1号',
      '国信发〔2019〕2号',
      '国信发〔2019〕3号',
      '县建发〔2020〕5号',
    ]);
    const byAlias = await app.api['archive.search']({ query: '信访', filters: { body: '县住建局' } });
    expect(byAlias.hits.map((h) => h.document.fields.docNumber)).toEqual(['县建发〔2020〕5号']);
    const secret = await app.api['archive.search']({ query: '', filters: { classification: '秘密' } });
    expect(secret.hits.map((h) => h.document.fields.docNumber)).toEqual(['国信发〔2019〕1号']);
    const typed = await app.api['archive.search']({
      query: '信访',
      filters: { docType: '通报', yearFrom: 2019, yearTo: 2019 },
    });
    expect(typed.total).toBe(1);
    const byDate = await app.api['archive.search']({ query: '通知', sort: 'date', dir: 'desc' });
    expect(byDate.hits.map((h) => h.document.fields.signingDate)).toEqual(['2019-03-01', '2019-02-01', '2019-01-01']);
    const frag = await app.api['archive.search']({ query: '国信发 2019 3' });
    expect(frag.docNumberQuery).toBe(true);
    expect(frag.hits[0]!.document.fields.docNumber).toBe('国信发〔2019〕3号');
  });

  it('refuses a query over 1,000 characters with a validation error instead of crashing', async () => {
    const r = await dispatch(app.api, 'archive.search', { query: '信'.repeat(1001) });
    expect(r.ok).toBe(false);
    const ok = await dispatch(app.api, 'archive.search', { query: '信访'.repeat(500) });
    expect(ok.ok).toBe(true);
  });
});

describe('browsing the archive', () => {
  it('shows bodies, years and the numbers missing from a 文号 sequence', async () => {
    await notice(1);
    await notice(2);
    await notice(4);
    const tree = await app.api['archive.browse']({ by: 'body' });
    expect(tree).toHaveLength(1);
    expect(tree[0]!.label).toBe('国家信访局');
    const year = tree[0]!.children[0]!;
    expect(year.label).toBe('2019年');
    expect(year.sequences).toEqual([
      { code: '国信发〔2019〕', count: 3, first: 1, last: 4, missing: [3], moreMissing: 0 },
    ]);
    const listed = await app.api['archive.search']({ query: '', filters: year.filters });
    expect(listed.total).toBe(3);
    const types = await app.api['archive.browse']({ by: 'docType' });
    expect(types.map((t) => [t.label, t.count])).toEqual([['通知', 3]]);
    const months = await app.api['archive.browse']({ by: 'month' });
    expect(months.map((m) => m.label)).toEqual(['2026年3月']);
  });

  it('pages through one body-year in 文号 order, with the body-less and year-less groups on their own', async () => {
    for (const n of [4, 1, 3, 2]) await notice(n);
    await file('nobody.txt', ['关于某事的说明', '2019-05-01', '正文'], { issuingBodies: [], docNumber: null });
    await file('noyear.txt', ['国家信访局', '关于某事的说明', '正文'], {
      issuingBodies: ['国家信访局'],
      docNumber: null,
      signingDate: null,
    });
    const tree = await app.api['archive.browse']({ by: 'body' });
    const body = tree.find((b) => b.label === '国家信访局')!;
    const y2019 = body.children.find((y) => y.label === '2019年')!;
    expect(y2019.group).toEqual({ body: '国家信访局', year: 2019 });
    const first = await app.api['archive.groupDocuments']({ ...y2019.group!, limit: 3 });
    expect(first.total).toBe(4);
    expect(first.documents.map((d) => d.fields.docNumber)).toEqual([
      '国信发〔2019〕1号',
      '国信发〔2019〕2号',
      '国信发〔2019〕3号',
    ]);
    const second = await app.api['archive.groupDocuments']({ ...y2019.group!, offset: 3, limit: 3 });
    expect(second.documents.map((d) => d.fields.docNumber)).toEqual(['国信发〔2019〕4号']);

    const noYear = body.children.find((y) => y.group?.year === null)!;
    const undated = await app.api['archive.groupDocuments'](noYear.group!);
    expect(undated.documents.map((d) => d.originalName)).toEqual(['noyear.txt']);
    const unknown = tree.find((b) => b.label !== '国家信访局')!;
    const bodiless = await app.api['archive.groupDocuments'](unknown.children[0]!.group!);
    expect(bodiless.documents.map((d) => d.originalName)).toEqual(['nobody.txt']);
    // Past the end: an empty page with the total, not an error.
    const past = await app.api['archive.groupDocuments']({ ...y2019.group!, offset: 40 });
    expect(past).toMatchObject({ total: 4, offset: 4, documents: [] });

    // The tree is cached until a record changes: a newly filed document shows at once.
    await notice(5);
    const again = await app.api['archive.browse']({ by: 'body' });
    expect(again.find((b) => b.label === '国家信访局')!.children.find((y) => y.label === '2019年')!.count).toBe(5);
  });

  it('offers a second scan with the same 文号 and body as another copy of the document', async () => {
    const a = await notice(5);
    const b = await notice(5);
    expect(a.id).not.toBe(b.id);
    const copies = await app.api['archive.copies']({ id: a.id });
    expect(copies.sameNumber.map((d) => d.id)).toEqual([b.id]);
  });
});

describe('related documents', () => {
  it('links 文号 citations both ways and flags a re-typed copy as a near-duplicate, not an unrelated text', async () => {
    const body =
      '为深入学习宣传贯彻信访工作条例，推动信访工作规范化建设，经研究决定在全市开展专项活动。各单位要高度重视，认真组织，确保取得实效，并于六月底前报送工作总结。';
    const a = await file('a.txt', ['国家信访局', '国信发〔2019〕3号', '关于开展专项活动的通知', '2019-03-01', body]);
    const b = await file(
      'b.txt',
      [
        '某市信访局',
        '市信发〔2019〕8号',
        '关于转发国信发〔2019〕3号的通知',
        '2019-04-01',
        `转发如下。${body.replace('规范化', '规苑化')}`,
      ],
      { referencedDocNumbers: ['国信发[2019]3号'] },
    );
    const c = await file('c.txt', [
      '某县水利局',
      '县水发〔2020〕1号',
      '关于防汛的通知',
      '2020-05-01',
      '各乡镇要落实防汛责任制，加强巡查，确保安全度汛，汛期实行二十四小时值班。',
    ]);
    const ra = await app.api['archive.related']({ id: a.id });
    expect(ra.citedBy.map((d) => d.id)).toEqual([b.id]);
    expect(ra.similar.map((s) => s.document.id)).toEqual([b.id]);
    expect(ra.similar[0]!.nearDuplicate).toBe(true);
    const rb = await app.api['archive.related']({ id: b.id });
    expect(rb.cites.map((d) => d.id)).toEqual([a.id]);
    const rc = await app.api['archive.related']({ id: c.id });
    expect(rc).toEqual({ cites: [], citedBy: [], similar: [] });
    const missing = await dispatch(app.api, 'archive.related', { id: 'd9999999' });
    expect(missing.ok ? null : missing.error.code).toBe('document.not_found');
  });
});

describe('DA/T 22 archiving and exports', () => {
  it('allocates 档号 in 文号 order per retention class and never renumbers', async () => {
    await notice(2);
    await notice(1);
    await file('decision.txt', ['国家信访局', '国信发〔2019〕9号', '关于表彰的决定', '2019-09-01', '决定正文'], {
      docType: '决定',
    });
    const views = await app.api['archive.entries']({ year: 2019 });
    expect(views.map((v) => v.suggested.retention)).toEqual(['定期30年', '定期30年', '永久']);

    const r = await app.api['archive.assignNumbers']({ year: 2019, fonds: 'X001', org: 'BGS' });
    expect(r.assigned).toBe(3);
    expect(r.entries.map((v) => v.entry?.archiveNumber)).toEqual([
      'X001-WS·2019-D30-BGS-0001',
      'X001-WS·2019-D30-BGS-0002',
      'X001-WS·2019-Y-BGS-0001',
    ]);
    await notice(3);
    const again = await app.api['archive.assignNumbers']({ year: 2019, fonds: 'X001', org: 'BGS' });
    expect(again.assigned).toBe(1);
    expect(again.entries.find((v) => v.document.fields.docNumber === '国信发〔2019〕3号')!.entry!.archiveNumber).toBe(
      'X001-WS·2019-D30-BGS-0003',
    );
    const numbered = again.entries[0]!;
    const refused = await dispatch(app.api, 'archive.setRetention', { id: numbered.document.id, retention: '永久' });
    expect(refused.ok ? null : refused.error.code).toBe('archive.already_numbered');
  });

  it('exports the 归档文件目录, the 收文登记簿 and search results as spreadsheets', async () => {
    await notice(1);
    await app.api['archive.assignNumbers']({ year: 2019, fonds: 'X001' });
    const cat = await app.api['archive.exportCatalogue']({ year: 2019 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(cat.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).values).toEqual([
      undefined,
      '序号',
      '档号',
      '文号',
      '责任者',
      '题名',
      '日期',
      '密级',
      '页数',
      '备注',
    ]);
    expect(ws.getRow(3).getCell(2).value).toBe('X001-WS·2019-D30-0001');
    expect(ws.getRow(3).getCell(6).value).toBe('20190101');

    const reg = await app.api['archive.exportRegister']({ from: '2026-03-01', to: '2026-03-31' });
    expect(reg.rows).toBe(1);
    const csv = await app.api['archive.exportSearch']({ query: '信访', format: 'csv' });
    const text = Buffer.from(csv.dataBase64, 'base64').toString('utf8');
    expect(text.startsWith('\ufeff序号,文号')).toBe(true);
    expect(text).toContain('国信发〔2019〕1号');
    const empty = await dispatch(app.api, 'archive.exportCatalogue', { year: 2001 });
    expect(empty.ok ? null : empty.error.code).toBe('archive.nothing_to_export');
  });
});

describe('the persisted index in the data folder', () => {
  it('is saved on close, loaded at the next start, and catches up with records it missed', async () => {
    await notice(1);
    await app.close();
    app = await open();
    expect((await app.api['archive.search']({ query: '信访' })).total).toBe(1);
    // A filing whose journal line was lost (crash): the record is newer than the index.
    await notice(2);
    await app.close();
    await writeFile(join(dir, 'index', JOURNAL_FILE), '');
    app = await open();
    expect((await app.api['archive.search']({ query: '第2批' })).total).toBe(1);
  });

  it('rebuilds from the records when the index file is corrupt, and says so in the log', async () => {
    await notice(1);
    await app.close();
    const path = join(dir, 'index', INDEX_FILE);
    const bytes = await readFile(path);
    bytes[10] ^= 0xff;
    await writeFile(path, bytes);
    const lines: string[] = [];
    const log = (msg: string, meta?: Record<string, unknown>) => lines.push(`${msg} ${JSON.stringify(meta ?? {})}`);
    app = await open({ debug: log, info: log, warn: log, error: log });
    expect(lines.join('\n')).toMatch(/search index unusable/);
    expect((await app.api['archive.search']({ query: '信访' })).total).toBe(1);
    await rm(path);
  });
});
