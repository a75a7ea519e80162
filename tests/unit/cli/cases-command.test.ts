import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { casesCommand } from '../../../electron/cli/commands/cases';
import { deadlinesCommand } from '../../../electron/cli/commands/deadlines';
import { cliContext } from './cli-context';
import { tempDir, textFile } from '../../helpers/fakes';

let dir: string;
let cleanup: () => Promise<void>;
let out: string;
let err: string;

const ctx = () => cliContext({ dataDir: () => dir, onOut: (s) => (out += s), onErr: (s) => (err += s) });
const run = async (command: typeof casesCommand, ...args: string[]) => {
  out = '';
  err = '';
  const code = await command.run(args, ctx());
  return { code, out, err, lines: out.trim().split('\n').filter(Boolean) };
};

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => cleanup());

const add = (id = '110101198001011232') =>
  run(
    casesCommand,
    'add',
    '--json',
    '--received',
    '2025-08-04',
    '--name',
    '张三',
    '--registered',
    '2025-08-04',
    '--id',
    id,
    '--phone',
    '13812345678',
    '--address',
    '某县某村',
    '--request',
    '请求补偿',
    '--summary',
    '房屋被拆',
    '--category',
    '申诉求决',
  );

describe('the cases and deadlines commands', () => {
  it('registers, steps, lists without ID numbers, shows and lists deadlines as JSON lines', async () => {
    const added = await add();
    expect(added.code).toBe(0);
    expect(JSON.parse(added.lines[0]!)).toMatchObject({ number: 'XF-2025-0001', stage: 'registered', repeat: 'first' });

    const stepped = await run(
      casesCommand,
      'step',
      'XF-2025-0001',
      '--json',
      '--type',
      'transfer',
      '--on',
      '2025-08-05',
      '--to',
      '住建局',
    );
    expect(JSON.parse(stepped.lines[0]!)).toMatchObject({
      stage: 'routed',
      deadlines: [{ ruleId: 'notify_after_transfer', due: '2025-08-20' }],
    });

    const listed = await run(casesCommand, 'list', '--json');
    expect(listed.lines.map((l) => JSON.parse(l).number)).toEqual(['XF-2025-0001']);
    expect(listed.out).not.toContain('110101198001011232');
    expect(listed.out).not.toContain('13812345678');

    const shown = await run(casesCommand, 'show', 'XF-2025-0001');
    expect(shown.out).toContain('110101198001011232');
    expect(shown.out).toContain('转送至 住建局');

    const due = await run(deadlinesCommand, '--json');
    expect(due.lines.map((l) => JSON.parse(l))).toMatchObject([
      {
        today: '2025-08-15',
        caseNumber: 'XF-2025-0001',
        ruleId: 'notify_after_transfer',
        due: '2025-08-20',
        status: 'due_soon',
      },
    ]);
  });

  it('prints a Chinese error and exits 1 for a bad ID number, a step out of order or an unknown option', async () => {
    const bad = await add('110101198001011233');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.lines[0]!)).toMatchObject({ error: { code: 'case.invalid_fields' } });

    await add();
    const order = await run(casesCommand, 'step', 'XF-2025-0001', '--type', 'serve', '--on', '2025-08-05');
    expect([order.code, order.err]).toEqual([1, expect.stringContaining('不能进行「送达」')]);

    const unknown = await run(casesCommand, 'list', '--bogus');
    expect([unknown.code, unknown.err]).toEqual([1, expect.stringContaining('参数有误')]);
  });

  it('refuses 办结 with open checklist items unless --confirm-incomplete, and lists notice tasks in deadlines', async () => {
    await add();
    const steps: string[][] = [
      ['--type', 'accept', '--on', '2025-08-05'],
      ['--type', 'notify', '--on', '2025-08-05'],
      ['--type', 'issue_opinion', '--on', '2025-08-06', '--outcome', 'support'],
      ['--type', 'serve', '--on', '2025-08-07'],
    ];
    for (const s of steps) expect((await run(casesCommand, 'step', 'XF-2025-0001', ...s)).code).toBe(0);
    const refused = await run(casesCommand, 'step', 'XF-2025-0001', '--json', '--type', 'close', '--on', '2025-08-08');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.lines[0]!)).toMatchObject({ error: { code: 'case.checklist_incomplete' } });
    const closed = await run(
      casesCommand,
      'step',
      'XF-2025-0001',
      '--json',
      '--type',
      'close',
      '--on',
      '2025-08-08',
      '--confirm-incomplete',
    );
    expect(JSON.parse(closed.lines[0]!)).toMatchObject({ stage: 'closed' });

    const app = await ctx().openApp(dir);
    try {
      const { document } = await app.documents.importFile(
        textFile('n.txt', ['关于报送材料的通知', '请于8月20日前报送。']),
      );
      const d = await app.documents.get(document.id);
      await app.documents.save(document.id, {
        ...d.fields,
        deadlines: [
          { due: '2025-08-20', dueText: '8月20日前', task: '报送材料', reportTo: null, withinDays: null, unit: null },
        ],
      });
    } finally {
      await app.close();
    }
    const due = await run(deadlinesCommand, '--json');
    expect(due.lines.map((l) => JSON.parse(l))).toContainEqual(
      expect.objectContaining({
        kind: 'task',
        due: '2025-08-20',
        task: '报送材料',
        status: 'due_soon',
        today: '2025-08-15',
      }),
    );
    const text = await run(deadlinesCommand);
    expect(text.out).toContain('文件任务');
  });
});
