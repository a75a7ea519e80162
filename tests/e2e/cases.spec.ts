import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test } from './fixtures';
import { CasePage, DashboardPage, RegisterCasePage, StatisticsPage } from './pages/cases-pages';
import { corpusDir } from './paths';

/** A scanned single-page 来信 (fictional petitioner) from the corpus. */
const LETTER = join(corpusDir, 'letters', 'l02', 'scan-1.jpg');
/** The server reads its clock from this file on every call (electron/cli/test-clock.ts). */
const CLOCK = join(tmpdir(), `xfd-e2e-clock-${process.pid}`);
const setClock = (date: string) => writeFile(CLOCK, date);

test.beforeAll(async () => {
  await setClock('2024-12-05');
  process.env.XFD_NOW_FILE = CLOCK;
});
test.afterAll(() => {
  delete process.env.XFD_NOW_FILE;
});

test('a scanned letter becomes a case that is walked from 转送 to 复查 while the dashboard colours follow the clock, and the statistics export', async ({
  app,
  page,
}) => {
  // Real OCR of the letter plus a dozen screens: longer than the default budget.
  test.setTimeout(600_000);
  const importPage = await app.gotoImport();
  await importPage.importFiles([LETTER]);
  await importPage.expectStatus('scan-1.jpg', 'done');

  const form = await RegisterCasePage.open(page);
  await form.prefillFrom('scan-1.jpg');
  await expect(form.field('信访人姓名')).toHaveValue('李国庆');
  await expect(form.field('诉求')).not.toHaveValue('');
  await expect(form.field('收到日期')).toHaveValue('2024-12-05');
  await form.field('内容分类').fill('农村土地');
  await form.field('登记人').fill('李登记');
  await app.screenshot('case-register');
  const c: CasePage = await form.register();
  await expect(page.getByRole('heading', { name: 'XF-2024-0001' })).toBeVisible();
  // 15 日 from 收到 2024-12-05: 2024-12-20.
  await expect(c.deadlines).toContainText('2024-12-20');

  const dashboard = await DashboardPage.open(page);
  await expect(dashboard.group('办理中')).toContainText('XF-2024-0001');
  await setClock('2024-12-17'); // three workdays before the 20th
  await dashboard.refresh();
  await expect(page.getByText('今天 2024-12-17')).toBeVisible();
  await expect(dashboard.group('3 个工作日内到期')).toContainText('XF-2024-0001');
  await expect(dashboard.group('3 个工作日内到期').locator('[data-status=due_soon]')).toBeVisible();
  await setClock('2024-12-23');
  await dashboard.refresh();
  await expect(page.getByText('今天 2024-12-23')).toBeVisible();
  await expect(dashboard.group('已逾期')).toContainText('逾期 3 日');
  await expect(dashboard.group('已逾期').locator('[data-status=overdue]')).toBeVisible();
  await app.screenshot('dashboard');

  await dashboard.group('已逾期').getByRole('link', { name: 'XF-2024-0001' }).click();
  const walk = new CasePage(page);
  await walk.step('转送', { 接收机关: '郸城县自然资源局' });
  await setClock('2024-12-30');
  await walk.step('受理告知');
  await expect(walk.stage).toHaveText('办理中');
  await setClock('2025-02-20');
  await walk.step('延期（经负责人批准）', { 延长天数: '30', 批准人: '赵局长', 理由: '需现场测量' });
  await walk.step('延期告知');
  await setClock('2025-03-10');
  await walk.step('出具信访处理意见书', {}, { 处理意见: '予以支持' });
  await walk.step('送达');
  await setClock('2025-03-20');
  await walk.step('收到复查请求');
  await expect(walk.stage).toHaveText('复查中');
  await expect(walk.timeline).toContainText('2024-12-30 受理告知');
  await expect(walk.timeline).toContainText('2025-03-20 收到复查请求');
  await expect(walk.deadlines).toContainText('复查');
  await app.screenshot('case');

  // A step out of order is not offered at all.
  await expect(page.getByLabel('下一步').getByRole('button', { name: '送达', exact: true })).toHaveCount(0);

  const stats = await StatisticsPage.open(page);
  await stats.year(2025);
  await expect(page.getByLabel('统计期间说明')).toContainText('2024-12-21 至 2025-12-20');
  await stats.year(2024);
  await expect(page.getByLabel('统计期间说明')).toContainText('2023-12-21 至 2024-12-20');
  await expect(page.getByRole('img', { name: '来信 1 件次' })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /导出\s?Excel/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('信访统计-2023-12-21至2024-12-20.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(await file.path())) as unknown as ArrayBuffer);
  const list = wb.getWorksheet('信访件清单')!.getSheetValues().flat().map(String).join('|');
  expect(list).toContain('XF-2024-0001');
  expect(list).toContain('411625********0378');
  expect(list).not.toContain('411625196308170378');
});
