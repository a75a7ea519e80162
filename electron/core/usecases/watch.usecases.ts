import { Low } from 'lowdb';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ImportResult, WatchEntry, WatchStatus } from '../../../shared/api/contract';
import { AppError, toErrorPayload, type ErrorPayload } from '../../../shared/errors/app-error';
import type { Logger } from '../logger';
import { startFolderWatcher, type FolderFile, type FolderWatcher } from '../services/watch/folder-watcher';
import type { NamedBytes } from '../services/reader/reader.types';
import { AtomicJsonFile } from '../store/atomic-file';
import type { ImportQueue } from './import-queue';

/** What the ledger remembers of one file: the version seen (size + mtime) and what became of it. */
export interface LedgerEntry {
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha256: string | null;
  readonly documentId: string | null;
  readonly duplicate: boolean;
  readonly error: ErrorPayload | null;
  readonly at: string;
}

interface Ledger {
  files: Record<string, LedgerEntry>;
}

/** One file of the watched folder that was imported or failed (what the CLI prints per file). */
export interface WatchOutcome {
  readonly path: string;
  readonly result: ImportResult | null;
  readonly error: ErrorPayload | null;
}

export interface FolderIntakeDeps {
  readonly dataDir: string;
  readonly queue: ImportQueue;
  readonly importFile: (file: NamedBytes, ref: string, signal: AbortSignal) => Promise<ImportResult>;
  readonly now: () => Date;
  readonly logger: Logger;
  /** How long a file's size must stay the same before it is read (tests use a short time). */
  readonly stableMs?: number;
}

const REF_PREFIX = 'watch:';
const RECENT = 20;

/**
 * Imports the scans that appear in one folder into the review queue, each exactly once — also across restarts:
 * a ledger (`records/watch-ledger.json`) keyed by path remembers the size and mtime last handled, and the
 * SHA-256 dedupe of the import covers a crash between importing and writing the ledger. A file that fails is
 * recorded with its Chinese error and tried again only when its size or mtime changes.
 */
