import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createApp, type XinfangApp } from '../../../electron/core/create-app';
import { dispatch } from '../../../electron/core/dispatch';
import { silentLogger } from '../../../electron/core/logger';
import type { RegisterInput } from '../../../shared/api/cases.contract';
import { createTextReader, lineExtract, tempDir, textFile } from '../../helpers/fakes';
import { SAMPLE_VALUES } from '../../fixtures/paperwork/sample-values';

let dir: string;
let cleanup: () => Promise<void>;
let app: XinfangApp;
/** The injectable clock: tests move it to watch the deadlines change colour. */
let clock: Date;

const open = () =>
  createApp({
    dataDir: dir,
    logger: silentLogger,
    reader: createTextReader(),
    extract: lineExtract,
    now: () => clock,
    watch: false,
  });

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  clock = new Date('2025-08-05T02:00:00Z'); // 2025-08-05 10:00 北京时间
  app = await open();
});
afterEach(async () => {
  await app.close();
  await cleanup();
});

const at = (isoDate: string) => {
  clock = new Date(`${isoDate}T02:00:00Z`);
};

const zhang = {
  name: '张三',
  idNumber: '110101198001011232',
  phone: '13812345678',
  address: '河北省石家庄市长安区建设北大街1号',
};

const input = (over: Partial<RegisterInput> = {}, fields: Partial<RegisterInput['fields']> = {}): RegisterInput => ({
  fields: {
    form: 'letter',
    petitioners: [zhang],
    headcount: 1,
    region: '河北省石家庄市长安区',
    topic: '城乡建设',
    claimRoute: 'opinion',
    summary: '本人房屋于2024年被拆迁，至今未获补偿。',
    request: '请求依法落实拆迁补偿款。',
    documentIds: [],
    ...fields,
  },
  receivedOn: '2025-08-04',
  registeredOn: '2025-08-05',
  by: '李登记',
  source: 'direct',
  category: 'claim',
  ...over,
});

const step = (id: string, s: Record<string, unknown>) =>
  app.cases.step(id, { by: '王办理', ...s } as Parameters<XinfangApp['cases']['step']>[1]);

async function caseFiles(): Promise<string[]> {
  return readdir(join(dir, 'records', 'cases')).catch(() => []);
}

