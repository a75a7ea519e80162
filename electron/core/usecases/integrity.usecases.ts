import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError, isAppError } from '../../../shared/errors/app-error';
import type { Logger } from '../logger';
import { writeFileAtomic } from '../store/atomic-file';
import { acquireLock } from '../store/lock';
import { SHARD_SIZE, LEGACY_SHARD_SIZE, shardSizeOf, type DocumentRecord } from '../store/store';
import { isTempName, listFiles, sha256File } from '../services/backup/backup-files';
import { createRecordSnapshots, listRecordFiles, type RecordSnapshots } from '../services/backup/record-snapshots';
import { mentionedDocuments, salvageArrayItems } from '../services/backup/salvage';

export interface IntegrityProblem {
  readonly code:
    | 'record_file_corrupt'
    | 'record_duplicate_id'
    | 'record_invalid'
    | 'counter_behind'
    | 'original_missing'
    | 'original_hash_mismatch'
    | 'original_unreferenced'
    | 'document_hash_mismatch'
    | 'text_missing'
    | 'text_corrupt'
    | 'preview_missing';
  /** `error`: data is damaged or missing; `warning`: harmless leftovers (e.g. an import interrupted before its record). */
  readonly severity: 'error' | 'warning';
  /** Relative to the data folder. */
  readonly path: string;
  readonly id?: string;
  /** Chinese: what is wrong and what to do. */
  readonly message: string;
}

export interface IntegrityReport {
  /** True when there is no problem of severity `error`. */
  readonly ok: boolean;
  /** Originals in `files/` whose bytes were hashed and compared with their name. */
  readonly files: number;
  /** Document records read. */
  readonly records: number;
  /** Record files (`records/**.json`) read. */
  readonly recordFiles: number;
  readonly problems: readonly IntegrityProblem[];
}

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const DOC_SHARD = /^records\/documents\/documents-\d+\.json$/;

/**
 * Checks a data folder without changing it: every record file parses, every document record's originals exist
 * and match their SHA-256 and size, every original in `files/` matches the hash in its name, every record has
 * its text. Holds the folder's lock while it reads unless `locked` says the caller already does.
 */
export async function checkDataFolder(deps: { dataDir: string; locked?: boolean }): Promise<IntegrityReport> {
  const { dataDir } = deps;
  const lock = deps.locked ? null : await acquireLock(dataDir);
  try {
    return await check(dataDir);
  } finally {
    await lock?.release();
  }
}

