import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createApp, type XinfangApp } from '../../../electron/core/create-app';
import { silentLogger } from '../../../electron/core/logger';
import { createAuditLog } from '../../../electron/core/services/audit/audit-log';
import { SAMPLE_VALUES } from '../../fixtures/paperwork/sample-values';
import type { AppEvent } from '../../../shared/api/contract';
import { createTextReader, lineExtract, tempDir, textFile } from '../../helpers/fakes';

let dir: string;
let cleanup: () => Promise<void>;
let app: XinfangApp;
const open = () =>
  createApp({
    dataDir: dir,
    logger: silentLogger,
    reader: createTextReader(),
    extract: lineExtract,
    watch: false,
    autoBackupMs: 0,
  });

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('xfd-maint-'));
  app = await open();
});
afterEach(async () => {
  await app.close();
  await cleanup();
});

const file = async (n: number) => {
  const { document } = await app.documents.importFile(
    textFile(`s${n}.txt`, ['某县信访局', `某信〔2026〕${n}号`, `标题${n}`]),
  );
  return app.documents.save(document.id, { ...document.fields, title: `标题${n}` });
};

describe('backup and restore from the running app', () => {
  it('backs up while running with progress, and swaps a verified backup in at the next start, keeping the old contents', async () => {
    const a = await file(1);
    const events: AppEvent[] = [];
    app.onEvent((e) => events.push(e));
    const b = await app.api['backup.create']({});
    expect(b.files).toBeGreaterThan(3);
    const progress = events.filter((e) => e.name === 'backup.progress');
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)!.payload).toMatchObject({ stage: 'backup' });
    const later = await file(2); // after the backup: gone once the backup is restored
    const status = await app.api['backup.status']({});
    expect(status.backups.map((x) => x.path)).toContain(b.path);
    const prepared = await app.api['backup.restore']({ path: b.path });
    expect(prepared).toMatchObject({ files: b.files, restartNeeded: true });
    expect((await app.api['backup.status']({})).pendingRestore).toMatchObject({ archive: b.path });
    // Nothing changes until the next start.
    expect(app.store.getDocument(later.id)).toBeDefined();
    await app.close();
    app = await open();
    expect(app.store.getDocument(a.id)?.fields.title).toBe('标题1');
    expect(app.store.getDocument(later.id)).toBeUndefined();
    const after = await app.api['backup.status']({});
    expect(after.pendingRestore).toBeNull();
    expect(after.restoredAtStart?.previousKeptIn).toMatch(/^backups\/before-restore-/);
    const kept = await readdir(join(dir, ...after.restoredAtStart!.previousKeptIn.split('/'), 'records', 'documents'));
    expect(kept.length).toBeGreaterThan(0);
    // The restored trail is the backup's; the swap itself is its next entry (the chain still verifies).
    const trail = await app.audit.all();
    expect(trail.at(-1)).toMatchObject({ action: 'backup.restore', detail: { applied: true, archive: b.path } });
    expect((await app.audit.verify()).ok).toBe(true);
  }, 60_000);

  it('refuses a file that is not a backup in Chinese, marks nothing and leaves the folder as it was', async () => {
    const a = await file(1);
    const bad = join(dir, '..', `not-a-backup-${Date.now()}.zip`);
    await writeFile(bad, 'PK\u0003\u0004 这不是备份');
    await expect(app.api['backup.restore']({ path: bad })).rejects.toMatchObject({ code: 'backup.invalid_archive' });
    await expect(app.api['backup.restore']({ path: join(dir, 'missing.zip') })).rejects.toMatchObject({
      code: 'backup.not_found',
      message: expect.stringMatching(/找不到备份文件/),
    });
    await expect(app.api['backup.create']({ outDir: 'relative/folder' })).rejects.toMatchObject({
      code: 'backup.folder_invalid',
    });
    expect((await app.api['backup.status']({})).pendingRestore).toBeNull();
    await app.close();
    app = await open();
    expect(app.store.getDocument(a.id)).toBeDefined();
  });
});

