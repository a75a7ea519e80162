import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename, join } from 'node:path';
import type { Logger } from '../../logger';
import { createAuditIndex } from './audit-index';

/** Folder of the audit trail inside the data folder: one append-only JSON-lines file per year. */
export const AUDIT_DIR = 'audit';

export interface AuditEntity {
  /** `document`, `case`, `paperwork` …: what kind of record changed. */
  readonly type: string;
  readonly id: string;
}

/** One change or disclosure, as written. `hash` chains every entry to the one before, so an edit shows. */
export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  /** Who: the operating-system account running the app (the app has no log-in of its own). */
  readonly actor: string;
  /** Dotted verb: `document.import`, `document.file`, `document.correct`, `case.export`, `paperwork.print` … */
  readonly action: string;
  readonly entity: AuditEntity;
  readonly before?: unknown;
  readonly after?: unknown;
  /** Anything else worth keeping: export format, file name, whether personal data was included … */
  readonly detail?: Readonly<Record<string, unknown>>;
  readonly prev: string;
  readonly hash: string;
}

export interface AuditInput {
  readonly action: string;
  readonly entity: AuditEntity;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly detail?: Readonly<Record<string, unknown>>;
  /** Overrides the default actor (e.g. a name typed on a shared office PC). */
  readonly actor?: string;
}

/**
 * The audit trail every record change goes through (documents now; cases and paperwork call the same `record`),
 * and exports and prints of personal data too. Append-only: entries are only ever added, each fsync'd before
 * `record` resolves.
 */
export interface AuditLog {
  record(input: AuditInput): Promise<AuditEntry>;
  /** Every entry about one record, oldest first: read by offset through the index (audit-index.ts). */
  forEntity(type: string, id: string): Promise<AuditEntry[]>;
  /** Every entry, oldest first. */
  all(): Promise<AuditEntry[]>;
  /** Re-computes the hash chain: the first entry that was altered, removed or torn, if any. */
  verify(): Promise<{ readonly ok: boolean; readonly entries: number; readonly problem: string | null }>;
  /** Loads the per-record index in the background after start-up, so the first trail opened is quick too. */
  warm(): Promise<void>;
  /** Waits for the index's sidecar writes. */
  close(): Promise<void>;
}

export const AUDIT_GENESIS = '0'.repeat(64);
const GENESIS = AUDIT_GENESIS;
const hashOf = (prev: string, body: Omit<AuditEntry, 'hash'>) =>
  createHash('sha256').update(prev).update(JSON.stringify(body)).digest('hex');

/** Chains a body onto the entry before it: what `record` appends (exported so a bulk generator writes the same lines). */
export function sealAuditEntry(body: Omit<AuditEntry, 'hash'>): AuditEntry {
  return { ...body, hash: hashOf(body.prev, body) };
}

/** The last whole entry of a JSON-lines file, read from its end: the tail of a 200,000-entry trail costs one block. */
export async function lastEntryOf(path: string): Promise<AuditEntry | null> {
  const fh = await open(path, 'r').catch(() => null);
  if (!fh) return null;
  try {
    const { size } = await fh.stat();
    let end = size;
    let carry = '';
    const CHUNK = 64 * 1024;
    let bytes = Buffer.alloc(0);
    while (end > 0) {
      const start = Math.max(0, end - CHUNK);
      const buf = Buffer.alloc(end - start);
      await fh.read(buf, 0, buf.length, start);
      bytes = Buffer.concat([buf, bytes]);
      end = start;
      // Lines are split on the byte 0x0a, which never occurs inside a UTF-8 multi-byte character.
      const lines = bytes.toString('utf8').split('\n');
      carry = end > 0 ? lines.shift()! : '';
      for (let i = lines.length - 1; i >= 0; i--) {
        if (!lines[i]) continue;
        try {
          return JSON.parse(lines[i]!) as AuditEntry;
        } catch {
          // a line cut by a crash: the entry before it is the tail
        }
      }
      bytes = Buffer.from(carry, 'utf8');
    }
    if (carry) {
      try {
        return JSON.parse(carry) as AuditEntry;
      } catch {
        return null;
      }
    }
    return null;
  } finally {
    await fh.close();
  }
}

const defaultActor = (): string => {
  try {
    return userInfo().username || '未知用户';
  } catch {
    return '未知用户';
  }
};

