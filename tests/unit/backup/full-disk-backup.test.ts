import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type * as Fs from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { silentLogger } from '../../../electron/core/logger';
import { tempDir } from '../../helpers/fakes';

/** What fails next, as a full disk, a read-only folder or a file in the way would make it fail. */
const disk = vi.hoisted(() => ({
  /** Writes through file handles and write streams fail with ENOSPC (the first chunk of a stream still lands). */
  full: false,
  /** `mkdir` of a path containing this text fails with `mkdirCode`. */
  mkdirMatch: null as string | null,
  mkdirCode: 'EACCES',
  copyFull: false,
  /** `rename` fails (EPERM, a file held open on Windows) once this many more renames have succeeded. */
  renameFailAfter: -1,
  /** Chunks a write stream still takes before the disk is full. */
  streamChunks: 1,
}));
const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof FsPromises>();
  const open: typeof fs.open = async (...args: Parameters<typeof fs.open>) => {
    const fh = await fs.open(...args);
    if (!disk.full) return fh;
    return Object.assign(Object.create(Object.getPrototypeOf(fh) as object) as typeof fh, fh, {
      writeFile: async () => {
        throw enospc();
      },
      // Half the line reaches the disk before it fills up: what a torn append looks like.
      appendFile: async (data: string) => {
        await fh.appendFile(data.slice(0, Math.floor(data.length / 2)));
        throw enospc();
      },
      stat: () => fh.stat(),
      read: (...a: Parameters<typeof fh.read>) => fh.read(...a),
      truncate: (n?: number) => fh.truncate(n),
      sync: () => fh.sync(),
      close: () => fh.close(),
    });
  };
  const mkdir: typeof fs.mkdir = (async (path: Parameters<typeof fs.mkdir>[0], o?: Parameters<typeof fs.mkdir>[1]) => {
    if (disk.mkdirMatch && String(path).includes(disk.mkdirMatch))
      throw Object.assign(new Error(`${disk.mkdirCode}: mkdir '${String(path)}'`), { code: disk.mkdirCode });
    return fs.mkdir(path, o);
  }) as typeof fs.mkdir;
  const copyFile: typeof fs.copyFile = async (...a: Parameters<typeof fs.copyFile>) => {
    if (disk.copyFull) throw enospc();
    return fs.copyFile(...a);
  };
  const rename: typeof fs.rename = async (...a: Parameters<typeof fs.rename>) => {
    if (disk.renameFailAfter === 0) {
      disk.renameFailAfter = -1;
      throw Object.assign(new Error('EPERM: operation not permitted, rename'), { code: 'EPERM' });
    }
    if (disk.renameFailAfter > 0) disk.renameFailAfter--;
    return fs.rename(...a);
  };
  const patched = { ...fs, open, mkdir, copyFile, rename };
  return { ...patched, default: patched };
});

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  const createWriteStream = ((path: Fs.PathLike, options?: Parameters<typeof fs.createWriteStream>[1]) => {
    const real = fs.createWriteStream(path, options);
    if (!disk.full) return real;
    let chunks = 0;
    return new Writable({
      write(chunk: Buffer, _enc, cb) {
        if (chunks++ >= disk.streamChunks) return cb(enospc());
        real.write(chunk, (e) => cb(e ?? undefined));
      },
      final(cb) {
        real.end(cb);
      },
      destroy(err, cb) {
        real.destroy();
        cb(err);
      },
    });
  }) as typeof fs.createWriteStream;
  const patched = { ...fs, createWriteStream };
  return { ...patched, default: patched };
});

const { createBackupArchive, unpackBackupArchive, restoreBackupArchive } =
  await import('../../../electron/core/services/backup/backup-archive');
const { createRecordSnapshots } = await import('../../../electron/core/services/backup/record-snapshots');
const { startAutoBackup } = await import('../../../electron/core/services/backup/auto-backup');
const { createAuditLog } = await import('../../../electron/core/services/audit/audit-log');
const { openTestApp, fileDocument } = await import('./backup-helpers');

