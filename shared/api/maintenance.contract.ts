import { z } from 'zod';
import type { RequestSpec } from './common';
import { recordId as id } from './common';
import type { MAINTENANCE_REQUEST_NAMES } from './maintenance.names';

/** One zip backup of the whole data folder. */
export interface BackupInfo {
  /** Absolute path, for the shell to show the file. */
  readonly path: string;
  readonly name: string;
  readonly bytes: number;
  /** When it was written (the file's time). */
  readonly createdAt: string;
}

/** What start-up recovery did with one damaged record file. */
export interface RecoveredFileView {
  readonly path: string;
  readonly action: 'restored_from_backup' | 'salvaged' | 'unrecoverable';
  readonly backupAt: string | null;
  readonly damagedCopy: string | null;
  readonly salvagedRecords: readonly string[];
  readonly lostRecords: readonly { readonly id: string; readonly name: string | null }[];
}

export interface RecoveryReportView {
  readonly at: string;
  readonly recovered: boolean;
  readonly message: string;
  readonly files: readonly RecoveredFileView[];
  /** Saved under backups/recovery/ (relative to the data folder); null for reports of earlier starts not found. */
  readonly savedAs: string | null;
}

export interface BackupStatus {
  /** Zip backups in backups/full/, newest first. */
  readonly backups: readonly BackupInfo[];
  /** Newest automatic backup of the record files (taken at start-up, every 10 minutes when changed, at close). */
  readonly lastAutomatic: { readonly at: string; readonly files: number } | null;
  readonly automaticKept: number;
  /** This start's recovery, if a record file was damaged. */
  readonly recovery: RecoveryReportView | null;
  /** Reports of earlier starts (backups/recovery/), newest first, at most 10. */
  readonly earlierRecoveries: readonly RecoveryReportView[];
  /** A verified backup waiting to be swapped in at the next start. */
  readonly pendingRestore: { readonly archive: string; readonly createdAt: string; readonly files: number } | null;
  /**
   * Changes saved since the start whose audit entry could not be written (a full disk), in Chinese; null when none.
   * Case changes are back-filled (补记) at the next start.
   */
  readonly auditWarning?: string | null;
  /** What the last start swapped in, if it applied a pending restore. */
  readonly restoredAtStart: {
    readonly archive: string;
    readonly files: number;
    readonly previousKeptIn: string;
  } | null;
}

/** Progress of a backup being written or a backup being checked before a restore. */
export interface BackupProgress {
  readonly stage: 'backup' | 'verify';
  readonly done: number;
  readonly total: number;
}

export interface RestorePrepared {
  readonly archive: string;
  readonly files: number;
  readonly bytes: number;
  /** When the backup was taken. */
  readonly createdAt: string;
  /** The swap happens at the next start, while nothing else has the folder open. */
  readonly restartNeeded: true;
}

/** One audit entry as the UI shows it. */
export interface AuditEntryView {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  /** Chinese name of the action (导入, 归档, 更正, 登记, 办理步骤 …). */
  readonly label: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly detail?: Readonly<Record<string, unknown>>;
}

const absolutePath = z
  .string()
  .trim()
  .min(1, '请选择备份文件')
  .max(1000)
  .refine((p) => !p.includes('\u0000'), '路径中有无效字符');

/** Requests of the maintenance part: one entry per name in `MAINTENANCE_REQUEST_NAMES`. */
export const MAINTENANCE_REQUESTS = {
  'backup.status': { input: z.object({}).strict(), output: {} as BackupStatus },
  'backup.create': {
    input: z.object({ outDir: absolutePath.optional() }).strict(),
    output: {} as BackupInfo & { readonly files: number },
  },
  'backup.restore': { input: z.object({ path: absolutePath }).strict(), output: {} as RestorePrepared },
  'audit.trail': {
    input: z.object({ type: z.enum(['document', 'case']), id }).strict(),
    output: {} as readonly AuditEntryView[],
  },
  'audit.verify': {
    input: z.object({}).strict(),
    output: {} as { readonly ok: boolean; readonly entries: number; readonly problem: string | null },
  },
} as const satisfies Record<(typeof MAINTENANCE_REQUEST_NAMES)[number], RequestSpec>;
