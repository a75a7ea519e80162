import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ExportedFile } from '../../../shared/api/archive.contract';
import { parseCaseLinkStatus } from '../../../shared/archive/case-links';
import { toErrorPayload } from '../../../shared/errors/app-error';
import { writeFileAtomic } from '../../core/store/atomic-file';
import type { CliCommand } from './index';

/**
 * `export catalogue|register|search|year`: the DA/T 22 归档文件目录, the 收文登记簿, search results, and a year's
 * archive as a folder (originals + manifest) for hand-over to the archive room.
 */
export const exportCommand: CliCommand = {
  help: [
    'export catalogue --year 年度 [--out 文件.xlsx]       导出归档文件目录（须先编档号）',
    'export register --from 日期 --to 日期 [--out 文件]  导出收文登记簿 .xlsx',
    'export search 检索词 [--format xlsx|csv] [--out 文件] [--body 机关] [--year 年度] [--has-deadline|--without-deadline] [--case-status 已关联|办理中|即将到期|已逾期|已办结|未关联]  导出检索结果',
    'export year --year 年度 --out 文件夹 [--fonds 全宗号 [--org 机构代码]]  导出年度移交文件夹（按档号存放原件 + 归档文件目录 + manifest.json/移交清单.txt，逐一校验）；文件夹非空时在其中新建子文件夹；给出全宗号时先为未编号的件编档号',
  ],
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        year: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string', default: 'xlsx' },
        body: { type: 'string' },
        'has-deadline': { type: 'boolean' },
        'without-deadline': { type: 'boolean' },
        'case-status': { type: 'string' },
        fonds: { type: 'string' },
        org: { type: 'string' },
        json: { type: 'boolean', default: false },
        verbose: { type: 'boolean' },
      },
    });
    const [what, ...rest] = positionals;
    const fail = (message: string) => {
      ctx.stderr.write(`✗ ${message}\n`);
      return 2;
    };
    const year = values.year === undefined ? undefined : Number(values.year);
    if (year !== undefined && !(Number.isInteger(year) && year >= 1900 && year <= 2100))
      return fail(`年度“${values.year}”不是四位年份。例如 --year 2019`);
    if (what === 'year' && (!values.out || year === undefined))
      return fail('export year 需要 --year 年度 和 --out 一个空文件夹');
    if (what === 'catalogue' && year === undefined) return fail('export catalogue 需要 --year 年度');
    if (what === 'register' && (!values.from || !values.to))
      return fail('export register 需要 --from 和 --to（YYYY-MM-DD）');
    if (what === 'search' && values.format !== 'xlsx' && values.format !== 'csv')
      return fail('--format 只能是 xlsx 或 csv');
    if (values['has-deadline'] && values['without-deadline'])
      return fail('--has-deadline 和 --without-deadline 只能选一个');
    const caseStatus = values['case-status'] === undefined ? undefined : parseCaseLinkStatus(values['case-status']);
    if (caseStatus === null)
      return fail(
        `信访件状态“${values['case-status']}”无法识别。可用：已关联、办理中、即将到期、已逾期、已办结、未关联`,
      );
    if (!['catalogue', 'register', 'search', 'year'].includes(what ?? ''))
      return fail(`用法：\n  ${exportCommand.help.join('\n  ')}`);

    const app = await ctx.openApp(ctx.dataDir(values.data));
    const save = async (file: ExportedFile) => {
      const path = resolve(values.out ?? file.name);
      await writeFileAtomic(path, Buffer.from(file.dataBase64, 'base64'));
      ctx.stdout.write(
        values.json ? JSON.stringify({ path, rows: file.rows }) + '\n' : `已导出 ${file.rows} 行：${path}\n`,
      );
    };
    try {
      if (what === 'catalogue') await save(await app.api['archive.exportCatalogue']({ year: year! }));
      else if (what === 'register')
        await save(await app.api['archive.exportRegister']({ from: values.from!, to: values.to! }));
      else if (what === 'search') {
        await save(
          await app.api['archive.exportSearch']({
            query: rest.join(' '),
            format: values.format as 'xlsx' | 'csv',
            filters: {
              body: values.body,
              yearFrom: year,
              yearTo: year,
              hasDeadline: values['has-deadline'] ? true : values['without-deadline'] ? false : undefined,
              caseStatus,
            },
          }),
        );
      } else {
        // With --fonds, 件 of the year without a 档号 get one first (in 文号 order, suggested 保管期限).
        if (values.fonds) await app.api['archive.assignNumbers']({ year: year!, fonds: values.fonds, org: values.org });
        const tty = (ctx.stderr as NodeJS.WriteStream).isTTY === true && !values.json;
        const off = app.onEvent((e) => {
          if (e.name !== 'archive.progress' || !tty) return;
          const stage = { copy: '复制原件', verify: '校验', zip: '打包' }[e.payload.stage];
          ctx.stderr.write(`\r${stage} ${e.payload.done}/${e.payload.total}   `);
        });
        try {
          const r = await app.api['archive.exportYear']({ year: year!, outDir: resolve(values.out!) });
          if (tty) ctx.stderr.write('\n');
          ctx.stdout.write(
            values.json
              ? JSON.stringify({
                  path: r.path,
                  pieces: r.pieces,
                  documents: r.documents,
                  files: r.files,
                  bytes: r.bytes,
                  verified: r.verified,
                }) + '\n'
              : `已导出 ${year} 年度 ${r.pieces} 件（${r.documents} 份文件，${r.files} 个文件，已逐一校验 SHA-256）到 ${r.path}\n`,
          );
        } finally {
          off();
        }
      }
      return 0;
    } catch (e) {
      const err = toErrorPayload(e);
      ctx.stderr.write(values.json ? JSON.stringify({ error: err }) + '\n' : `✗ ${err.message}\n`);
      return 1;
    } finally {
      await app.close();
    }
  },
};
