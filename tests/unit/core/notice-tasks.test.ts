import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type XinfangApp } from '../../../electron/core/create-app';
import { dispatch } from '../../../electron/core/dispatch';
import { silentLogger } from '../../../electron/core/logger';
import type { DocumentReader } from '../../../electron/core/services/reader/reader.types';
import type { DocumentFieldsInput } from '../../../shared/api/contract';
import { createTextReader, lineExtract, tempDir, textFile } from '../../helpers/fakes';

let dir: string;
let cleanup: () => Promise<void>;
let app: XinfangApp;
let clock: Date;

const open = (reader: DocumentReader = createTextReader()) =>
  createApp({ dataDir: dir, logger: silentLogger, reader, extract: lineExtract, now: () => clock, watch: false });

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  clock = new Date('2025-08-05T02:00:00Z'); // 2025-08-05 10:00 北京时间
  app = await open();
});
afterEach(async () => {
  await app.close();
  await cleanup();
});

const at = (isoDate: string) => {
  clock = new Date(`${isoDate}T02:00:00Z`);
};

type Deadlines = NonNullable<DocumentFieldsInput['deadlines']>;
const report = {
  due: '2025-08-08',
  dueText: '8月8日前',
  task: '报送材料',
  reportTo: '市信访局',
  withinDays: null,
  unit: null,
};
const feedback = {
  due: '2025-09-01',
  dueText: '9月1日前',
  task: '反馈整改情况',
  reportTo: null,
  withinDays: null,
  unit: null,
};

/** Files a notice with these deadlines and returns its id. */
async function fileNotice(deadlines: Deadlines = [report, feedback], name = 'notice.txt'): Promise<string> {
  const { document } = await app.documents.importFile(
    textFile(name, ['冀信办', '冀信办〔2025〕9号', '关于报送材料的通知']),
  );
  await app.documents.save(document.id, { ...document.fields, deadlines });
  return document.id;
}

const keysOf = async (id: string) => ((await app.documents.get(id)).tasks ?? []).map((t) => t.key);

describe('marking a notice task done', () => {
  it('takes it out of the open tasks (and so out of the counts and reminders) into doneTasks with who, when and the note', async () => {
    const id = await fileNotice();
    const [k1] = await keysOf(id);
    expect(app.cases.due().tasks.map((t) => t.task)).toEqual(['报送材料', '反馈整改情况']);

    const states = await app.api['documents.completeTask']({ id, key: k1!, by: ' 李四 ', note: '已报市局' });
    expect(states[0]).toEqual({ key: k1, done: { by: '李四', at: clock.toISOString(), note: '已报市局' } });
    expect(states[1]?.done).toBeNull();

    const due = app.cases.due();
    expect(due.tasks.map((t) => t.task)).toEqual(['反馈整改情况']);
    expect(due.doneTasks).toEqual([
      expect.objectContaining({ documentId: id, key: k1, status: 'done', task: '报送材料', done: states[0]!.done }),
    ]);
    // Overdue later: still not counted, because it is done.
    at('2025-08-20');
    expect(app.cases.due().tasks.filter((t) => t.status === 'overdue')).toEqual([]);
  });

  it('writes who marked it done and who undid it to the audit trail, with the task and the note', async () => {
    const id = await fileNotice();
    const [k1] = await keysOf(id);
    await app.api['documents.completeTask']({ id, key: k1!, by: '李四', note: '已报' });
    await app.api['documents.reopenTask']({ id, key: k1!, by: '王五', note: '材料被退回' });
    const trail = await app.audit.forEntity('document', id);
    const tail = trail.slice(-2);
    expect(tail.map((e) => [e.action, e.actor])).toEqual([
      ['document.task_done', '李四'],
      ['document.task_reopen', '王五'],
    ]);
    expect(tail[0]).toMatchObject({ after: { note: '已报', task: '报送材料' }, detail: { dueText: '8月8日前' } });
    expect(tail[1]).toMatchObject({ before: { by: '李四' }, after: null, detail: { note: '材料被退回' } });
    expect((await app.audit.verify()).ok).toBe(true);
  });

  it('reopens a task with 撤销完成: it is due (and overdue) again', async () => {
    const id = await fileNotice();
    const [k1] = await keysOf(id);
    await app.api['documents.completeTask']({ id, key: k1!, by: '李四' });
    at('2025-08-11');
    await app.api['documents.reopenTask']({ id, key: k1!, by: '李四' });
    const due = app.cases.due();
    expect(due.doneTasks).toEqual([]);
    expect(due.tasks[0]).toMatchObject({ key: k1, status: 'overdue', done: null });
  });

  it('keeps it done across a restart, a field correction, a corrected date and deadlines re-sent by the review form', async () => {
    const id = await fileNotice();
    const [k1] = await keysOf(id);
    await app.api['documents.completeTask']({ id, key: k1!, by: '李四' });

    await app.close();
    app = await open();
    expect(app.cases.due().doneTasks.map((t) => t.key)).toEqual([k1]);

    const fields = (await app.documents.get(id)).fields;
    // A header correction (the review form does not send deadlines) and one that sends them again unchanged.
    const { deadlines: _kept, ...header } = fields;
    await app.documents.save(id, { ...header, title: '关于报送材料的补充通知' });
    await app.documents.save(id, { ...fields, title: '关于报送材料的补充通知' });
    expect(app.cases.due().tasks.map((t) => t.task)).toEqual(['反馈整改情况']);

    // The date was read wrong and is corrected: the same task, still done.
    await app.documents.save(id, { ...fields, deadlines: [{ ...report, due: '2025-08-15' }, feedback] });
    const due = app.cases.due();
    expect(due.tasks.map((t) => t.task)).toEqual(['反馈整改情况']);
    expect(due.doneTasks).toEqual([expect.objectContaining({ due: '2025-08-15', status: 'done' })]);
    expect((await app.documents.get(id)).tasks?.map((t) => t.done?.by ?? null)).toEqual(['李四', null]);
  });

  it('lists a done task for 30 days after it was marked, then only on the document', async () => {
    const id = await fileNotice();
    const [, k2] = await keysOf(id);
    await app.api['documents.completeTask']({ id, key: k2!, by: '李四' });
    at('2025-09-04');
    expect(app.cases.due().doneTasks).toHaveLength(1);
    at('2025-09-05');
    expect(app.cases.due().doneTasks).toEqual([]);
    expect(app.cases.due().tasks.map((t) => t.key)).not.toContain(k2);
    expect((await app.documents.get(id)).tasks?.[1]?.done?.by).toBe('李四');
  });
});

