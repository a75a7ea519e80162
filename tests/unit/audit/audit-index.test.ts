import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createAuditLog,
  sealAuditEntry,
  AUDIT_GENESIS,
  type AuditEntry,
} from '../../../electron/core/services/audit/audit-log';
import {
  createAuditIndex,
  lineKey,
  parseSidecar,
  sidecarName,
} from '../../../electron/core/services/audit/audit-index';
import { tempDir } from '../../helpers/fakes';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('xfd-audit-index-')));
afterEach(async () => cleanup());

const auditDir = () => join(dir, 'audit');
const segment = (year: number) => join(auditDir(), `audit-${year}.jsonl`);
const sidecar = (year: number) => join(auditDir(), sidecarName(`audit-${year}.jsonl`));

/** A clock the test moves, so entries land in more than one year's segment. */
function clock(start = '2025-12-31T23:59:00Z') {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

/** What the old full read returns for one record: every parseable line of every segment, filtered. */
async function brute(type: string, id: string): Promise<AuditEntry[]> {
  const names = (await readdir(auditDir())).filter((n) => n.endsWith('.jsonl')).sort();
  const out: AuditEntry[] = [];
  for (const n of names)
    for (const line of (await readFile(join(auditDir(), n), 'utf8')).split('\n')) {
      try {
        const e = JSON.parse(line) as AuditEntry;
        if (e.entity?.type === type && e.entity?.id === id) out.push(e);
      } catch {
        // torn or empty
      }
    }
  return out;
}

async function fill(log: ReturnType<typeof createAuditLog>, c: ReturnType<typeof clock>, n: number, ids: string[]) {
  for (let i = 0; i < n; i++) {
    const id = ids[i % ids.length]!;
    await log.record({
      action: 'document.correct',
      entity: { type: i % 5 === 0 ? 'case' : 'document', id },
      before: { title: `旧标题${i}` },
      after: { title: `新标题${i}“引号”\\` },
    });
    c.advance(60_000);
  }
}

describe('the per-record index of the audit trail', () => {
  it('serves one record’s trail by offset, across year segments, exactly as a full read finds it', async () => {
    const c = clock();
    const log = createAuditLog({ dataDir: dir, now: c.now, actor: '甲' });
    await log.warm();
    await fill(log, c, 30, ['d1', 'd2', 'd3', 'd 4"x']);
    await log.close();
    expect((await readdir(auditDir())).sort()).toEqual([
      'audit-2025.idx',
      'audit-2025.jsonl',
      'audit-2026.idx',
      'audit-2026.jsonl',
    ]);
    const index = createAuditIndex({ dir: auditDir() });
    for (const [type, id] of [
      ['document', 'd1'],
      ['case', 'd1'],
      ['document', 'd 4"x'],
      ['document', 'nobody'],
    ] as const) {
      const expected = await brute(type, id);
      // Non-null: the index answered, not the fallback read of the whole log.
      expect(await index.entriesFor(type, id)).toEqual(expected);
      expect(await log.forEntity(type, id)).toEqual(expected);
    }
    expect((await brute('document', 'd2')).length).toBeGreaterThan(0);
    expect((await brute('document', 'd2')).map((e) => e.at.slice(0, 4))).toContain('2026');
    await index.close();
  });

  it('rebuilds a missing sidecar from the log and writes the same rows again', async () => {
    const c = clock('2026-03-01T00:00:00Z');
    const log = createAuditLog({ dataDir: dir, now: c.now, actor: '甲' });
    await log.warm();
    await fill(log, c, 12, ['d1', 'd2']);
    await log.close();
    const before = await readFile(sidecar(2026), 'utf8');
    expect(before.trim().split('\n')).toHaveLength(12);
    await rm(sidecar(2026));
    const index = createAuditIndex({ dir: auditDir() });
    expect(await index.entriesFor('document', 'd2')).toEqual(await brute('document', 'd2'));
    await index.close();
    expect(await readFile(sidecar(2026), 'utf8')).toBe(before);
  });

  it('reads lines the sidecar does not hold yet (a crash before it was written, another writer) from the log', async () => {
    const c = clock('2026-03-01T00:00:00Z');
    const log = createAuditLog({ dataDir: dir, now: c.now, actor: '甲' });
    await log.warm();
    await fill(log, c, 4, ['d1']);
    await log.close();
    // A second writer that never loads the index (the CLI, the restore step) appends two entries.
    const other = createAuditLog({ dataDir: dir, now: c.now, actor: '乙' });
    await fill(other, c, 2, ['d1']);
    const index = createAuditIndex({ dir: auditDir() });
    const trail = await index.entriesFor('document', 'd1');
    // fill() files every fifth entry under the case: d1's document entries are 3 of 甲's and 1 of 乙's.
    expect(trail?.map((e) => e.actor)).toEqual(['甲', '甲', '甲', '乙']);
    expect(trail).toEqual(await brute('document', 'd1'));
    await index.close();
  });

  it('indexes an entry another writer appended while this one was running (a gap before its own append)', async () => {
    const c = clock('2026-03-01T00:00:00Z');
    const entity = { type: 'document', id: 'd9' };
    const log = createAuditLog({ dataDir: dir, now: c.now, actor: '甲' });
    await log.warm();
    await log.record({ action: 'document.file', entity });
    // Two writers on one folder break the hash chain (the lock prevents it in the app); the index still follows.
    await createAuditLog({ dataDir: dir, now: c.now, actor: '乙' }).record({ action: 'document.correct', entity });
    await log.record({ action: 'document.correct', entity });
    expect((await log.forEntity('document', 'd9')).map((e) => e.actor)).toEqual(['甲', '乙', '甲']);
    expect(await log.forEntity('document', 'd9')).toEqual(await brute('document', 'd9'));
    await log.close();
  });

  it('keeps the entries appended while it was loading', async () => {
    const c = clock('2026-03-01T00:00:00Z');
    const seed = createAuditLog({ dataDir: dir, now: c.now, actor: '甲' });
    await fill(seed, c, 50, ['d1', 'd2', 'd3']);
    const log = createAuditLog({ dataDir: dir, now: c.now, actor: '乙' });
    const warming = log.warm();
    await fill(log, c, 5, ['d2']);
    await warming;
    await fill(log, c, 2, ['d2']);
    expect(await log.forEntity('document', 'd2')).toEqual(await brute('document', 'd2'));
    await log.close();
    const index = createAuditIndex({ dir: auditDir() });
    expect(await index.entriesFor('document', 'd2')).toEqual(await brute('document', 'd2'));
    await index.close();
  });

  it('counts an append reported while it loads once, whether or not the load read its line', async () => {
    const c = clock('2026-03-01T00:00:00Z');
    await fill(createAuditLog({ dataDir: dir, now: c.now, actor: '甲' }), c, 20, ['d1', 'd2']);
    const entry = sealAuditEntry({
      seq: 21,
      at: c.now().toISOString(),
      actor: '乙',
      action: 'document.correct',
      entity: { type: 'document', id: 'd2' },
      prev: AUDIT_GENESIS,
    });
    await appendFile(segment(2026), JSON.stringify(entry) + '\n');
    const index = createAuditIndex({ dir: auditDir() });
    const loading = index.ready();
    await index.appended('audit-2026.jsonl', entry, Buffer.byteLength(JSON.stringify(entry)));
    await loading;
    const trail = await index.entriesFor('document', 'd2');
    expect(trail).toEqual(await brute('document', 'd2'));
    expect(trail?.filter((e) => e.seq === 21)).toHaveLength(1);
    await index.close();
  });

  it('notices a sidecar that belongs to another log and rebuilds it rather than serve wrong entries', async () => {
    const c = clock('2026-03-01T00:00:00Z');
    const log = createAuditLog({ dataDir: dir, now: c.now, actor: '甲' });
    await log.warm();
    await fill(log, c, 6, ['d1', 'd2']);
    await log.close();
    const staleSidecar = await readFile(sidecar(2026), 'utf8');
    // The log is replaced by a different one (a restore of another folder) while the old sidecar stays.
    await rm(segment(2026));
    await rm(sidecar(2026));
    const other = createAuditLog({ dataDir: dir, now: c.now, actor: '乙' });
    await fill(other, c, 9, ['d2', 'd1', 'd7']);
    await writeFile(sidecar(2026), staleSidecar);
    const again = createAuditLog({ dataDir: dir, now: c.now });
    expect(await again.forEntity('document', 'd1')).toEqual(await brute('document', 'd1'));
    expect((await again.forEntity('document', 'd1')).every((e) => e.actor === '乙')).toBe(true);
    await again.close();
    expect(await readFile(sidecar(2026), 'utf8')).not.toBe(staleSidecar);
  });

  it('falls back to the log when a row in the middle of the sidecar points at another entry, then rebuilds', async () => {
    const c = clock('2026-03-01T00:00:00Z');
    const log = createAuditLog({ dataDir: dir, now: c.now, actor: '甲' });
    await log.warm();
    await fill(log, c, 6, ['d1', 'd2', 'd3']);
    await log.close();
    // First and last rows still agree with the log and offsets still rise; rows 3 and 4 swapped their records.
    const rows = (await readFile(sidecar(2026), 'utf8')).trim().split('\n');
    const [r2, r3] = [rows[2]!.split(','), rows[3]!.split(',')];
    rows[2] = [...r2.slice(0, 3), ...r3.slice(3)].join(',');
    rows[3] = [...r3.slice(0, 3), ...r2.slice(3)].join(',');
    await writeFile(sidecar(2026), rows.join('\n') + '\n');
    const index = createAuditIndex({ dir: auditDir() });
    const id = JSON.parse(r3.slice(4).join(',')) as string;
    expect(id).not.toBe(JSON.parse(r2.slice(4).join(',')));
    expect(await index.entriesFor('document', id)).toBeNull();
    await index.ready();
    expect(await index.entriesFor('document', id)).toEqual(await brute('document', id));
    await index.close();
    const rebuilt = parseSidecar(await readFile(sidecar(2026), 'utf8'));
    expect(rebuilt.clean).toBe(true);
    expect(rebuilt.rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('skips a torn last line of the log, and a torn last row of the sidecar is rewritten', async () => {
    const c = clock('2026-03-01T00:00:00Z');
    const log = createAuditLog({ dataDir: dir, now: c.now, actor: '甲' });
    await log.warm();
    for (let i = 0; i < 3; i++)
      await log.record({ action: 'document.correct', entity: { type: 'document', id: 'd1' } });
    await log.close();
    await appendFile(segment(2026), '{"seq":4,"at":"2026-03-01T00:0');
    await appendFile(sidecar(2026), '4,99');
    const after = createAuditLog({ dataDir: dir, now: c.now, actor: '乙' });
    expect(await after.forEntity('document', 'd1')).toEqual(await brute('document', 'd1'));
    expect(await after.forEntity('document', 'd1')).toHaveLength(3);
    // The next entry starts on a fresh line after the torn one and is found through the index.
    await after.record({ action: 'document.correct', entity: { type: 'document', id: 'd1' } });
    const trail = await after.forEntity('document', 'd1');
    expect(trail.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    await after.close();
    const { rows, clean } = parseSidecar(await readFile(sidecar(2026), 'utf8'));
    expect(clean).toBe(true);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect((await after.verify()).ok).toBe(false); // verify still reads the whole chain and reports the cut
  });

  it('gives the same trail as a full read after any mix of appends, crashes, torn lines and lost sidecars', async () => {
    type Op =
      | { kind: 'record'; who: number; year: number }
      | { kind: 'torn' }
      | { kind: 'dropSidecar' }
      | { kind: 'tearSidecar' }
      | { kind: 'restart'; warm: boolean };
    const op = fc.oneof(
      {
        weight: 8,
        arbitrary: fc.record({
          kind: fc.constant('record' as const),
          who: fc.nat(4),
          year: fc.constantFrom(2025, 2026),
        }),
      },
      { weight: 1, arbitrary: fc.constant({ kind: 'torn' as const }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'dropSidecar' as const }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'tearSidecar' as const }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('restart' as const), warm: fc.boolean() }) },
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops: Op[]) => {
        const data = join(dir, `run${run++}`);
        const segDir = join(data, 'audit');
        await mkdir(segDir, { recursive: true });
        let year = 2025;
        const now = () => new Date(`${year}-06-01T00:00:00Z`);
        let log = createAuditLog({ dataDir: data, now, actor: 'x' });
        await log.warm();
        for (const o of ops) {
          if (o.kind === 'record') {
            year = o.year;
            await log.record({ action: 'document.correct', entity: { type: 'document', id: `d${o.who}` } });
          } else if (o.kind === 'restart') {
            await log.close();
            log = createAuditLog({ dataDir: data, now, actor: 'x' });
            if (o.warm) await log.warm();
          } else {
            await log.close();
            const f = join(segDir, `audit-${year}.jsonl`);
            if (o.kind === 'torn') await appendFile(f, '{"seq":9');
            if (o.kind === 'dropSidecar') await rm(join(segDir, sidecarName(`audit-${year}.jsonl`)), { force: true });
            if (o.kind === 'tearSidecar')
              await appendFile(join(segDir, sidecarName(`audit-${year}.jsonl`)), '7,1').catch(() => undefined);
            log = createAuditLog({ dataDir: data, now, actor: 'x' });
          }
        }
        for (let who = 0; who <= 4; who++) {
          const got = await log.forEntity('document', `d${who}`);
          const names = (await readdir(segDir).catch(() => [] as string[])).filter((n) => n.endsWith('.jsonl')).sort();
          const want: AuditEntry[] = [];
          for (const n of names)
            for (const line of (await readFile(join(segDir, n), 'utf8')).split('\n')) {
              try {
                const e = JSON.parse(line) as AuditEntry;
                if (e.entity.id === `d${who}`) want.push(e);
              } catch {
                // torn
              }
            }
          expect(got).toEqual(want);
        }
        await log.close();
      }),
      { numRuns: 25 },
    );
  });
});