describe('registering a 信访件', () => {
  it('numbers cases XF-YYYY-NNNN in order and starts the 15-day routing clock from the 收到日期', async () => {
    const a = await app.cases.register(input());
    const b = await app.cases.register(input({}, { petitioners: [{ ...zhang, name: '李四', idNumber: '' }] }));
    expect([a.number, b.number]).toEqual(['XF-2025-0001', 'XF-2025-0002']);
    expect(a.stage).toBe('registered');
    expect(a.timeline).toMatchObject([{ type: 'register', on: '2025-08-05', by: '李登记', status: 'effective' }]);
    expect(a.timeline[0]?.recordedAt).toBe('2025-08-05T02:00:00.000Z');
    expect(a.deadlines).toMatchObject([{ ruleId: 'register_and_route', from: '2025-08-04', due: '2025-08-19' }]);
    expect(a.allowedSteps.map((s) => s.type)).toContain('transfer');
  });

  it('refuses a form without the 第十九条 fields and saves nothing', async () => {
    const r = await dispatch(
      app.api,
      'cases.register',
      input({}, { petitioners: [{ ...zhang, address: '' }], request: ' ' }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('case.invalid_fields');
    expect(r.error.message).toContain('住址');
    expect(r.error.message).toContain('请求');
    expect(app.cases.list()).toEqual([]);
    expect(await caseFiles()).toEqual([]);
  });

  it('refuses a 收到日期 in the future and saves nothing', async () => {
    const r = await dispatch(app.api, 'cases.register', input({ receivedOn: '2025-08-06', registeredOn: undefined }));
    expect(r).toMatchObject({ ok: false, error: { code: 'case.date_in_future' } });
    expect(app.cases.list()).toEqual([]);
  });

  it('refuses an ID number whose check digit is wrong, naming it', async () => {
    const r = await dispatch(
      app.api,
      'cases.register',
      input({}, { petitioners: [{ ...zhang, idNumber: '110101198001011233' }] }),
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'case.invalid_fields' } });
    expect(!r.ok && r.error.message).toContain('110101198001011233');
    expect(app.cases.list()).toEqual([]);
  });

  it('refuses a duplicate hand-typed case number and leaves the first case as it was', async () => {
    const first = await app.cases.register(input({ number: '长信〔2025〕7号' }));
    const r = await dispatch(app.api, 'cases.register', input({ number: '长信〔2025〕7号' }));
    expect(r).toMatchObject({ ok: false, error: { code: 'case.duplicate_number' } });
    expect(app.cases.list().map((c) => c.id)).toEqual([first.id]);
    // The automatic sequence did not move for a hand-typed number.
    expect((await app.cases.register(input())).number).toBe('XF-2025-0001');
  });

  it('skips an automatic number already taken by a hand-typed one', async () => {
    await app.cases.register(input({ number: 'XF-2025-0001' }));
    expect((await app.cases.register(input())).number).toBe('XF-2025-0002');
  });

  it('keeps cases across a restart and continues the numbering', async () => {
    const a = await app.cases.register(input());
    await app.close();
    app = await open();
    expect(app.cases.get(a.id).number).toBe('XF-2025-0001');
    expect((await app.cases.register(input())).number).toBe('XF-2025-0002');
  });

  it('uses the configured number pattern', async () => {
    await app.cases.updateSettings({ numberFormat: '长信访〔YYYY〕NNN号' });
    expect((await app.cases.register(input())).number).toBe('长信访〔2025〕001号');
    await expect(app.cases.updateSettings({ numberFormat: 'XF-NNNN' })).rejects.toMatchObject({
      code: 'case.invalid_settings',
    });
  });

  it('pre-fills the form from a scanned letter in the archive', async () => {
    const letter = textFile('letter.txt', [
      '县信访局：',
      '我叫王小明，住河北省石家庄市长安区建设北大街5号，身份证号110101198001011232，电话13912345678。',
      '我家承包地被占用，一直没有补偿。',
      '恳请领导责成有关部门依法给予补偿。',
      '此致',
      '敬礼',
      '反映人：王小明',
      '2025年8月1日',
    ]);
    const { document } = await app.documents.importFile(letter);
    const pre = await app.cases.prefillFromDocument(document.id);
    expect(pre.fields.petitioners[0]).toMatchObject({
      name: '王小明',
      idNumber: '110101198001011232',
      phone: '13912345678',
    });
    expect(pre.fields.request).toContain('补偿');
    expect(pre.fields.documentIds).toEqual([document.id]);
    expect(pre.letterDate).toBe('2025-08-01');
    const c = await app.cases.register(
      input(
        { category: pre.category ?? 'claim' },
        {
          ...pre.fields,
          petitioners: [...pre.fields.petitioners],
          documentIds: [...pre.fields.documentIds],
          topic: '农村土地',
        },
      ),
    );
    expect(c.fields.documentIds).toEqual([document.id]);
  });

  it('refuses to attach a document that is not in the archive', async () => {
    await expect(app.cases.register(input({}, { documentIds: ['d9999999'] }))).rejects.toMatchObject({
      code: 'document.not_found',
    });
  });
});