async function check(dataDir: string): Promise<IntegrityReport> {
  const problems: IntegrityProblem[] = [];
  const recordFiles = await listRecordFiles(dataDir);
  const docs: DocumentRecord[] = [];
  let nextDocSeq: number | null = null;
  let shardSize = LEGACY_SHARD_SIZE;
  for (const path of recordFiles) {
    let value: unknown;
    try {
      value = JSON.parse(await readFile(join(dataDir, path), 'utf8'));
    } catch {
      problems.push({
        code: 'record_file_corrupt',
        severity: 'error',
        path,
        message: `记录文件 ${path} 已损坏，无法读取。重新启动程序会自动用最近的备份恢复它；也可以用“恢复备份”恢复整个数据文件夹。`,
      });
      continue;
    }
    if (path === 'records/meta.json') {
      nextDocSeq = (value as { nextDocSeq?: number }).nextDocSeq ?? null;
      shardSize = shardSizeOf(value);
    }
    if (DOC_SHARD.test(path)) {
      const list = (value as { documents?: unknown }).documents;
      if (!Array.isArray(list)) {
        problems.push({
          code: 'record_invalid',
          severity: 'error',
          path,
          message: `记录文件 ${path} 的格式不正确（缺少 documents 列表）。`,
        });
        continue;
      }
      docs.push(...(list as DocumentRecord[]));
    }
  }

  // Originals on disk: each one's bytes must hash to its name.
  const onDisk = new Map<string, { sha256: string; size: number } | null>();
  for (const rel of await listFiles(join(dataDir, 'files'), (r) => isTempName(r))) {
    const path = `files/${rel}`;
    const name = rel.split('/').pop()!;
    const expected = name.split('.')[0]!;
    const got = await sha256File(join(dataDir, path)).catch(() => null);
    onDisk.set(path, got);
    if (!got || got.sha256 !== expected) {
      problems.push({
        code: 'original_hash_mismatch',
        severity: 'error',
        path,
        message: `原件 ${path} 的内容与其 SHA-256 不符（文件已被改动或损坏）。请从备份恢复这个文件，或重新导入原件。`,
      });
    }
  }

  const referenced = new Set<string>();
  const ids = new Set<string>();
  let maxSeq = 0;
  for (const d of docs) {
    if (!d || typeof d.id !== 'string' || typeof d.seq !== 'number' || !Array.isArray(d.originals)) {
      problems.push({
        code: 'record_invalid',
        severity: 'error',
        path: 'records/documents',
        message: '有一条文件记录缺少编号或原件信息，无法核对。',
      });
      continue;
    }
    const where = `records/documents/documents-${Math.floor(d.seq / shardSize)}.json`;
    if (ids.has(d.id)) {
      problems.push({
        code: 'record_duplicate_id',
        severity: 'error',
        path: where,
        id: d.id,
        message: `编号 ${d.id} 的记录出现了两次。请联系技术支持。`,
      });
    }
    ids.add(d.id);
    maxSeq = Math.max(maxSeq, d.seq);
    for (const o of d.originals) {
      const path = `files/${o.sha256.slice(0, 2)}/${o.ext ? `${o.sha256}.${o.ext}` : o.sha256}`;
      referenced.add(path);
      const got = onDisk.get(path);
      if (got === undefined) {
        problems.push({
          code: 'original_missing',
          severity: 'error',
          path,
          id: d.id,
          message: `文件 ${d.id}（${d.originalName}）的原件“${o.name}”不见了（${path}）。请从备份恢复，或重新导入原件。`,
        });
      } else if (got && got.size !== o.size) {
        problems.push({
          code: 'original_hash_mismatch',
          severity: 'error',
          path,
          id: d.id,
          message: `文件 ${d.id} 的原件“${o.name}”大小与记录不符。请从备份恢复这个文件。`,
        });
      }
    }
    const docHash =
      d.originals.length === 1 ? d.originals[0]!.sha256 : sha256(d.originals.map((o) => o.sha256).join('\n'));
    if (d.originals.length > 0 && docHash !== d.sha256) {
      problems.push({
        code: 'document_hash_mismatch',
        severity: 'error',
        path: where,
        id: d.id,
        message: `文件 ${d.id} 记录的 SHA-256 与其原件不一致，记录可能被改动过。请从备份恢复。`,
      });
    }
    const textRel = `texts/${d.id.slice(-2)}/${d.id}.json`;
    const raw = await readFile(join(dataDir, textRel), 'utf8').catch(() => null);
    if (raw === null) {
      problems.push({
        code: 'text_missing',
        severity: 'error',
        path: textRel,
        id: d.id,
        message: `文件 ${d.id} 的识别文字不见了。请重新导入原件以恢复文字。`,
      });
    } else {
      let pages: unknown;
      try {
        pages = (JSON.parse(raw) as { pages?: unknown }).pages;
      } catch {
        pages = null;
      }
      if (!Array.isArray(pages))
        problems.push({
          code: 'text_corrupt',
          severity: 'error',
          path: textRel,
          id: d.id,
          message: `文件 ${d.id} 的识别文字已损坏。请重新导入原件以恢复文字。`,
        });
    }
    for (const [i, size] of (d.previewSizes ?? []).entries()) {
      if (!size || size[0] <= 0) continue;
      const p = `previews/${d.id.slice(-2)}/${d.id}/${i + 1}.jpg`;
      if (!(await stat(join(dataDir, p)).catch(() => null))) {
        problems.push({
          code: 'preview_missing',
          severity: 'warning',
          path: p,
          id: d.id,
          message: `文件 ${d.id} 第 ${i + 1} 页的预览图不见了（原件不受影响）。`,
        });
      }
    }
  }
  if (nextDocSeq !== null && nextDocSeq <= maxSeq) {
    problems.push({
      code: 'counter_behind',
      severity: 'warning',
      path: 'records/meta.json',
      message: '编号计数器落后于已有记录（上次可能是强制关机），下次打开时会自动修正。',
    });
  }
  for (const path of onDisk.keys()) {
    if (!referenced.has(path))
      problems.push({
        code: 'original_unreferenced',
        severity: 'warning',
        path,
        message: `原件 ${path} 没有对应的记录（多半是导入中途被打断），不影响使用。`,
      });
  }
  return {
    ok: !problems.some((p) => p.severity === 'error'),
    files: onDisk.size,
    records: docs.length,
    recordFiles: recordFiles.length,
    problems,
  };
}

