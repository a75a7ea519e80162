import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, rm, stat, writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openStore } from '../../../electron/core/store/store';
import { createRecordSnapshots } from '../../../electron/core/services/backup/record-snapshots';
import { salvageArrayItems } from '../../../electron/core/services/backup/salvage';
import { tempDir } from '../../helpers/fakes';
import { INDEX_FILE } from '../../../electron/core/services/search/persistent-index';
import { fileDocument, openTestApp } from './backup-helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('xfd-recovery-')));
afterEach(async () => cleanup());

const shard = () => join(dir, 'records', 'documents', 'documents-0.json');

describe('automatic backups of the record files', () => {
  it('takes a backup at start and close, skips unchanged files and keeps only the newest ones', async () => {
    const app = await openTestApp(dir);
    await fileDocument(app, 'a.txt', '甲');
    await app.close();
    const snaps = createRecordSnapshots({ dataDir: dir, keep: 3 });
    const listed = await snaps.list();
    expect(listed.length).toBeGreaterThanOrEqual(1);
    expect(listed[0]!.files.map((f) => f.path)).toContain('records/documents/documents-0.json');
    expect(await snaps.snapshot('manual')).toBeNull(); // nothing changed
    for (let i = 0; i < 5; i++) {
      const store = await openStore(dir);
      const { id, seq } = await store.nextDocumentId();
      await store.close();
      expect(seq).toBeGreaterThan(0);
      expect(id).toMatch(/^d/);
      expect(await snaps.snapshot(`change ${i}`)).not.toBeNull();
    }
    expect((await snaps.list()).length).toBe(3);
    const good = await snaps.findGood('records/meta.json');
    expect(JSON.parse(good!.bytes.toString('utf8')).nextDocSeq).toBe(7);
  });

  it('leaves a damaged record file out of a backup so every backup is a good one', async () => {
    const app = await openTestApp(dir);
    await fileDocument(app, 'a.txt', '甲');
    await app.close();
    await writeFile(shard(), '{"documents":[{"id":"d00');
    const snaps = createRecordSnapshots({ dataDir: dir });
    const snap = await snaps.snapshot('after damage');
    expect(snap?.files.map((f) => f.path)).not.toContain('records/documents/documents-0.json');
    const good = await snaps.findGood('records/documents/documents-0.json');
    expect(JSON.parse(good!.bytes.toString('utf8')).documents).toHaveLength(1);
  });
});

