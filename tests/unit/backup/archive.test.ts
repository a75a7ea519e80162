import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import yazl from 'yazl';
import {
  createBackupArchive,
  restoreBackupArchive,
  unpackBackupArchive,
} from '../../../electron/core/services/backup/backup-archive';
import { listFiles, safeRelativeSegments } from '../../../electron/core/services/backup/backup-files';
import { tempDir } from '../../helpers/fakes';
import { fileDocument, makeZip, openTestApp, patchName } from './backup-helpers';

let root: string;
let cleanup: () => Promise<void>;
let dir: string;
beforeEach(async () => {
  ({ dir: root, cleanup } = await tempDir('xfd-archive-'));
  dir = join(root, 'data');
});
afterEach(async () => cleanup());

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
const manifestOf = (files: { path: string; data: string }[]) =>
  JSON.stringify({
    format: 'xinfangdesk-backup',
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    app: 'test',
    files: files.map((f) => ({ path: f.path, size: Buffer.byteLength(f.data), sha256: sha(f.data) })),
  });

/** Every file of a folder with its content, except what backups leave out. */
async function snapshotOf(folder: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rel of await listFiles(folder, (r) =>
    ['backups', 'cache', 'exports', 'xinfangdesk.lock'].includes(r.split('/')[0]!),
  ))
    out[rel] = sha(await readFile(join(folder, rel)));
  return out;
}

describe('one-click backup and restore of the whole data folder', () => {
  it('restores a backup byte for byte and keeps what was there before under backups/', async () => {
    const app = await openTestApp(dir);
    const a = await fileDocument(app, 'a.txt', '甲');
    await app.close();
    // A year's hand-over folder: copies of originals the backup already holds, so it is left out.
    await mkdir(join(dir, 'exports', '2026年度移交'), { recursive: true });
    await writeFile(join(dir, 'exports', '2026年度移交', 'manifest.json'), '{}');
    const before = await snapshotOf(dir);
    const zip = join(root, 'b.zip');
    const made = await createBackupArchive({ dataDir: dir, outFile: zip });
    expect(made.files).toBe(Object.keys(before).length);
    expect((await readdir(root)).filter((n) => n.includes('.part'))).toEqual([]);

    // Work goes on after the backup, then the office restores it.
    const app2 = await openTestApp(dir);
    const b = await fileDocument(app2, 'bb.txt', '乙');
    await app2.close();
    const r = await restoreBackupArchive({ dataDir: dir, archive: zip });
    expect(r.files).toBe(made.files);
    expect(await snapshotOf(dir)).toEqual(before);
    expect(existsSync(join(dir, 'exports', '2026年度移交', 'manifest.json'))).toBe(true);
    const kept = join(dir, ...r.previousKeptIn.split('/'));
    expect(existsSync(join(kept, 'records', 'documents', 'documents-0.json'))).toBe(true);

    const app3 = await openTestApp(dir);
    expect(app3.store.getDocument(a.id)?.fields.title).toBe('甲');
    expect(app3.store.getDocument(b.id)).toBeUndefined();
    await app3.close();
  });

  it('refuses a backup whose file does not match its SHA-256 and leaves the data folder untouched', async () => {
    const files = [{ path: 'records/meta.json', data: '{"schemaVersion":1}' }];
    const good = await makeZip([
      { name: 'manifest.json', data: manifestOf(files) },
      { name: files[0]!.path, data: files[0]!.data },
    ]);
    const bad = Buffer.from(good);
    const at = bad.indexOf('"schemaVersion":1}');
    bad[at + 16] = '2'.charCodeAt(0); // stored, so the byte is the content; the zip's CRC then fails too
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'keep.txt'), '原有');
    await writeFile(join(root, 'bad.zip'), bad);
    await expect(restoreBackupArchive({ dataDir: dir, archive: join(root, 'bad.zip') })).rejects.toMatchObject({
      code: expect.stringMatching(/^backup\.(hash_mismatch|invalid_archive)$/),
      message: expect.stringContaining('数据文件夹未被改动'),
    });
    expect(await readdir(dir)).toEqual(['keep.txt']);
  });

  it('refuses a file the manifest does not list, a missing file and a file larger than declared', async () => {
    const files = [{ path: 'records/meta.json', data: '{}' }];
    await mkdir(dir, { recursive: true });
    const cases = [
      [
        { name: 'manifest.json', data: manifestOf(files) },
        { name: 'records/meta.json', data: '{}' },
        { name: 'records/x.json', data: '{}' },
      ],
      [{ name: 'manifest.json', data: manifestOf(files) }],
      [
        { name: 'manifest.json', data: manifestOf(files) },
        { name: 'records/meta.json', data: '{"much":"longer"}' },
      ],
      [
        { name: 'records/meta.json', data: '{}' },
        { name: 'manifest.json', data: manifestOf(files) },
      ],
    ];
    for (const [i, entries] of cases.entries()) {
      await writeFile(join(root, `c${i}.zip`), await makeZip(entries));
      await expect(unpackBackupArchive(join(root, `c${i}.zip`), join(root, `out${i}`))).rejects.toMatchObject({
        code: 'backup.invalid_archive',
      });
      expect(existsSync(join(root, `out${i}`))).toBe(false);
    }
  });
});

