import { appendFile, open, readdir, readFile, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { silentLogger, type Logger } from '../../logger';
import { writeFileAtomic } from '../../store/atomic-file';
import type { AuditEntry } from './audit-log';

/** One audit segment per year: `audit/audit-YYYY.jsonl`. */
export const AUDIT_SEGMENT = /^audit-\d{4}\.jsonl$/;
/** The sidecar of a segment: one line per entry, `seq,offset,length,"type","id"`, in the order of the segment. */
export const sidecarName = (segment: string): string => segment.replace(/\.jsonl$/, '.idx');

/**
 * The head every line written by `sealAuditEntry` starts with (JSON.stringify keeps the key order), so a scan
 * reads the record's id without parsing the before/after it carries; any other line is parsed whole.
 */
const HEAD =
  /^\{"seq":(\d+),"at":"[^"\\]*","actor":"(?:[^"\\]|\\.)*","action":"(?:[^"\\]|\\.)*","entity":\{"type":("(?:[^"\\]|\\.)*"),"id":("(?:[^"\\]|\\.)*")\}[,}]/;
const TAIL = /"hash":"[0-9a-f]{64}"\}$/;
/** Bytes of a line's head and tail decoded for the fast path (a longer actor or action falls back to JSON.parse). */
const HEAD_BYTES = 768;
const TAIL_BYTES = 80;

export interface LineKey {
  readonly seq: number;
  readonly type: string;
  readonly id: string;
}

const keyOfEntry = (e: Partial<AuditEntry> | null): LineKey | null =>
  e && typeof e.seq === 'number' && typeof e.entity?.type === 'string' && typeof e.entity.id === 'string'
    ? { seq: e.seq, type: e.entity.type, id: e.entity.id }
    : null;

/** Seq and record of one line of a segment; null for a line that is not a whole entry (cut by a crash). */
export function lineKey(line: Buffer): LineKey | null {
  const head = line.toString('utf8', 0, Math.min(line.length, HEAD_BYTES));
  const m = HEAD.exec(head);
  if (m && TAIL.test(line.toString('latin1', Math.max(0, line.length - TAIL_BYTES)))) {
    return { seq: Number(m[1]), type: JSON.parse(m[2]!) as string, id: JSON.parse(m[3]!) as string };
  }
  try {
    return keyOfEntry(JSON.parse(line.toString('utf8')) as Partial<AuditEntry>);
  } catch {
    return null;
  }
}

interface Row {
  readonly seq: number;
  readonly offset: number;
  readonly length: number;
  readonly type: string;
  readonly id: string;
}

