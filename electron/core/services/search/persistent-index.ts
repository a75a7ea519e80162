import { crc32 } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../store/atomic-file';
import type { Logger } from '../../logger';
import { createSearchIndex, headOf, type IndexedDoc, type IndexedFields } from './search-index';
import { normalizeForSearch } from '../../../../shared/search/normalize';
import { readIndexFile, writeIndexFile } from './index-file';

export const INDEX_FILE = 'search-index.bin';
export const JOURNAL_FILE = 'search-journal.log';

export interface OpenIndexOptions {
  /** The index folder inside the data folder (`<data>/index`). */
  readonly dir: string;
  readonly logger: Logger;
  /**
   * When the background check of the big sections may begin (the app passes "start-up finished", so the check does
   * not lengthen start-up on a single thread). Immediately when absent; `close` ends the wait.
   */
  readonly checkAfter?: Promise<unknown>;
}

/** What happened when the index was opened, for logs, `app.info`-style status and the benchmark. */
export interface IndexLoadStatus {
  readonly loaded: boolean;
  /** Why the saved index was not used (Chinese), null when it was. */
  readonly rebuildReason: string | null;
  readonly docs: number;
  readonly journalEntries: number;
  readonly bytes: number;
  readonly ms: number;
}

type JournalEntry = { readonly op: 'put'; readonly doc: IndexedDoc } | { readonly op: 'del'; readonly id: string };

/**
 * The search index kept in the data folder: a compacted base file plus an append-only journal of the documents
 * filed or corrected since, so filing one document costs one small fsync'd append instead of rewriting the base.
 * The journal is compacted into a new base once it grows (and on `save`). A corrupt or outdated base is
 * reported in `status` and the caller re-indexes from the records (the index is always derived data).
 */
