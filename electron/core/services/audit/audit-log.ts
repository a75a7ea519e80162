import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';

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
  /** Every entry about one record, oldest first. */
  forEntity(type: string, id: string): Promise<AuditEntry[]>;
  /** Every entry, oldest first. */
  all(): Promise<AuditEntry[]>;
  /** Re-computes the hash chain: the first entry that was altered, removed or torn, if any. */
  verify(): Promise<{ readonly ok: boolean; readonly entries: number; readonly problem: string | null }>;
}

const GENESIS = '0'.repeat(64);
const hashOf = (prev: string, body: Omit<AuditEntry, 'hash'>) =>
  createHash('sha256').update(prev).update(JSON.stringify(body)).digest('hex');

const defaultActor = (): string => {
  try {
    return userInfo().username || '未知用户';
  } catch {
    return '未知用户';
  }
};

export function createAuditLog(deps: { dataDir: string; now?: () => Date; actor?: string }): AuditLog {
  const dir = join(deps.dataDir, AUDIT_DIR);
  const now = deps.now ?? (() => new Date());
  const actor = deps.actor ?? defaultActor();
  const fileFor = (at: string) => join(dir, `audit-${at.slice(0, 4)}.jsonl`);

  /** Every file's lines in order; a line cut by a crash is reported, not thrown. */
  async function readAll(): Promise<{ entries: AuditEntry[]; torn: string[] }> {
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /^audit-\d{4}\.jsonl$/.test(n)).sort();
    const entries: AuditEntry[] = [];
    const torn: string[] = [];
    for (const n of names) {
      const raw = await readFile(join(dir, n), 'utf8');
      for (const line of raw.split('\n')) {
        if (!line) continue;
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
      const { entries } = await readAll();
      const last = entries.at(-1);
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
    const entry: AuditEntry = { ...body, hash: hashOf(tail.hash, body) };
    await mkdir(dir, { recursive: true });
    const fh = await open(fileFor(at), 'a+');
    try {
      // A line cut by a crash must not swallow the next entry: start on a fresh line.
      const { size } = await fh.stat();
      let lead = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        await fh.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) lead = '\n';
      }
      await fh.appendFile(lead + JSON.stringify(entry) + '\n');
      await fh.sync();
    } finally {
      await fh.close();
    }
    tail = { seq: entry.seq, hash: entry.hash };
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
      const { entries } = await readAll();
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
  };
}
