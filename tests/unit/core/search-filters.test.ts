import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createApp, type XinfangApp } from '../../../electron/core/create-app';
import { dispatch } from '../../../electron/core/dispatch';
import { silentLogger } from '../../../electron/core/logger';
import type { ArchiveFilters } from '../../../shared/api/archive.contract';
import type { RegisterInput } from '../../../shared/api/cases.contract';
import { createTextReader, lineExtract, tempDir, textFile } from '../../helpers/fakes';

/** The search filters has-deadline and 信访件状态 through the contract (issue 7). */
let dir: string;
let cleanup: () => Promise<void>;
let app: XinfangApp;
let clock: Date;
const at = (isoDate: string) => {
  clock = new Date(`${isoDate}T02:00:00Z`);
};

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  at('2025-08-05');
  app = await createApp({
    dataDir: dir,
    logger: silentLogger,
    reader: createTextReader(),
    extract: lineExtract,
    now: () => clock,
    watch: false,
  });
});
afterEach(async () => {
  await app.close();
  await cleanup();
});

type Fields = Parameters<XinfangApp['api']['documents.save']>[0]['fields'];
const TASK = {
  due: '2025-09-30',
  dueText: '9月底之前',
  task: '报送信访工作情况',
  reportTo: '市信访局',
  withinDays: null,
  unit: null,
} as const;

async function file(n: number, extra: Partial<Fields> = {}): Promise<string> {
  const { document } = await app.documents.importFile(
    textFile(`f${n}.txt`, [
      '某市信访局',
      `某信发〔2025〕${n}号`,
      `关于第${n}项信访工作的通知`,
      '2025-07-01',
      `正文${n}。`,
    ]),
  );
  await app.api['documents.save']({ id: document.id, fields: { ...document.fields, docType: '通知', ...extra } });
  return document.id;
}

const register = (documentIds: string[], name: string): Promise<{ id: string }> =>
  app.cases.register({
    fields: {
      form: 'letter',
      petitioners: [{ name, idNumber: '', phone: '', address: `${name}家住某县某村` }],
      headcount: 1,
      region: '河北省石家庄市长安区',
      topic: '城乡建设',
      claimRoute: 'opinion',
      summary: `${name}反映房屋拆迁补偿问题。`,
      request: `${name}请求落实补偿款。`,
      documentIds,
    },
    receivedOn: '2025-08-04',
    registeredOn: '2025-08-05',
    by: '李登记',
    source: 'direct',
    category: 'claim',
  } satisfies RegisterInput);

const step = (id: string, s: Record<string, unknown>) =>
  app.cases.step(id, { by: '王办理', on: '2025-08-05', ...s } as Parameters<XinfangApp['cases']['step']>[1]);

const ids = async (filters: ArchiveFilters, query = ''): Promise<string[]> =>
  (await app.api['archive.search']({ query, filters, limit: 100 })).hits.map((h) => h.document.id).sort();

describe('has-deadline filter', () => {
  it('keeps documents whose fields carry deadlines, or those without, and combines with the query', async () => {
    const withTask = await file(1, { deadlines: [TASK] });
    const relative = await file(2, {
      deadlines: [{ ...TASK, due: null, dueText: '收到后15日内', withinDays: 15, unit: '日' }],
    });
    const none = await file(3);
    expect(await ids({ hasDeadline: true })).toEqual([withTask, relative].sort());
    expect(await ids({ hasDeadline: false })).toEqual([none]);
    expect(await ids({ hasDeadline: true }, '第1项')).toEqual([withTask]);
    // Correcting the record (deadline removed on the review screen) changes the answer at once.
    const rec = app.store.getDocument(withTask)!;
    await app.api['documents.save']({ id: withTask, fields: { ...rec.fields, deadlines: [] } });
    expect(await ids({ hasDeadline: true })).toEqual([relative]);
  });
});

