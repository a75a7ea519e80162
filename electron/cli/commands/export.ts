import { copyFile, mkdir, readdir, constants } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ExportedFile } from '../../../shared/api/archive.contract';
import { parseCaseLinkStatus } from '../../../shared/archive/case-links';
import { AppError, toErrorPayload } from '../../../shared/errors/app-error';
import { writeFileAtomic } from '../../core/store/atomic-file';
import type { CliCommand } from './index';

/** Characters Windows, macOS or Linux refuse in a file name, replaced so a hand-over folder opens everywhere. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const safeName = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120);

/**
 * `export catalogue|register|search|year`: the DA/T 22 归档文件目录, the 收文登记簿, search results, and a year's
 * archive as a folder (originals + manifest) for hand-over to the archive room.
 */
export const exportCommand: CliCommand = {
  help: [
    'export catalogue --year 年度 [--out 文件.xlsx]       导出归档文件目录（须先编档号）',
    'export register --from 日期 --to 日期 [--out 文件]  导出收文登记簿 .xlsx',
    'export search 检索词 [--format xlsx|csv] [--out 文件] [--body 机关] [--year 年度] [--has-deadline|--without-deadline] [--case-status 已关联|办理中|即将到期|已逾期|已办结|未关联]  导出检索结果',
    'export year --year 年度 --out 空文件夹 [--fonds 全宗号 [--org 机构代码]]  导出年度档案（原件 + manifest.json/.csv + 归档文件目录）；给出全宗号时先为未编号的文件编档号',
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
        const out = resolve(values.out!);
        await mkdir(out, { recursive: true });
        if ((await readdir(out)).length > 0) {
          throw new AppError(
            'archive.export_failed',
            `文件夹“${out}”不是空的。为免覆盖已有文件，请指定一个新的或空的文件夹。`,
          );
        }
        // With --fonds, documents of the year without a 档号 get one first (in 文号 order, suggested 保管期限).
        if (values.fonds) await app.api['archive.assignNumbers']({ year: year!, fonds: values.fonds, org: values.org });
        const views = (await app.api['archive.entries']({ year: year! })).filter((v) => v.entry);
        if (views.length === 0) {
          throw new AppError(
            'archive.nothing_to_export',
            `${year} 年还没有编档号的文件。请先在“档案”页为该年度的文件编制档号。`,
          );
        }
        const manifest = [];
        for (const v of views) {
          const rec = app.store.getDocument(v.document.id)!;
          const folder = safeName(v.entry!.archiveNumber);
          await mkdir(join(out, folder));
          const files = [];
          for (const [i, o] of rec.originals.entries()) {
            const name = `${String(i + 1).padStart(2, '0')}-${safeName(o.name)}`;
            // Originals are copied byte for byte and never overwritten; the manifest carries their SHA-256.
            await copyFile(app.store.blobs.pathOf(o.sha256, o.ext), join(out, folder, name), constants.COPYFILE_EXCL);
            files.push({ path: `${folder}/${name}`, sha256: o.sha256, size: o.size });
          }
          const f = rec.fields;
          manifest.push({
            archiveNumber: v.entry!.archiveNumber,
            retention: v.entry!.retention,
            documentId: rec.id,
            docNumber: f.docNumber,
            title: f.title,
            issuingBodies: f.issuingBodies,
            signingDate: f.signingDate,
            classification: f.classification,
            pages: rec.pages,
            files,
          });
        }
        await writeFileAtomic(
          join(out, 'manifest.json'),
          JSON.stringify({ year, exportedAt: new Date().toISOString(), documents: manifest }, null, 2),
        );
        const cell = (s: unknown) => {
          const t = String(s ?? '');
          return /[",\r\n]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
        };
        const csv = [
          ['档号', '保管期限', '文号', '题名', '责任者', '日期', '页数', '文件', 'SHA-256'],
          ...manifest.map((m) => [
            m.archiveNumber,
            m.retention,
            m.docNumber,
            m.title,
            m.issuingBodies.join('、'),
            m.signingDate,
            m.pages,
            m.files.map((x) => x.path).join(';'),
            m.files.map((x) => x.sha256).join(';'),
          ]),
        ];
        await writeFileAtomic(
          join(out, 'manifest.csv'),
          '\ufeff' + csv.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n',
        );
        const cat = await app.api['archive.exportCatalogue']({ year: year! });
        await writeFileAtomic(join(out, cat.name), Buffer.from(cat.dataBase64, 'base64'));
        ctx.stdout.write(
          values.json
            ? JSON.stringify({ path: out, documents: manifest.length }) + '\n'
            : `已导出 ${year} 年度 ${manifest.length} 件到 ${out}\n`,
        );
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