export function createAuditLog(deps: { dataDir: string; now?: () => Date; actor?: string; logger?: Logger }): AuditLog {
  const dir = join(deps.dataDir, AUDIT_DIR);
  const index = createAuditIndex({ dir, logger: deps.logger });
  const now = deps.now ?? (() => new Date());
  const actor = deps.actor ?? defaultActor();
  const fileFor = (at: string) => join(dir, `audit-${at.slice(0, 4)}.jsonl`);

  /** Every file's lines in order; a line cut by a crash is reported, not thrown. */
  async function readAll(keep?: (line: string) => boolean): Promise<{ entries: AuditEntry[]; torn: string[] }> {
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /^audit-\d{4}\.jsonl$/.test(n)).sort();
    const entries: AuditEntry[] = [];
    const torn: string[] = [];
    for (const n of names) {
      const raw = await readFile(join(dir, n), 'utf8');
      for (const line of raw.split('\n')) {
        if (!line || (keep && !keep(line))) continue;
        try {
          entries.push(JSON.parse(line) as AuditEntry);
        } catch {
          torn.push(n);
        }
      }
    }
    return { entries, torn };
  }

  let tail: { seq: number; hash: string } | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  async function append(input: AuditInput): Promise<AuditEntry> {
    if (!tail) {
      // Only the newest file's last whole line is needed, not the whole trail.
      const names = (await readdir(dir).catch(() => [] as string[]))
        .filter((n) => /^audit-\d{4}\.jsonl$/.test(n))
        .sort();
      let last: AuditEntry | null = null;
      for (let i = names.length - 1; i >= 0 && !last; i--) last = await lastEntryOf(join(dir, names[i]!));
      tail = last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS };
    }
    const at = now().toISOString();
    const body: Omit<AuditEntry, 'hash'> = {
      seq: tail.seq + 1,
      at,
      actor: input.actor ?? actor,
      action: input.action,
      entity: input.entity,
      ...(input.before === undefined ? {} : { before: input.before }),
      ...(input.after === undefined ? {} : { after: input.after }),
      ...(input.detail === undefined ? {} : { detail: input.detail }),
      prev: tail.hash,
    };
    const entry = sealAuditEntry(body);
    await mkdir(dir, { recursive: true });
    const fh = await open(fileFor(at), 'a+');
    let size = -1;
    try {
      // A line cut by a crash must not swallow the next entry: start on a fresh line.
      size = (await fh.stat()).size;
      let lead = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        await fh.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) lead = '\n';
      }
      await fh.appendFile(lead + JSON.stringify(entry) + '\n');
      await fh.sync();
    } catch (e) {
      // A failed append (full disk) must not leave a torn line or a chain the next entry cannot follow: cut the
      // file back to where it was and read the tail again next time (the entry may have reached the disk).
      if (size >= 0) await fh.truncate(size).catch(() => undefined);
      tail = null;
      throw e;
    } finally {
      await fh.close();
    }
    tail = { seq: entry.seq, hash: entry.hash };
    // The entry is safe in the log; the index is derived and rebuilt from the log if this fails.
    await index.appended(basename(fileFor(at)), entry, Buffer.byteLength(JSON.stringify(entry))).catch(() => undefined);
    return entry;
  }

  return {
    record(input) {
      const run = queue.then(
        () => append(input),
        () => append(input),
      );
      queue = run.catch(() => undefined);
      return run;
    },
    all: async () => (await readAll()).entries,
    async forEntity(type, id) {
      const indexed = await index.entriesFor(type, id).catch(() => null);
      if (indexed) return indexed;
      // Without a usable index: only lines naming the id are parsed.
      const needle = JSON.stringify(id);
      const { entries } = await readAll((line) => line.includes(needle));
      return entries.filter((e) => e.entity?.type === type && e.entity?.id === id);
    },
    async verify() {
      const { entries, torn } = await readAll();
      let prev = GENESIS;
      for (const e of entries) {
        const { hash, ...body } = e;
        if (e.prev !== prev || hashOf(prev, body) !== hash)
          return { ok: false, entries: entries.length, problem: `第 ${e.seq} 条审计记录被改动或删除过。` };
        prev = hash;
      }
      if (torn.length)
        return {
          ok: false,
          entries: entries.length,
          problem: `审计日志 ${torn[0]} 末尾有一行不完整（写入时断电），其余记录完好。`,
        };
      return { ok: true, entries: entries.length, problem: null };
    },
    warm: () => index.ready().catch(() => undefined),
    close: () => index.close(),
  };
}