/** What start-up recovery did to one damaged record file. */
export interface RecoveredFile {
  readonly path: string;
  readonly action: 'restored_from_backup' | 'salvaged' | 'unrecoverable';
  /** When the backup used was taken; null when none was found. */
  readonly backupAt: string | null;
  /** Where the damaged file was kept (relative to the data folder). */
  readonly damagedCopy: string | null;
  /** Records read back from the damaged file itself because they were newer than the backup. */
  readonly salvagedRecords: readonly string[];
  /** Document records the damaged file mentioned that could not be brought back. */
  readonly lostRecords: readonly { readonly id: string; readonly name: string | null }[];
}

export interface RecoveryReport {
  readonly at: string;
  readonly files: readonly RecoveredFile[];
  /** True when every damaged file was brought back (possibly with losses listed above). */
  readonly recovered: boolean;
  /** Chinese: what was damaged, what was restored, exactly what was lost, what to do. */
  readonly message: string;
}

const looksLikeRecord = (v: unknown): v is DocumentRecord => {
  const r = v as Partial<DocumentRecord> | null;
  return (
    !!r &&
    typeof r.id === 'string' &&
    /^d\d+$/.test(r.id) &&
    typeof r.seq === 'number' &&
    typeof r.sha256 === 'string' &&
    typeof r.fields === 'object' &&
    Array.isArray(r.originals) &&
    typeof r.updatedAt === 'string'
  );
};

/**
 * Start-up recovery: finds record files that no longer parse, keeps each damaged file under `backups/damaged/`,
 * and puts back the newest automatic backup of it that verifies. For document shards, complete records still
 * readable in the damaged file (typically a truncated one) are merged back when newer than the backup, and every
 * record the damaged file mentioned that could not be brought back is listed by id and name.
 * Returns null when no record file is damaged.
 */
