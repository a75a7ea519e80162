import { parseArgs } from 'node:util';
import { toErrorPayload } from '../../../shared/errors/app-error';
import { checkDataFolder } from '../../core/usecases/integrity.usecases';
import type { CliCommand } from './index';

/** `check [--data DIR] [--json]`: verifies every original against its hash and every record against its files. */
export const checkCommand: CliCommand = {
  help: ['check [--json]     核对数据文件夹：每个原件的 SHA-256、每条记录的原件和识别文字、记录文件是否损坏'],
  async run(args, ctx) {
    const { values } = parseArgs({
      args: [...args],
      options: { data: { type: 'string' }, json: { type: 'boolean', default: false }, verbose: { type: 'boolean' } },
    });
    const dataDir = ctx.dataDir(values.data);
    try {
      // Read-only: a damaged folder is reported as it is, not repaired (the app repairs it at start-up).
      const report = await checkDataFolder({ dataDir });
      if (values.json) ctx.stdout.write(JSON.stringify(report) + '\n');
      else {
        const errors = report.problems.filter((p) => p.severity === 'error').length;
        ctx.stdout.write(
          `核对 ${report.records} 条文件记录、${report.files} 个原件、${report.recordFiles} 个记录文件：${
            report.ok ? '没有发现损坏' : `发现 ${errors} 处问题`
          }${report.problems.length - errors ? `，${report.problems.length - errors} 条提示` : ''}。\n`,
        );
        for (const p of report.problems) ctx.stdout.write(`${p.severity === 'error' ? '✗' : '·'} ${p.message}\n`);
      }
      return report.ok ? 0 : 1;
    } catch (e) {
      const error = toErrorPayload(e);
      if (values.json) ctx.stdout.write(JSON.stringify({ ok: false, error }) + '\n');
      else ctx.stderr.write(`✗ ${error.message}\n`);
      return 1;
    }
  },
};
