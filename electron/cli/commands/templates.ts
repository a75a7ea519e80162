import { parseArgs } from 'node:util';
import { toErrorPayload } from '../../../shared/errors/app-error';
import type { CliCommand } from './index';

/** `templates [--json]`: every 文书 template with the fields it uses and those a person must fill in. */
export const templatesCommand: CliCommand = {
  help: ['templates [--json]     列出文书模板：编号、名称、用到的字段和必填字段'],
  async run(args, ctx) {
    const { values } = parseArgs({
      args: [...args],
      options: { data: { type: 'string' }, json: { type: 'boolean', default: false }, verbose: { type: 'boolean' } },
    });
    try {
      const app = await ctx.openApp(ctx.dataDir(values.data));
      try {
        const list = await app.paperwork.listTemplates();
        if (values.json) {
          const rows = list.map(({ id, name, fields, requiredFields, version, docType, layout }) => ({
            id,
            name,
            fields,
            requiredFields,
            version,
            docType,
            layout,
          }));
          ctx.stdout.write(JSON.stringify(rows) + '\n');
        } else {
          for (const t of list) {
            ctx.stdout.write(
              `${t.id}\t${t.name}（第 ${t.version} 版）\n  必填：${t.requiredFields.join('、') || '无'}\n`,
            );
          }
        }
      } finally {
        await app.close();
      }
      return 0;
    } catch (e) {
      const error = toErrorPayload(e);
      if (values.json) ctx.stdout.write(JSON.stringify({ ok: false, error }) + '\n');
      else ctx.stderr.write(`✗ ${error.message}\n`);
      return 1;
    }
  },
};
