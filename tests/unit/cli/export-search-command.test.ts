import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { exportCommand } from '../../../electron/cli/commands/export';
import { cliContext } from './cli-context';
import { lineExtract, tempDir, textFile } from '../../helpers/fakes';

/** `export search` with the has-deadline and 信访件状态 filters (issue 7). */
let dir: string;
let cleanup: () => Promise<void>;
let out: string;
let err: string;

const ctx = () =>
  cliContext({ dataDir: () => dir, onOut: (s) => (out += s), onErr: (s) => (err += s), app: { extract: lineExtract } });
const run = async (...args: string[]) => {
  out = '';
  err = '';
  const code = await exportCommand.run(args, ctx());
  return { code, out, err };
};

let withTask: string;
let linked: string;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  const app = await ctx().openApp(dir);
  try {
    const save = async (n: number, deadlines: boolean) => {
      const { document } = await app.documents.importFile(
        textFile(`n${n}.txt`, ['某市信访局', `某信发〔2025〕${n}号`, `关于第${n}项工作的通知`, '2025-07-01']),
      );
      await app.documents.save(document.id, {
        ...document.fields,
        deadlines: deadlines
          ? [
              {
                due: '2025-08-30',
                dueText: '8月30日前',
                task: '报送材料',
                reportTo: null,
                withinDays: null,
                unit: null,
              },
            ]
          : [],
      });
      return document.id;
    };
    withTask = await save(1, true);
    linked = await save(2, false);
    await save(3, false);
    await app.cases.register({
      fields: {
        form: 'letter',
        petitioners: [{ name: '张三', idNumber: '', phone: '', address: '某县某村' }],
        headcount: 1,
        region: '某县',
        topic: '',
        claimRoute: 'opinion',
        summary: '反映补偿问题。',
        request: '请求落实补偿。',
        documentIds: [linked],
      },
      receivedOn: '2025-08-14',
      by: '李登记',
      source: 'direct',
      category: 'claim',
    });
  } finally {
    await app.close();
  }
});
afterEach(async () => {
  await cleanup();
});

const csvIds = async (path: string) =>
  (await readFile(path, 'utf8'))
    .split('\r\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split(',').at(-1));

describe('export search with filters', () => {
  it('exports only documents with deadlines, or those a case in a given state lists', async () => {
    const a = join(dir, 'a.csv');
    expect((await run('search', '--data', dir, '--format', 'csv', '--out', a, '--has-deadline', '--json')).code).toBe(
      0,
    );
    expect(err).toBe('');
    expect(JSON.parse(out)).toMatchObject({ rows: 1 });
    expect(await csvIds(a)).toEqual([withTask]);
    const b = join(dir, 'b.csv');
    expect((await run('search', '--data', dir, '--format', 'csv', '--out', b, '--case-status', '办理中')).code).toBe(0);
    expect(await csvIds(b)).toEqual([linked]);
    const c = join(dir, 'c.csv');
    const r = await run(
      'search',
      '--data',
      dir,
      '--format',
      'csv',
      '--out',
      c,
      '--without-deadline',
      '--case-status',
      '未关联',
    );
    expect(r.code).toBe(0);
    expect((await csvIds(c)).filter((id) => id === withTask || id === linked)).toEqual([]);
    expect(await csvIds(c)).toHaveLength(1);
  });

  it('refuses an unknown 信访件状态 or both deadline flags in Chinese and writes nothing', async () => {
    const bad = join(dir, 'bad.csv');
    const r = await run('search', '--data', dir, '--format', 'csv', '--out', bad, '--case-status', '待定');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/信访件状态“待定”无法识别/);
    await expect(stat(bad)).rejects.toThrow();
    const both = await run('search', '--data', dir, '--out', bad, '--has-deadline', '--without-deadline');
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/只能选一个/);
    await expect(stat(bad)).rejects.toThrow();
  });
});
