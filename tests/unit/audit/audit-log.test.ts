import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createAuditLog } from '../../../electron/core/services/audit/audit-log';
import { tempDir } from '../../helpers/fakes';
import { fileDocument, openTestApp } from '../backup/backup-helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('xfd-audit-')));
afterEach(async () => cleanup());

const auditFile = async () => join(dir, 'audit', (await readdir(join(dir, 'audit')))[0]!);

describe('the audit trail', () => {
  it('records who imported, filed and corrected a document, when, and the fields before and after', async () => {
    const app = await openTestApp(dir);
    const doc = await fileDocument(app, 'a.txt', '原标题');
    await app.documents.save(doc.id, { ...doc.fields, title: '更正后的标题' });
    const trail = await app.audit.forEntity('document', doc.id);
    await app.close();
    expect(trail.map((e) => e.action)).toEqual(['document.import', 'document.file', 'document.correct']);
    expect(trail.every((e) => e.actor.length > 0 && !Number.isNaN(Date.parse(e.at)))).toBe(true);
    expect(trail[2]!.before).toMatchObject({ status: 'filed', fields: { title: '原标题' } });
    expect(trail[2]!.after).toMatchObject({ status: 'filed', fields: { title: '更正后的标题' } });
    expect(trail[1]!.before).toMatchObject({ status: 'review' });
  });

  it('logs exports and prints of personal data through the same interface and keeps the chain across restarts', async () => {
    const log = createAuditLog({ dataDir: dir, actor: '收文员甲' });
    await log.record({
      action: 'case.export',
      entity: { type: 'case', id: 'c1' },
      detail: { format: 'xlsx', personalData: true },
    });
    const again = createAuditLog({ dataDir: dir });
    const e = await again.record({
      action: 'paperwork.print',
      entity: { type: 'paperwork', id: 'p1' },
      detail: { personalData: true },
    });
    expect(e.seq).toBe(2);
    expect((await again.forEntity('case', 'c1'))[0]).toMatchObject({
      actor: '收文员甲',
      detail: { personalData: true },
    });
    expect(await again.verify()).toEqual({ ok: true, entries: 2, problem: null });
  });

  it('shows when an entry was altered or removed', async () => {
    const log = createAuditLog({ dataDir: dir, actor: 'x' });
    for (let i = 0; i < 3; i++)
      await log.record({ action: 'document.correct', entity: { type: 'document', id: `d${i}` } });
    const file = await auditFile();
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    await writeFile(file, [lines[0], lines[1]!.replace('"d1"', '"d9"'), lines[2]].join('\n') + '\n');
    expect(await createAuditLog({ dataDir: dir }).verify()).toMatchObject({
      ok: false,
      problem: expect.stringContaining('第 2 条'),
    });
    await writeFile(file, [lines[0], lines[2]].join('\n') + '\n');
    expect((await createAuditLog({ dataDir: dir }).verify()).ok).toBe(false);
  });

  it('survives a line cut by a crash: the next entry starts on its own line and the cut is reported', async () => {
    const log = createAuditLog({ dataDir: dir, actor: 'x' });
    await log.record({ action: 'document.file', entity: { type: 'document', id: 'd1' } });
    await appendFile(await auditFile(), '{"seq":2,"at":"20');
    const after = createAuditLog({ dataDir: dir, actor: 'x' });
    await after.record({ action: 'document.file', entity: { type: 'document', id: 'd2' } });
    expect((await after.forEntity('document', 'd2'))[0]!.seq).toBe(2);
    expect(await after.verify()).toMatchObject({ ok: false, entries: 2, problem: expect.stringContaining('不完整') });
  });
});