describe('the workflow and its clock', () => {
  it('walks 转送 → 受理告知 → 延期 → 处理意见书 → 送达 → 复查 with every step recorded', async () => {
    const c = await app.cases.register(input());
    at('2025-08-10');
    let d = await step(c.id, { type: 'transfer', on: '2025-08-10', to: '长安区住房和城乡建设局' });
    expect(d.deadlines).toMatchObject([{ ruleId: 'notify_after_transfer', from: '2025-08-10', due: '2025-08-25' }]);
    at('2025-08-20');
    d = await step(c.id, { type: 'notify', on: '2025-08-20' });
    expect(d.stage).toBe('handling');
    // 60日 from 受理 2025-08-20 ends 2025-10-19, a Sunday after 国庆 — 10-19 is not a 调休 day in 2025, so it rolls to 10-20.
    expect(d.deadlines[0]).toMatchObject({ ruleId: 'handle_and_reply', strictDue: '2025-10-19', due: '2025-10-20' });
    at('2025-10-10');
    d = await step(c.id, { type: 'extend', on: '2025-10-10', days: 30, approvedBy: '赵局长', reason: '需现场核查' });
    expect(d.deadlines[0]).toMatchObject({
      ruleId: 'handle_and_reply',
      days: 90,
      extensionDays: 30,
      due: '2025-11-18',
    });
    await expect(step(c.id, { type: 'issue_opinion', on: '2025-10-10', outcome: 'support' })).rejects.toMatchObject({
      code: 'case.extension_not_notified',
    });
    d = await step(c.id, { type: 'notify_extension', on: '2025-10-10' });
    at('2025-11-01');
    d = await step(c.id, { type: 'issue_opinion', on: '2025-11-01', outcome: 'explain' });
    d = await step(c.id, { type: 'serve', on: '2025-11-01' });
    expect(d.stage).toBe('served');
    at('2025-11-20');
    d = await step(c.id, { type: 'request_review', on: '2025-11-20' });
    expect(d.stage).toBe('under_review');
    expect(d.deadlines).toMatchObject([{ ruleId: 'review_decision', from: '2025-11-20' }]);
    expect(d.timeline.map((t) => t.label)).toEqual([
      '登记',
      '转送',
      '受理告知',
      '延期（经负责人批准）',
      '延期告知',
      '出具信访处理意见书',
      '送达',
      '收到复查请求',
    ]);
    expect(d.timeline[1]?.details).toBe('转送至 长安区住房和城乡建设局');
    expect(d.timeline.every((t) => t.by !== '' && t.recordedAt !== null)).toBe(true);
  });

  it('refuses a step out of order with the allowed steps, and the stored history is unchanged', async () => {
    const c = await app.cases.register(input());
    const r = await dispatch(app.api, 'cases.step', {
      id: c.id,
      step: { type: 'serve', on: '2025-08-05', by: '王办理' },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'case.step_out_of_order' } });
    expect(!r.ok && r.error.message).toContain('转送');
    expect(app.cases.get(c.id).timeline).toHaveLength(1);
    const stored = JSON.parse(await readFile(join(dir, 'records', 'cases', 'cases-2025.json'), 'utf8'));
    expect(stored.cases[0].events).toHaveLength(1);
  });

  it('refuses a step dated in the future or missing its required detail', async () => {
    const c = await app.cases.register(input());
    await expect(step(c.id, { type: 'accept', on: '2025-08-06' })).rejects.toMatchObject({
      code: 'case.date_in_future',
    });
    await expect(step(c.id, { type: 'decline', on: '2025-08-05' })).rejects.toMatchObject({
      code: 'validation.invalid_input',
    });
    await expect(step(c.id, { type: 'decline', on: '2025-08-05', reason: '  ' })).rejects.toMatchObject({
      code: 'case.field_required',
    });
  });

  it('undoes a step only by a recorded correction that stays in the timeline', async () => {
    const c = await app.cases.register(input());
    const wrong = await step(c.id, { type: 'transfer', on: '2025-08-05', to: '错误单位' });
    const transferId = wrong.timeline[1]!.id;
    const fixed = await app.cases.correct({
      id: c.id,
      targetId: transferId,
      action: 'amend',
      reason: '转送单位写错',
      on: '2025-08-05',
      by: '李登记',
      replacement: { type: 'transfer', on: '2025-08-05', by: '王办理', to: '长安区住建局' },
    });
    expect(fixed.timeline.map((t) => t.status)).toEqual(['effective', 'amended', 'correction']);
    expect(fixed.timeline[2]?.details).toContain('长安区住建局');
    const voided = await app.cases.correct({
      id: c.id,
      targetId: transferId,
      action: 'void',
      reason: '尚未转送',
      on: '2025-08-05',
      by: '李登记',
    });
    expect(voided.stage).toBe('registered');
    expect(voided.timeline).toHaveLength(4);
    await expect(
      app.cases.correct({ id: c.id, targetId: 'e1', action: 'void', reason: 'x', on: '2025-08-05', by: '李登记' }),
    ).rejects.toMatchObject({ code: 'case.correction_not_allowed' });
  });

  it('records a change of the 登记 fields with the old and new values', async () => {
    const c = await app.cases.register(input());
    const d = await app.cases.updateFields(c.id, { ...c.fields, topic: '住房保障' }, '李登记', '分类有误');
    expect(d.fields.topic).toBe('住房保障');
    expect(d.fieldCorrections).toMatchObject([
      { by: '李登记', reason: '分类有误', before: { topic: '城乡建设' }, after: { topic: '住房保障' } },
    ]);
  });
});

