import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type XinfangApp } from '../../../electron/core/create-app';
import { dispatch } from '../../../electron/core/dispatch';
import { silentLogger } from '../../../electron/core/logger';
import { createTextReader, tempDir, textFile } from '../../helpers/fakes';

let dir: string;
let cleanup: () => Promise<void>;
let app: XinfangApp;

// The real extractor (createApp's default), so the deadline comes from the notice's own wording.
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  app = await createApp({
    dataDir: dir,
    logger: silentLogger,
    reader: createTextReader(),
    now: () => new Date('2026-03-02T08:00:00Z'),
  });
});
afterEach(async () => {
  await app.close();
  await cleanup();
});

const notice = textFile('notice.txt', [
  '青禾县人民政府办公室',
  '青政办发〔2025〕7号',
  '关于开展信访积案化解专项行动的通知',
  '各乡镇人民政府，县直各单位：',
  '现就有关事项通知如下。请各单位于6月底之前将化解情况报县信访局督查室。',
  '青禾县人民政府办公室',
  '2025年3月4日',
]);

describe('deadlines of a notice stay with the document record', () => {
  it('suggests the deadline at import and keeps it when the review form saves without it', async () => {
    const { document } = await app.documents.importFile(notice);
    expect(document.fields.deadlines).toEqual([
      expect.objectContaining({ due: '2025-06-30', reportTo: '县信访局督查室' }),
    ]);
    // The review form sends the header fields only.
    const { deadlines: _omitted, ...headerOnly } = document.fields;
    const saved = await app.documents.save(document.id, { ...headerOnly, title: '关于开展信访积案化解专项行动的通知' });
    expect(saved.status).toBe('filed');
    expect(saved.fields.deadlines).toEqual(document.fields.deadlines);
    expect(app.documents.listFiled()[0]?.fields.deadlines?.[0]?.due).toBe('2025-06-30');
  });

  it('stores deadlines a person edited, and none when they were cleared', async () => {
    const { document } = await app.documents.importFile(notice);
    const edited = await app.documents.save(document.id, {
      ...document.fields,
      deadlines: [
        { due: '2025-07-10', dueText: ' 7月10日前 ', task: ' ', reportTo: '县信访局', withinDays: null, unit: null },
      ],
    });
    expect(edited.fields.deadlines).toEqual([
      { due: '2025-07-10', dueText: '7月10日前', task: null, reportTo: '县信访局', withinDays: null, unit: null },
    ]);
    const cleared = await app.documents.save(document.id, { ...document.fields, deadlines: [] });
    expect(cleared.fields.deadlines).toEqual([]);
  });

  it('refuses a deadline with an impossible date format through the contract, keeping the record as it was', async () => {
    const { document } = await app.documents.importFile(notice);
    const res = await dispatch(app.api, 'documents.save', {
      id: document.id,
      fields: {
        ...document.fields,
        deadlines: [{ due: '6月底', dueText: '6月底之前', task: null, reportTo: null, withinDays: null, unit: null }],
      },
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'validation.invalid_input' } });
    expect(JSON.stringify(res)).toMatch(/YYYY-MM-DD/);
    expect(app.store.getDocument(document.id)?.status).toBe('review');
  });
});
