import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deadlinesCommand } from '../../../electron/cli/commands/deadlines';
import { cliContext } from './cli-context';
import { tempDir, textFile } from '../../helpers/fakes';

let dir: string;
let cleanup: () => Promise<void>;
let out: string;
let err: string;

const ctx = () => cliContext({ dataDir: () => dir, onOut: (s) => (out += s), onErr: (s) => (err += s) });
const run = async (...args: string[]) => {
  out = '';
  err = '';
  const code = await deadlinesCommand.run(args, ctx());
  return { code, out, err, lines: out.trim().split('\n').filter(Boolean) };
};
const json = (lines: readonly string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

let docId: string;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  const app = await ctx().openApp(dir);
  try {
    const { document } = await app.documents.importFile(
      textFile('n.txt', ['关于报送材料的通知', '请于8月20日前报送。']),
    );
    docId = document.id;
    await app.documents.save(docId, {
      ...document.fields,
      deadlines: [
        { due: '2025-08-20', dueText: '8月20日前', task: '报送材料', reportTo: null, withinDays: null, unit: null },
        { due: '2025-08-18', dueText: '8月18日前', task: '报送名单', reportTo: null, withinDays: null, unit: null },
      ],
    });
  } finally {
    await app.close();
  }
});
afterEach(async () => cleanup());

describe('deadlines done / reopen', () => {
  it('marks a task done by its position, drops it from the list, shows it with --done and reopens it', async () => {
    const done = await run('done', docId, '--task', '1', '--by', '李四', '--note', '已报送', '--json');
    expect(done.code).toBe(0);
    expect(json(done.lines)).toEqual([
      {
        documentId: docId,
        key: expect.stringMatching(/^t[0-9a-f]{16}$/),
        done: expect.objectContaining({ by: '李四' }),
      },
    ]);
    const key = json(done.lines)[0]!['key'] as string;

    const open = json((await run('--json')).lines).filter((l) => l['kind'] === 'task');
    expect(open.map((t) => t['task'])).toEqual(['报送名单']);
    const withDone = json((await run('--json', '--done')).lines).filter((l) => l['kind'] === 'task');
    expect(withDone).toContainEqual(
      expect.objectContaining({
        task: '报送材料',
        status: 'done',
        key,
        done: expect.objectContaining({ note: '已报送' }),
      }),
    );
    const text = await run('--done');
    expect(text.out).toMatch(/\[已完成\].*李四 于 2025-08-15 标记完成（已报送）/);

    const reopened = await run('reopen', docId, '--key', key);
    expect([reopened.code, reopened.out]).toEqual([0, expect.stringContaining('已撤销完成')]);
    const after = json((await run('--json')).lines).filter((l) => l['kind'] === 'task');
    expect(after.map((t) => [t['task'], t['status']])).toEqual([
      ['报送名单', 'due_soon'],
      ['报送材料', 'due_soon'],
    ]);
  });

  it('says in Chinese which task is meant when a notice has several, and refuses a second 标记完成, exiting 1', async () => {
    const ambiguous = await run('done', docId);
    expect([ambiguous.code, ambiguous.err]).toEqual([1, expect.stringContaining('有 2 项任务')]);
    const missing = await run('done', docId, '--task', '5', '--json');
    expect(missing.code).toBe(1);
    expect(json(missing.lines)[0]).toMatchObject({ error: { code: 'document.task_not_found' } });

    expect((await run('done', docId, '--task', '2')).code).toBe(0);
    const twice = await run('done', docId, '--task', '2', '--json');
    expect(twice.code).toBe(1);
    expect(json(twice.lines)[0]).toMatchObject({ error: { code: 'document.task_already_done' } });
    const unknown = await run('finish', docId);
    expect([unknown.code, unknown.err]).toEqual([1, expect.stringContaining('deadlines done')]);
  });
});