let dir: string;
let out: string;
let cleanup: () => Promise<void>;
let cleanupOut: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('xfd-fullb-'));
  ({ dir: out, cleanup: cleanupOut } = await tempDir('xfd-fullb-out-'));
});
afterEach(async () => {
  Object.assign(disk, {
    full: false,
    mkdirMatch: null,
    mkdirCode: 'EACCES',
    copyFull: false,
    renameFailAfter: -1,
    streamChunks: 1,
  });
  await cleanup();
  await cleanupOut();
});

/** A small data folder with one record file of some size, so the zip is written in several chunks. */
async function smallFolder() {
  await mkdir(join(dir, 'records', 'documents'), { recursive: true });
  const big = { documents: Array.from({ length: 400 }, (_, i) => ({ id: `d${i}`, title: `标题${i}`.repeat(20) })) };
  await writeFile(join(dir, 'records', 'documents', 'documents-0.json'), JSON.stringify(big));
  await mkdir(join(dir, 'files', 'ab'), { recursive: true });
  await writeFile(join(dir, 'files', 'ab', 'x.bin'), Buffer.alloc(300_000, 7));
}

describe('a full disk or a folder that cannot be made, during a zip backup', () => {
  it('leaves no half-written zip under the final name and no .part, says why in Chinese, and a later backup works', async () => {
    await smallFolder();
    const outFile = join(out, '备份.zip');
    disk.full = true;
    await expect(createBackupArchive({ dataDir: dir, outFile })).rejects.toMatchObject({
      code: 'store.write_failed',
      message: expect.stringMatching(/“备份\.zip”写入失败（磁盘空间已满）.*数据文件夹未被改动.*腾出磁盘空间/),
    });
    expect(await readdir(out)).toEqual([]);
    disk.full = false;
    const r = await createBackupArchive({ dataDir: dir, outFile });
    expect(await readdir(out)).toEqual(['备份.zip']);
    const manifest = await unpackBackupArchive(r.path, join(out, 'check'));
    expect(manifest.files.map((f) => f.path)).toEqual(['files/ab/x.bin', 'records/documents/documents-0.json']);
  });

  it('removes its copies when the disk fills while copying the records aside (backup while the app runs)', async () => {
    await smallFolder();
    disk.copyFull = true;
    await expect(createBackupArchive({ dataDir: dir, outFile: join(out, 'b.zip'), live: true })).rejects.toMatchObject({
      code: 'store.write_failed',
      message: expect.stringContaining('复制记录文件时出错（磁盘空间已满）'),
    });
    expect((await readdir(join(dir, 'backups'))).filter((n) => n.startsWith('.staging'))).toEqual([]);
    expect(await readdir(out)).toEqual([]);
  });

  it.each([
    ['EACCES', '没有写入权限', '有写入权限的文件夹'],
    ['ENOSPC', '磁盘空间已满', '腾出磁盘空间'],
    ['EROFS', '磁盘是只读的', '可写的磁盘'],
  ])('turns a folder that cannot be created (%s) into a Chinese message with what to do', async (code, why, todo) => {
    await smallFolder();
    disk.mkdirMatch = '新文件夹';
    disk.mkdirCode = code;
    const err = await createBackupArchive({ dataDir: dir, outFile: join(out, '新文件夹', 'b.zip') }).then(
      () => ({ code: 'none', message: '备份竟然成功了' }),
      (e: unknown) => e as { code: string; message: string },
    );
    expect(err).toMatchObject({ code: 'backup.folder_invalid' });
    expect(err.message).toContain(`无法创建备份文件夹“${join(out, '新文件夹')}”（${why}）`);
    expect(err.message).toContain(todo);
    expect(err.message).not.toMatch(/EACCES|ENOSPC|EROFS|mkdir/);
  });

  it('names a file standing where the folder should be (ENOTDIR, no mock: a real file in the way)', async () => {
    await smallFolder();
    await writeFile(join(out, '备份'), '不是文件夹');
    await expect(
      createBackupArchive({ dataDir: dir, outFile: join(out, '备份', '子目录', 'b.zip') }),
    ).rejects.toMatchObject({
      code: 'backup.folder_invalid',
      message: expect.stringMatching(/同名的文件挡住了文件夹.*改名或移走/),
    });
    expect(await readFile(join(out, '备份'), 'utf8')).toBe('不是文件夹');
  });

  it('reaches the app’s 立即备份 as a Chinese error when backups/full cannot be created', async () => {
    const app = await openTestApp(dir);
    await fileDocument(app, 'a.txt', '标题');
    disk.mkdirMatch = join('backups', 'full');
    const err = await app.api['backup.create']({}).catch((e: unknown) => e as { code: string; message: string });
    disk.mkdirMatch = null;
    expect(err).toMatchObject({ code: 'backup.folder_invalid', message: expect.stringContaining('没有写入权限') });
    const ok = await app.api['backup.create']({});
    expect(ok.files).toBeGreaterThan(1);
    await app.close();
  });
});