const SIMPLE_PAIR = /^"([^"\\]*)","([^"\\]*)"$/;

/** The sidecar's rows up to the first line that does not parse (a torn append), and whether all of it did. */
export function parseSidecar(raw: string): { rows: Row[]; clean: boolean } {
  const rows: Row[] = [];
  const lines = raw.split('\n');
  const last = lines.pop();
  // A sidecar always ends with a newline; anything after the last one is a torn append.
  let clean = last === '';
  for (const line of lines) {
    const a = line.indexOf(',');
    const b = line.indexOf(',', a + 1);
    const c = line.indexOf(',', b + 1);
    const seq = Number(line.slice(0, a));
    const offset = Number(line.slice(a + 1, b));
    const length = Number(line.slice(b + 1, c));
    const rest = line.slice(c + 1);
    let pair: unknown = null;
    const m = SIMPLE_PAIR.exec(rest);
    if (m) pair = [m[1], m[2]];
    else {
      try {
        pair = JSON.parse(`[${rest}]`);
      } catch {
        pair = null;
      }
    }
    const ok =
      a > 0 &&
      b > a &&
      c > b &&
      [seq, offset, length].every((n) => Number.isSafeInteger(n) && n >= 0) &&
      length > 0 &&
      Array.isArray(pair) &&
      pair.length === 2 &&
      typeof pair[0] === 'string' &&
      typeof pair[1] === 'string';
    if (!ok) {
      clean = false;
      break;
    }
    rows.push({ seq, offset, length, type: (pair as string[])[0]!, id: (pair as string[])[1]! });
  }
  return { rows, clean };
}

const formatRow = (r: Row) => `${r.seq},${r.offset},${r.length},${JSON.stringify(r.type)},${JSON.stringify(r.id)}\n`;

/** One segment's entries in memory; positions are stable (gap entries found later go to the end). */
interface Segment {
  readonly name: string;
  readonly seqs: number[];
  readonly offsets: number[];
  readonly lengths: number[];
  readonly types: string[];
  readonly ids: string[];
  /** Byte position after the last whole line read or appended. */
  covered: number;
  /** Rows already in the sidecar file. */
  persisted: number;
  /** The sidecar must be written anew (it was torn, stale, missing rows in the middle or out of order). */
  rewrite: boolean;
}

/** A position packed as segment number × 2^26 + row, so a record's list is a plain array of numbers. */
const ROW_BITS = 0x4000000;

const CHUNK = 4 * 1024 * 1024;

/**
 * Calls `onLine` for every whole line in [from, to) of a segment and returns the position after the last one.
 * Reads in chunks and yields between them, so a background rebuild of a long trail never blocks requests.
 */
async function scanLines(
  fh: FileHandle,
  from: number,
  to: number,
  onLine: (offset: number, line: Buffer) => void,
  stop: () => boolean,
): Promise<number> {
  let pos = from;
  let carry = Buffer.alloc(0);
  let carryAt = from;
  let covered = from;
  while (pos < to && !stop()) {
    const buf = Buffer.alloc(Math.min(CHUNK, to - pos));
    const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
    if (bytesRead === 0) break;
    const data = carry.length ? Buffer.concat([carry, buf.subarray(0, bytesRead)]) : buf.subarray(0, bytesRead);
    let start = 0;
    for (let nl = data.indexOf(10, start); nl >= 0; nl = data.indexOf(10, start)) {
      if (nl > start) onLine(carryAt + start, data.subarray(start, nl));
      start = nl + 1;
      covered = carryAt + start;
    }
    carry = Buffer.from(data.subarray(start));
    carryAt += start;
    pos += bytesRead;
    await yieldToEvents();
  }
  return covered;
}

/** The bytes of one line and whether it sits between line breaks (a sidecar row of another log points elsewhere). */
async function readRow(fh: FileHandle, offset: number, length: number): Promise<Buffer | null> {
  const from = Math.max(0, offset - 1);
  const buf = Buffer.alloc(offset - from + length + 1);
  const { bytesRead } = await fh.read(buf, 0, buf.length, from);
  if (bytesRead !== buf.length) return null;
  if (offset > 0 && buf[0] !== 10) return null;
  if (buf[buf.length - 1] !== 10) return null;
  return buf.subarray(offset - from, offset - from + length);
}

export interface AuditIndex {
  /** Loads the sidecars and indexes whatever the log holds beyond them; later calls share the work. */
  ready(): Promise<void>;
  /**
   * Every entry about one record, oldest first, read by offset; null when the index is not usable (the log
   * changed under it), in which case it is rebuilt from the log in the background and the caller reads the log.
   */
  entriesFor(type: string, id: string): Promise<AuditEntry[] | null>;
  /** Called by the writer, in its queue, after a line was appended and synced; `file` is the segment's name. */
  appended(file: string, entry: AuditEntry, lineBytes: number): Promise<void>;
  /** Waits for sidecar writes; a load in progress stops. */
  close(): Promise<void>;
}

/**
 * An index by record of the append-only audit log, so one record's trail reads only its own lines at 100,000
 * documents. The log stays the truth: the sidecars (`audit-YYYY.idx`) are derived, written without fsync, checked
 * against the log when loaded (first and last row must point at whole lines with the same seq and record), and
 * what the log holds beyond them — appended by a run that crashed, an older version or another writer — is read
 * from the log. A sidecar that is torn, missing or does not agree with the log is rebuilt from the log.
 */
export function createAuditIndex(deps: { dir: string; logger?: Logger }): AuditIndex {
  const logger = deps.logger ?? silentLogger;
  const { dir } = deps;

  /** The published index; a load builds a fresh one, so a load that is abandoned never touches it. */
  let state: IndexState | null = null;
  let loading: Promise<void> | null = null;
  let generation = 0;
  let trustSidecars = true;
  let closing = false;
  /** Appends seen while loading, applied when the load is done. */
  let pending: { file: string; offset: number; length: number; key: LineKey }[] = [];
  let writes: Promise<unknown> = Promise.resolve();

  /** Indexes the whole lines of [from, to); returns the position after the last one. */
  async function scanInto(
    st: IndexState,
    seg: Segment,
    fh: FileHandle,
    from: number,
    to: number,
    gen: number,
  ): Promise<number> {
    return scanLines(
      fh,
      from,
      to,
      (offset, line) => {
        const key = lineKey(line);
        if (key) st.add(seg, offset, line.length, key);
      },
      () => closing || gen !== generation,
    );
  }

  async function rowAgrees(fh: FileHandle, r: Row): Promise<boolean> {
    const line = await readRow(fh, r.offset, r.length);
    const key = line && lineKey(line);
    return !!key && key.seq === r.seq && key.type === r.type && key.id === r.id;
  }

  async function loadSegment(st: IndexState, name: string, gen: number): Promise<void> {
    const fh = await open(join(dir, name), 'r');
    try {
      const { size } = await fh.stat();
      const seg = st.segment(name);
      let from = 0;
      const raw = trustSidecars ? await readFile(join(dir, sidecarName(name)), 'utf8').catch(() => null) : null;
      seg.rewrite = true;
      if (raw !== null) {
        const { rows, clean } = parseSidecar(raw);
        let usable = rows.length > 0;
        for (let i = 1; usable && i < rows.length; i++)
          usable = rows[i]!.offset > rows[i - 1]!.offset + rows[i - 1]!.length;
        const lastRow = rows.at(-1);
        usable &&= lastRow!.offset + lastRow!.length < size;
        usable &&= (await rowAgrees(fh, rows[0]!)) && (await rowAgrees(fh, lastRow!));
        if (!usable && raw.length > 0)
          logger.warn('audit index sidecar does not match the log; rebuilding it', { name });
        if (usable) {
          for (const r of rows) st.add(seg, r.offset, r.length, r);
          seg.persisted = rows.length;
          seg.rewrite = !clean;
          // Between rows only a line cut by a crash should lie; a whole entry there came from another writer.
          for (let i = 1; i < rows.length; i++) {
            const gapFrom = rows[i - 1]!.offset + rows[i - 1]!.length + 1;
            if (rows[i]!.offset > gapFrom) {
              const before = seg.offsets.length;
              await scanInto(st, seg, fh, gapFrom, rows[i]!.offset, gen);
              if (seg.offsets.length > before) seg.rewrite = true;
            }
          }
          from = lastRow!.offset + lastRow!.length + 1;
        }
      }
      seg.covered = await scanInto(st, seg, fh, from, size, gen);
    } finally {
      await fh.close();
    }
  }

  /** Writes what the sidecar lacks: the new rows, or all of them in log order when it must be made anew. */
  function persist(seg: Segment): Promise<unknown> {
    writes = writes.then(async () => {
      if (closing && seg.rewrite && seg.offsets.length > 100_000) return; // too long for a close: next start
      const path = join(dir, sidecarName(seg.name));
      const n = seg.offsets.length;
      try {
        if (seg.rewrite) {
          const order = [...seg.offsets.keys()].sort((a, b) => seg.offsets[a]! - seg.offsets[b]!);
          await writeFileAtomic(path, order.map((i) => formatRow(rowOf(seg, i))).join(''));
          seg.rewrite = false;
        } else if (n > seg.persisted) {
          let text = '';
          for (let i = seg.persisted; i < n; i++) text += formatRow(rowOf(seg, i));
          await appendFile(path, text);
        }
        seg.persisted = n;
      } catch (e) {
        // The sidecar is derived: the next load reads the log beyond what it holds.
        seg.rewrite = true;
        logger.warn('audit index sidecar not written', { name: seg.name, error: String(e) });
      }
    });
    return writes;
  }

  async function applyAppend(st: IndexState, p: (typeof pending)[number], gen: number): Promise<void> {
    const seg = st.segment(p.file);
    if (p.offset < seg.covered) return; // already read from the log
    if (p.offset > seg.covered) {
      // Something was written since the last known line (another writer, or a torn line): index it first.
      const fh = await open(join(dir, p.file), 'r');
      try {
        await scanInto(st, seg, fh, seg.covered, p.offset, gen);
      } finally {
        await fh.close();
      }
    }
    st.add(seg, p.offset, p.length, p.key);
    seg.covered = p.offset + p.length + 1;
  }

  async function load(gen: number): Promise<void> {
    const t0 = performance.now();
    const st = new IndexState();
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => AUDIT_SEGMENT.test(n)).sort();
    for (const name of names) {
      if (gen !== generation || closing) return;
      await loadSegment(st, name, gen);
    }
    while (pending.length && gen === generation && !closing) await applyAppend(st, pending.shift()!, gen);
    if (gen !== generation || closing) return;
    state = st;
    trustSidecars = true;
    for (const seg of st.segments) void persist(seg);
    logger.info('audit index ready', {
      records: st.byKey.size,
      entries: st.segments.reduce((n, s) => n + s.offsets.length, 0),
      ms: Math.round(performance.now() - t0),
    });
  }

  function reset(): void {
    generation++;
    state = null;
    pending = [];
    loading = null;
  }

  function ready(): Promise<void> {
    if (!loading) {
      const gen = generation;
      loading = load(gen).catch((e: unknown) => {
        logger.warn('audit index could not be built; the log is read in full', { error: String(e) });
        if (gen === generation) reset();
        throw e;
      });
    }
    return loading;
  }

  /** The log no longer agrees with the index: forget it and rebuild from the log alone. */
  function distrust(reason: string): void {
    logger.warn('audit index out of date; rebuilding it from the log', { reason });
    reset();
    trustSidecars = false;
    void ready().catch(() => undefined);
  }

  async function readEntries(st: IndexState, gen: number, type: string, id: string): Promise<AuditEntry[] | null> {
    const rows = st
      .refs(type, id)
      .map((ref) => ({ seg: st.segments[Math.floor(ref / ROW_BITS)]!, i: ref % ROW_BITS }))
      .sort(
        (a, b) =>
          (a.seg.name < b.seg.name ? -1 : a.seg.name > b.seg.name ? 1 : 0) || a.seg.offsets[a.i]! - b.seg.offsets[b.i]!,
      );
    const out: AuditEntry[] = [];
    let fh: FileHandle | null = null;
    let openName = '';
    try {
      for (const { seg, i } of rows) {
        if (!fh || openName !== seg.name) {
          await fh?.close();
          fh = null;
          fh = await open(join(dir, seg.name), 'r');
          openName = seg.name;
        }
        const line = await readRow(fh, seg.offsets[i]!, seg.lengths[i]!);
        if (!line) {
          if (gen === generation) distrust(`${seg.name}@${seg.offsets[i]}: not a whole line`);
          return null;
        }
        let e: AuditEntry;
        try {
          e = JSON.parse(line.toString('utf8')) as AuditEntry;
        } catch {
          continue; // a whole line that is not an entry: a full read skips it too
        }
        if (e.seq !== seg.seqs[i] || e.entity?.type !== type || e.entity?.id !== id) {
          if (gen === generation) distrust(`${seg.name}@${seg.offsets[i]}: another entry`);
          return null;
        }
        out.push(e);
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      if (gen === generation) distrust(String(err));
      return null;
    } finally {
      await fh?.close();
    }
    return out;
  }

  return {
    ready,
    async entriesFor(type, id) {
      await ready();
      const st = state;
      return st ? readEntries(st, generation, type, id) : null;
    },
    async appended(file, entry, lineBytes) {
      if (!loading || closing) return; // not built in this run: the next load reads these lines from the log
      const key = keyOfEntry(entry);
      if (!key) return;
      // The line was just written at the end of the file, followed by its line break.
      const { size } = await stat(join(dir, file));
      const p = { file, offset: size - lineBytes - 1, length: lineBytes, key };
      const st = state;
      if (!st) {
        pending.push(p);
        return;
      }
      const gen = generation;
      try {
        await applyAppend(st, p, gen);
        void persist(st.segment(file));
      } catch (e) {
        if (gen === generation) distrust(String(e));
      }
    },
    async close() {
      closing = true;
      await loading?.catch(() => undefined);
      await writes;
    },
  };
}

/** One load's segments and the rows of every record. */
class IndexState {
  readonly segments: Segment[] = [];
  readonly byName = new Map<string, number>();
  readonly byKey = new Map<string, number[]>();
  /** Entity types are few: one string each, not one per row. */
  private readonly types = new Map<string, string>();

  segment(name: string): Segment {
    const n = this.byName.get(name);
    if (n !== undefined) return this.segments[n]!;
    const seg: Segment = {
      name,
      seqs: [],
      offsets: [],
      lengths: [],
      types: [],
      ids: [],
      covered: 0,
      persisted: 0,
      rewrite: false,
    };
    this.byName.set(name, this.segments.length);
    this.segments.push(seg);
    return seg;
  }

  add(seg: Segment, offset: number, length: number, key: LineKey): void {
    let type = this.types.get(key.type);
    if (type === undefined) this.types.set(key.type, (type = key.type));
    const row = seg.offsets.length;
    seg.seqs.push(key.seq);
    seg.offsets.push(offset);
    seg.lengths.push(length);
    seg.types.push(type);
    seg.ids.push(key.id);
    const k = `${type}\u0000${key.id}`;
    const ref = this.byName.get(seg.name)! * ROW_BITS + row;
    const list = this.byKey.get(k);
    if (list) list.push(ref);
    else this.byKey.set(k, [ref]);
  }

  refs(type: string, id: string): readonly number[] {
    return this.byKey.get(`${type}\u0000${id}`) ?? [];
  }
}

const rowOf = (seg: Segment, i: number): Row => ({
  seq: seg.seqs[i]!,
  offset: seg.offsets[i]!,
  length: seg.lengths[i]!,
  type: seg.types[i]!,
  id: seg.ids[i]!,
});
