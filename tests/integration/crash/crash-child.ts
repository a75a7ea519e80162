/**
 * The process the crash harness kills: opens a data folder and imports, files, corrects, registers cases and
 * records their steps, generates numbered 文书 (.docx), backs up in a loop,
 * appending one acknowledgement line (fsync'd) to the side file after each operation has reported success.
 * Before an operation whose result could land without its acknowledgement, it writes an intent line, so the
 * checker knows which newer states are legitimate. Usage: crash-child DATA_DIR ACK_FILE SEED TEMPLATES_DIR
 */
import { appendFileSync, closeSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../../electron/core/store/store';
import { openSearchIndex } from '../../../electron/core/services/search/persistent-index';
import { createDocumentUsecases } from '../../../electron/core/usecases/documents.usecases';
import { createRecordSnapshots } from '../../../electron/core/services/backup/record-snapshots';
import { silentLogger } from '../../../electron/core/logger';
import { createAuditLog } from '../../../electron/core/services/audit/audit-log';
import { createTextReader, lineExtract } from '../../helpers/fakes';
import { SAMPLE_VALUES } from '../../fixtures/paperwork/sample-values';
import type { CaseUsecases } from '../../../electron/core/usecases/cases.usecases';
import type { PaperworkUsecases } from '../../../electron/core/usecases/paperwork.usecases';
import type { StepInput } from '../../../shared/api/cases.contract';

const [dataDir, ackFile, seedArg, templatesDir] = process.argv.slice(2) as [string, string, string, string];
let seed = Number(seedArg) >>> 0 || 1;
/** xorshift: a reproducible sequence per seed, so a failure can be replayed. */
const rand = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
};

const ack = (line: Record<string, unknown>) => {
  const fd = openSync(ackFile, 'a');
  appendFileSync(fd, JSON.stringify(line) + '\n');
  fsyncSync(fd);
  closeSync(fd);
  // One dot per finished step tells the harness how fast this machine is, so it can kill mid-operation.
  if (line['op'] !== 'intent') process.stdout.write('.');
};

const acked = (op: string): { id: string; title: string }[] => {
  try {
    return readFileSync(ackFile, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith(`{"op":"${op}"`))
      .map((l) => JSON.parse(l) as { id: string; title: string });
  } catch {
    return [];
  }
};

/** Values for the steps this child records; the case's allowed steps decide which one comes next. */
const STEP_VALUES: Readonly<Record<string, Record<string, unknown>>> = {
  transfer: { to: '某县住房和城乡建设局' },
  accept: {},
  notify: {},
  issue_opinion: { outcome: 'support' },
  serve: {},
};