describe('a full disk during the automatic backups of the record files', () => {
  it('never removes an old good backup before the new one is complete', async () => {
    await mkdir(join(dir, 'records'), { recursive: true });
    const file = join(dir, 'records', 'settings.json');
    await writeFile(file, JSON.stringify({ v: 1 }));
    const snaps = createRecordSnapshots({ dataDir: dir, keep: 1 });
    const first = await snaps.snapshot('start');
    expect(first).not.toBeNull();
    await writeFile(file, JSON.stringify({ v: 2 }));
    disk.full = true;
    await expect(snaps.snapshot('interval')).rejects.toMatchObject({ code: 'store.write_failed' });
    disk.full = false;
    // keep = 1, yet the only good backup is still there and still reads back.
    expect((await snaps.list()).map((s) => s.id)).toEqual([first!.id]);
    expect(JSON.parse((await snaps.findGood('records/settings.json'))!.bytes.toString('utf8'))).toEqual({ v: 1 });
    // No temp file of the failed write is left behind.
    const objects = await readdir(join(dir, 'backups', 'records', 'objects'), { recursive: true });
    expect(objects.filter((n) => String(n).endsWith('.tmp'))).toEqual([]);
    const second = await snaps.snapshot('interval');
    expect((await snaps.list()).map((s) => s.id)).toEqual([second!.id]);
    expect(JSON.parse((await snaps.findGood('records/settings.json'))!.bytes.toString('utf8'))).toEqual({ v: 2 });
  });

  it('logs a failed automatic backup and keeps the app running (no unhandled rejection at close)', async () => {
    await mkdir(join(dir, 'records'), { recursive: true });
    await writeFile(join(dir, 'records', 'settings.json'), '{}');
    const warnings: string[] = [];
    disk.full = true;
    const auto = startAutoBackup({
      snapshots: createRecordSnapshots({ dataDir: dir }),
      logger: { ...silentLogger, warn: (m: string) => warnings.push(m) },
      intervalMs: 3_600_000,
    });
    await auto.stop();
    expect(warnings).toEqual(['automatic backup failed', 'automatic backup failed']);
  });
});

