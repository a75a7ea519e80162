/**
 * The process the crash harness kills: opens a data folder and imports, files, corrects, backs up in a loop,
 * appending one acknowledgement line (fsync'd) to the side file after each operation has reported success.
 * Before an operation whose result could land without its acknowledgement, it writes an intent line, so the
 * checker knows which newer states are legitimate. Usage: crash-child DATA_DIR ACK_FILE SEED
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

const [dataDir, ackFile, seedArg] = process.argv.slice(2) as [string, string, string];
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

const acked = (): { id: string; title: string }[] => {
  try {
    return readFileSync(ackFile, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('{"op":"file"'))
      .map((l) => JSON.parse(l) as { id: string; title: string });
  } catch {
    return [];
  }
};

async function main() {
  const store = await openStore(dataDir);
  // The app's persisted index (journal + snapshot), so kills also land in index writes.
  const index = await openSearchIndex({ dir: join(dataDir, 'index'), logger: silentLogger });
  const documents = createDocumentUsecases({
    audit: createAuditLog({ dataDir, actor: 'crash-test' }),
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
  process.stdout.write('ready\n');
  const known = acked();
  for (let n = 0; ; n++) {
    const token = `${process.pid.toString(36)}x${n}x${Math.floor(rand() * 1e9).toString(36)}`;
    const r = rand();
    if (r < 0.6 || known.length === 0) {
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
    } else if (r < 0.85) {
      const target = known[Math.floor(rand() * known.length)]!;
      const current = store.getDocument(target.id)!;
      const title = `更正${token}`;
      ack({ op: 'intent', id: target.id, title });
      await documents.save(target.id, { ...current.fields, title });
      ack({ op: 'update', id: target.id, title });
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
