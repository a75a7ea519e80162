import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCaseUsecases } from '../../../electron/core/usecases/cases.usecases';
import { silentLogger } from '../../../electron/core/logger';
import type { RegisterInput } from '../../../shared/api/cases.contract';
import type { CaseRecord } from '../../../shared/cases/case-record';
import { tempDir } from '../../helpers/fakes';

/** The case list, opening a case and 登记 must not grow with a per-case scan of other ledgers (issue 8, Load). */
const CASES = 5_000;
let dir: string;
let cleanup: () => Promise<void>;
let issuedCalls: string[];

const TOPICS = ['拆迁补偿', '工资拖欠', '物业纠纷', '医疗费用报销', '土地承包', '噪音扰民', '社保转移', '学位分配'];

const input = (over: Partial<RegisterInput['fields']> = {}): RegisterInput => ({
  fields: {
    form: 'letter',
    petitioners: [
      { name: '张三', idNumber: '110101198001011232', phone: '13812345678', address: '长安区建设北大街1号' },
    ],
    headcount: 1,
    region: '河北省石家庄市长安区',
    topic: '城乡建设',
    claimRoute: 'opinion',
    summary: '本人房屋于2024年被拆迁，至今未获补偿。',
    request: '请求依法落实拆迁补偿款。',
    documentIds: [],
    ...over,
  },
  receivedOn: '2025-08-04',
  registeredOn: '2025-08-05',
  by: '李登记',
  source: 'direct',
  category: 'claim',
});

const open = () =>
  createCaseUsecases({
    dataDir: dir,
    now: () => new Date('2025-09-01T02:00:00Z'),
    logger: silentLogger,
    documentText: async () => '',
    documentExists: () => true,
    issuedDocuments: (id) => {
      issuedCalls.push(id);
      return [];
    },
  });

/** Writes CASES varied copies of one registered case into its year's shard, as an office's ledger would hold. */
async function seed(): Promise<void> {
  const cases = await open();
  await cases.register(input());
  const file = join(dir, 'records', 'cases', 'cases-2025.json');
  const shard = JSON.parse(await readFile(file, 'utf8')) as { nextSeq: number; cases: CaseRecord[] };
  const template = shard.cases[0]!;
  const made: CaseRecord[] = [];
  for (let i = 0; i < CASES; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 8)).padStart(2, '0');
    const on = `2025-${month}-${day}`;
    const topic = TOPICS[i % TOPICS.length]!;
    made.push({
      ...template,
      id: `cscale${i}`,
      number: `XF-2025-${String(i + 1).padStart(5, '0')}`,
      fields: {
        ...template.fields,
        petitioners: [
          {
            name: `王${i}`,
            idNumber: `1301021990${String(i).padStart(7, '0')}X`,
            phone: `139${String(i).padStart(8, '0')}`,
            address: `${i}号院`,
          },
        ],
        summary: `第${i}号来信反映${topic}问题，涉及${i % 97}户，已多次向有关部门反映。`,
        request: `请求解决${topic}问题（编号${i}）。`,
      },
      events: template.events.map((e) => (e.type === 'register' ? { ...e, on, receivedOn: on } : e)),
    } as CaseRecord);
  }
  await writeFile(file, JSON.stringify({ ...shard, nextSeq: CASES + 1, cases: made }));
}

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  issuedCalls = [];
  await seed();
  issuedCalls = [];
});
afterEach(async () => {
  await cleanup();
});

describe(`信访件 use cases over ${CASES} cases`, () => {
  it('lists every case without asking the paperwork ledger, and a second list reuses the rows', async () => {
    const cases = await open();
    const t0 = performance.now();
    const rows = cases.list();
    const first = performance.now() - t0;
    expect(rows).toHaveLength(CASES);
    expect(rows.every((r) => r.nextDeadline === null || r.nextDeadline.owner === 'office')).toBe(true);
    expect(issuedCalls).toEqual([]);
    // Generous bounds: a per-case day-by-day walk or ledger scan took minutes at 20,000.
    expect(first).toBeLessThan(8_000);
    const t1 = performance.now();
    expect(cases.list()).toEqual(rows);
    expect(performance.now() - t1).toBeLessThan(Math.max(500, first));
    // The list screen gets one page and the tab counts, not 20,000 rows.
    const page = cases.page({ offset: 400 });
    expect(page.rows.map((r) => r.id)).toEqual(rows.slice(400, 420).map((r) => r.id));
    expect(page.counts.all).toBe(CASES);
    expect(page.counts.open + page.counts.closed).toBe(CASES);
    expect(JSON.stringify(page).length).toBeLessThan(60_000);
  });

  it('opens one case and registers one asking the ledger only about that case, and finds the repeat among all', async () => {
    const cases = await open();
    const one = cases.list({ query: 'XF-2025-04321' })[0]!;
    cases.get(one.id);
    expect([...new Set(issuedCalls)]).toEqual([one.id]);
    issuedCalls = [];
    const t0 = performance.now();
    const d = await cases.register(
      input({
        petitioners: [{ name: '王4321', idNumber: '', phone: '13900004321', address: '4321号院' }],
        summary: '第4321号来信反映拆迁补偿问题，涉及53户，已多次向有关部门反映。',
        request: '请求解决拆迁补偿问题（编号4321）。',
      }),
    );
    expect(performance.now() - t0).toBeLessThan(8_000);
    expect([...new Set(issuedCalls)]).toEqual([d.id]);
    expect(d.repeat.kind).toBe('repeat');
    expect(d.repeat.relatedCaseIds[0]).toBe('cscale4321');
    // The list row of a changed case is worked out again, the others are reused.
    const stepped = await cases.step(one.id, { type: 'accept', on: '2025-09-01', by: '王办理' } as never);
    const row = cases.list({ query: one.number })[0]!;
    expect(row.stage).toBe(stepped.stage);
    expect(row.stage).not.toBe(one.stage);
  });
});
