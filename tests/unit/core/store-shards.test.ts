import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LEGACY_SHARD_SIZE, SHARD_SIZE, openStore, type DocumentRecord } from '../../../electron/core/store/store';
import { checkDataFolder } from '../../../electron/core/usecases/integrity.usecases';
import { EMPTY_FIELDS } from '../../../shared/documents/fields';
import { tempDir } from '../../helpers/fakes';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => cleanup());

const empty = { ...EMPTY_FIELDS, issuingBodies: [], addressees: [], attachments: [], cc: [], referencedDocNumbers: [] };
const record = (seq: number): DocumentRecord => ({
  id: `d${String(seq).padStart(7, '0')}`,
  seq,
  status: 'review',
  fields: empty,
  suggested: empty,
  originalName: `${seq}.txt`,
  sha256: `sha-${seq}`,
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

const docsDir = () => join(dir, 'records', 'documents');
const shardIds = async (n: number) =>
  (
    JSON.parse(await readFile(join(docsDir(), `documents-${n}.json`), 'utf8')) as { documents: DocumentRecord[] }
  ).documents.map((d) => d.seq);

describe('record shards', () => {
  it('a new folder records its shard size and splits records by it, so an update rewrites a small file', async () => {
    const store = await openStore(dir);
    expect(store.shardSize).toBe(SHARD_SIZE);
    await store.insertDocument(record(SHARD_SIZE - 1));
    await store.insertDocument(record(SHARD_SIZE));
    await store.updateDocument(record(SHARD_SIZE).id, { status: 'filed' });
    for (const seq of [SHARD_SIZE - 1, SHARD_SIZE]) await store.saveText(record(seq).id, ['正文']);
    await store.close();
    expect(JSON.parse(await readFile(join(dir, 'records', 'meta.json'), 'utf8')).shardSize).toBe(SHARD_SIZE);
    expect(await shardIds(0)).toEqual([SHARD_SIZE - 1]);
    expect(await shardIds(1)).toEqual([SHARD_SIZE]);
    const again = await openStore(dir);
    expect(again.getDocument(record(SHARD_SIZE).id)?.status).toBe('filed');
    await again.close();
    expect((await checkDataFolder({ dataDir: dir })).problems).toEqual([]);
  });

  it('a folder made before shard sizes were recorded keeps its 5,000-record layout', async () => {
    await mkdir(docsDir(), { recursive: true });
    const meta = { schemaVersion: 1, createdAt: '2025-01-01T00:00:00.000Z', nextDocSeq: 1201 };
    await writeFile(join(dir, 'records', 'meta.json'), JSON.stringify(meta));
    await writeFile(join(docsDir(), 'documents-0.json'), JSON.stringify({ documents: [record(1), record(1200)] }));
    const store = await openStore(dir);
    expect(store.shardSize).toBe(LEGACY_SHARD_SIZE);
    await store.updateDocument(record(1200).id, { status: 'filed' });
    const { seq } = await store.nextDocumentId();
    await store.insertDocument(record(seq));
    for (const s of [1, 1200, seq]) await store.saveText(record(s).id, ['正文']);
    await store.close();
    expect(await readdir(docsDir())).toEqual(['documents-0.json']);
    expect(await shardIds(0)).toEqual([1, 1200, 1201]);
    expect((await checkDataFolder({ dataDir: dir })).problems).toEqual([]);
  });

  it('a lost meta.json is rebuilt with the layout the shards were written in', async () => {
    await mkdir(docsDir(), { recursive: true });
    await writeFile(join(docsDir(), 'documents-0.json'), JSON.stringify({ documents: [record(3), record(2400)] }));
    const store = await openStore(dir);
    expect(store.shardSize).toBe(LEGACY_SHARD_SIZE);
    expect(store.getDocument(record(2400).id)).toBeDefined();
    await store.insertDocument(record(2401));
    await store.close();
    expect(await shardIds(0)).toEqual([3, 2400, 2401]);
    expect(JSON.parse(await readFile(join(dir, 'records', 'meta.json'), 'utf8')).shardSize).toBe(LEGACY_SHARD_SIZE);
  });
});