describe('hostile backup archives (zip-slip)', () => {
  it('refuses an entry that climbs out of the data folder and writes nothing outside it', async () => {
    const files = [{ path: 'xx/evil.txt', data: 'pwned' }];
    const zip = patchName(
      await makeZip([
        { name: 'manifest.json', data: manifestOf(files) },
        { name: 'xx/evil.txt', data: 'pwned' },
      ]),
      'xx/evil.txt',
      '../evil.txt',
    );
    await mkdir(dir, { recursive: true });
    await writeFile(join(root, 'slip.zip'), zip);
    await expect(restoreBackupArchive({ dataDir: dir, archive: join(root, 'slip.zip') })).rejects.toMatchObject({
      code: 'backup.unsafe_path',
      message: expect.stringContaining('已拒绝恢复'),
    });
    expect(existsSync(join(root, 'evil.txt'))).toBe(false);
    expect(existsSync(join(dir, 'evil.txt'))).toBe(false);
    expect(await readdir(dir)).toEqual([]);
  });

  it('stops a zip bomb whose header understates what an entry inflates to', async () => {
    const small = 'x'.repeat(10);
    const files = [{ path: 'records/meta.json', data: small }];
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(manifestOf(files)), 'manifest.json', { compress: false });
    zip.addBuffer(Buffer.alloc(50 * 1024 * 1024, 0x78), 'records/meta.json', { compress: true });
    zip.end();
    const chunks: Buffer[] = [];
    for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
    const bytes = Buffer.concat(chunks);
    expect(bytes.length).toBeLessThan(1024 * 1024);
    // Make the central directory claim 10 bytes for the 50 MB entry, as a bomb would.
    const cd =
      bytes.indexOf(Buffer.from('records/meta.json'), bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]))) - 46;
    expect(bytes.readUInt32LE(cd)).toBe(0x02014b50);
    bytes.writeUInt32LE(10, cd + 24);
    await writeFile(join(root, 'bomb.zip'), bytes);
    await mkdir(dir, { recursive: true });
    await expect(restoreBackupArchive({ dataDir: dir, archive: join(root, 'bomb.zip') })).rejects.toMatchObject({
      code: expect.stringMatching(/^backup\.(too_large|invalid_archive|hash_mismatch)$/),
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a manifest that names paths outside the folder, absolute paths, NUL bytes or over-long names', async () => {
    await mkdir(dir, { recursive: true });
    for (const [i, path] of [
      '../x',
      '/etc/passwd',
      'a/../../x',
      'C:/x',
      'a\\..\\x',
      'a\u0000b',
      `${'长'.repeat(90)}.txt`,
      'backups/x',
      'xinfangdesk.lock',
    ].entries()) {
      const zip = await makeZip([{ name: 'manifest.json', data: manifestOf([{ path, data: 'x' }]) }]);
      await writeFile(join(root, `m${i}.zip`), zip);
      await expect(restoreBackupArchive({ dataDir: dir, archive: join(root, `m${i}.zip`) })).rejects.toMatchObject({
        code: expect.stringMatching(/^backup\.(unsafe_path|invalid_archive)$/),
      });
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('accepts ordinary Chinese names and refuses every kind of path escape', () => {
    expect(safeRelativeSegments('files/ab/信访件.pdf')).toEqual(['files', 'ab', '信访件.pdf']);
    for (const p of ['', '.', 'a//b', './a', 'a/./b', 'a/..', '..', 'x'.repeat(256), 'a\u0001'])
      expect(() => safeRelativeSegments(p)).toThrow(/不安全的路径/);
  });

  it('refuses a file that is not a zip, an empty file and a missing file with a clear message', async () => {
    await writeFile(join(root, 'not.zip'), 'PK\u0003\u0004 garbage');
    await writeFile(join(root, 'empty.zip'), '');
    await expect(unpackBackupArchive(join(root, 'not.zip'), join(root, 'o1'))).rejects.toMatchObject({
      code: 'backup.invalid_archive',
    });
    await expect(unpackBackupArchive(join(root, 'empty.zip'), join(root, 'o2'))).rejects.toMatchObject({
      code: 'backup.invalid_archive',
    });
    await expect(unpackBackupArchive(join(root, 'none.zip'), join(root, 'o3'))).rejects.toMatchObject({
      code: 'backup.not_found',
    });
  });
});
