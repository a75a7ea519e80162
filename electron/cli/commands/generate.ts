import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AppError, toErrorPayload } from '../../../shared/errors/app-error';
import type { CliCommand } from './index';

const USAGE =
  '用法：generate --template 模板编号 (--case 信访件编号 | --data-json 字段值.json) --out 文件.docx [--allow-outside-font] [--json]';

async function readValues(path: string): Promise<Record<string, string>> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch {
    throw new AppError('file.not_found', `找不到字段值文件“${path}”。请检查路径。`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new AppError(
      'validation.invalid_input',
      `字段值文件“${path}”不是有效的 JSON。内容应是一个对象，例如 {"信访人":"张三"}。`,
    );
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new AppError('validation.invalid_input', `字段值文件“${path}”应是一个 JSON 对象，例如 {"信访人":"张三"}。`);
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number') out[k] = String(v);
    else if (v !== null) {
      throw new AppError('validation.invalid_input', `字段值文件中“${k}”的值应是文字或数字。`);
    }
  }
  return out;
}

/** `generate`: one numbered .docx from a template and a case or a JSON object of field values. */
export const generateCommand: CliCommand = {
  help: [
    'generate --template ID (--case 信访件编号 | --data-json 文件) --out 文件.docx',
    '                   按模板生成 GB/T 9704 格式的 .docx，自动编文号并存入数据文件夹',
  ],
  async run(args, ctx) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        data: { type: 'string' },
        template: { type: 'string' },
        case: { type: 'string' },
        'data-json': { type: 'string' },
        out: { type: 'string' },
        'allow-outside-font': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        verbose: { type: 'boolean' },
      },
    });
    const json = values.json;
    const fail = (e: unknown) => {
      const error = toErrorPayload(e);
      if (json) ctx.stdout.write(JSON.stringify({ ok: false, error }) + '\n');
      else ctx.stderr.write(`✗ ${error.message}\n`);
      return 1;
    };
    if (!values.template || !values.out || (!values.case && !values['data-json'])) {
      ctx.stderr.write(`${USAGE}\n`);
      return 2;
    }
    try {
      const given = values['data-json'] ? await readValues(values['data-json']) : {};
      const started = performance.now();
      const app = await ctx.openApp(ctx.dataDir(values.data));
      try {
        const doc = await app.paperwork.generate({
          templateId: values.template,
          caseId: values.case ?? null,
          values: given,
          outPath: values.out,
          allowOutsideFont: values['allow-outside-font'],
        });
        const ms = Math.round(performance.now() - started);
        if (json) ctx.stdout.write(JSON.stringify({ ok: true, ...doc, out: values.out, ms }) + '\n');
        else ctx.stdout.write(`已生成 ${doc.title}${doc.docNumber ? `（${doc.docNumber}）` : ''}：${values.out}\n`);
      } finally {
        await app.close();
      }
      return 0;
    } catch (e) {
      return fail(e);
    }
  },
};
