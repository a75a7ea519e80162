import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { toErrorPayload } from '../../../shared/errors/app-error';
import { acquireLock } from '../../core/store/lock';
import { createBackupArchive, restoreBackupArchive } from '../../core/services/backup/backup-archive';
import type { CliCommand, CliContext } from './index';

const fail = (ctx: CliContext, json: boolean, e: unknown) => {
  const error = toErrorPayload(e);
  if (json) ctx.stdout.write(JSON.stringify({ ok: false, error }) + '\n');
  else ctx.stderr.write(`✗ ${error.message}\n`);
  return 1;
};

const stamp = (d: Date) =>
  d
    .toISOString()
    .slice(0, 19)
    .replace(/[-:T]/g, '')
    .replace(/^(\d{8})/, '$1-');

/** `backup [--out FILE.zip]`: the whole data folder as one verified zip (manifest with SHA-256 of every file). */
export const backupCommand: CliCommand = {
  help: ['backup [--out 文件.zip]  把整个数据文件夹备份为一个 zip（含清单和每个文件的 SHA-256）'],
  async run(args, ctx) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        data: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        verbose: { type: 'boolean' },
      },
    });
    const dataDir = ctx.dataDir(values.data);
    const outFile = resolve(
      values.out ?? join(dataDir, 'backups', 'full', `xinfangdesk-backup-${stamp(new Date())}.zip`),
    );
    try {
      // Holding the lock means no write happens while the folder is read, so the backup is consistent.
      const lock = await acquireLock(dataDir);
      try {
        const r = await createBackupArchive({ dataDir, outFile });
        if (values.json) ctx.stdout.write(JSON.stringify({ ok: true, ...r }) + '\n');
        else ctx.stdout.write(`已备份 ${r.files} 个文件（${(r.bytes / 1048576).toFixed(1)} MB）到 ${r.path}\n`);
      } finally {
        await lock.release();
      }
      return 0;
    } catch (e) {
      return fail(ctx, values.json, e);
    }
  },
};

/** `restore FILE.zip`: verifies the whole backup, then swaps it in; the previous contents are kept under backups/. */
export const restoreCommand: CliCommand = {
  help: ['restore 备份.zip      校验备份后恢复整个数据文件夹（原有内容移到 backups/before-restore-… 保留）'],
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { data: { type: 'string' }, json: { type: 'boolean', default: false }, verbose: { type: 'boolean' } },
    });
    const archive = positionals[0];
    if (!archive) {
      ctx.stderr.write('restore 需要备份文件路径，例如 npm run cli -- restore --data ./data 备份.zip。\n');
      return 2;
    }
    const dataDir = ctx.dataDir(values.data);
    try {
      const lock = await acquireLock(dataDir);
      try {
        const r = await restoreBackupArchive({ dataDir, archive: resolve(archive) });
        if (values.json) ctx.stdout.write(JSON.stringify({ ok: true, ...r }) + '\n');
        else
          ctx.stdout.write(
            `已从 ${archive} 恢复 ${r.files} 个文件（备份时间 ${r.createdAt}）。原有内容保存在 ${r.previousKeptIn}。\n`,
          );
      } finally {
        await lock.release();
      }
      return 0;
    } catch (e) {
      return fail(ctx, values.json, e);
    }
  },
};