describe('a full disk while a restore is prepared or swapped in', () => {
  async function backupOf(app: Awaited<ReturnType<typeof openTestApp>>) {
    return app.api['backup.create']({});
  }

  it('keeps an earlier prepared restore and leaves no copy behind when the disk fills while preparing another', async () => {
    const app = await openTestApp(dir);
    await fileDocument(app, 'a.txt', '标题');
    const b = await backupOf(app);
    await app.api['backup.restore']({ path: b.path });
    disk.copyFull = true;
    await expect(app.api['backup.restore']({ path: b.path })).rejects.toMatchObject({
      code: 'backup.restore_failed',
      message: expect.stringMatching(/无法准备恢复（磁盘空间已满）.*未被改动.*腾出磁盘空间/),
    });
    disk.copyFull = false;
    expect((await app.api['backup.status']({})).pendingRestore).toMatchObject({ archive: b.path });
    expect((await readdir(join(dir, 'backups'))).filter((n) => n.startsWith('.restore'))).toEqual([]);
    await app.close();
  });

  it('says the disk is full, not that the backup is damaged, when unpacking for the check fails', async () => {
    const app = await openTestApp(dir);
    await fileDocument(app, 'a.txt', '标题');
    const b = await backupOf(app);
    await app.close();
    disk.full = true;
    disk.streamChunks = 0;
    await expect(unpackBackupArchive(b.path, join(out, 'x'))).rejects.toMatchObject({
      code: 'backup.restore_failed',
      message: expect.stringContaining('解压备份以便校验时出错（磁盘空间已满）'),
    });
    expect(await readdir(out)).toEqual([]);
  });

  it('undoes a swap that fails half-way (a file held open) and leaves the folder exactly as it was', async () => {
    const app = await openTestApp(dir);
    const doc = await fileDocument(app, 'a.txt', '备份时的标题');
    const b = await backupOf(app);
    await app.api['documents.save']({ id: doc.id, fields: { ...doc.fields, title: '备份后的标题' } });
    await app.close();
    const before = await readFile(join(dir, 'records', 'documents', 'documents-0.json'), 'utf8');
    const top = (await readdir(dir)).sort();
    disk.renameFailAfter = 2; // two entries moved aside, the third refuses
    await expect(restoreBackupArchive({ dataDir: dir, archive: b.path })).rejects.toMatchObject({
      code: 'backup.restore_failed',
      message: expect.stringMatching(/换入备份时出错（没有写入权限）.*已撤回，数据文件夹保持原样/),
    });
    expect((await readdir(dir)).sort()).toEqual(top);
    expect(await readFile(join(dir, 'records', 'documents', 'documents-0.json'), 'utf8')).toBe(before);
    expect((await readdir(join(dir, 'backups'))).filter((n) => n.startsWith('before-restore'))).toEqual([]);
  });
});

describe('a full disk during an audit append', () => {
  it('cuts the torn line back, so the next entry chains on and the whole trail verifies', async () => {
    const log = createAuditLog({ dataDir: dir, actor: '甲' });
    await log.record({ action: 'document.import', entity: { type: 'document', id: 'd1' } });
    disk.full = true;
    await expect(log.record({ action: 'document.file', entity: { type: 'document', id: 'd1' } })).rejects.toMatchObject(
      { code: 'ENOSPC' },
    );
    disk.full = false;
    const next = await log.record({ action: 'document.correct', entity: { type: 'document', id: 'd1' } });
    expect(next.seq).toBe(2);
    const raw = await readFile(join(dir, 'audit', (await readdir(join(dir, 'audit')))[0]!), 'utf8');
    expect(raw.trim().split('\n')).toHaveLength(2);
    expect(await log.verify()).toEqual({ ok: true, entries: 2, problem: null });
    // A second log on the folder (the next start) continues the same chain.
    const later = createAuditLog({ dataDir: dir });
    expect((await later.record({ action: 'x', entity: { type: 'document', id: 'd1' } })).seq).toBe(3);
    expect((await later.verify()).ok).toBe(true);
  });
});

describe('a failed audit append is shown to the office', () => {
  it('counts the failure and the 备份与恢复 status says in Chinese that the trail has a gap', async () => {
    const app = await openTestApp(dir);
    const doc = await fileDocument(app, 'a.txt', '原标题');
    expect((await app.api['backup.status']({})).auditWarning).toBeNull();
    disk.full = true;
    // The record write itself goes through writeFile (mocked to fail too), so only the audit append is made to fail.
    const log = app.audit.record({ action: 'document.correct', entity: { type: 'document', id: doc.id } });
    await expect(log).rejects.toMatchObject({ code: 'ENOSPC' });
    disk.full = false;
    const warning = (await app.api['backup.status']({})).auditWarning;
    expect(warning).toMatch(/有 1 项修改已保存，但未能写入修改记录（磁盘空间已满/);
    expect(warning).toContain('腾出磁盘空间');
    expect((await app.api['audit.verify']({})).ok).toBe(true);
    await app.close();
  });
});
