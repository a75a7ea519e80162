import { parseArgs } from 'node:util';
import { createAuditLog } from '../../core/services/audit/audit-log';
import type { CliCommand } from './index';

/** `audit [--type T] [--id ID] [--verify]`: the audit trail of one record (or all), or a check of its hash chain. */
export const auditCommand: CliCommand = {
  help: [
    'audit [--id 编号] [--type document|case…] [--verify]  查看修改记录（谁、何时、改了什么），或校验审计日志是否被改动',
  ],
  async run(args, ctx) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        data: { type: 'string' },
        id: { type: 'string' },
        type: { type: 'string', default: 'document' },
        verify: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        verbose: { type: 'boolean' },
      },
    });
    // Reading needs no lock: the log is append-only and every entry is a whole line.
    const log = createAuditLog({ dataDir: ctx.dataDir(values.data) });
    if (values.verify) {
      const r = await log.verify();
      ctx.stdout.write(
        values.json ? JSON.stringify(r) + '\n' : r.ok ? `审计日志完好，共 ${r.entries} 条。\n` : `✗ ${r.problem}\n`,
      );
      return r.ok ? 0 : 1;
    }
    const entries = values.id ? await log.forEntity(values.type, values.id) : await log.all();
    for (const e of entries) {
      ctx.stdout.write(
        values.json
          ? JSON.stringify(e) + '\n'
          : `${e.at} ${e.actor} ${e.action} ${e.entity.type}:${e.entity.id}${e.detail ? ' ' + JSON.stringify(e.detail) : ''}\n`,
      );
    }
    return 0;
  },
};
