import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdir, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openStore, SCHEMA_VERSION, type DocumentRecord } from '../../../electron/core/store/store';
import { EMPTY_FIELDS } from '../../../shared/documents/fields';
import { tempDir } from '../../helpers/fakes';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => cleanup());

const record = (id: string, seq: number, sha: string): DocumentRecord => ({
  id,
  seq,
  status: 'review',
  fields: { ...EMPTY_FIELDS, issuingBodies: [], addressees: [], attachments: [], cc: [], referencedDocNumbers: [] },
  suggested: { ...EMPTY_FIELDS, issuingBodies: [], addressees: [], attachments: [], cc: [], referencedDocNumbers: [] },
  originalName: 'a.txt',
  sha256: sha,
  size: 1,
  originals: [],
  previewSizes: [],
  pages: 1,
  textSource: 'txt',
  ocrMs: 0,
  pageConfidence: [null],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  filedAt: null,
});

describe('the record store', () => {
  it('creates a data folder with the current schema version and keeps records across a reopen', async () => {
    const store = await openStore(dir);
    const { id, seq } = await store.nextDocumentId();
    await store.insertDocument(record(id, seq, 'aa'));
    await store.close();
    const meta = JSON.parse(await readFile(join(dir, 'records', 'meta.json'), 'utf8'));
    expect(meta.schemaVersion).toBe(SCHEMA_VERSION);
    const again = await openStore(dir);
    expect(again.getDocument(id)?.sha256).toBe('aa');
    expect(again.findBySha('aa')?.id).toBe(id);
    const next = await again.nextDocumentId();
    expect(next.seq).toBe(seq + 1);
    await again.close();
  });

  it('refuses a second instance on the same folder with a Chinese message', async () => {
    const store = await openStore(dir);
    await expect(openStore(dir)).rejects.toMatchObject({
      code: 'store.locked',
      message: expect.stringContaining('已被'),
    });
    await store.close();
    const reopened = await openStore(dir);
    await reopened.close();
  });

  it('tells a second process that another instance owns the folder', async () => {
    const store = await openStore(dir);
    const { execFile } = await import('node:child_process');
    const script = `import('${join(import.meta.dirname, '../../../electron/core/store/store.ts')}').then(m => m.openStore(process.argv[1])).then(() => console.log('opened'), e => console.log(e.code + ' ' + e.message))`;
    const out = await new Promise<string>((resolve) =>
      execFile(process.execPath, ['--import', 'tsx', '-e', script, dir], (_e, stdout) => resolve(stdout)),
    );
    expect(out).toContain('store.locked');
    expect(out).toContain('另一个信访文书台');
    await store.close();
  });

  it('takes over a lock left behind by a process that no longer exists', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'xinfangdesk.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), since: 'x' }),
    );
    const store = await openStore(dir);
    expect(store.allDocuments()).toEqual([]);
    await store.close();
  });

  it('reports a damaged record file as store.corrupt and leaves the file exactly as it was', async () => {
    const store = await openStore(dir);
    const { id, seq } = await store.nextDocumentId();
    await store.insertDocument(record(id, seq, 'bb'));
    await store.close();
    const shard = join(dir, 'records', 'documents', 'documents-0.json');
    const damaged = (await readFile(shard, 'utf8')).slice(0, 40);
    await writeFile(shard, damaged);
    await expect(openStore(dir)).rejects.toMatchObject({
      code: 'store.corrupt',
      message: expect.stringContaining('已损坏'),
    });
    expect(await readFile(shard, 'utf8')).toBe(damaged);
    // The failed open released its lock.
    await expect(stat(join(dir, 'xinfangdesk.lock'))).rejects.toThrow();
  });

  it('refuses a folder written by a newer version instead of downgrading it', async () => {
    await mkdir(join(dir, 'records'), { recursive: true });
    await writeFile(
      join(dir, 'records', 'meta.json'),
      JSON.stringify({ schemaVersion: SCHEMA_VERSION + 1, createdAt: 'x', nextDocSeq: 1 }),
    );
    await expect(openStore(dir)).rejects.toMatchObject({ code: 'store.newer_schema' });
  });

  it('stores originals by SHA-256, read-only, once, and leaves no temporary files behind', async () => {
    const store = await openStore(dir);
    const bytes = Buffer.from('原件内容');
    const a = await store.blobs.put(bytes, 'txt');
    const b = await store.blobs.put(bytes, 'txt');
    expect(a).toEqual(b);
    expect(a.path).toContain(join('files', a.sha256.slice(0, 2), `${a.sha256}.txt`));
    expect((await stat(a.path)).mode & 0o222).toBe(0);
    expect((await store.blobs.get(a.sha256, 'txt')).toString()).toBe('原件内容');
    const leftovers = (await readdir(join(dir, 'files', a.sha256.slice(0, 2)))).filter((f) => f.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
    await store.close();
  });

  it('never reuses a document id even if the counter was not saved after a crash', async () => {
    const store = await openStore(dir);
    const { id, seq } = await store.nextDocumentId();
    await store.insertDocument(record(id, seq, 'cc'));
    await store.close();
    await writeFile(
      join(dir, 'records', 'meta.json'),
      JSON.stringify({ schemaVersion: SCHEMA_VERSION, createdAt: 'x', nextDocSeq: 1 }),
    );
    const again = await openStore(dir);
    expect((await again.nextDocumentId()).seq).toBeGreaterThan(seq);
    await again.close();
  });
});