export function createFolderIntake(deps: FolderIntakeDeps) {
  const { dataDir, queue, importFile, now, logger } = deps;
  const ledger = new Low<Ledger>(new AtomicJsonFile<Ledger>(join(dataDir, 'records', 'watch-ledger.json')), {
    files: {},
  });
  let ledgerLoaded = false;
  let watcher: FolderWatcher | null = null;
  let folder: string | null = null;
  let error: string | null = null;
  /** Paths queued or being imported; the value is the version to look at again when it changed meanwhile. */
  const pending = new Map<string, FolderFile | null>();
  const listeners = new Set<(o: WatchOutcome) => void>();
  let stopping = false;
  let generation = 0;

  let writes: Promise<unknown> = Promise.resolve();
  const record = (path: string, entry: LedgerEntry | null) => {
    if (entry) ledger.data.files[path] = entry;
    else delete ledger.data.files[path];
    const run = writes.then(() => ledger.write());
    writes = run.catch((e: unknown) => logger.error('watch ledger write failed', { error: String(e) }));
    return writes;
  };

  const seen = (f: FolderFile): boolean => {
    const e = ledger.data.files[f.path];
    return !!e && e.size === f.size && e.mtimeMs === f.mtimeMs;
  };

  function consider(f: FolderFile, gen: number): void {
    if (gen !== generation || stopping || seen(f)) return;
    if (pending.has(f.path)) {
      pending.set(f.path, f); // looked at again once the current import of this path settles
      return;
    }
    pending.set(f.path, null);
    const name = basename(f.path);
    void queue
      .run({ ref: `${REF_PREFIX}${f.path}`, name }, (signal) => importOne(f, signal))
      .catch((e: unknown) => finish(f, null, toErrorPayload(e)))
      .finally(() => {
        const again = pending.get(f.path);
        pending.delete(f.path);
        if (again && gen === generation) consider(again, gen);
      });
  }

  /** Looks at a locked file again after the stability wait, unless the watcher has stopped meanwhile. */
  function retryLater(f: FolderFile): void {
    const gen = generation;
    setTimeout(() => consider(f, gen), Math.max(500, deps.stableMs ?? 2000)).unref?.();
  }

  async function importOne(f: FolderFile, signal: AbortSignal): Promise<void> {
    // The file may have changed or gone while it waited in the queue: read the version that is there now.
    const before = await stat(f.path).catch(() => null);
    if (!before) return;
    let bytes: Buffer;
    try {
      bytes = await readFile(f.path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // Still held by the scanner or a network copy (Windows locks files being written): look again later, record nothing.
      if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES' || code === 'ENOENT') {
        if (code !== 'ENOENT') retryLater(f);
        return;
      }
      throw new AppError(
        'file.corrupt',
        `无法读取监视文件夹中的“${basename(f.path)}”（系统错误 ${code ?? ''}）。请检查文件后再放入一次。`,
        { cause: e },
      );
    }
    const current: FolderFile = { path: f.path, size: before.size, mtimeMs: before.mtimeMs };
    if (bytes.length !== before.size) return; // still being written: the watcher reports it again when stable
    if (seen(current)) return;
    let result: ImportResult;
    try {
      result = await importFile({ name: basename(f.path), bytes }, `${REF_PREFIX}${f.path}`, signal);
    } catch (e) {
      await finish(current, null, toErrorPayload(e));
      return;
    }
    await finish(current, result, null);
  }

  async function finish(f: FolderFile, result: ImportResult | null, err: ErrorPayload | null): Promise<void> {
    // Stopping the watcher cancels its imports; those files are picked up again at the next start.
    if (err?.code === 'intake.cancelled' && stopping) return;
    await record(f.path, {
      size: f.size,
      mtimeMs: f.mtimeMs,
      sha256: result?.document.sha256 ?? null,
      documentId: result?.document.id ?? null,
      duplicate: result?.duplicate ?? false,
      error: err,
      at: now().toISOString(),
    });
    if (err) logger.warn('watched file failed', { path: f.path, code: err.code });
    else logger.info('watched file imported', { path: f.path, id: result?.document.id });
    const outcome: WatchOutcome = { path: f.path, result, error: err };
    for (const l of listeners) l(outcome);
  }

  async function stop(): Promise<void> {
    generation++;
    stopping = true;
    const w = watcher;
    watcher = null;
    await w?.close();
    queue.cancelWhere((j) => j.ref.startsWith(REF_PREFIX));
    while (pending.size > 0) await new Promise((r) => setTimeout(r, 10));
    await writes;
    stopping = false;
  }

  return {
    /** Starts watching `dir` (stopping any previous folder); a folder that cannot be watched is reported in the status. */
    async start(dir: string): Promise<void> {
      await stop();
      folder = dir;
      error = null;
      const gen = generation;
      try {
        if (!ledgerLoaded) {
          await ledger.read();
          ledgerLoaded = true;
        }
        const w = await startFolderWatcher({
          dir,
          stableMs: deps.stableMs,
          onFile: (f) => consider(f, gen),
          onRemove: (path) => {
            if (gen === generation && ledger.data.files[path] && !pending.has(path)) void record(path, null);
          },
          onError: (e) => {
            error = `监视文件夹时出错：${e.message}。请检查文件夹是否仍然存在、是否有读取权限。`;
            logger.warn('folder watcher error', { error: e.message });
          },
        });
        if (gen !== generation) await w.close();
        else watcher = w;
      } catch (e) {
        error = toErrorPayload(e).message;
        logger.warn('folder watcher failed to start', { dir, error: String(e) });
      }
    },

    /** Stops watching; imports of the folder that were queued or running are cancelled (and retried at the next start). */
    async stop(): Promise<void> {
      await stop();
      folder = null;
      error = null;
    },

    /** Records why the folder is not watched (for example it vanished), without starting anything. */
    fail(dir: string, message: string): void {
      folder = dir;
      error = message;
    },

    status(): WatchStatus {
      const inFolder = Object.entries(ledger.data.files).filter(([p]) => folder !== null && dirname(p) === folder);
      const recent: WatchEntry[] = inFolder
        .sort(([, a], [, b]) => b.at.localeCompare(a.at))
        .slice(0, RECENT)
        .map(([path, e]) => ({
          path,
          name: basename(path),
          at: e.at,
          documentId: e.documentId,
          duplicate: e.duplicate,
          error: e.error,
        }));
      return {
        folder,
        running: watcher !== null,
        error,
        imported: inFolder.filter(([, e]) => e.documentId !== null).length,
        failed: inFolder.filter(([, e]) => e.error !== null).length,
        pending: pending.size,
        recent,
      };
    },

    /** Subscribes to per-file outcomes; returns the unsubscribe function. */
    onOutcome(listener: (o: WatchOutcome) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type FolderIntake = ReturnType<typeof createFolderIntake>;
