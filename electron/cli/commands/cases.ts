import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { CaseDetail, CaseSummary, RegisterInput, StepInput } from '../../../shared/api/cases.contract';
import { registerInputSchema, stepInputSchema } from '../../../shared/api/cases.contract';
import { CATEGORY_LABELS } from '../../../shared/cases/case-record';
import { AppError, toErrorPayload } from '../../../shared/errors/app-error';
import { timelineStatusLabel } from '../../../shared/paperwork/issued-timeline';
import type { XinfangApp } from '../../core/create-app';
import type { CliCommand, CliContext } from './index';

const CATEGORY_WORDS: Readonly<Record<string, RegisterInput['category']>> = {
  建议意见: 'suggestion',
  检举控告: 'accusation',
  申诉求决: 'claim',
};
const FORM_WORDS: Readonly<Record<string, RegisterInput['fields']['form']>> = {
  来信: 'letter',
  走访: 'visit',
  网上: 'online',
  电话: 'phone',
  传真: 'fax',
};

const common = {
  data: { type: 'string' },
  json: { type: 'boolean', default: false },
  by: { type: 'string', default: '命令行' },
  verbose: { type: 'boolean', default: false },
} as const;

/** zod messages joined into one Chinese sentence for the terminal. */
function parsed<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => `${i.path.join('.') || '输入'}：${i.message}`).join('；');
  throw new AppError('validation.invalid_input', `参数有误：${issues}。请用 --help 查看用法。`);
}

/** node:util parseArgs rejects unknown or malformed options with these codes. */
export const isArgError = (e: unknown): e is Error =>
  e instanceof Error && String((e as NodeJS.ErrnoException).code ?? '').startsWith('ERR_PARSE_ARGS');

/** Finds a case by its id or its 登记编号. */
function resolveCase(app: XinfangApp, ref: string): string {
  const byNumber = app.cases.list().find((c) => c.number === ref || c.id === ref);
  if (!byNumber)
    throw new AppError(
      'case.not_found',
      `找不到编号或记录号为「${ref}」的信访件。请用 cases list 查看已登记的信访件。`,
    );
  return byNumber.id;
}

const summaryLine = (c: CaseSummary): string =>
  [
    c.number,
    c.registeredOn,
    c.petitioner,
    CATEGORY_LABELS[c.category],
    c.stageLabel,
    c.repeat === 'repeat' ? '重复信访' : '初信初访',
    c.nextDeadline ? `${c.nextDeadline.action}：${c.nextDeadline.due}` : '',
  ]
    .filter(Boolean)
    .join('  ');

function detailText(d: CaseDetail): string {
  const lines = [
    `${d.number}（${d.id}）  ${d.stageLabel}  ${d.repeat.kind === 'repeat' ? '重复信访' : '初信初访'}`,
    `收到 ${d.receivedOn}  登记 ${d.registeredOn}  ${CATEGORY_LABELS[d.category]}`,
    ...d.fields.petitioners.map((p) => `信访人：${p.name}  ${p.idNumber}  ${p.phone}  ${p.address}`),
    `诉求：${d.fields.request}`,
    '办理记录：',
    ...d.timeline.map(
      (t) =>
        `  ${t.id}  ${t.on}  ${t.label}${t.details ? `（${t.details}）` : ''}  ${t.by}${timelineStatusLabel(t) ? `  〔${timelineStatusLabel(t)}〕` : ''}`,
    ),
    '期限：',
    ...(d.deadlines.length
      ? d.deadlines.map((x) => `  ${x.due}${x.rolledOver ? `（${x.strictDue} 顺延）` : ''}  ${x.action}  ${x.article}`)
      : ['  （无）']),
    `下一步可以：${d.allowedSteps.map((s) => `${s.type}（${s.label}）`).join('、') || '（无）'}`,
  ];
  return lines.join('\n');
}

async function withApp(
  ctx: CliContext,
  data: string | undefined,
  job: (app: XinfangApp) => Promise<void>,
): Promise<void> {
  const app = await ctx.openApp(ctx.dataDir(data));
  try {
    await job(app);
  } finally {
    await app.close();
  }
}

