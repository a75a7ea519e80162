import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCaseUsecases } from '../../../electron/core/usecases/cases.usecases';
import { silentLogger } from '../../../electron/core/logger';
import type { CaseRecord } from '../../../shared/cases/case-record';
import { tempDir } from '../../helpers/fakes';

/**
 * The search's 信访件状态 filter asks the cases for a documentId → status map: built once over all cases, kept
 * until the day turns and updated case by case (issue 7: cheap at 20,000 cases). XFD_CASE_LINKS_CASES=20000
 * measures the target size; the default keeps `npm test` fast.
 */
const CASES = Number(process.env.XFD_CASE_LINKS_CASES ?? 1_500);
let dir: string;
let cleanup: () => Promise<void>;

const open = () =>
  createCaseUsecases({
    dataDir: dir,
    now: () => new Date('2025-09-01T02:00:00Z'),
    logger: silentLogger,
    documentText: async () => '',
    documentExists: () => true,
  });

/** CASES copies of one registered case, each listing its own scan d<i> (every third also d0, a shared notice). */
async function seed(): Promise<void> {
  const cases = await open();
  await cases.register({
    fields: {
      form: 'letter',
      petitioners: [{ name: '张三', idNumber: '', phone: '', address: '长安区建设北大街1号' }],
      headcount: 1,
      region: '河北省石家庄市长安区',
      topic: '城乡建设',
      claimRoute: 'opinion',
      summary: '本人房屋于2024年被拆迁，至今未获补偿。',
      request: '请求依法落实拆迁补偿款。',
      documentIds: [],
    },
    receivedOn: '2025-08-04',
    registeredOn: '2025-08-05',
    by: '李登记',
    source: 'direct',
    category: 'claim',
  });
  const file = join(dir, 'records', 'cases', 'cases-2025.json');
  const shard = JSON.parse(await readFile(file, 'utf8')) as { nextSeq: number; cases: CaseRecord[] };
  const template = shard.cases[0]!;
  const made: CaseRecord[] = [];
  for (let i = 0; i < CASES; i++) {
    // Half received long ago (their 15-day clock ran out by 09-01), half lately.
    const on = i % 2 === 0 ? '2025-08-01' : '2025-08-28';
    made.push({
      ...template,
      id: `clink${i}`,
      number: `XF-2025-${String(i + 1).padStart(5, '0')}`,
      fields: { ...template.fields, documentIds: i % 3 === 0 ? [`d${i + 1}`, 'd0'] : [`d${i + 1}`] },
      events: template.events.map((e) => (e.type === 'register' ? { ...e, on, receivedOn: on } : e)),
    } as CaseRecord);
  }
  await writeFile(file, JSON.stringify({ ...shard, nextSeq: CASES + 1, cases: made }));
}

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  await seed();
});
afterEach(async () => {
  await cleanup();
});

describe(`documentId → 信访件 status map over ${CASES} cases`, () => {
  it('is built once, reused while nothing changes, and after a step updated for the changed case only', async () => {
    const cases = await open();
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const u = process.cpuUsage(since);
      return (u.user + u.system) / 1000;
    };
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const map = cases.documentCaseLinks();
    const build = performance.now() - t0;
    const buildCpu = cpuMs(c0);
    expect(map.size).toBe(CASES + 1);
    expect(map.get('d0')).toHaveLength(Math.ceil(CASES / 3));
    expect(map.get('d1')).toEqual([
      { caseId: 'clink0', number: 'XF-2025-00001', statuses: ['linked', 'open', 'overdue'] },
    ]);
    expect(map.get('d2')![0]!.statuses).toEqual(['linked', 'open']);
    const t1 = performance.now();
    for (let i = 0; i < 1000; i++) expect(cases.documentCaseLinks()).toBe(map);
    const reuse = (performance.now() - t1) / 1000;

    const d3 = map.get('d3');
    await cases.step('clink0', { type: 'transfer', on: '2025-09-01', by: '王办理', to: '长安区住建局' });
    const t2 = performance.now();
    const c2 = process.cpuUsage();
    const next = cases.documentCaseLinks();
    const rebuild = performance.now() - t2;
    const rebuildCpu = cpuMs(c2);
    // Only the stepped case was read again: its document's list changed, every other list is the same object.
    expect(next.get('d1')![0]!.statuses).toEqual(['linked', 'open']);
    expect(next.get('d3')).toBe(d3);
    // Generous bounds for a loaded 2-core machine; the figures are printed for the report.
    expect(build).toBeLessThan(15_000);
    expect(reuse).toBeLessThan(1);
    expect(rebuildCpu).toBeLessThan(Math.max(100, buildCpu));
    console.log(
      JSON.stringify({
        cases: CASES,
        buildMs: build,
        buildCpu,
        reuseMs: reuse,
        rebuildAfterStepMs: rebuild,
        rebuildCpu,
      }),
    );
  });
});
