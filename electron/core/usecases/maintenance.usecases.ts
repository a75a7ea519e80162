/**
 * The maintenance part of the API (设置 → 备份与恢复, the 修改记录 panels): zip backups of the whole data folder
 * while the app runs, a restore that is verified now and swapped in at the next start (nothing else may have the
 * folder open then), the start-up recovery report, and the audit trail of one record.
 */
import { copyFile, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ApiPart, AppEvent } from '../../../shared/api/contract';
import type {
  AuditEntryView,
  BackupInfo,
  BackupStatus,
  RecoveryReportView,
} from '../../../shared/api/maintenance.contract';
import type { MAINTENANCE_REQUEST_NAMES } from '../../../shared/api/maintenance.names';
import { AppError } from '../../../shared/errors/app-error';
import type { Logger } from '../logger';
import { createAuditLog, type AuditEntry, type AuditLog } from '../services/audit/audit-log';
import type { RecordSnapshots } from '../services/backup/record-snapshots';
import { fsFailure } from '../services/backup/backup-files';
import {
  createBackupArchive,
  restoreBackupArchive,
  unpackBackupArchive,
  type RestoreResult,
} from '../services/backup/backup-archive';
import { writeFileAtomic } from '../store/atomic-file';
import { acquireLock } from '../store/lock';
import type { RecoveryReport } from './integrity.usecases';
import type { AuditFailures } from '../services/audit/audit-failures';

const PENDING_DIR = ['backups', 'restore-pending'] as const;
const PENDING_ZIP = 'backup.zip';
const PENDING_MARKER = 'ready.json';
const LAST_RESTORE = ['backups', 'last-restore.json'] as const;

interface PendingMarker {
  readonly archive: string;
  readonly createdAt: string;
  readonly files: number;
  readonly preparedAt: string;
}

export interface RestoredAtStart extends RestoreResult {
  readonly archive: string;
}

const stamp = (d: Date) =>
  d
    .toISOString()
    .slice(0, 19)
    .replace(/[-:T]/g, '')
    .replace(/^(\d{8})/, '$1-');

/** Chinese names of the audit actions, for the 修改记录 panels. */
export const AUDIT_LABELS: Readonly<Record<string, string>> = {
  'document.import': '导入',
  'document.file': '归档',
  'document.correct': '更正要素',
  'document.task_done': '任务标记完成',
  'document.task_reopen': '任务撤销完成',
  'case.register': '登记',
  'case.step': '办理步骤',
  'case.correct': '更正记录',
  'case.update_fields': '修改登记信息',
  'case.export': '导出统计表',
  'paperwork.generate': '生成文书',
  'paperwork.cancel_number': '作废文号',
  'paperwork.open': '打开文书',
  'paperwork.download': '下载文书',
  'paperwork.template_save': '修改文书模板',
  'paperwork.template_reset': '恢复内置模板',
  'archive.export': '导出',
  'archive.group': '组件',
  'archive.ungroup': '拆开组件',
  'archive.adjust_piece': '拆件/调整',
  'backup.create': '备份数据',
  'backup.restore': '恢复备份',
};

/** A back-filled entry (补记, written after a kill or a failed append) shows when the change itself happened. */
const recoveredAt = (e: AuditEntry): string | null =>
  e.detail?.['recovered'] === true && typeof e.detail['occurredAt'] === 'string' ? e.detail['occurredAt'] : null;

const view = (e: AuditEntry): AuditEntryView => ({
  seq: e.seq,
  at: recoveredAt(e) ?? e.at,
  actor: e.actor,
  action: e.action,
  label: `${AUDIT_LABELS[e.action] ?? e.action}${recoveredAt(e) ? '（补记）' : ''}`,
  ...(e.before === undefined ? {} : { before: e.before }),
  ...(e.after === undefined ? {} : { after: e.after }),
  ...(e.detail === undefined ? {} : { detail: e.detail }),
});

/**
 * Swaps in a backup verified by `backup.restore` during an earlier run. Called at start-up before the store opens;
 * the backup is verified once more (it may have been damaged since) and the previous contents are kept under
 * `backups/before-restore-…/`. A backup that no longer verifies is set aside and the folder left as it was.
 */