describe('audit trail of cases, paperwork and exports', () => {
  const zhang = { name: '张三', idNumber: '110101198001011232', phone: '13812345678', address: '某省某县某村1号' };
  it('records registration, steps and the statistics export, and shows them per case in Chinese', async () => {
    const c = await app.api['cases.register']({
      fields: {
        form: 'letter',
        petitioners: [zhang],
        headcount: 1,
        region: '某省某县',
        topic: '城乡建设',
        claimRoute: 'opinion',
        summary: '房屋拆迁补偿未落实。',
        request: '请求落实补偿。',
        documentIds: [],
      },
      receivedOn: '2025-08-04',
      registeredOn: '2025-08-05',
      by: '李登记',
      source: 'direct',
      category: 'claim',
    });
    await app.api['cases.step']({
      id: c.id,
      step: { type: 'transfer', on: '2025-08-06', by: '王办理', to: '某县住建局' },
    });
    const trail = await app.api['audit.trail']({ type: 'case', id: c.id });
    expect(trail.map((e) => [e.action, e.label, e.actor])).toEqual([
      ['case.register', '登记', '李登记'],
      ['case.step', '办理步骤', '王办理'],
    ]);
    expect(trail[0]!.after).toMatchObject({ number: c.number, fields: { petitioners: [zhang] } });
    await app.api['cases.exportStatistics']({ year: 2025 });
    const exported = (await app.audit.all()).find((e) => e.action === 'case.export');
    expect(exported?.detail).toMatchObject({ file: expect.stringMatching(/\.xlsx$/) });
    expect((await app.api['audit.verify']({})).ok).toBe(true);
  });

  it('logs downloads of issued documents (personal data leaving the app) and template resets', async () => {
    const issued = await app.api['paperwork.generate']({
      templateId: 'zhuansong',
      values: { ...SAMPLE_VALUES, 信访人: '王林' },
    });
    const file = await app.api['paperwork.downloadIssued']({ id: issued.id });
    await app.api['paperwork.resetTemplate']({ id: 'zhuansong' });
    const trail = await app.audit.all();
    expect(trail.find((e) => e.action === 'paperwork.download')).toMatchObject({
      entity: { type: 'paperwork', id: issued.id },
      detail: { personalData: true, name: file.name },
    });
    expect(trail.find((e) => e.action === 'paperwork.template_reset')).toMatchObject({
      entity: { type: 'template', id: 'zhuansong' },
    });
    expect((await app.api['audit.verify']({})).ok).toBe(true);
  });

  it('shows a document’s import, filing and correction with the fields before and after', async () => {
    const d = await file(3);
    await app.documents.save(d.id, { ...d.fields, title: '更正后的标题' });
    const trail = await app.api['audit.trail']({ type: 'document', id: d.id });
    expect(trail.map((e) => e.label)).toEqual(['导入', '归档', '更正要素']);
    expect(trail[2]!.before).toMatchObject({ fields: { title: '标题3' } });
    expect(trail[2]!.after).toMatchObject({ fields: { title: '更正后的标题' } });
  });
});

describe('audit log tail', () => {
  it('continues the hash chain from the end of a long trail, also after a line cut by a crash', async () => {
    const t = await tempDir('xfd-audit-tail-');
    try {
      const first = createAuditLog({ dataDir: t.dir, actor: '甲' });
      for (let i = 0; i < 120; i++)
        await first.record({
          action: 'document.file',
          entity: { type: 'document', id: `d${i}` },
          after: { pad: '字'.repeat(400) },
        });
      // A kill in the middle of an append leaves a torn last line.
      const files = await readdir(join(t.dir, 'audit'));
      const { appendFile } = await import('node:fs/promises');
      await appendFile(join(t.dir, 'audit', files[0]!), '{"seq":121,"at":"20');
      const second = createAuditLog({ dataDir: t.dir, actor: '乙' });
      const e = await second.record({ action: 'document.correct', entity: { type: 'document', id: 'd5' } });
      expect(e.seq).toBe(121);
      const all = await second.all();
      expect(all.at(-2)!.hash).toBe(e.prev);
      expect((await second.forEntity('document', 'd5')).map((x) => x.actor)).toEqual(['甲', '乙']);
      const v = await second.verify();
      expect(v.entries).toBe(121);
      expect(v.problem ?? '').toMatch(/不完整/); // the torn line is reported, the chain itself holds
    } finally {
      await t.cleanup();
    }
  });
});