const HELP = [
  'cases add --received YYYY-MM-DD --name 姓名 --address 住址 --request 诉求 --summary 事实和理由 --category 申诉求决',
  '          [--id 身份证号] [--phone 电话] [--form 来信] [--headcount N] [--region 属地] [--topic 分类]',
  '          [--registered YYYY-MM-DD] [--source direct] [--number 编号] [--document 档案文件号] [--by 经办人]',
  '                   登记信访件（--from-document 档案文件号：用扫描的来信预填）',
  'cases list [--query 关键词]   列出信访件（身份证号、电话不显示）',
  'cases show 编号               显示一件信访件的全部信息、办理记录和期限',
  'cases step 编号 --type 步骤 --on YYYY-MM-DD [--to 机关] [--reason 理由] [--days N] [--approved-by 批准人]',
  '          [--outcome support|explain|not_supported] [--report-due YYYY-MM-DD] [--route litigation…] [--by 经办人]',
  '          [--confirm-incomplete]',
  '                   记录一个办理步骤（步骤名见 cases show 的“下一步可以”）；办结前核对未完成时须加 --confirm-incomplete',
  'cases stats [--year 年度 | --from D --to D] [--xlsx 文件]   统计（默认本统计年度），可导出 Excel',
];

export const casesCommand: CliCommand = {
  help: HELP,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    const fail = (e: unknown, json: boolean): number => {
      const error = isArgError(e)
        ? { code: 'validation.invalid_input' as const, message: `参数有误：${e.message}。请运行 cases 查看用法。` }
        : toErrorPayload(e);
      if (json) ctx.stdout.write(JSON.stringify({ error }) + '\n');
      else ctx.stderr.write(`✗ ${error.message}\n`);
      return 1;
    };
    const json = rest.includes('--json');
    try {
      switch (sub) {
        case 'add': {
          const { values: v } = parseArgs({
            args: rest,
            options: {
              ...common,
              received: { type: 'string' },
              registered: { type: 'string' },
              name: { type: 'string', multiple: true },
              id: { type: 'string', multiple: true },
              phone: { type: 'string', multiple: true },
              address: { type: 'string', multiple: true },
              request: { type: 'string' },
              summary: { type: 'string' },
              category: { type: 'string' },
              form: { type: 'string', default: '来信' },
              headcount: { type: 'string' },
              region: { type: 'string', default: '' },
              topic: { type: 'string', default: '' },
              source: { type: 'string', default: 'direct' },
              number: { type: 'string' },
              document: { type: 'string', multiple: true },
              'from-document': { type: 'string' },
            },
          });
          await withApp(ctx, v.data, async (app) => {
            const pre = v['from-document'] ? await app.cases.prefillFromDocument(v['from-document']) : null;
            const names = v.name ?? pre?.fields.petitioners.map((p) => p.name) ?? [];
            const petitioners = names.map((name, i) => ({
              name,
              idNumber: v.id?.[i] ?? pre?.fields.petitioners[i]?.idNumber ?? '',
              phone: v.phone?.[i] ?? pre?.fields.petitioners[i]?.phone ?? '',
              address: v.address?.[i] ?? v.address?.[0] ?? pre?.fields.petitioners[i]?.address ?? '',
            }));
            const category = v.category ? (CATEGORY_WORDS[v.category] ?? v.category) : pre?.category;
            const input = parsed<RegisterInput>(registerInputSchema, {
              fields: {
                form: FORM_WORDS[v.form] ?? v.form,
                petitioners,
                headcount: v.headcount ? Number(v.headcount) : Math.max(petitioners.length, pre?.fields.headcount ?? 1),
                region: v.region || pre?.fields.region || '',
                topic: v.topic,
                claimRoute: null,
                summary: v.summary ?? pre?.fields.summary ?? '',
                request: v.request ?? pre?.fields.request ?? '',
                documentIds: [...(pre ? [pre.documentId] : []), ...(v.document ?? [])],
              },
              receivedOn: v.received,
              registeredOn: v.registered,
              by: v.by,
              source: v.source,
              category,
              number: v.number,
            });
            const d = await app.cases.register(input);
            ctx.stdout.write(
              (v.json
                ? JSON.stringify({
                    id: d.id,
                    number: d.number,
                    stage: d.stage,
                    repeat: d.repeat.kind,
                    deadlines: d.deadlines,
                  })
                : `已登记 ${d.number}（${d.repeat.kind === 'repeat' ? '重复信访' : '初信初访'}）\n${detailText(d)}`) +
                '\n',
            );
          });
          return 0;
        }
        case 'list': {
          const { values: v } = parseArgs({ args: rest, options: { ...common, query: { type: 'string' } } });
          await withApp(ctx, v.data, async (app) => {
            const list = app.cases.list({ query: v.query });
            if (v.json) for (const c of list) ctx.stdout.write(JSON.stringify(c) + '\n');
            else ctx.stdout.write(list.length ? list.map(summaryLine).join('\n') + '\n' : '还没有登记信访件。\n');
          });
          return 0;
        }
        case 'show': {
          const { values: v, positionals } = parseArgs({ args: rest, allowPositionals: true, options: common });
          if (!positionals[0])
            throw new AppError('validation.invalid_input', 'cases show 需要信访件编号，例如 cases show XF-2025-0001。');
          await withApp(ctx, v.data, async (app) => {
            const d = app.cases.get(resolveCase(app, positionals[0]!));
            ctx.stdout.write((v.json ? JSON.stringify(d) : detailText(d)) + '\n');
          });
          return 0;
        }
        case 'step': {
          const { values: v, positionals } = parseArgs({
            args: rest,
            allowPositionals: true,
            options: {
              ...common,
              type: { type: 'string' },
              on: { type: 'string' },
              to: { type: 'string' },
              reason: { type: 'string' },
              days: { type: 'string' },
              'approved-by': { type: 'string' },
              outcome: { type: 'string' },
              'report-due': { type: 'string' },
              route: { type: 'string' },
              note: { type: 'string' },
              'confirm-incomplete': { type: 'boolean', default: false },
            },
          });
          if (!positionals[0])
            throw new AppError(
              'validation.invalid_input',
              'cases step 需要信访件编号，例如 cases step XF-2025-0001 --type accept --on 2025-08-05。',
            );
          await withApp(ctx, v.data, async (app) => {
            const id = resolveCase(app, positionals[0]!);
            const step = parsed<StepInput>(stepInputSchema, {
              type: v.type,
              on: v.on ?? app.cases.today(),
              by: v.by,
              note: v.note,
              to: v.to,
              reason: v.reason,
              days: v.days === undefined ? undefined : Number(v.days),
              approvedBy: v['approved-by'],
              outcome: v.outcome,
              reportDueOn: v['report-due'],
              route: v.route,
              ...(v['confirm-incomplete'] ? { confirmIncomplete: true } : {}),
            });
            const d = await app.cases.step(id, step);
            ctx.stdout.write(
              (v.json
                ? JSON.stringify({
                    id: d.id,
                    number: d.number,
                    stage: d.stage,
                    timeline: d.timeline,
                    deadlines: d.deadlines,
                  })
                : `已记录：${d.timeline.at(-1)?.label ?? ''}\n${detailText(d)}`) + '\n',
            );
          });
          return 0;
        }
        case 'stats': {
          const { values: v } = parseArgs({
            args: rest,
            options: {
              ...common,
              year: { type: 'string' },
              from: { type: 'string' },
              to: { type: 'string' },
              xlsx: { type: 'string' },
            },
          });
          await withApp(ctx, v.data, async (app) => {
            const period = { year: v.year ? Number(v.year) : undefined, from: v.from, to: v.to };
            const s = app.cases.statistics(period);
            if (v.xlsx) await writeFile(v.xlsx, (await app.cases.exportStatistics(period)).bytes);
            const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
            ctx.stdout.write(
              (v.json
                ? JSON.stringify({ ...s, xlsx: v.xlsx ?? null })
                : [
                    `统计期间 ${s.from} 至 ${s.to}：${s.total.cases} 件次，走访 ${s.total.batches} 批 ${s.total.persons} 人次`,
                    ...s.byForm.map((r) => `  ${r.label} ${r.cases} 件次`),
                    `按期受理告知率 ${pct(s.notifyOnTime.rate)}，按期办结率 ${pct(s.closeOnTime.rate)}，重复信访率 ${pct(s.repeats.rate)}`,
                    ...(v.xlsx ? [`已导出：${v.xlsx}`] : []),
                  ].join('\n')) + '\n',
            );
          });
          return 0;
        }
        default:
          ctx.stderr.write(`用法：\n${HELP.map((l) => `  ${l}`).join('\n')}\n`);
          return 2;
      }
    } catch (e) {
      return fail(e, json);
    }
  },
};