export async function applyPendingRestore(deps: {
  dataDir: string;
  now?: () => Date;
  logger?: Logger;
}): Promise<RestoredAtStart | null> {
  const dir = join(deps.dataDir, ...PENDING_DIR);
  const marker = await readFile(join(dir, PENDING_MARKER), 'utf8').catch(() => null);
  if (marker === null) return null;
  const info = JSON.parse(marker) as PendingMarker;
  const lock = await acquireLock(deps.dataDir);
  try {
    const r = await restoreBackupArchive({ dataDir: deps.dataDir, archive: join(dir, PENDING_ZIP), now: deps.now });
    const restored: RestoredAtStart = { ...r, archive: info.archive };
    await writeFileAtomic(join(deps.dataDir, ...LAST_RESTORE), JSON.stringify(restored));
    // The trail now is the backup's: the restore itself is its next entry, so the swap is never silent.
    await createAuditLog({ dataDir: deps.dataDir, now: deps.now })
      .record({
        action: 'backup.restore',
        entity: { type: 'backup', id: basename(info.archive) },
        detail: { applied: true, archive: info.archive, files: r.files, previousKeptIn: r.previousKeptIn },
      })
      .catch((e: unknown) => deps.logger?.error('audit log write failed', { error: String(e) }));
    await rm(dir, { recursive: true, force: true });
    deps.logger?.warn('pending restore applied', { archive: info.archive, files: r.files });
    return restored;
  } catch (e) {
    // Never retried blindly at every start: the bad backup is kept aside for inspection.
    await rm(join(dir, PENDING_MARKER), { force: true });
    deps.logger?.error('pending restore failed; the data folder was left unchanged', { error: String(e) });
    throw e instanceof AppError
      ? new AppError(
          e.code,
          `${e.message}（这是上次选择的“恢复备份”，已取消，数据文件夹保持原样。可以重新选择备份文件再试。）`,
        )
      : e;
  } finally {
    await lock.release();
  }
}

export interface MaintenanceDeps {
  readonly dataDir: string;
  readonly audit: AuditLog;
  readonly snapshots: RecordSnapshots;
  /** Read when asked: the report is known only after the folder opened. */
  readonly recovery: () => RecoveryReport | null;
  readonly restoredAtStart: RestoredAtStart | null;
  readonly emit: (e: AppEvent) => void;
  readonly now: () => Date;
  readonly logger: Logger;
  readonly appVersion?: string;
  /** Failed audit appends since the start (services/audit/audit-failures). */
  readonly auditFailures?: () => AuditFailures | null;
}