describe('the due list', () => {
  it('turns a clock yellow within 3 workdays and red once its day has passed', async () => {
    const c = await app.cases.register(input());
    expect(app.cases.due().items).toMatchObject([
      { caseId: c.id, ruleId: 'register_and_route', due: '2025-08-19', status: 'running' },
    ]);
    at('2025-08-15'); // Friday: 08-19 is the 2nd workday after
    expect(app.cases.due().items[0]).toMatchObject({ status: 'due_soon', workdaysLeft: 2, daysLeft: 4 });
    at('2025-08-20');
    expect(app.cases.due()).toMatchObject({ today: '2025-08-20', items: [{ status: 'overdue', daysLeft: -1 }] });
    await step(c.id, { type: 'transfer', on: '2025-08-20', to: '长安区住建局' });
    expect(app.cases.due().items).toMatchObject([{ ruleId: 'notify_after_transfer', status: 'running' }]);
  });

  it('sends the 工作台 a page of each group with its total, and the page a later offset asks for', async () => {
    const cs = [];
    for (let i = 0; i < 12; i++) cs.push(await app.cases.register(input({ receivedOn: '2025-08-04' })));
    at('2025-08-20');
    const fresh = await app.cases.register(input({ receivedOn: '2025-08-20', registeredOn: '2025-08-20' }));
    const board = await app.api['cases.dashboard']({});
    expect(board.today).toBe('2025-08-20');
    expect(board.groups.overdue).toMatchObject({ total: 12, offset: 0 });
    expect(board.groups.overdue.entries).toHaveLength(10);
    expect(board.groups.running.entries).toMatchObject([{ kind: 'case', d: { caseId: fresh.id } }]);
    const second = await app.api['cases.dashboard']({ offsets: { overdue: 10 } });
    expect(second.groups.overdue.offset).toBe(10);
    const seen = [...board.groups.overdue.entries, ...second.groups.overdue.entries].map((e) =>
      e.kind === 'case' ? e.d.caseId : e.t.documentId,
    );
    expect(new Set(seen)).toEqual(new Set(cs.map((c) => c.id)));
    // The same clocks as the full due list the reminders read, in the same order.
    expect(seen).toEqual(
      app.cases
        .due()
        .items.filter((d) => d.status === 'overdue')
        .map((d) => d.caseId),
    );
  });

  it('shows the petitioner’s 复查 window only when asked for waiting items', async () => {
    const c = await app.cases.register(input());
    await step(c.id, { type: 'accept', on: '2025-08-05' });
    await step(c.id, { type: 'notify', on: '2025-08-05' });
    await step(c.id, { type: 'issue_opinion', on: '2025-08-05', outcome: 'support' });
    await step(c.id, { type: 'serve', on: '2025-08-05' });
    expect(app.cases.due().items).toEqual([]);
    expect(app.cases.due({ includeWaiting: true }).items).toMatchObject([
      { ruleId: 'review_request_window', owner: 'petitioner' },
    ]);
  });
});

