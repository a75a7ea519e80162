import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { silentLogger } from '../../../electron/core/logger';
import { createAuditIntents } from '../../../electron/core/services/audit/audit-intents';
import { createAuditLog, type AuditEntry, type AuditLog } from '../../../electron/core/services/audit/audit-log';
import {
  auditCaseUsecases,
  auditTailAt,
  missingCaseEntries,
  reconcileCaseAudit,
  reconcileDocumentAudit,
} from '../../../electron/core/services/audit/audited-usecases';
import { createCaseUsecases } from '../../../electron/core/usecases/cases.usecases';
import type { CaseFields } from '../../../shared/cases/case-record';
import { tempDir } from '../../helpers/fakes';
import { fileDocument, openTestApp } from '../backup/backup-helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('xfd-backfill-')));
afterEach(async () => cleanup());

const fields: CaseFields = {
  form: 'letter',
  petitioners: [{ name: '张三', idNumber: '', phone: '13812345678', address: '某省某县某村1号' }],
  headcount: 1,
  region: '某省某县',
  topic: '城乡建设',
  claimRoute: 'opinion',
  summary: '房屋拆迁补偿未落实。',
  request: '请求落实补偿。',
  documentIds: [],
};
const registration = {
  fields,
  receivedOn: '2025-08-04',
  registeredOn: '2025-08-05',
  by: '李登记',
  source: 'direct' as const,
  category: 'claim' as const,
};

/** The case use cases without their audit wrapper, on the closed folder: what ran before a kill. */
const rawCases = () =>
  createCaseUsecases({
    dataDir: dir,
    now: () => new Date(),
    logger: silentLogger,
    documentText: async () => '',
    documentExists: () => false,
  });

const pendingMarkers = async () =>
  (await readdir(join(dir, 'audit', 'pending')).catch(() => [] as string[])).filter((n) => n.endsWith('.json'));

describe('an audit trail made complete after a kill between a saved case change and its entry', () => {
  it('back-fills a step saved just before a kill (补记, with the step’s own actor and time), once', async () => {
    let app = await openTestApp(dir);
    const c = await app.api['cases.register'](registration);
    await app.close();

    // The window: the marker is written, the step saved, and the process dies before the audit append.
    const intent = await createAuditIntents({ dataDir: dir }).begin('case.step', { type: 'case', id: c.id });
    const raw = await rawCases();
    await raw.step(c.id, { type: 'transfer', on: '2025-08-06', by: '王办理', to: '某县住建局' });
    const event = raw.record(c.id).events.at(-1)!;
    expect(intent.entity.id).toBe(c.id);

    app = await openTestApp(dir);
    const trail = await app.api['audit.trail']({ type: 'case', id: c.id });
    expect(trail.map((e) => [e.action, e.label, e.actor])).toEqual([
      ['case.register', '登记', '李登记'],
      ['case.step', '办理步骤（补记）', '王办理'],
    ]);
    expect(trail[1]!.at).toBe(event.recordedAt);
    expect(trail[1]!.after).toMatchObject({ number: c.number, step: { id: event.id, type: 'transfer' } });
    expect(trail[1]!.detail).toMatchObject({ recovered: true, eventId: event.id });
    expect((await app.api['audit.verify']({})).ok).toBe(true);
    expect(await pendingMarkers()).toEqual([]);
    await app.close();

    // A second start finds nothing left to do: no duplicate entry.
    app = await openTestApp(dir);
    expect(await app.audit.forEntity('case', c.id)).toHaveLength(2);
    await app.close();
  });

  it('back-fills a registration whose id was not known when the marker was written', async () => {
    await createAuditIntents({ dataDir: dir }).begin('case.register', { type: 'case', id: null });
    const raw = await rawCases();
    const d = await raw.register(registration);
    const app = await openTestApp(dir);
    const trail = await app.audit.forEntity('case', d.id);
    await app.close();
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      action: 'case.register',
      actor: '李登记',
      after: { number: d.number, fields: { petitioners: fields.petitioners }, receivedOn: '2025-08-04' },
      detail: { recovered: true, eventId: 'e1' },
    });
  });

  it('keeps the marker when the append fails (full disk) and back-fills the step at the next start', async () => {
    const raw = await rawCases();
    const log = createAuditLog({ dataDir: dir, actor: 'test' });
    const intents = createAuditIntents({ dataDir: dir });
    const full: AuditLog = {
      ...log,
      record: () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })),
    };
    const errors: string[] = [];
    const logger = { ...silentLogger, error: (msg: string) => errors.push(msg) };
    const audited = auditCaseUsecases(raw, log, logger, intents);
    const c = await audited.register(registration);
    expect(await pendingMarkers()).toEqual([]); // the entry was written: the marker is gone
    const onFullDisk = auditCaseUsecases(raw, full, logger, intents);
    // The step itself is saved and returned: the failed entry is logged, not turned into an error.
    const d = await onFullDisk.step(c.id, { type: 'accept', on: '2025-08-06', by: '王办理' });
    expect(d.timeline.at(-1)).toMatchObject({ type: 'accept' });
    expect(errors).toEqual(['audit log write failed']);
    expect(await pendingMarkers()).toHaveLength(1);

    const r = await reconcileCaseAudit({ cases: raw, audit: log, intents, logger: silentLogger });
    expect(r).toEqual({ checked: 1, backfilled: 1 });
    const trail = await log.forEntity('case', c.id);
    expect(trail.map((e) => e.action)).toEqual(['case.register', 'case.step']);
    expect(trail[1]!.detail).toMatchObject({ recovered: true, eventId: d.timeline.at(-1)!.id });
    expect(await pendingMarkers()).toEqual([]);
    expect((await log.verify()).ok).toBe(true);
  });

  it('back-fills corrections and 登记 changes too, and a change that never reached the record leaves nothing', async () => {
    const raw = await rawCases();
    const log = createAuditLog({ dataDir: dir, actor: 'test' });
    const intents = createAuditIntents({ dataDir: dir });
    const c = await auditCaseUsecases(raw, log, silentLogger, intents).register(registration);
    await intents.begin('case.correct', { type: 'case', id: c.id });
    await raw.correct({
      id: c.id,
      targetId: 'e1',
      action: 'amend',
      reason: '收到日期登记错了',
      on: '2025-08-07',
      by: '赵更正',
      register: { receivedOn: '2025-08-03', on: '2025-08-05', source: 'direct', category: 'claim' },
    });
    await intents.begin('case.update_fields', { type: 'case', id: c.id });
    await raw.updateFields(c.id, { ...fields, region: '某省某市' }, '钱修改', '属地填错');
    // A kill before a step was saved: the marker names the case, but nothing is missing.
    await intents.begin('case.step', { type: 'case', id: 'c-never-saved' });
    const r = await reconcileCaseAudit({ cases: raw, audit: log, intents, logger: silentLogger });
    expect(r.backfilled).toBe(2);
    const trail = await log.forEntity('case', c.id);
    expect(trail.map((e) => [e.action, e.actor])).toEqual([
      ['case.register', '李登记'],
      ['case.correct', '赵更正'],
      ['case.update_fields', '钱修改'],
    ]);
    expect(trail[1]!.before).toMatchObject({ id: 'e1', type: 'register' });
    expect(trail[2]).toMatchObject({
      before: { region: '某省某县' },
      after: { region: '某省某市' },
      detail: { reason: '属地填错', recovered: true },
    });
    expect(await pendingMarkers()).toEqual([]);
  });

  it('reads nothing on a clean start: without a marker a case is not compared with the trail', async () => {
    const raw = await rawCases();
    await raw.register(registration); // unaudited, but no marker says so
    const log = createAuditLog({ dataDir: dir });
    const r = await reconcileCaseAudit({
      cases: raw,
      audit: { ...log, forEntity: () => Promise.reject(new Error('must not be read')) },
      intents: createAuditIntents({ dataDir: dir }),
      logger: silentLogger,
    });
    expect(r).toEqual({ checked: 0, backfilled: 0 });
  });
});