export function createMaintenanceUsecases(deps: MaintenanceDeps) {
  const { dataDir, audit, now, logger } = deps;
  const fullDir = join(dataDir, 'backups', 'full');
  const pendingDir = join(dataDir, ...PENDING_DIR);
  let busy = false;
  /** One backup or restore at a time: both read the whole folder. */
  const exclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (busy) throw new AppError('backup.busy', '正在进行另一项备份或恢复，请等它完成后再试。');
    busy = true;
    try {
      return await fn();
    } finally {
      busy = false;
    }
  };
  const progress = (stage: 'backup' | 'verify') => (done: number, total: number) =>
    deps.emit({ name: 'backup.progress', payload: { stage, done, total } });

  const recoveryView = (r: RecoveryReport, savedAs: string | null): RecoveryReportView => ({
    at: r.at,
    recovered: r.recovered,
    message: r.message,
    files: r.files,
    savedAs,
  });

  async function earlierRecoveries(): Promise<RecoveryReportView[]> {
    const dir = join(dataDir, 'backups', 'recovery');
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
    const out: RecoveryReportView[] = [];
    for (const n of names.reverse().slice(0, 10)) {
      try {
        out.push(
          recoveryView(JSON.parse(await readFile(join(dir, n), 'utf8')) as RecoveryReport, `backups/recovery/${n}`),
        );
      } catch {
        logger.warn('recovery report unreadable', { name: n });
      }
    }
    return out;
  }

  async function listBackups(): Promise<BackupInfo[]> {
    const names = (await readdir(fullDir).catch(() => [] as string[])).filter((n) => n.endsWith('.zip'));
    const out: BackupInfo[] = [];
    for (const name of names) {
      const s = await stat(join(fullDir, name)).catch(() => null);
      if (s?.isFile()) out.push({ path: join(fullDir, name), name, bytes: s.size, createdAt: s.mtime.toISOString() });
    }
    return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  }

  async function status(): Promise<BackupStatus> {
    const snaps = await deps.snapshots.list();
    const marker = await readFile(join(pendingDir, PENDING_MARKER), 'utf8').catch(() => null);
    const pending = marker ? (JSON.parse(marker) as PendingMarker) : null;
    const earlier = await earlierRecoveries();
    const recovery = deps.recovery();
    const failed = deps.auditFailures?.() ?? null;
    return {
      auditWarning: failed
        ? `有 ${failed.count} 项修改已保存，但未能写入修改记录（${failed.why}，最近一次 ${failed.lastAt.slice(0, 16).replace('T', ' ')}）。请尽快腾出磁盘空间；信访件的修改会在下次启动时自动补记。`
        : null,
      backups: await listBackups(),
      lastAutomatic: snaps[0] ? { at: snaps[0].createdAt, files: snaps[0].files.length } : null,
      automaticKept: snaps.length,
      recovery: recovery ? recoveryView(recovery, earlier.find((r) => r.at === recovery.at)?.savedAs ?? null) : null,
      earlierRecoveries: earlier.filter((r) => r.at !== recovery?.at),
      pendingRestore: pending ? { archive: pending.archive, createdAt: pending.createdAt, files: pending.files } : null,
      restoredAtStart: deps.restoredAtStart
        ? {
            archive: deps.restoredAtStart.archive,
            files: deps.restoredAtStart.files,
            previousKeptIn: deps.restoredAtStart.previousKeptIn,
          }
        : null,
    };
  }

  async function outDirOf(outDir: string | undefined): Promise<string> {
    if (!outDir) return fullDir;
    if (!isAbsolute(outDir))
      throw new AppError('backup.folder_invalid', `“${outDir}”不是完整的文件夹路径，没有备份。请选择一个文件夹。`);
    const s = await stat(outDir).catch(() => null);
    if (!s?.isDirectory())
      throw new AppError('backup.folder_invalid', `找不到文件夹“${outDir}”，没有备份。请检查 U 盘或网络盘是否已连接。`);
    return outDir;
  }

  return {
    status,

    /** A zip of the whole folder, written while the app runs (`live`), then audited as a disclosure of everything. */
    create: (outDir?: string) =>
      exclusive(async () => {
        const dir = await outDirOf(outDir);
        const outFile = join(dir, `信访文书台备份-${stamp(now())}.zip`);
        const r = await createBackupArchive({
          dataDir,
          outFile,
          now,
          live: true,
          appVersion: deps.appVersion,
          onProgress: progress('backup'),
        });
        const s = await stat(r.path);
        await audit
          .record({
            action: 'backup.create',
            entity: { type: 'backup', id: basename(r.path) },
            detail: { path: r.path, files: r.files, personalData: '整个数据文件夹' },
          })
          .catch((e: unknown) => logger.error('audit log write failed', { error: String(e) }));
        return { path: r.path, name: basename(r.path), bytes: s.size, createdAt: r.createdAt, files: r.files };
      }),

    /**
     * Copies the chosen backup into the data folder and verifies every file of it now (paths, sizes, SHA-256);
     * only a backup that verifies is marked to be swapped in at the next start.
     */
    prepareRestore: (path: string) =>
      exclusive(async () => {
        const s = await stat(path).catch(() => null);
        if (!s?.isFile())
          throw new AppError('backup.not_found', `找不到备份文件“${path}”，没有恢复。请检查路径是否正确。`);
        // Prepared in a folder of its own: a restore chosen earlier stays pending until this one has verified.
        const prep = join(dataDir, 'backups', `.restore-preparing-${randomBytes(4).toString('hex')}`);
        const copy = join(prep, PENDING_ZIP);
        const check = join(prep, `.verify-${randomBytes(4).toString('hex')}`);
        try {
          await mkdir(prep, { recursive: true });
          await copyFile(path, copy);
          const manifest = await unpackBackupArchive(copy, check, progress('verify'));
          const marker: PendingMarker = {
            archive: path,
            createdAt: manifest.createdAt,
            files: manifest.files.length,
            preparedAt: now().toISOString(),
          };
          await rm(check, { recursive: true, force: true });
          await writeFileAtomic(join(prep, PENDING_MARKER), JSON.stringify(marker));
          await rm(pendingDir, { recursive: true, force: true });
          await rename(prep, pendingDir);
          await audit
            .record({ action: 'backup.restore', entity: { type: 'backup', id: basename(path) }, detail: { ...marker } })
            .catch((e: unknown) => logger.error('audit log write failed', { error: String(e) }));
          return {
            archive: path,
            files: manifest.files.length,
            bytes: manifest.files.reduce((n, f) => n + f.size, 0),
            createdAt: manifest.createdAt,
            restartNeeded: true as const,
          };
        } catch (e) {
          // The copy is removed so a failed attempt never fills the disk; an earlier pending restore is untouched.
          await rm(prep, { recursive: true, force: true }).catch(() => undefined);
          if (e instanceof AppError) throw e;
          const f = fsFailure(e);
          throw new AppError('backup.restore_failed', `无法准备恢复（${f.why}），数据文件夹未被改动。${f.todo}。`, {
            cause: e,
          });
        }
      }),

    trail: async (type: 'document' | 'case', id: string): Promise<AuditEntryView[]> =>
      (await audit.forEntity(type, id)).map(view),

    verify: () => audit.verify(),
  };
}
export type MaintenanceUsecases = ReturnType<typeof createMaintenanceUsecases>;

export function createMaintenanceApi(m: MaintenanceUsecases): ApiPart<(typeof MAINTENANCE_REQUEST_NAMES)[number]> {
  return {
    'backup.status': async () => m.status(),
    'backup.create': async ({ outDir }) => m.create(outDir),
    'backup.restore': async ({ path }) => m.prepareRestore(path),
    'audit.trail': async ({ type, id }) => m.trail(type, id),
    'audit.verify': async () => m.verify(),
  };
}