describe('start-up recovery of a damaged record file', () => {
  it('restores the last good backup, salvages newer complete records from a truncated file and names exactly what was lost', async () => {
    const app = await openTestApp(dir);
    const a = await fileDocument(app, 'a.txt', '甲文件');
    const b = await fileDocument(app, 'bb.txt', '乙文件');
    await app.close(); // backup now holds a and b

    // Changes made after the last backup: c and d are new, b is corrected.
    const c = await (async () => {
      const app2 = await openTestApp(dir);
      const c = await fileDocument(app2, 'ccc.txt', '丙文件');
      const d = await fileDocument(app2, 'dddd.txt', '丁文件');
      await app2.documents.save(b.id, { ...b.fields, title: '乙文件（已更正）' });
      // Simulate the power cut before the closing backup: drop the backup written at close.
      return { c, d, app2 };
    })();
    const before = (await createRecordSnapshots({ dataDir: dir }).list()).length;
    // Close without the final backup by removing newer manifests afterwards.
    await c.app2.close();
    const snapDir = join(dir, 'backups', 'records', 'snapshots');
    const manifests = (await readdir(snapDir)).sort();
    for (const m of manifests.slice(before)) await (await import('node:fs/promises')).unlink(join(snapDir, m));

    // Truncate the shard in the middle of the last record (d), as a non-atomic write cut by a power loss would.
    const full = await readFile(shard(), 'utf8');
    const cut = full.indexOf('"originalName":"dddd.txt"', full.indexOf(`"id":"${c.d.id}"`)) + 40;
    await writeFile(shard(), full.slice(0, cut));

    const reopened = await openTestApp(dir);
    try {
      const r = reopened.recovery!;
      expect(r.recovered).toBe(true);
      expect(r.files).toHaveLength(1);
      const f = r.files[0]!;
      expect(f.path).toBe('records/documents/documents-0.json');
      expect(f.action).toBe('restored_from_backup');
      expect(f.salvagedRecords).toEqual([b.id, c.c.id].sort());
      expect(f.lostRecords).toEqual([{ id: c.d.id, name: 'dddd.txt' }]);
      expect(r.message).toContain('已损坏');
      expect(r.message).toContain(c.d.id);
      expect(r.message).toContain('dddd.txt');
      expect(reopened.store.getDocument(a.id)?.fields.title).toBe('甲文件');
      expect(reopened.store.getDocument(b.id)?.fields.title).toBe('乙文件（已更正）');
      expect(reopened.store.getDocument(c.c.id)?.status).toBe('filed');
      expect(reopened.store.getDocument(c.d.id)).toBeUndefined();
      expect(reopened.documents.search('丙文件').hits.map((h) => h.document.id)).toEqual([c.c.id]);
      // The damaged file is kept, never deleted.
      expect((await stat(join(dir, f.damagedCopy!))).size).toBe(Buffer.byteLength(full.slice(0, cut)));
      // The lost document's original is still there: importing it again brings it back.
      const again = await fileDocument(reopened, 'dddd.txt', '丁文件');
      expect(again.fields.title).toBe('丁文件');
    } finally {
      await reopened.close();
    }
  });

  it('restores an emptied record file from the backup and lists the records only known by their saved texts', async () => {
    const app = await openTestApp(dir);
    const a = await fileDocument(app, 'a.txt', '甲');
    await app.close();
    const store = await openStore(dir);
    const { id, seq } = await store.nextDocumentId();
    await store.saveText(id, ['新文件']);
    await store.insertDocument({ ...store.getDocument(a.id)!, id, seq, sha256: 'f'.repeat(64) });
    await store.close();
    await writeFile(shard(), ''); // what a rename without fsync leaves after a power cut

    const reopened = await openTestApp(dir);
    try {
      const f = reopened.recovery!.files[0]!;
      expect(f.action).toBe('restored_from_backup');
      expect(f.lostRecords).toEqual([{ id, name: null }]);
      expect(reopened.store.getDocument(a.id)).toBeDefined();
    } finally {
      await reopened.close();
    }
  });

  it('restores other record files (meta, settings) from their backup too', async () => {
    const app = await openTestApp(dir);
    await fileDocument(app, 'a.txt', '甲');
    await app.close();
    await writeFile(join(dir, 'records', 'meta.json'), '{"schemaVersion":1,"createdAt":"20');
    const reopened = await openTestApp(dir);
    try {
      expect(reopened.recovery!.files[0]).toMatchObject({ path: 'records/meta.json', action: 'restored_from_backup' });
      expect(reopened.recovery!.message).toContain('之后的修改已丢失');
      expect(reopened.store.allDocuments()).toHaveLength(1);
    } finally {
      await reopened.close();
    }
  });

  it('refuses to guess when a damaged file has no backup, says so in Chinese and leaves the file untouched', async () => {
    const app = await openTestApp(dir);
    await app.close();
    await (await import('node:fs/promises')).rm(join(dir, 'backups'), { recursive: true });
    await writeFile(join(dir, 'records', 'meta.json'), '{"schemaVer');
    await expect(openTestApp(dir)).rejects.toMatchObject({
      code: 'store.unrecoverable',
      message: expect.stringContaining('没有可用的自动备份'),
    });
    expect(await readFile(join(dir, 'records', 'meta.json'), 'utf8')).toBe('{"schemaVer');
    // The lock was released: a later attempt gets the same clear answer, not "locked".
    await expect(openTestApp(dir)).rejects.toMatchObject({ code: 'store.unrecoverable' });
  });

  it('rebuilds a damaged search index once when a record file was restored: the abandoned first attempt stays asleep', async () => {
    const app = await openTestApp(dir);
    await fileDocument(app, 'a.txt', '信访工作条例全文'.repeat(50));
    await app.close();
    // An index base that holds the document (the filing itself only went to the journal).
    await rm(join(dir, 'index'), { recursive: true });
    const rebuilt = await openTestApp(dir);
    await rebuilt.settled();
    await rebuilt.close();
    // archive.json is read after the index is open, so its damage makes the first attempt fail half-way.
    await writeFile(join(dir, 'records', 'archive.json'), JSON.stringify({ entries: [] }));
    await createRecordSnapshots({ dataDir: dir }).snapshot('good archive.json');
    await writeFile(join(dir, 'records', 'archive.json'), '{"broken');
    const indexPath = join(dir, 'index', INDEX_FILE);
    const bytes = await readFile(indexPath);
    const at = bytes.lastIndexOf(Buffer.from('条例', 'utf16le'));
    expect(at).toBeGreaterThan(0);
    bytes[at] ^= 0xff;
    await writeFile(indexPath, bytes);

    const lines: string[] = [];
    const logger = {
      debug() {},
      info: (m: string) => lines.push(m),
      warn: (m: string) => lines.push(m),
      error: (m: string) => lines.push(m),
    };
    const again = await openTestApp(dir, logger);
    expect(again.recovery?.files.map((f) => f.path)).toEqual(['records/archive.json']);
    await again.settled();
    await again.close();
    expect(lines.filter((l) => l === 'search index rebuilt after damage was found')).toHaveLength(1);

    // The next start finds one consistent index and journal.
    lines.length = 0;
    const third = await openTestApp(dir, logger);
    await third.settled();
    expect(third.documents.search('信访工作条例').total).toBe(1);
    await third.close();
    expect(lines.join('\n')).not.toMatch(/unusable|another index/);
  });
});

describe('salvaging a truncated record file', () => {
  it('reads back every complete record before the cut, including ones with braces and quotes in their text', () => {
    const docs = [
      { id: 'd0000001', t: '含有 } 和 " 的标题 {' },
      { id: 'd0000002', t: '第二条\\n' },
    ];
    const json = JSON.stringify({ documents: [...docs, { id: 'd0000003', t: 'x' }] });
    const cut = json.slice(0, json.indexOf('d0000003') + 5);
    expect(salvageArrayItems(cut, 'documents')).toEqual(docs);
    expect(salvageArrayItems('', 'documents')).toEqual([]);
  });
});