describe('which case changes lack an entry (pure)', () => {
  const entry = (action: string, extra: Partial<AuditEntry>): AuditEntry => ({
    seq: 1,
    at: '2025-08-05T00:00:00.000Z',
    actor: 'a',
    action,
    entity: { type: 'case', id: 'c1' },
    prev: '0',
    hash: '0',
    ...extra,
  });
  const rec = {
    id: 'c1',
    number: 'XF-2025-0001',
    fields,
    repeat: { kind: 'none', relatedCaseIds: [] },
    events: [
      {
        id: 'e1',
        type: 'register',
        on: '2025-08-05',
        by: '李',
        receivedOn: '2025-08-04',
        officeKind: 'organ',
        source: 'direct',
        category: 'claim',
        recordedAt: '2025-08-05T01:00:00.000Z',
      },
      { id: 'e2', type: 'accept', on: '2025-08-06', by: '王', recordedAt: '2025-08-06T01:00:00.000Z' },
      {
        id: 'e3',
        type: 'correct',
        targetId: 'e2',
        action: 'void',
        reason: '误录',
        on: '2025-08-07',
        by: '赵',
        recordedAt: '2025-08-07T01:00:00.000Z',
      },
      { id: 'e4', type: 'notify', on: '2025-08-08', by: '孙', recordedAt: '2025-08-08T01:00:00.000Z' },
    ],
    fieldCorrections: [
      { id: 'f1', at: '2025-08-09T01:00:00.000Z', by: '钱', reason: 'r1', before: fields, after: fields },
      { id: 'f2', at: '2025-08-10T01:00:00.000Z', by: '钱', reason: 'r2', before: fields, after: fields },
    ],
    createdAt: '2025-08-05T01:00:00.000Z',
    updatedAt: '2025-08-10T01:00:00.000Z',
  } as unknown as Parameters<typeof missingCaseEntries>[0];

  it('matches entries by event id, by step id and, for older entries, by the corrected event and by order', () => {
    const entries = [
      entry('case.register', {}),
      entry('case.step', { after: { step: { id: 'e2' } } }),
      entry('case.correct', { before: { id: 'e2' } }), // written before event ids were recorded
      entry('case.update_fields', {}), // no correction id: stands for f1
    ];
    const missing = missingCaseEntries(rec, entries, [{ id: 'e4' }]);
    expect(missing.map((m) => [m.action, m.actor, m.detail?.['occurredAt']])).toEqual([
      ['case.step', '孙', '2025-08-08T01:00:00.000Z'],
      ['case.update_fields', '钱', '2025-08-10T01:00:00.000Z'],
    ]);
    expect(missing[0]!.after).toMatchObject({ step: { id: 'e4' } });
    expect(missing[1]!.detail).toMatchObject({ correctionId: 'f2', recovered: true });
  });

  it('lists every change of a case with no entries, oldest first, and nothing for a complete one', () => {
    expect(missingCaseEntries(rec, [], []).map((m) => m.action)).toEqual([
      'case.register',
      'case.step',
      'case.correct',
      'case.step',
      'case.update_fields',
      'case.update_fields',
    ]);
    const complete = [
      entry('case.register', { detail: { eventId: 'e1' } }),
      entry('case.step', { after: { step: { id: 'e2' } } }),
      entry('case.correct', { detail: { eventId: 'e3' } }),
      entry('case.step', { after: { step: { id: 'e4' } } }),
      entry('case.update_fields', { detail: { correctionId: 'f1' } }),
      entry('case.update_fields', { detail: { correctionId: 'f2' } }),
    ];
    expect(missingCaseEntries(rec, complete, [])).toEqual([]);
  });
});

