import { Low } from 'lowdb';
import { readdir, readFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentFieldsInput, DocumentStatus, TextSource } from '../../../shared/api/contract';
import { AppError } from '../../../shared/errors/app-error';
import type { TaskCompletion } from '../../../shared/documents/task-completion';
import { AtomicJsonFile, writeFileAtomic } from './atomic-file';
import { acquireLock, type FolderLock } from './lock';
import { createBlobStore, type BlobStore } from './blobs';

export const SCHEMA_VERSION = 1;
/**
 * lowdb serialises a whole file per write, so a record's update rewrites its whole shard: 500 records (~0.5 MB)
 * keep that near 10 ms where 5,000 took over 100 ms, which broke the 100 ms filing budget at 100k documents.
 * New data folders record their shard size in meta.json; folders made before that keep LEGACY_SHARD_SIZE.
 */
export const SHARD_SIZE = 500;
/** Shard size of data folders whose meta.json predates the `shardSize` field. */
export const LEGACY_SHARD_SIZE = 5000;

/** The shard size a parsed meta.json stands for (legacy folders carry none). */
export function shardSizeOf(meta: unknown): number {
  const n = (meta as { shardSize?: unknown } | null)?.shardSize;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : LEGACY_SHARD_SIZE;
}

export interface DocumentRecord {
  readonly id: string;
  readonly seq: number;
  readonly status: DocumentStatus;
  readonly fields: DocumentFieldsInput;
  readonly suggested: DocumentFieldsInput;
  readonly originalName: string;
  /** The file's SHA-256; for a document made of several page files, the SHA-256 of their hashes in order. */
  readonly sha256: string;
  readonly size: number;
  /** The originals as stored (content-addressed, never modified). */
  readonly originals: readonly {
    readonly name: string;
    readonly sha256: string;
    readonly ext: string;
    readonly size: number;
  }[];
  /** Preview JPEG size per page. */
  readonly previewSizes: readonly (readonly [number, number])[];
  readonly pages: number;
  readonly textSource: TextSource;
  readonly ocrMs: number;
  readonly pageConfidence: readonly (number | null)[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly filedAt: string | null;
  /** Tasks of `fields.deadlines` marked done (absent on records that never had one); kept apart from the fields. */
  readonly taskCompletions?: readonly TaskCompletion[];
}

interface Meta {
  schemaVersion: number;
  createdAt: string;
  nextDocSeq: number;
  /** Records per shard file; absent in folders made before it was recorded (LEGACY_SHARD_SIZE). */
  shardSize?: number;
}

interface Shard {
  documents: DocumentRecord[];
}

/** Migrations from version N-1 to N, applied in order at open. Version 1 is the first layout. */
const MIGRATIONS: Record<number, (dataDir: string) => Promise<void>> = {};

export interface Store {
  readonly dataDir: string;
  readonly blobs: BlobStore;
  readonly schemaVersion: number;
  /** Records per documents-N.json file in this folder. */
  readonly shardSize: number;
  allDocuments(): readonly DocumentRecord[];
  /** Goes up with every inserted or updated record: views worked out over all records are cached against it. */
  revision(): number;
  getDocument(id: string): DocumentRecord | undefined;
  findBySha(sha: string): DocumentRecord | undefined;
  /** Writes a record whose id came from `nextDocumentId`; its text and previews are saved first. */
  insertDocument(rec: DocumentRecord): Promise<DocumentRecord>;
  updateDocument(id: string, patch: Partial<Omit<DocumentRecord, 'id' | 'seq'>>): Promise<DocumentRecord>;
  nextDocumentId(): Promise<{ id: string; seq: number }>;
  saveText(id: string, pageTexts: readonly string[]): Promise<void>;
  readText(id: string): Promise<string[]>;
  savePreview(id: string, page: number, jpeg: Uint8Array): Promise<void>;
  readPreview(id: string, page: number): Promise<Buffer | null>;
  /** The OCR geometry sidecar (layouts/xx/<id>.json): word boxes and confidences for the review screen. */
  saveOcrLayout(id: string, layout: unknown): Promise<void>;
  /** The sidecar as parsed JSON; null when the document has none (imported before it existed, or no OCR). */
  readOcrLayout(id: string): Promise<unknown>;
  close(): Promise<void>;
}

const docId = (seq: number) => `d${String(seq).padStart(7, '0')}`;

/** Opens (creating if needed) the data folder: lock, schema check, migrations, record shards into memory. */
export async function openStore(dataDir: string): Promise<Store> {
  const lock: FolderLock = await acquireLock(dataDir);
  try {
    return await openLocked(dataDir, lock);
  } catch (e) {
    await lock.release();
    throw e;
  }
}

async function openLocked(dataDir: string, lock: FolderLock): Promise<Store> {
  const recordsDir = join(dataDir, 'records');
  await mkdir(join(recordsDir, 'documents'), { recursive: true });

  const meta = new Low<Meta>(new AtomicJsonFile<Meta>(join(recordsDir, 'meta.json')), {
    schemaVersion: SCHEMA_VERSION,
    createdAt: new Date().toISOString(),
    nextDocSeq: 1,
    shardSize: SHARD_SIZE,
  });
  const existed = (await meta.adapter.read()) !== null;
  await meta.read();
  if (!existed) {
    // A folder whose meta.json is gone but whose shards are not: keep the layout those shards were written in.
    meta.data.shardSize = await inferShardSize(join(recordsDir, 'documents'));
    await meta.write();
  }
  const shardSize = shardSizeOf(meta.data);
  const shardOf = (seq: number) => Math.floor(seq / shardSize);
  if (meta.data.schemaVersion > SCHEMA_VERSION) {
    throw new AppError(
      'store.newer_schema',
      `这个数据文件夹由更新版本的信访文书台创建（数据版本 ${meta.data.schemaVersion}，本程序支持 ${SCHEMA_VERSION}）。请升级程序后再打开，数据未被改动。`,
    );
  }
  for (let v = meta.data.schemaVersion + 1; v <= SCHEMA_VERSION; v++) {
    await MIGRATIONS[v]?.(dataDir);
    meta.data.schemaVersion = v;
    await meta.write();
  }

  const shards = new Map<number, Low<Shard>>();
  const byId = new Map<string, DocumentRecord>();
  /** The shard file each record was read from or written to: an update rewrites the file that holds it. */
  const shardById = new Map<string, number>();
  const bySha = new Map<string, DocumentRecord>();
  const shardFiles = (await readdir(join(recordsDir, 'documents'))).filter((f) => /^documents-\d+\.json$/.test(f));
  for (const f of shardFiles) {
    const n = Number(/\d+/.exec(f)![0]);
    const db = new Low<Shard>(new AtomicJsonFile<Shard>(join(recordsDir, 'documents', f)), { documents: [] });
    await db.read(); // throws store.corrupt on a damaged file; defaults are never written over it
    shards.set(n, db);
    for (const d of db.data.documents) {
      shardById.set(d.id, n);
      byId.set(d.id, d);
      bySha.set(d.sha256, d);
    }
  }
  // A crash between writing a record and bumping the counter must not reuse an id.
  // A loop, not Math.max(...all): spreading 100,000+ arguments overflows the stack.
  let maxSeq = 0;
  for (const d of byId.values()) if (d.seq > maxSeq) maxSeq = d.seq;
  if (meta.data.nextDocSeq <= maxSeq) {
    meta.data.nextDocSeq = maxSeq + 1;
    await meta.write();
  }

  const shardFor = (seq: number, n = shardOf(seq)): Low<Shard> => {
    let db = shards.get(n);
    if (!db) {
      db = new Low<Shard>(new AtomicJsonFile<Shard>(join(recordsDir, 'documents', `documents-${n}.json`)), {
        documents: [],
      });
      shards.set(n, db);
    }
    return db;
  };

  // Writes are serialised so two requests never interleave a read-modify-write of one file.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const textPath = (id: string) => join(dataDir, 'texts', id.slice(-2), `${id}.json`);
  const previewPath = (id: string, page: number) => join(dataDir, 'previews', id.slice(-2), id, `${page}.jpg`);
  const layoutPath = (id: string) => join(dataDir, 'layouts', id.slice(-2), `${id}.json`);
  const blobs = createBlobStore(dataDir);
  let revision = 0;

  return {
    dataDir,
    blobs,
    schemaVersion: SCHEMA_VERSION,
    shardSize,
    allDocuments: () => [...byId.values()],
    revision: () => revision,
    getDocument: (id) => byId.get(id),
    findBySha: (sha) => bySha.get(sha),
    nextDocumentId: () =>
      serial(async () => {
        const seq = meta.data.nextDocSeq;
        meta.data.nextDocSeq = seq + 1;
        await meta.write();
        return { id: docId(seq), seq };
      }),
    insertDocument: (rec) =>
      serial(async () => {
        const db = shardFor(rec.seq);
        db.data.documents.push(rec);
        try {
          await db.write();
        } catch (e) {
          db.data.documents.pop();
          throw e;
        }
        shardById.set(rec.id, shardOf(rec.seq));
        byId.set(rec.id, rec);
        revision++;
        bySha.set(rec.sha256, rec);
        return rec;
      }),
    updateDocument: (id, patch) =>
      serial(async () => {
        const old = byId.get(id);
        if (!old)
          throw new AppError('document.not_found', `找不到编号为 ${id} 的文件记录，它可能已被删除。请刷新列表后重试。`);
        const next: DocumentRecord = { ...old, ...patch, id: old.id, seq: old.seq };
        const db = shardFor(old.seq, shardById.get(id));
        const i = db.data.documents.findIndex((d) => d.id === id);
        if (i < 0) throw new Error(`store: record ${id} missing from its shard file`);
        db.data.documents[i] = next;
        try {
          await db.write();
        } catch (e) {
          db.data.documents[i] = old;
          throw e;
        }
        byId.set(id, next);
        revision++;
        bySha.set(next.sha256, next);
        return next;
      }),
    saveText: (id, pageTexts) => writeFileAtomic(textPath(id), JSON.stringify({ pages: pageTexts })),
    async readText(id) {
      const raw = await readFile(textPath(id), 'utf8').catch(() => null);
      if (raw === null) return [];
      try {
        const pages = (JSON.parse(raw) as { pages?: unknown }).pages;
        if (Array.isArray(pages) && pages.every((p) => typeof p === 'string')) return pages as string[];
      } catch {
        // reported below
      }
      throw new AppError(
        'store.corrupt',
        `文件 ${id} 的识别文字（texts/${id.slice(-2)}/${id}.json）已损坏，原件和已填写的要素不受影响。可以重新导入原件以恢复文字，或从备份恢复数据文件夹。`,
      );
    },
    savePreview: (id, page, jpeg) => writeFileAtomic(previewPath(id, page), jpeg),
    readPreview: (id, page) => readFile(previewPath(id, page)).catch(() => null),
    saveOcrLayout: (id, layout) => writeFileAtomic(layoutPath(id), JSON.stringify(layout)),
    async readOcrLayout(id) {
      const raw = await readFile(layoutPath(id), 'utf8').catch(() => null);
      if (raw === null) return null;
      try {
        return JSON.parse(raw) as unknown;
      } catch (e) {
        throw new AppError(
          'store.corrupt',
          `文件 ${id} 的识别位置信息（layouts/${id.slice(-2)}/${id}.json）已损坏，审核时不显示位置框，原件和要素不受影响。重新导入原件可恢复。`,
          { cause: e },
        );
      }
    },
    async close() {
      await queue.catch(() => undefined);
      await lock.release();
    },
  };
}

/**
 * Shard size of existing shard files without a meta.json: a file documents-N.json holding a seq at or beyond
 * (N+1)×SHARD_SIZE can only be from the legacy layout. No shards (a new folder) or only agreeing ones: SHARD_SIZE.
 */
async function inferShardSize(documentsDir: string): Promise<number> {
  const files = (await readdir(documentsDir).catch(() => [] as string[])).filter((f) =>
    /^documents-\d+\.json$/.test(f),
  );
  for (const f of files) {
    const n = Number(/\d+/.exec(f)![0]);
    const parsed = await readFile(join(documentsDir, f), 'utf8')
      .then((raw) => JSON.parse(raw) as { documents?: { seq?: unknown }[] })
      .catch(() => null);
    for (const d of parsed?.documents ?? [])
      if (typeof d?.seq === 'number' && (n + 1) * SHARD_SIZE <= d.seq) return LEGACY_SHARD_SIZE;
  }
  return SHARD_SIZE;
}
