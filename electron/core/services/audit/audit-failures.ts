import type { AuditLog } from './audit-log';
import { fsFailure } from '../backup/backup-files';

export interface AuditFailures {
  readonly count: number;
  readonly lastAt: string;
  /** Why, in Chinese (磁盘空间已满 …). */
  readonly why: string;
}

export type WatchedAuditLog = AuditLog & {
  /** Appends that failed since the app started (the change itself was saved), or null when none did. */
  failures(): AuditFailures | null;
};

/**
 * Counts failed appends. Every caller keeps the saved change and only logs the failure, so without this the office
 * would never learn that its trail has a gap; the 备份与恢复 card shows it.
 */
export function watchAuditFailures(audit: AuditLog, now: () => Date = () => new Date()): WatchedAuditLog {
  let failures: AuditFailures | null = null;
  return {
    ...audit,
    record: (input) =>
      audit.record(input).catch((e: unknown) => {
        failures = { count: (failures?.count ?? 0) + 1, lastAt: now().toISOString(), why: fsFailure(e).why };
        throw e;
      }),
    failures: () => failures,
  };
}
