import { parseArgs } from 'node:util';
import type { CaseDeadlineView, DocumentTaskView } from '../../../shared/api/cases.contract';
import { toErrorPayload } from '../../../shared/errors/app-error';
import { isArgError } from './cases';
import type { CliCommand } from './index';

const STATUS_LABELS: Readonly<Record<CaseDeadlineView['status'], string>> = {
  overdue: '已逾期',
  due_soon: '即将到期',
  running: '办理中',
};

const line = (d: CaseDeadlineView): string =>
  [
    `[${STATUS_LABELS[d.status]}]`,
    d.due + (d.rolledOver ? `（${d.strictDue} 遇休息日顺延）` : ''),
    d.daysLeft < 0 ? `逾期 ${-d.daysLeft} 日` : `剩 ${d.daysLeft} 日（${d.workdaysLeft} 个工作日）`,
    d.caseNumber,
    d.petitioner,
    d.action,
    d.article,
    d.missingCalendarYears.length ? `注意：${d.missingCalendarYears.join('、')} 年节假日安排未导入` : '',
  ]
    .filter(Boolean)
    .join('  ');

const taskLine = (t: DocumentTaskView): string =>
  [
    `[${STATUS_LABELS[t.status]}]`,
    t.due,
    t.daysLeft < 0 ? `逾期 ${-t.daysLeft} 日` : `剩 ${t.daysLeft} 日（${t.workdaysLeft} 个工作日）`,
    `文件任务 ${t.docNumber ?? t.title ?? t.documentId}`,
    t.task ?? '按文件要求办理',
    t.reportTo ? `报 ${t.reportTo}` : '',
    `（${t.dueText}）`,
  ]
    .filter(Boolean)
    .join('  ');

/** `deadlines [--json] [--all]`: every running clock of every case, soonest first, with its status today. */
export const deadlinesCommand: CliCommand = {
  help: [
    'deadlines [--all]    列出全部信访件的期限（已逾期、3 个工作日内到期、办理中）和已归档公文中要求报送的任务期限；--all 含信访人申请复查、复核的期限',
  ],
  async run(args, ctx) {
    const json = args.includes('--json');
    try {
      const { values: v } = parseArgs({
        args,
        options: {
          data: { type: 'string' },
          json: { type: 'boolean', default: false },
          all: { type: 'boolean', default: false },
          verbose: { type: 'boolean', default: false },
        },
      });
      const app = await ctx.openApp(ctx.dataDir(v.data));
      try {
        const { today, items, tasks } = app.cases.due({ includeWaiting: v.all });
        if (v.json) {
          for (const d of items) ctx.stdout.write(JSON.stringify({ today, kind: 'case', ...d }) + '\n');
          // Tasks of filed notices: same status rule, told apart by kind and documentId.
          for (const t of tasks) ctx.stdout.write(JSON.stringify({ today, kind: 'task', ...t }) + '\n');
        } else {
          const lines = [...items.map(line), ...tasks.map(taskLine)];
          ctx.stdout.write(
            lines.length ? `今天 ${today}\n${lines.join('\n')}\n` : `今天 ${today}，没有正在计算的期限。\n`,
          );
        }
      } finally {
        await app.close();
      }
      return 0;
    } catch (e) {
      const error = isArgError(e)
        ? { code: 'validation.invalid_input' as const, message: `参数有误：${e.message}。` }
        : toErrorPayload(e);
      if (json) ctx.stdout.write(JSON.stringify({ error }) + '\n');
      else ctx.stderr.write(`✗ ${error.message}\n`);
      return 1;
    }
  },
};
