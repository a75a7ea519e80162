/**
 * A small write-ahead marker for the audit trail: written (fsync'd) before a change is saved and removed once its
 * audit entry is appended. A kill or a full disk between the two leaves the marker, so the next start knows which
 * record may lack an entry and checks only that one (see `reconcileCaseAudit`), instead of comparing every record
 * with the whole trail.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../store/atomic-file';
import { AUDIT_DIR } from './audit-log';

/** Inside the audit folder; the audit index only reads `audit-YYYY.jsonl` names, so a subfolder is ignored. */
export const INTENT_DIR = 'pending';

export interface AuditIntent {
  /** File name stem; `done` removes it. */
  readonly token: string;
  readonly action: string;
  /** The record, or null when its id is only known after the save (a 登记). */
  readonly entity: { readonly type: string; readonly id: string | null };
  /** When the change began: a 登记 made at or after this time is the one the marker is about. */
  readonly at: string;
}

export interface AuditIntents {
  begin(action: string, entity: AuditIntent['entity']): Promise<AuditIntent>;
  done(intent: AuditIntent): Promise<void>;
  /** Markers left by an earlier run (oldest first); an unreadable one (cut by a kill before its rename) is dropped. */
  pending(): Promise<AuditIntent[]>;
}

export function createAuditIntents(deps: { dataDir: string; now?: () => Date }): AuditIntents {
  const dir = join(deps.dataDir, AUDIT_DIR, INTENT_DIR);
  const now = deps.now ?? (() => new Date());
  const fileOf = (token: string) => join(dir, `${token}.json`);
  return {
    async begin(action, entity) {
      const at = now().toISOString();
      // Sortable by time, unique within one millisecond.
      const token = `${at.replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}`;
      const intent: AuditIntent = { token, action, entity, at };
      await writeFileAtomic(fileOf(token), JSON.stringify(intent));
      return intent;
    },
    async done(intent) {
      await unlink(fileOf(intent.token)).catch(() => undefined);
    },
    async pending() {
      const names = (await readdir(dir).catch(() => [] as string[]))
        .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
        .sort();
      const out: AuditIntent[] = [];
      for (const n of names) {
        try {
          const v = JSON.parse(await readFile(join(dir, n), 'utf8')) as AuditIntent;
          if (typeof v.action === 'string' && typeof v.at === 'string' && v.entity)
            out.push({ ...v, token: n.slice(0, -5) });
          else await unlink(join(dir, n)).catch(() => undefined);
        } catch {
          await unlink(join(dir, n)).catch(() => undefined);
        }
      }
      return out;
    },
  };
}
