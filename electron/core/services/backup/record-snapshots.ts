import { createHash } from 'node:crypto';
import { readFile, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../logger';
import { writeFileAtomic } from '../../store/atomic-file';
import { isTempName, listFiles } from './backup-files';

/** Where the automatic backups of the record files live, inside the data folder but outside `records/`. */
export const SNAPSHOT_DIR = join('backups', 'records');
/** How many automatic backups are kept: the newest ones; older ones are removed with the content only they used. */
export const DEFAULT_KEEP = 20;

export interface SnapshotFile {
  /** Relative to the data folder, forward slashes, e.g. `records/documents/documents-0.json`. */
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface SnapshotInfo {
  readonly id: string;
  readonly createdAt: string;
  readonly reason: string;
  readonly files: readonly SnapshotFile[];
}

export interface RecordSnapshots {
  /**
   * Takes an automatic backup of every record file that reads as valid JSON (a damaged file is left out, so a
   * backup is always good). Returns null when nothing changed since the newest backup.
   */
  snapshot(reason: string): Promise<SnapshotInfo | null>;
  /** Newest first; a damaged backup manifest is skipped. */
  list(): Promise<SnapshotInfo[]>;
  /** The newest backed-up copy of one record file whose bytes still match their hash and parse as JSON. */
  findGood(path: string): Promise<{ snapshot: SnapshotInfo; bytes: Buffer } | null>;
}

export interface RecordSnapshotDeps {
  readonly dataDir: string;
  readonly keep?: number;
  readonly now?: () => Date;
  readonly logger?: Logger;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Record files are JSON under `records/`; temp files of atomic writes are not. */
export const listRecordFiles = (dataDir: string): Promise<string[]> =>
  listFiles(join(dataDir, 'records'), (rel) => isTempName(rel)).then((l) =>
    l.filter((p) => p.endsWith('.json')).map((p) => `records/${p}`),
  );

/**
 * Rotating automatic backups of the record files (metadata only; originals are content-addressed and never change).
 * Each backup is a manifest of path → SHA-256; the bytes are stored once per distinct content, so a backup of an
 * archive where one shard changed costs one shard. Unchanged files (same size and mtime) are not re-read.
 */
export function createRecordSnapshots(deps: RecordSnapshotDeps): RecordSnapshots {
  const { dataDir, keep = DEFAULT_KEEP, now = () => new Date(), logger } = deps;
  const root = join(dataDir, SNAPSHOT_DIR);
  const objectPath = (hash: string) => join(root, 'objects', hash.slice(0, 2), hash);
  const manifestDir = join(root, 'snapshots');

  async function list(): Promise<SnapshotInfo[]> {
    const names = (await readdir(manifestDir).catch(() => [] as string[])).filter(
      (n) => n.endsWith('.json') && !n.startsWith('.'),
    );
    const out: SnapshotInfo[] = [];
    for (const n of names.sort().reverse()) {
      try {
        const v = JSON.parse(await readFile(join(manifestDir, n), 'utf8')) as SnapshotInfo;
        if (typeof v.id === 'string' && Array.isArray(v.files)) out.push(v);
      } catch {
        logger?.warn('automatic backup manifest unreadable; skipped', { name: n });
      }
    }
    return out;
  }

  let running: Promise<SnapshotInfo | null> = Promise.resolve(null);

  async function take(reason: string): Promise<SnapshotInfo | null> {
    const previous = (await list())[0];
    const known = new Map(previous?.files.map((f) => [f.path, f]));
    const files: SnapshotFile[] = [];
    for (const path of await listRecordFiles(dataDir)) {
      const full = join(dataDir, path);
      const info = await stat(full).catch(() => null);
      if (!info) continue; // removed meanwhile
      const old = known.get(path);
      if (old && old.size === info.size && old.mtimeMs === info.mtimeMs) {
        files.push(old);
        continue;
      }
      const bytes = await readFile(full).catch(() => null);
      if (!bytes) continue;
      try {
        JSON.parse(bytes.toString('utf8'));
      } catch {
        logger?.warn('record file unreadable; left out of the automatic backup', { path });
        continue;
      }
      const hash = sha256(bytes);
      const obj = objectPath(hash);
      const existing = await stat(obj).catch(() => null);
      if (!existing || existing.size !== bytes.length) await writeFileAtomic(obj, bytes);
      files.push({ path, sha256: hash, size: bytes.length, mtimeMs: info.mtimeMs });
    }
    const same =
      previous && previous.files.length === files.length && files.every((f) => known.get(f.path)?.sha256 === f.sha256);
    if (same) return null;
    const at = now();
    // Sortable, unique, and safe as a file name on every platform.
    const id = `${at.toISOString().replace(/[:.]/g, '-')}-${sha256(Buffer.from(JSON.stringify(files))).slice(0, 8)}`;
    const snap: SnapshotInfo = { id, createdAt: at.toISOString(), reason, files };
    await writeFileAtomic(join(manifestDir, `${id}.json`), JSON.stringify(snap));
    await rotate();
    return snap;
  }

  /** Keeps the newest `keep` backups and removes content no kept backup refers to. */
  async function rotate(): Promise<void> {
    const all = await list();
    const kept = all.slice(0, keep);
    for (const old of all.slice(keep)) await unlink(join(manifestDir, `${old.id}.json`)).catch(() => undefined);
    const live = new Set(kept.flatMap((s) => s.files.map((f) => f.sha256)));
    for (const rel of await listFiles(join(root, 'objects'))) {
      const hash = rel.split('/').pop()!;
      if (!isTempName(rel) && !live.has(hash)) await unlink(join(root, 'objects', rel)).catch(() => undefined);
    }
  }

  return {
    // One backup at a time: two overlapping runs would race on rotation.
    snapshot(reason) {
      const run = running.then(
        () => take(reason),
        () => take(reason),
      );
      running = run.catch(() => null);
      return run;
    },
    list,
    async findGood(path) {
      for (const snapshot of await list()) {
        const f = snapshot.files.find((x) => x.path === path);
        if (!f) continue;
        const bytes = await readFile(objectPath(f.sha256)).catch(() => null);
        if (!bytes || sha256(bytes) !== f.sha256) continue;
        try {
          JSON.parse(bytes.toString('utf8'));
        } catch {
          continue;
        }
        return { snapshot, bytes };
      }
      return null;
    },
  };
}
