/** Request names of the maintenance part (issue 8: backups, restore, audit trail); zod-free so the preload can import them. */
export const MAINTENANCE_REQUEST_NAMES = [
  'backup.status',
  'backup.create',
  'backup.restore',
  'audit.trail',
  'audit.verify',
] as const;