describe('the 信访件 list screen', () => {
  it('sends one page of a tab with every tab counted for the same query, and falls back to the last page', async () => {
    const a = await app.cases.register(input());
    const b = await app.cases.register(input({}, { petitioners: [{ ...zhang, name: '李四', idNumber: '' }] }));
    // 张三 again on the same matter: 重复信访.
    const c = await app.cases.register(input({}, { request: '再次请求落实拆迁补偿款。' }));
    at('2025-08-20'); // the three 15-day routing clocks ran out on 08-19
    await step(b.id, { type: 'transfer', on: '2025-08-20', to: '长安区住建局' });

    const first = await app.api['cases.list']({ limit: 2 });
    expect(first).toMatchObject({ total: 3, offset: 0 });
    // Newest registration first; same day: the higher number first.
    expect(first.rows.map((r) => r.id)).toEqual([c.id, b.id]);
    expect(first.counts).toEqual({
      all: 3,
      open: 3,
      overdue: 2,
      due_soon: 0,
      repeat: 1,
      closed: 0,
    });
    expect((await app.api['cases.list']({ filter: 'repeat' })).rows.map((r) => r.id)).toEqual([c.id]);
    const second = await app.api['cases.list']({ limit: 2, offset: 2 });
    expect(second.rows.map((r) => r.id)).toEqual([a.id]);

    const overdue = await app.api['cases.list']({ filter: 'overdue' });
    expect(overdue.rows.map((r) => r.id)).toEqual([c.id, a.id]);
    // Asked for page 5 of a two-row tab: the last page comes back, with the offset it used.
    const past = await app.api['cases.list']({ filter: 'overdue', offset: 80, limit: 1 });
    expect(past).toMatchObject({ offset: 1, total: 2 });
    expect(past.rows.map((r) => r.id)).toEqual([a.id]);

    const byName = await app.api['cases.list']({ query: '李四' });
    expect(byName.rows.map((r) => r.id)).toEqual([b.id]);
    expect(byName.counts).toMatchObject({ all: 1, overdue: 0 });

    const tooMany = await dispatch(app.api, 'cases.list', { limit: 5000 });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'validation.invalid_input' } });
  });
});