describe('documents saved just before a kill', () => {
  /** What a kill right after the save leaves: the record is on disk, its last audit entries are not. */
  async function dropLastEntries(n: number) {
    const { readFile: read, writeFile: write } = await import('node:fs/promises');
    const audit = join(dir, 'audit');
    const file = join(
      audit,
      (await readdir(audit))
        .filter((x) => x.endsWith('.jsonl'))
        .sort()
        .at(-1)!,
    );
    const lines = (await read(file, 'utf8')).trim().split('\n');
    await write(file, lines.slice(0, -n).join('\n') + '\n');
  }

  it('back-fills the correction with the fields as saved and says the fields before were not recorded', async () => {
    let app = await openTestApp(dir);
    const doc = await fileDocument(app, 'a.txt', '原标题');
    await app.documents.save(doc.id, { ...doc.fields, title: '更正后的标题' });
    await app.close();
    await dropLastEntries(1);

    app = await openTestApp(dir);
    const trail = await app.api['audit.trail']({ type: 'document', id: doc.id });
    expect(trail.map((e) => e.label)).toEqual(['导入', '归档', '更正要素（补记）']);
    expect(trail[2]!.after).toMatchObject({ status: 'filed', fields: { title: '更正后的标题' } });
    expect(trail[2]!.detail).toMatchObject({ recovered: true, note: expect.stringContaining('修改前的内容未能记录') });
    expect(trail[2]!.at).toBe(app.store.getDocument(doc.id)!.updatedAt);
    expect((await app.api['audit.verify']({})).ok).toBe(true);
    await app.close();

    app = await openTestApp(dir);
    expect(await app.audit.forEntity('document', doc.id)).toHaveLength(3);
    await app.close();
  });

  it('back-fills both the import and the filing of a document whose entries never reached the trail', async () => {
    let app = await openTestApp(dir);
    await fileDocument(app, 'a.txt', '第一份');
    const second = await fileDocument(app, 'bb.txt', '第二份');
    await app.close();
    await dropLastEntries(2);
    app = await openTestApp(dir);
    const trail = await app.audit.forEntity('document', second.id);
    await app.close();
    expect(trail.map((e) => [e.action, e.detail?.['recovered']])).toEqual([
      ['document.import', true],
      ['document.file', true],
    ]);
    expect(trail[1]!.after).toMatchObject({ fields: { title: '第二份' } });
  });

  it('leaves alone documents already in the trail and a folder that has no trail at all', async () => {
    const docs = [{ id: 'd1', status: 'filed', fields: { title: 't' }, createdAt: 'b', updatedAt: 'c', filedAt: 'c' }];
    const log = createAuditLog({ dataDir: dir });
    const r = await reconcileDocumentAudit({ documents: docs, audit: log, tailAt: null, logger: silentLogger });
    expect(r).toEqual({ checked: 0, backfilled: 0 });
    await log.record({ action: 'document.import', entity: { type: 'document', id: 'd1' } });
    await log.record({
      action: 'document.file',
      entity: { type: 'document', id: 'd1' },
      after: { fields: { title: 't' } },
    });
    const again = await reconcileDocumentAudit({ documents: docs, audit: log, tailAt: 'a', logger: silentLogger });
    expect(again).toEqual({ checked: 1, backfilled: 0 });
    expect(await auditTailAt(dir)).toMatch(/^\d{4}-/);
  });
});