export async function recoverDataFolder(deps: {
  dataDir: string;
  snapshots?: RecordSnapshots;
  now?: () => Date;
  logger?: Logger;
}): Promise<RecoveryReport | null> {
  const { dataDir, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const snapshots = deps.snapshots ?? createRecordSnapshots({ dataDir, logger });
  const lock = await acquireLock(dataDir);
  try {
    const damaged: { path: string; text: string }[] = [];
    for (const path of await listRecordFiles(dataDir)) {
      const text = await readFile(join(dataDir, path), 'utf8');
      try {
        JSON.parse(text);
      } catch {
        damaged.push({ path, text });
      }
    }
    if (damaged.length === 0) return null;
    const at = now().toISOString();
    const stamp = at.replace(/[:.]/g, '-');
    const files: RecoveredFile[] = [];
    for (const { path, text } of damaged) {
      const good = await snapshots.findGood(path);
      const isShard = DOC_SHARD.test(path);
      const salvaged = isShard ? salvageArrayItems(text, 'documents').filter(looksLikeRecord) : [];
      if (!good && !(isShard && salvaged.length > 0) && !(isShard && text.trim() === '')) {
        files.push({
          path,
          action: 'unrecoverable',
          backupAt: null,
          damagedCopy: null,
          salvagedRecords: [],
          lostRecords: isShard ? mentionedDocuments(text) : [],
        });
        continue;
      }
      const damagedCopy = `backups/damaged/${stamp}/${path}`;
      await mkdir(dirname(join(dataDir, damagedCopy)), { recursive: true });
      await rename(join(dataDir, path), join(dataDir, damagedCopy));
      let salvagedIds: string[] = [];
      let lost: { id: string; name: string | null }[] = [];
      if (isShard) {
        const base = good
          ? ((JSON.parse(good.bytes.toString('utf8')) as { documents?: DocumentRecord[] }).documents ?? [])
          : [];
        const merged = new Map(base.map((d) => [d.id, d]));
        for (const r of salvaged) {
          const old = merged.get(r.id);
          if (!old || r.updatedAt > old.updatedAt) {
            merged.set(r.id, r);
            salvagedIds.push(r.id);
          }
        }
        const documents = [...merged.values()].sort((a, b) => a.seq - b.seq);
        await writeFileAtomic(join(dataDir, path), JSON.stringify({ documents }));
        const mentioned = mentionedDocuments(text);
        // A zero-length file mentions nothing: the records' saved texts still tell which ids lived in this shard.
        const shard = Number(/(\d+)\.json$/.exec(path)![1]);
        const size = await folderShardSize(dataDir, shard, documents);
        for (const id of await textIds(dataDir))
          if (Math.floor(Number(id.slice(1)) / size) === shard && !mentioned.some((m) => m.id === id))
            mentioned.push({ id, name: null });
        lost = mentioned.filter((m) => !merged.has(m.id)).sort((a, b) => a.id.localeCompare(b.id));
        salvagedIds = salvagedIds.sort();
      } else {
        await writeFileAtomic(join(dataDir, path), good!.bytes);
      }
      files.push({
        path,
        action: good ? 'restored_from_backup' : 'salvaged',
        backupAt: good?.snapshot.createdAt ?? null,
        damagedCopy,
        salvagedRecords: salvagedIds,
        lostRecords: lost,
      });
    }
    const report: RecoveryReport = {
      at,
      files,
      recovered: files.every((f) => f.action !== 'unrecoverable'),
      message: describeRecovery(files),
    };
    await writeFileAtomic(join(dataDir, 'backups', 'recovery', `${stamp}.json`), JSON.stringify(report, null, 1));
    logger?.warn('damaged record files recovered at start-up', { files: files.map((f) => f.path) });
    return report;
  } finally {
    await lock.release();
  }
}

/** Ids of the documents whose page texts are saved (`texts/xx/d0000123.json`). */
const textIds = async (dataDir: string): Promise<string[]> =>
  (await listFiles(join(dataDir, 'texts'), (r) => isTempName(r)))
    .map((r) => /(d\d+)\.json$/.exec(r)?.[1])
    .filter((x): x is string => !!x);

const localTime = (iso: string) => iso.replace('T', ' ').slice(0, 19) + ' UTC';

/** The Chinese account of a recovery the user sees: one paragraph per damaged file. */
export function describeRecovery(files: readonly RecoveredFile[]): string {
  const parts = files.map((f) => {
    const lost = f.lostRecords.length
      ? `丢失 ${f.lostRecords.length} 条文件记录：${f.lostRecords
          .slice(0, 20)
          .map((l) => (l.name ? `${l.id}（${l.name}）` : l.id))
          .join(
            '、',
          )}${f.lostRecords.length > 20 ? ' 等' : ''}。这些文件的原件和识别文字仍在数据文件夹中，重新导入原件即可找回，但在备份之后填写或修改的要素需要重新核对。`
      : DOC_SHARD.test(f.path)
        ? '没有丢失任何文件记录。'
        : `该文件在 ${f.backupAt ? localTime(f.backupAt) : '备份'} 之后的修改已丢失，请核对最近的操作。`;
    if (f.action === 'unrecoverable')
      return `记录文件 ${f.path} 已损坏，且没有可用的自动备份，无法自动恢复；程序没有改动它。请用“恢复备份”（npm run cli -- restore 备份文件.zip）恢复整个数据文件夹，或联系技术支持。`;
    const how =
      f.action === 'restored_from_backup'
        ? `已自动用 ${localTime(f.backupAt!)} 的自动备份恢复`
        : '没有找到它的自动备份，已从损坏的文件中救回能读出的记录';
    const salvaged = f.salvagedRecords.length
      ? `，并从损坏的文件中救回了 ${f.salvagedRecords.length} 条比备份更新的记录`
      : '';
    return `记录文件 ${f.path} 已损坏（可能是断电或强制关机造成的），${how}${salvaged}。${lost}损坏的原文件保存在 ${f.damagedCopy}。`;
  });
  return parts.join('\n');
}

/**
 * Opens the data folder through `open`; if a record file turns out to be damaged, recovers it from the automatic
 * backups and opens again. Damage that cannot be repaired is reported with `store.unrecoverable`.
 */
export async function openWithRecovery<T>(
  open: () => Promise<T>,
  deps: { dataDir: string; now?: () => Date; logger?: Logger },
): Promise<{ value: T; recovery: RecoveryReport | null }> {
  try {
    return { value: await open(), recovery: null };
  } catch (e) {
    if (!isAppError(e) || e.code !== 'store.corrupt') throw e;
    const recovery = await recoverDataFolder(deps);
    if (!recovery) throw e; // not a record file (e.g. a text file): the original error says what to do
    if (!recovery.recovered) throw new AppError('store.unrecoverable', recovery.message, { cause: e });
    return { value: await open(), recovery };
  }
}

/**
 * The folder's shard size for recovering shard `shard`: from meta.json when it reads, else from the records the
 * shard still holds (a seq beyond the new layout's range can only come from the legacy one).
 */
async function folderShardSize(dataDir: string, shard: number, records: readonly DocumentRecord[]): Promise<number> {
  const meta = await readFile(join(dataDir, 'records', 'meta.json'), 'utf8')
    .then((raw) => JSON.parse(raw) as unknown)
    .catch(() => null);
  if (meta !== null) return shardSizeOf(meta);
  return records.some((d) => d.seq >= (shard + 1) * SHARD_SIZE) ? LEGACY_SHARD_SIZE : SHARD_SIZE;
}