describe('信访件状态 filter', () => {
  it('lists documents by the status of the cases listing them, and follows case changes and the day', async () => {
    const notice = await file(1);
    const running = await file(2);
    const late = await file(3);
    const done = await file(4);
    const a = await register([running], '张三');
    await step(a.id, { type: 'accept' });
    await step(a.id, { type: 'notify' });
    await register([late], '李四');
    const c = await register([done], '王五');
    await step(c.id, { type: 'accept' });
    await step(c.id, { type: 'notify' });
    await step(c.id, { type: 'issue_opinion', outcome: 'support' });
    await step(c.id, { type: 'serve' });
    await step(c.id, { type: 'close', confirmIncomplete: true });

    expect(await ids({ caseStatus: 'linked' })).toEqual([running, late, done].sort());
    expect(await ids({ caseStatus: 'open' })).toEqual([running, late].sort());
    expect(await ids({ caseStatus: 'closed' })).toEqual([done]);
    expect(await ids({ caseStatus: 'unlinked' })).toEqual([notice]);
    expect(await ids({ caseStatus: 'overdue' })).toEqual([]);

    // The 15-day 登记/分流 clock of 李四's case ran out on 08-19: on 08-20 it is 已逾期, the others are not.
    at('2025-08-20');
    expect(await ids({ caseStatus: 'overdue' })).toEqual([late]);
    expect(await ids({ caseStatus: 'overdue' }, '第2项')).toEqual([]);

    // A new case listing the notice: the map is rebuilt, the notice is linked now.
    await register([notice], '赵六');
    expect(await ids({ caseStatus: 'unlinked' })).toEqual([]);
    expect(await ids({ caseStatus: 'linked', hasDeadline: false })).toEqual([notice, running, late, done].sort());
  });

  it('keeps the documentId → case map, updates only a changed case, and reads every case again the next day', async () => {
    const d = await file(1);
    const other = await file(2);
    const c = await register([d], '张三');
    await register([other], '李四');
    const first = app.cases.documentCaseLinks();
    expect(app.cases.documentCaseLinks()).toBe(first);
    await ids({ caseStatus: 'open' });
    expect(app.cases.documentCaseLinks()).toBe(first);
    const mine = first.get(d);
    const theirs = first.get(other);
    expect(mine).toEqual([{ caseId: c.id, number: expect.any(String), statuses: ['linked', 'open'] }]);
    await step(c.id, { type: 'accept' });
    const afterStep = app.cases.documentCaseLinks();
    // The stepped case's list is replaced (a list already handed out never changes); the other case's is kept.
    expect(afterStep.get(d)).not.toBe(mine);
    expect(afterStep.get(d)).toEqual(mine);
    expect(afterStep.get(other)).toBe(theirs);
    at('2025-08-06');
    const nextDay = app.cases.documentCaseLinks();
    expect(nextDay).not.toBe(afterStep);
    expect(nextDay.get(other)).not.toBe(theirs);
    expect(nextDay.get(other)).toEqual(theirs);
  });

  it('refuses an unknown status with a Chinese validation message and answers nothing else', async () => {
    const r = await dispatch(app.api, 'archive.search', { query: '', filters: { caseStatus: '待定' } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('validation.invalid_input');
      expect(r.error.message).toMatch(/信访件状态只能是/);
    }
    const bad = await dispatch(app.api, 'archive.search', { query: '', filters: { hasDeadline: 'yes' } });
    expect(bad.ok).toBe(false);
  });
});

describe('search-results export with the new filters', () => {
  it('exports only the filtered documents with their deadlines and linked cases', async () => {
    const withTask = await file(1, { deadlines: [TASK] });
    await file(2);
    const c = await register([withTask], '张三');
    const number = app.cases.get(c.id).number;
    const xlsx = await app.api['archive.exportSearch']({
      query: '',
      filters: { hasDeadline: true, caseStatus: 'open' },
      format: 'xlsx',
    });
    expect(xlsx.rows).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    const row = (ws.getRow(3).values as unknown[]).slice(1);
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('办理期限')).toBe('2025-09-30（9月底之前） 报送信访工作情况');
    expect(cell('关联信访件')).toBe(`${number}（办理中）`);
    expect(cell('编号')).toBe(withTask);
    const csv = await app.api['archive.exportSearch']({ query: '', filters: { hasDeadline: false }, format: 'csv' });
    const text = Buffer.from(csv.dataBase64, 'base64').toString('utf8');
    expect(text.split('\r\n')[0]).toContain('办理期限,关联信访件');
    expect(csv.rows).toBe(1);
  });
});
