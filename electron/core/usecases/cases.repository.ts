import { Low } from 'lowdb';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_NUMBER_FORMAT, type CaseRecord } from '../../../shared/cases/case-record';
import type { RuleSettings } from '../../../shared/calendar/deadlines';
import type { CompactYear } from '../../../shared/calendar/year-schedule';
import { AtomicJsonFile } from '../store/atomic-file';

/** One file per 登记 year: the sequence counter sits beside the cases it numbered, so both change in one atomic write. */
interface CaseShard {
  year: number;
  nextSeq: number;
  cases: CaseRecord[];
}

/** Office-wide case settings (`records/case-settings.json`). */
export interface CaseSettings {
  /** 登记编号 pattern: YYYY = 登记 year, a run of N = sequence number. */
  readonly numberFormat: string;
  /** First day of the statistics year, MM-DD (default 12-21: 12月21日–次年12月20日). */
  readonly statisticsYearStart: string;
  /** Who this office is: a 信访部门 routes (第二十二条), other 机关 handle (第二十三条). */
  readonly officeKind: 'xinfang_department' | 'organ';
  /** Per rule id: the office's unit (日 / 工作日) and roll-over, where they differ from the defaults. */
  readonly ruleSettings: Readonly<Record<string, RuleSettings>>;
}

export const DEFAULT_CASE_SETTINGS: CaseSettings = {
  numberFormat: DEFAULT_NUMBER_FORMAT,
  statisticsYearStart: '12-21',
  officeKind: 'xinfang_department',
  ruleSettings: {},
};

export interface CaseRepository {
  all(): readonly CaseRecord[];
  get(id: string): CaseRecord | undefined;
  byNumber(number: string): CaseRecord | undefined;
  /**
   * Inserts a case into the shard of `year`; `make` receives the next sequence number and is called inside the
   * write lock, so two registrations never get the same number. Nothing is kept in memory if the write fails.
   */
  insert(year: number, make: (seq: number) => CaseRecord, usesSeq: (rec: CaseRecord) => boolean): Promise<CaseRecord>;
  /** Replaces a case; `change` runs inside the write lock on the latest stored version. */
  update(id: string, change: (rec: CaseRecord) => CaseRecord): Promise<CaseRecord>;
  settings(): CaseSettings;
  saveSettings(next: CaseSettings): Promise<CaseSettings>;
  /** Holiday notices the user imported (compact form), newest import of a year last. */
  importedCalendars(): readonly CompactYear[];
  saveImportedCalendars(years: readonly CompactYear[]): Promise<void>;
  /** Bumped by every successful write, so views derived from all cases know when to rebuild. */
  revision(): number;
}

/** Opens `records/cases/cases-YYYY.json` and `records/case-settings.json`; a damaged file throws store.corrupt. */
export async function openCaseRepository(dataDir: string): Promise<CaseRepository> {
  const dir = join(dataDir, 'records', 'cases');
  await mkdir(dir, { recursive: true });
  const shards = new Map<number, Low<CaseShard>>();
  const byId = new Map<string, { rec: CaseRecord; year: number }>();
  const byNumber = new Map<string, string>();
  for (const f of await readdir(dir)) {
    const m = /^cases-(\d{4})\.json$/.exec(f);
    if (!m) continue;
    const year = Number(m[1]);
    const db = new Low<CaseShard>(new AtomicJsonFile<CaseShard>(join(dir, f)), { year, nextSeq: 1, cases: [] });
    await db.read(); // a damaged file throws; its defaults are never written over it
    shards.set(year, db);
    for (const c of db.data.cases) {
      byId.set(c.id, { rec: c, year });
      byNumber.set(c.number, c.id);
    }
  }
  const settingsDb = new Low<CaseSettings>(
    new AtomicJsonFile<CaseSettings>(join(dataDir, 'records', 'case-settings.json')),
    {
      ...DEFAULT_CASE_SETTINGS,
    },
  );
  await settingsDb.read();
  settingsDb.data = { ...DEFAULT_CASE_SETTINGS, ...settingsDb.data };
  const calendarsDb = new Low<{ years: CompactYear[] }>(
    new AtomicJsonFile<{ years: CompactYear[] }>(join(dataDir, 'records', 'calendar-imports.json')),
    { years: [] },
  );
  await calendarsDb.read();

  let revision = 0;
  // Writes go one at a time: a counter read and its write must not interleave with another registration.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const next = chain.then(job, job);
    chain = next.catch(() => undefined);
    return next;
  };
  const shardFor = (year: number): Low<CaseShard> => {
    let db = shards.get(year);
    if (!db) {
      db = new Low<CaseShard>(new AtomicJsonFile<CaseShard>(join(dir, `cases-${year}.json`)), {
        year,
        nextSeq: 1,
        cases: [],
      });
      shards.set(year, db);
    }
    return db;
  };
  /** Writes `next` as the shard's content; on failure the shard in memory stays as it was. */
  const commit = async (db: Low<CaseShard>, next: CaseShard): Promise<void> => {
    const old = db.data;
    db.data = next;
    try {
      await db.write();
    } catch (e) {
      db.data = old;
      throw e;
    }
  };

  return {
    all: () => [...byId.values()].map((v) => v.rec),
    get: (id) => byId.get(id)?.rec,
    byNumber: (number) => {
      const id = byNumber.get(number);
      return id ? byId.get(id)?.rec : undefined;
    },
    insert: (year, make, usesSeq) =>
      serial(async () => {
        const db = shardFor(year);
        // A number typed by hand may already hold the next automatic number: skip past it.
        let seq = db.data.nextSeq;
        let rec = make(seq);
        while (usesSeq(rec) && byNumber.has(rec.number)) rec = make(++seq);
        await commit(db, {
          ...db.data,
          nextSeq: usesSeq(rec) ? seq + 1 : db.data.nextSeq,
          cases: [...db.data.cases, rec],
        });
        byId.set(rec.id, { rec, year });
        byNumber.set(rec.number, rec.id);
        revision++;
        return rec;
      }),
    update: (id, change) =>
      serial(async () => {
        const found = byId.get(id);
        if (!found) throw new Error(`case ${id} vanished`);
        const db = shardFor(found.year);
        const next = change(found.rec);
        await commit(db, { ...db.data, cases: db.data.cases.map((c) => (c.id === id ? next : c)) });
        byId.set(id, { rec: next, year: found.year });
        revision++;
        return next;
      }),
    revision: () => revision,
    importedCalendars: () => calendarsDb.data.years,
    saveImportedCalendars: (years) =>
      serial(async () => {
        const old = calendarsDb.data;
        calendarsDb.data = { years: [...years] };
        try {
          await calendarsDb.write();
        } catch (e) {
          calendarsDb.data = old;
          throw e;
        }
        revision++;
      }),
    settings: () => ({ ...settingsDb.data }),
    saveSettings: (next) =>
      serial(async () => {
        const old = settingsDb.data;
        settingsDb.data = { ...next };
        try {
          await settingsDb.write();
        } catch (e) {
          settingsDb.data = old;
          throw e;
        }
        revision++;
        return { ...settingsDb.data };
      }),
  };
}
