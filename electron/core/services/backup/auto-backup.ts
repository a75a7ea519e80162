import type { Logger } from '../../logger';
import type { RecordSnapshots } from './record-snapshots';

/** Every ten minutes while the app runs; only when a record file changed. */
export const AUTO_BACKUP_INTERVAL_MS = 10 * 60 * 1000;

export interface AutoBackup {
  /** Stops the timer and takes a last backup of what changed, so a clean exit always leaves a fresh one. */
  stop(): Promise<void>;
}

/**
 * Runs the rotating automatic backups of the record files: one right after a successful start (the folder just
 * opened, so every record file read), one every `intervalMs` when something changed, and one at close.
 * A failed backup is logged and never stops the app. `intervalMs` 0 turns them off.
 */
export function startAutoBackup(deps: { snapshots: RecordSnapshots; logger: Logger; intervalMs?: number }): AutoBackup {
  const { snapshots, logger, intervalMs = AUTO_BACKUP_INTERVAL_MS } = deps;
  // 0 turns automatic backups off (tools that open a folder briefly, e.g. the crash harness's checker).
  if (intervalMs <= 0) return { stop: async () => undefined };
  const take = (reason: string) =>
    snapshots.snapshot(reason).catch((e: unknown) => {
      logger.warn('automatic backup failed', { reason, error: String(e) });
      return null;
    });
  let last = take('start');
  const timer = setInterval(() => {
    last = take('interval');
  }, intervalMs);
  timer.unref?.();
  return {
    async stop() {
      clearInterval(timer);
      await last;
      await take('close');
    },
  };
}
