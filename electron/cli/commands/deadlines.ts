import { parseArgs } from 'node:util';
import type { CaseDeadlineView, DocumentTaskView } from '../../../shared/api/cases.contract';
import type { DocumentTaskState } from '../../../shared/api/contract';
import { AppError, toErrorPayload } from '../../../shared/errors/app-error';
import { dispatch } from '../../core/dispatch';
import type { XinfangApp } from '../../core/create-app';
import { isArgError } from './cases';
import type { CliCommand } from './index';

const STATUS_LABELS: Readonly<Record<DocumentTaskView['status'], string>> = {
  overdue: '已逾期',
  due_soon: '即将到期',
  running: '办理中',
  done: '已完成',
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
    t.done
      ? `${t.done.by} 于 ${t.done.at.slice(0, 10)} 标记完成${t.done.note ? `（${t.done.note}）` : ''}`
      : t.daysLeft < 0
        ? `逾期 ${-t.daysLeft} 日`
        : `剩 ${t.daysLeft} 日（${t.workdaysLeft} 个工作日）`,
    `文件任务 ${t.docNumber ?? t.title ?? t.documentId}`,
    t.task ?? '按文件要求办理',
    t.reportTo ? `报 ${t.reportTo}` : '',
    `（${t.dueText}）`,
    `${t.documentId} --key ${t.key}`,
  ]
    .filter(Boolean)
    .join('  ');

/** The task a `done` / `reopen` line names: by --key, by --task N (1-based, as the document lists them), or the only one. */
async function taskKeyOf(app: XinfangApp, id: string, key?: string, position?: string): Promise<string> {
  if (key) return key;
  const tasks: readonly DocumentTaskState[] = (await app.documents.get(id)).tasks ?? [];
  if (position !== undefined) {
    const n = Number(position);
    const found = Number.isInteger(n) && n >= 1 ? tasks[n - 1] : undefined;
    if (!found) {
      throw new AppError(
        'document.task_not_found',
        `文件 ${id} 没有第 ${position} 项任务（共 ${tasks.length} 项）。请用 deadlines 查看任务及其 --key。`,
      );
    }
    return found.key;
  }
  if (tasks.length === 1) return tasks[0]!.key;
  throw new AppError(
    'validation.invalid_input',
    tasks.length === 0
      ? `文件 ${id} 没有要求报送的任务。`
      : `文件 ${id} 有 ${tasks.length} 项任务，请用 --task 序号或 --key 指明是哪一项（deadlines 列出每项的 --key）。`,
  );
}

/**
 * `deadlines [--json] [--all] [--done]`: every running clock of every case and the open tasks of filed notices,
 * soonest first, with their status today. `deadlines done|reopen DOCUMENT_ID [--task N|--key KEY]` marks a notice's
 * task 已完成 or undoes that (audited; `--by` names who, `--note` why).
 */
export const deadlinesCommand: CliCommand = {
  help: [
    'deadlines [--all] [--done]    列出全部信访件的期限（已逾期、3 个工作日内到期、办理中）和已归档公文中要求报送的任务期限；--all 含信访人申请复查、复核的期限，--done 另列近 30 日标记完成的任务',
    'deadlines done|reopen 文件号 [--task 序号|--key 任务键] [--by 经办人] [--note 备注]    把公文任务标记完成或撤销完成',
  ],
  async run(args, ctx) {
    const json = args.includes('--json');
    try {
      const { values: v, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: {
          data: { type: 'string' },
          json: { type: 'boolean', default: false },
          all: { type: 'boolean', default: false },
          done: { type: 'boolean', default: false },
          task: { type: 'string' },
          key: { type: 'string' },
          by: { type: 'string', default: '命令行' },
          note: { type: 'string' },
          verbose: { type: 'boolean', default: false },
        },
      });
      const [action, id, ...rest] = positionals;
      if (action !== undefined && action !== 'done' && action !== 'reopen') {
        throw new AppError(
          'validation.invalid_input',
          `参数有误：不认识「${action}」。可用 deadlines done 或 deadlines reopen。`,
        );
      }
      if (action && (!id || rest.length)) {
        throw new AppError(
          'validation.invalid_input',
          `参数有误：deadlines ${action} 后面要写一个文件号（如 d0000001）。`,
        );
      }
      const app = await ctx.openApp(ctx.dataDir(v.data));
      try {
        if (action && id) {
          const key = await taskKeyOf(app, id, v.key, v.task);
          const name = action === 'done' ? 'documents.completeTask' : 'documents.reopenTask';
          const r = await dispatch(app.api, name, {
            id,
            key,
            by: v.by,
            ...(v.note === undefined ? {} : { note: v.note }),
          });
          if (!r.ok) throw new AppError(r.error.code, r.error.message);
          const state = (r.value as readonly DocumentTaskState[]).find((t) => t.key === key);
          if (v.json) ctx.stdout.write(JSON.stringify({ documentId: id, key, done: state?.done ?? null }) + '\n');
          else
            ctx.stdout.write(
              action === 'done' ? `已标记完成：${id} ${key}\n` : `已撤销完成，任务重新计算期限：${id} ${key}\n`,
            );
          return 0;
        }
        const { today, items, tasks, doneTasks } = app.cases.due({ includeWaiting: v.all });
        const shownTasks = v.done ? [...tasks, ...doneTasks] : tasks;
        if (v.json) {
          for (const d of items) ctx.stdout.write(JSON.stringify({ today, kind: 'case', ...d }) + '\n');
          // Tasks of filed notices: same status rule, told apart by kind and documentId; done ones only with --done.
          for (const t of shownTasks) ctx.stdout.write(JSON.stringify({ today, kind: 'task', ...t }) + '\n');
        } else {
          const lines = [...items.map(line), ...shownTasks.map(taskLine)];
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