async function main() {
  const store = await openStore(dataDir);
  // One audit log for every use case: its hash chain is kept in one place.
  const audit = createAuditLog({ dataDir, actor: 'crash-test' });
  // The app's persisted index (journal + snapshot), so kills also land in index writes.
  const index = await openSearchIndex({ dir: join(dataDir, 'index'), logger: silentLogger });
  const documents = createDocumentUsecases({
    audit,
    store,
    reader: createTextReader(),
    index,
    extract: lineExtract,
    now: () => new Date(),
    emitProgress: () => undefined,
    logger: silentLogger,
  });
  await documents.syncIndex();
  const snapshots = createRecordSnapshots({ dataDir, keep: 5 });
  const now = () => new Date();
  // Cases and paperwork (exceljs, docx …) are loaded on first use, so the many restarts stay quick.
  let casesP: Promise<CaseUsecases> | null = null;
  let paperworkP: Promise<PaperworkUsecases> | null = null;
  const loadCases = () =>
    (casesP ??= (async () => {
      const { createCaseUsecases } = await import('../../../electron/core/usecases/cases.usecases');
      const { auditCaseUsecases } = await import('../../../electron/core/services/audit/audited-usecases');
      const { createAuditIntents } = await import('../../../electron/core/services/audit/audit-intents');
      const raw = await createCaseUsecases({
        dataDir,
        now,
        logger: silentLogger,
        documentText: async () => '',
        documentExists: (id) => store.getDocument(id) !== undefined,
      });
      // With the app's write-ahead markers, so a kill between a saved step and its entry is back-filled at restart.
      return auditCaseUsecases(raw, audit, silentLogger, createAuditIntents({ dataDir, now }));
    })());
  const loadPaperwork = () =>
    (paperworkP ??= (async () => {
      const { openPaperwork } = await import('../../../electron/core/usecases/paperwork.usecases');
      const { auditPaperwork } = await import('../../../electron/core/services/audit/audited-usecases');
      const raw = await openPaperwork({ dataDir, builtinDir: templatesDir, now, logger: silentLogger });
      return auditPaperwork(raw, audit, silentLogger);
    })());
  process.stdout.write('ready\n');
  const known = acked('file');
  const knownCases = acked('case');
  for (let n = 0; ; n++) {
    const token = `${process.pid.toString(36)}x${n}x${Math.floor(rand() * 1e9).toString(36)}`;
    const r = rand();
    if (r < 0.45 || known.length === 0) {
      const title = `崩溃测试${token}`;
      const body = [
        '测试机关',
        `测发〔2026〕${n}号`,
        title,
        '',
        `正文 ${token} ${'内容'.repeat(Math.floor(rand() * 200))}`,
      ];
      const { document } = await documents.importFile({ name: `${token}.txt`, bytes: Buffer.from(body.join('\n')) });
      const saved = await documents.save(document.id, { ...document.fields, title });
      ack({ op: 'file', id: saved.id, title, token, sha256: saved.sha256 });
      known.push({ id: saved.id, title });
    } else if (r < 0.58) {
      const target = known[Math.floor(rand() * known.length)]!;
      const current = store.getDocument(target.id)!;
      const title = `更正${token}`;
      ack({ op: 'intent', id: target.id, title });
      await documents.save(target.id, { ...current.fields, title });
      ack({ op: 'update', id: target.id, title });
    } else if (r < 0.7 || (r < 0.8 && knownCases.length === 0)) {
      const cases = await loadCases();
      const c = await cases.register({
        fields: {
          form: 'letter',
          petitioners: [
            { name: `张${token.slice(-3)}`, idNumber: '', phone: '13812345678', address: '某省某县某村1号' },
          ],
          headcount: 1,
          region: '某省某县',
          topic: '城乡建设',
          claimRoute: 'opinion',
          summary: `崩溃测试 ${token} 反映的问题。`,
          request: '请求依法处理。',
          documentIds: [],
        },
        receivedOn: new Date().toISOString().slice(0, 10),
        by: '李登记',
        source: 'direct',
        category: 'claim',
      });
      ack({ op: 'case', id: c.id, title: c.number, events: 1 });
      knownCases.push({ id: c.id, title: c.number });
    } else if (r < 0.8) {
      const target = knownCases[Math.floor(rand() * knownCases.length)]!;
      const cases = await loadCases();
      const d = cases.get(target.id);
      const next = d.allowedSteps.find((a) => STEP_VALUES[a.type]);
      const events = cases.record(target.id).events.length;
      if (next) {
        ack({ op: 'case-intent', id: target.id, events: events + 1 });
        const on = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
        await cases.step(target.id, { type: next.type, on, by: '王办理', ...STEP_VALUES[next.type] } as StepInput);
        // The new event's id, so the harness can look for this very step in the audit trail.
        const eventId = cases.record(target.id).events.at(-1)!.id;
        ack({ op: 'step', id: target.id, events: events + 1, token: eventId });
      }
    } else if (r < 0.88) {
      const paperwork = await loadPaperwork();
      const issued = await paperwork.generate({
        templateId: 'han',
        values: { ...SAMPLE_VALUES, 标题: `关于${token}的函` },
      });
      ack({ op: 'generate', id: issued.id, title: issued.docNumber ?? '', sha256: issued.sha256, path: issued.file });
    } else if (r < 0.97) {
      const snap = await snapshots.snapshot('crash-test');
      ack({ op: 'snapshot', id: snap?.id ?? null });
    } else {
      const out = join(dataDir, 'backups', 'full', `crash-${token}.zip`);
      // Loaded on first use: zod and the zip code would slow every one of the harness's many starts.
      const { createBackupArchive } = await import('../../../electron/core/services/backup/backup-archive');
      await createBackupArchive({ dataDir, outFile: out });
      ack({ op: 'backup', path: out });
    }
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`crash child failed: ${String((e as Error)?.stack ?? e)}\n`);
  process.exit(3);
});