describe('refusing what cannot be marked, with nothing changed', () => {
  it('refuses a key the notice does not have, a second 标记完成, and 撤销完成 of an open task', async () => {
    const id = await fileNotice();
    const [k1, k2] = await keysOf(id);
    const unknown = await dispatch(app.api, 'documents.completeTask', { id, key: 't0000000000000000', by: '李四' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'document.task_not_found' } });

    await app.api['documents.completeTask']({ id, key: k1!, by: '李四' });
    const twice = await dispatch(app.api, 'documents.completeTask', { id, key: k1!, by: '王五' });
    expect(twice).toMatchObject({ ok: false, error: { code: 'document.task_already_done' } });
    expect(JSON.stringify(twice)).toContain('李四');

    const notDone = await dispatch(app.api, 'documents.reopenTask', { id, key: k2!, by: '李四' });
    expect(notDone).toMatchObject({ ok: false, error: { code: 'document.task_not_done' } });
    expect((await app.documents.get(id)).tasks?.map((t) => t.done?.by ?? null)).toEqual(['李四', null]);
  });

  it('refuses a notice still in review, an unknown document, no 经办人 and a malformed key, in Chinese', async () => {
    const { document } = await app.documents.importFile(textFile('n.txt', ['机关', '冀信办〔2025〕1号', '通知']));
    await app.store.updateDocument(document.id, { fields: { ...document.fields, deadlines: [report] } });
    const [key] = await keysOf(document.id);
    const inReview = await dispatch(app.api, 'documents.completeTask', { id: document.id, key, by: '李四' });
    expect(inReview).toMatchObject({ ok: false, error: { code: 'document.not_filed' } });
    expect(app.store.getDocument(document.id)?.taskCompletions).toBeUndefined();

    const missing = await dispatch(app.api, 'documents.completeTask', { id: 'd9999999', key, by: '李四' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'document.not_found' } });

    const noBy = await dispatch(app.api, 'documents.completeTask', { id: document.id, key, by: '  ' });
    expect(noBy).toMatchObject({ ok: false, error: { code: 'validation.invalid_input' } });
    expect(JSON.stringify(noBy)).toContain('经办人');

    const badKey = await dispatch(app.api, 'documents.reopenTask', { id: document.id, key: '../x', by: '李四' });
    expect(badKey).toMatchObject({ ok: false, error: { code: 'validation.invalid_input' } });
  });
});

describe('page images of the document view', () => {
  it('says which pages have an image: none for a text file, every page for a scan', async () => {
    const noPreviews = createTextReader();
    const textOnly: DocumentReader = {
      ...noPreviews,
      readFile: async (f, o) => {
        const doc = await noPreviews.readFile(f, o);
        return {
          ...doc,
          pages: doc.pages.map((p) => ({ ...p, preview: new Uint8Array(0), previewWidth: 0, previewHeight: 0 })),
        };
      },
    };
    await app.close();
    app = await open(textOnly);
    const { document: txt } = await app.documents.importFile(textFile('a.txt', ['第一页', '\f第二页']));
    expect((await app.documents.get(txt.id)).pageImages).toEqual([false, false]);
    await app.close();

    app = await open();
    const { document: scan } = await app.documents.importFile(textFile('b.txt', ['扫描件']));
    expect((await app.documents.get(scan.id)).pageImages).toEqual([true]);
    expect((await app.documents.get(txt.id)).pageImages).toEqual([false, false]);
  });
});