describe('reading an entry’s record from its line', () => {
  const line = (e: AuditEntry) => Buffer.from(JSON.stringify(e));
  const base = { seq: 7, at: '2026-01-01T00:00:00.000Z', actor: '张三', action: 'case.step', prev: AUDIT_GENESIS };

  it('reads the head of a line the writer sealed, and a line in another key order by parsing it whole', () => {
    expect(
      lineKey(
        line(sealAuditEntry({ ...base, entity: { type: 'case', id: 'c"1\\' }, after: { x: '很长'.repeat(999) } })),
      ),
    ).toEqual({
      seq: 7,
      type: 'case',
      id: 'c"1\\',
    });
    const reordered = Buffer.from(JSON.stringify({ entity: { id: 'd1', type: 'document' }, seq: 3, hash: 'x' }));
    expect(lineKey(reordered)).toEqual({ seq: 3, type: 'document', id: 'd1' });
    const longActor = sealAuditEntry({ ...base, actor: '某'.repeat(600), entity: { type: 'document', id: 'd2' } });
    expect(lineKey(line(longActor))).toEqual({ seq: 7, type: 'document', id: 'd2' });
  });

  it('gives nothing for a torn line or one that is not an entry', () => {
    const whole = JSON.stringify(sealAuditEntry({ ...base, entity: { type: 'document', id: 'd1' } }));
    expect(lineKey(Buffer.from(whole.slice(0, -20)))).toBeNull();
    expect(lineKey(Buffer.from('{"seq":1}'))).toBeNull();
    expect(lineKey(Buffer.from('垃圾'))).toBeNull();
  });

  it('parses sidecar rows up to the first torn one', () => {
    expect(parseSidecar('1,0,10,"document","d1"\n2,11,9,"case","c\\"2"\n3,2')).toEqual({
      rows: [
        { seq: 1, offset: 0, length: 10, type: 'document', id: 'd1' },
        { seq: 2, offset: 11, length: 9, type: 'case', id: 'c"2' },
      ],
      clean: false,
    });
    expect(parseSidecar('1,0,10,"document","d1"\nx,1,1,"a","b"\n2,11,9,"case","c"\n').rows).toHaveLength(1);
    expect(parseSidecar('')).toEqual({ rows: [], clean: true });
  });
});