describe('repeat petitions, privacy and statistics', () => {
  it('marks a second case of the same ID number on a similar matter as 重复信访 and lists the earlier one', async () => {
    const first = await app.cases.register(input());
    const other = await app.cases.register(
      input(
        {},
        {
          petitioners: [{ name: '钱五', idNumber: '', phone: '', address: '某地' }],
          summary: '噪音扰民',
          request: '请求查处工地夜间施工',
        },
      ),
    );
    expect(other.repeat.kind).toBe('first');
    const again = await app.cases.register(input({}, { request: '再次请求落实拆迁补偿款。' }));
    expect(again.repeat).toEqual({ kind: 'repeat', relatedCaseIds: [first.id] });
    expect(again.repeatMatches[0]).toMatchObject({ caseId: first.id, reasons: expect.arrayContaining(['id_number']) });
    const preview = app.cases.checkRepeats({ ...input().fields, petitioners: [{ ...zhang, idNumber: '' }] });
    expect(preview.map((m) => m.reasons)).toContainEqual(expect.arrayContaining(['name_phone', 'name_address']));
  });

  it('never puts ID numbers or phones in lists, due items or the exported workbook', async () => {
    await app.cases.register(input());
    const listed = JSON.stringify([app.cases.list(), app.cases.due()]);
    expect(listed).not.toContain(zhang.idNumber);
    expect(listed).not.toContain(zhang.phone);
    const { bytes } = await app.cases.exportStatistics({ year: 2025 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const rows = wb.getWorksheet('信访件清单')!.getSheetValues().flat().map(String).join('|');
    expect(rows).toContain('110101********1232');
    expect(rows).toContain('138****5678');
    expect(rows).not.toContain(zhang.idNumber);
  });

  it('counts a statistics year from 12-21 and measures on-time rates from the recorded steps', async () => {
    at('2025-12-30');
    const onTime = await app.cases.register(input());
    await step(onTime.id, { type: 'accept', on: '2025-08-06' });
    await step(onTime.id, { type: 'notify', on: '2025-08-10' });
    // The same person again on the same matter: a 重复信访.
    const late = await app.cases.register(input({}, { form: 'visit', headcount: 5 }));
    await step(late.id, { type: 'accept', on: '2025-08-06' });
    await step(late.id, { type: 'notify', on: '2025-09-10' });
    await app.cases.register(input({ receivedOn: '2025-12-21', registeredOn: '2025-12-22' }));
    const s = app.cases.statistics({ year: 2025 });
    expect([s.from, s.to]).toEqual(['2024-12-21', '2025-12-20']);
    expect(s.total).toMatchObject({ cases: 2, batches: 1, persons: 5 });
    expect(s.byForm.map((r) => [r.label, r.cases])).toEqual([
      ['来信', 1],
      ['走访', 1],
    ]);
    expect(s.notifyOnTime).toMatchObject({ onTime: 1, late: 1, rate: 0.5 });
    expect(s.repeats.count).toBe(1);
    // Today (2025-12-30) lies in statistics year 2026.
    expect(app.cases.statistics({})).toMatchObject({ from: '2025-12-21', to: '2026-12-20', total: { cases: 1 } });
  });

  it('gives the paperwork templates the case as plain named values', async () => {
    const c = await app.cases.register(input());
    await step(c.id, { type: 'transfer', on: '2025-08-05', to: '长安区住建局' });
    expect(app.cases.fieldValues(c.id)).toMatchObject({
      登记编号: 'XF-2025-0001',
      信访人: '张三',
      身份证号码: zhang.idNumber,
      收到日期: '2025-08-04',
      诉求: '请求依法落实拆迁补偿款。',
      转送机关: '长安区住建局',
      类型: '申诉求决',
    });
  });
});

describe('the working-day calendar', () => {
  it('flags a date in a year without a notice, and recomputes once that year is imported and kept across a restart', async () => {
    at('2026-12-20');
    const c = await app.cases.register(input({ receivedOn: '2026-12-17', registeredOn: '2026-12-18' }));
    expect(c.deadlines[0]).toMatchObject({ due: '2027-01-01', rolledOver: false, missingCalendarYears: [2027] });
    expect(app.cases.calendarYears().missing).toEqual([2027]);
    const notice = { year: 2027, papers: [], holidays: [{ name: '元旦', off: ['2027-01-01'], work: [] }] };
    const years = await app.cases.importCalendarYear(JSON.stringify(notice));
    expect(years.years.at(-1)).toEqual({ year: 2027, source: 'imported' });
    expect(app.cases.get(c.id).deadlines[0]).toMatchObject({
      strictDue: '2027-01-01',
      due: '2027-01-04',
      missingCalendarYears: [],
    });
    await app.close();
    app = await open();
    expect(app.cases.get(c.id).deadlines[0]?.due).toBe('2027-01-04');
  });

  it('refuses a file that is not a holiday notice, naming the problem', async () => {
    await expect(app.cases.importCalendarYear('{')).rejects.toMatchObject({ code: 'calendar.invalid_schedule' });
    await expect(app.cases.importCalendarYear(JSON.stringify({ year: 2027, holidays: [] }))).rejects.toMatchObject({
      code: 'calendar.invalid_schedule',
      message: expect.stringContaining('2027'),
    });
  });
});

describe('before 办结, task deadlines of notices, and per-rule counting', () => {
  const handledToServed = async (documentIds: string[] = []) => {
    const c = await app.cases.register(input({ source: 'direct' }, { documentIds }));
    await step(c.id, { type: 'accept', on: '2025-08-05' });
    await step(c.id, { type: 'notify', on: '2025-08-05' });
    await step(c.id, { type: 'issue_opinion', on: '2025-08-05', outcome: 'support' });
    await step(c.id, { type: 'serve', on: '2025-08-05' });
    return c;
  };

  it('refuses 办结 with unmet checklist items and saves nothing, then closes when the user confirms, recording them', async () => {
    const c = await handledToServed();
    const before = app.cases.record(c.id).events.length;
    const refused = step(c.id, { type: 'close', on: '2025-08-05' });
    await expect(refused).rejects.toMatchObject({ code: 'case.checklist_incomplete' });
    await expect(refused).rejects.toThrow(/处理意见书含复查告知/);
    expect(app.cases.record(c.id).events).toHaveLength(before);
    expect(app.cases.get(c.id).stage).toBe('served');
    const d = await step(c.id, { type: 'close', on: '2025-08-05', confirmIncomplete: true });
    expect(d.stage).toBe('closed');
    expect(d.timeline.at(-1)?.note).toMatch(/^办结时未完成：.*生成的文书齐全/);
  });

  it('ticks the checklist from the documents generated for the case, reading the 复查 notice in the .docx', async () => {
    const { document } = await app.documents.importFile(textFile('letter.txt', ['县信访局：', '请求补偿。']));
    const c = await handledToServed([document.id]);
    for (const templateId of ['shouli_gaozhi', 'chuli_yijian', 'songda_huizheng']) {
      await app.paperwork.generate({ templateId, values: SAMPLE_VALUES, caseId: c.id });
    }
    const list = app.cases.get(c.id).checklist;
    expect(list.filter((x) => !x.done)).toEqual([]);
    expect(list.map((x) => x.label)).toContain('处理意见书含复查告知（30 日内向上一级机关请求复查）');
    const d = await step(c.id, { type: 'close', on: '2025-08-05' });
    expect(d.stage).toBe('closed');
    expect(d.timeline.at(-1)?.note).toBeNull();
  });

  it('lists the dated tasks of filed notices beside the case clocks, coloured by the same rule', async () => {
    const { document } = await app.documents.importFile(
      textFile('notice.txt', ['关于报送材料的通知', '请于8月8日前报送。']),
    );
    const detail = await app.documents.get(document.id);
    await app.documents.save(document.id, {
      ...detail.fields,
      docNumber: '冀信办〔2025〕9号',
      title: '关于报送材料的通知',
      deadlines: [
        {
          due: '2025-08-08',
          dueText: '8月8日前',
          task: '报送材料',
          reportTo: '市信访局',
          withinDays: null,
          unit: null,
        },
        { due: null, dueText: '收到后15日内', task: '反馈', reportTo: null, withinDays: 15, unit: '日' },
        // Due before the notice was filed: history, not work.
        { due: '2025-07-01', dueText: '7月1日前', task: '旧任务', reportTo: null, withinDays: null, unit: null },
      ],
    });
    let due = app.cases.due();
    expect(due.tasks).toEqual([
      expect.objectContaining({
        documentId: document.id,
        docNumber: '冀信办〔2025〕9号',
        task: '报送材料',
        due: '2025-08-08',
        status: 'due_soon',
        daysLeft: 3,
      }),
    ]);
    at('2025-08-11');
    due = app.cases.due();
    expect(due.tasks[0]).toMatchObject({ status: 'overdue', daysLeft: -3 });
    // A notice still in review is not work yet.
    const { document: pending } = await app.documents.importFile(textFile('n2.txt', ['通知', '请于9月1日前报送。']));
    expect(app.cases.due().tasks.map((t) => t.documentId)).not.toContain(pending.id);
  });

  it('counts a rule in 工作日 or without roll-over once settings say so, and refuses an unknown rule', async () => {
    const c = await app.cases.register(input());
    expect(app.cases.get(c.id).deadlines[0]).toMatchObject({
      ruleId: 'register_and_route',
      unit: 'day',
      due: '2025-08-19',
    });
    let s = await app.cases.updateSettings({ ruleSettings: { register_and_route: { unit: 'workday' } } });
    expect(s.rules.find((r) => r.id === 'register_and_route')).toMatchObject({ unit: 'workday', customised: true });
    // 15 工作日 from 2025-08-04 (a Monday): 2025-08-25.
    expect(app.cases.get(c.id).deadlines[0]).toMatchObject({ unit: 'workday', due: '2025-08-25' });
    s = await app.cases.updateSettings({ ruleSettings: { register_and_route: null } });
    expect(s.rules.find((r) => r.id === 'register_and_route')).toMatchObject({ unit: 'day', customised: false });
    await expect(app.cases.updateSettings({ ruleSettings: { no_such_rule: { unit: 'day' } } })).rejects.toMatchObject({
      code: 'case.unknown_rule',
    });
    // Kept across a restart.
    await app.cases.updateSettings({ ruleSettings: { handle_and_reply: { rollOver: 'none' } } });
    await app.close();
    app = await open();
    expect(app.cases.settings().rules.find((r) => r.id === 'handle_and_reply')).toMatchObject({ rollOver: 'none' });
  });

  it('keeps ID numbers and phones out of the log', async () => {
    const lines: string[] = [];
    const keep = (m: string, d?: unknown) => void lines.push(m + JSON.stringify(d ?? {}));
    await app.close();
    app = await createApp({
      dataDir: dir,
      logger: { debug: keep, info: keep, warn: keep, error: keep },
      reader: createTextReader(),
      extract: lineExtract,
      now: () => clock,
      watch: false,
    });
    const c = await app.cases.register(input());
    await step(c.id, { type: 'accept', on: '2025-08-05' });
    await app.cases.exportStatistics({ year: 2025 });
    await expect(
      app.cases.register(input({}, { petitioners: [{ ...zhang, idNumber: '110101198001011233' }] })),
    ).rejects.toThrow();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(zhang.idNumber);
    expect(lines.join('\n')).not.toContain(zhang.phone);
  });
});