export async function openSearchIndex({ dir, logger, checkAfter }: OpenIndexOptions) {
  const started = performance.now();
  const index = createSearchIndex();
  const basePath = join(dir, INDEX_FILE);
  const journalPath = join(dir, JOURNAL_FILE);
  let baseId = '';
  let journalEntries = 0;
  let rebuildReason: string | null = null;
  let bytes = 0;

  const loaded = await readIndexFile(basePath);
  /** The background check of the sections not read at start-up (null: nothing to check or all well). */
  let verifying: Promise<string | null> = Promise.resolve(null);
  let closing = false;
  let endWait = (): void => undefined;
  const mayCheck = Promise.race([
    checkAfter ?? Promise.resolve(),
    new Promise<void>((resolve) => (endWait = resolve)),
  ]).catch(() => undefined);
  if (loaded.ok) {
    index.restore(loaded.loaded);
    baseId = loaded.baseId;
    bytes = loaded.bytes;
    journalEntries = await replayJournal();
    const gen = index.generation();
    const file = loaded;
    verifying = mayCheck
      // Skipped when closing, or when a save, rebuild or compaction replaced this base while it waited.
      .then(() =>
        closing || gen !== index.generation()
          ? null
          : file.verify(
              (from, to, chunk, firstChar) => index.adoptTexts(gen, from, to, chunk, firstChar),
              () => closing,
            ),
      )
      .then((reason) => {
        if (reason) logger.warn('search index unusable; it will be rebuilt from the records', { reason });
        return reason;
      });
  } else {
    rebuildReason = loaded.reason;
    if (loaded.reason !== '索引文件不存在')
      logger.warn('search index unusable; it will be rebuilt from the records', { reason: loaded.reason });
  }

  async function replayJournal(): Promise<number> {
    const raw = await readFile(journalPath, 'utf8').catch(() => '');
    const lines = raw.split('\n');
    let n = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (!line) continue;
      const tab = line.indexOf('\t');
      const json = line.slice(tab + 1);
      if (tab < 0 || Number.parseInt(line.slice(0, tab), 16) !== crc32(json)) {
        // A torn last line after a crash; the start-up check against the records re-indexes what it held.
        logger.warn('search journal line damaged; the rest is ignored', { line: i + 1 });
        break;
      }
      const e = JSON.parse(json) as JournalEntry | { base: string };
      if ('base' in e) {
        if (e.base !== baseId) {
          logger.info('search journal belongs to another index file; ignored');
          return 0;
        }
        continue;
      }
      if (e.op === 'put') index.putIndexed(e.doc);
      else index.remove(e.id);
      n++;
    }
    return n;
  }

  // One queue for journal appends and saves, so a save never truncates an append it has not seen.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch((e: unknown) => logger.error('search index write failed', { error: String(e) }));
    return run;
  };
  let journal: FileHandle | null = null;
  const lineOf = (e: object) => {
    const json = JSON.stringify(e);
    return `${crc32(json).toString(16)}\t${json}\n`;
  };
  const append = (e: JournalEntry) =>
    serial(async () => {
      if (!baseId) return; // no base yet: the next save writes everything
      journal ??= await open(journalPath, 'a');
      await journal.write(lineOf(e));
      await journal.datasync();
      journalEntries++;
    });

  async function save(): Promise<number> {
    return serial(async () => {
      const t0 = performance.now();
      const snap = index.snapshot();
      const id = randomBytes(8).toString('hex');
      let written;
      try {
        written = await writeIndexFile(basePath, snap, id);
      } catch (e) {
        index.thaw();
        throw e;
      }
      bytes = written.bytes;
      // From now on the base's lists and texts are read from the new file; the in-memory copies are freed.
      const reopened = await readIndexFile(basePath);
      if (reopened.ok && reopened.loaded.ids.length === snap.ids.length) {
        index.attach(reopened.loaded.file, snap.ids.length, written.textOffs);
        verifying = Promise.resolve(null);
      } else {
        if (reopened.ok) reopened.loaded.file.close();
        index.thaw();
      }
      await journal?.close();
      journal = null;
      await writeFileAtomic(journalPath, lineOf({ base: id }));
      baseId = id;
      journalEntries = 0;
      logger.info('search index saved', { docs: snap.ids.length, bytes, ms: Math.round(performance.now() - t0) });
      return bytes;
    });
  }

  const status: IndexLoadStatus = {
    loaded: loaded.ok,
    rebuildReason,
    docs: index.size(),
    journalEntries,
    bytes,
    ms: Math.round(performance.now() - started),
  };

  return {
    ...index,
    /** Indexes one document now and records it in the journal (awaited by `flush`). */
    put(id: string, f: IndexedFields): void {
      const doc: IndexedDoc = { id, stamp: f.stamp ?? '', head: headOf(f), text: normalizeForSearch(f.text) };
      index.putIndexed(doc);
      void append({ op: 'put', doc });
    },
    remove(id: string): boolean {
      const had = index.remove(id);
      if (had) void append({ op: 'del', id });
      return had;
    },
    /** Empties the index for a full rebuild; nothing is journalled until the next `save` writes a new base. */
    clear(): void {
      index.clear();
      baseId = '';
    },
    status: (): IndexLoadStatus => status,
    /**
     * Resolves once the parts of the loaded file not read at start-up are checked: with the reason (Chinese)
     * when they are damaged (the caller then rebuilds from the records), null when all is well.
     */
    verified: (): Promise<string | null> => verifying,
    /** Whether the base is missing or the journal has grown enough to be worth folding into a new base. */
    needsSave: (): boolean => !baseId || journalEntries > Math.max(2000, index.size() / 20),
    journalEntries: () => journalEntries,
    indexBytes: () => bytes,
    save,
    /** Waits until every journal append has reached the disk. */
    flush: () => serial(async () => undefined),
    /** A check not yet begun is skipped and a running one stops at its next slice, reporting nothing. */
    abandonCheck(): void {
      closing = true;
      endWait();
    },
    async close(): Promise<void> {
      closing = true;
      endWait();
      await serial(async () => undefined);
      await journal?.close();
      journal = null;
      index.close();
      await verifying.catch(() => null);
    },
  };
}
export type PersistentSearchIndex = Awaited<ReturnType<typeof openSearchIndex>>;
