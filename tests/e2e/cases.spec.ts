import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { CasePage, DashboardPage, RegisterCasePage, StatisticsPage } from './pages/cases-pages';
import { corpusDir } from './paths';

/** A scanned single-page 来信 (fictional petitioner) from the corpus. */
const LETTER = join(corpusDir, 'letters', 'l02', 'scan-1.jpg');
/** The server reads its clock from this file on every call (electron/cli/test-clock.ts). */
const CLOCK = join(tmpdir(), `xfd-e2e-clock-${process.pid}`);
const setClock = (date: string) => writeFile(CLOCK, date);

/**
 * Screenshots wait for toasts to go. On a loaded machine antd's leave animation sometimes never reports its end and
 * the faded toast stays in the DOM for good; one already leaving is invisible, so it is dropped before the picture.
 */
async function screenshot(app: { screenshot(name: string): Promise<void> }, page: Page, name: string): Promise<void> {
  await page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 8_000 })
    .catch(() => undefined);
  await page.evaluate(() => {
    for (const n of document.querySelectorAll('.ant-message-fade-leave')) n.remove();
  });
  await app.screenshot(name);
}

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
  // Bad input: an ID number whose check digit is wrong is refused with a Chinese message and nothing is saved.
  const id = await form.field('身份证号码').inputValue();
  await form.field('身份证号码').fill(id.slice(0, 17) + (id.endsWith('1') ? '2' : '1'));
  await form.submit();
  await expect(page.locator('.ant-alert-description').getByText(/末位校验码不对/)).toBeVisible();
  await expect(page.getByRole('heading', { name: '登记信访件' })).toBeVisible();
  await form.field('身份证号码').fill(id);
  await screenshot(app, page, 'case-register');
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
  await screenshot(app, page, 'dashboard');

  await dashboard.group('已逾期').getByRole('link', { name: 'XF-2024-0001' }).click();
  const walk = new CasePage(page);
  await walk.step('转送', { 接收机关: '郸城县自然资源局' });
  // A mistake is put right by a recorded correction: the original stays, struck through, beside the reason.
  await walk.amend('2024-12-23', '转送', { 接收机关: '郸城县自然资源和规划局' }, '接收机关名称写错');
  await expect(walk.timeline).toContainText('转送至 郸城县自然资源和规划局');
  await expect(walk.timeline).toContainText('已更正');
  // 登记 fields change only with a reason, and the change is listed beside the timeline.
  await page.getByRole('button', { name: '修改登记信息' }).click();
  const edit = page.getByRole('dialog', { name: '修改登记信息' });
  await edit.getByLabel('修改内容分类', { exact: true }).fill('农村土地承包');
  await edit.getByLabel('修改理由', { exact: true }).fill('分类写得不准');
  await edit.getByRole('button', { name: /保存修改/ }).click();
  await expect(edit).toBeHidden();
  await expect(walk.timeline).toContainText('修改登记信息（内容分类）：分类写得不准');
  await setClock('2024-12-30');
  await walk.step('受理告知');
  await expect(walk.stage).toHaveText('办理中');
  await setClock('2025-02-20');
  await walk.step('延期（经负责人批准）', { 延长天数: '30', 批准人: '赵局长', 理由: '需现场测量' });
  await walk.step('延期告知');
  await setClock('2025-03-10');
  await walk.step('出具信访处理意见书', {}, { 处理意见: '予以支持' });
  await walk.step('送达');
  // The 办结 checklist: told, served, but the 告知书 and 处理意见书 were never generated for this case.
  await expect(walk.checklist).toContainText('意见书已送达并记录送达日期');
  await expect(walk.checklist).toContainText('告知书类型正确（应为受理告知书）');
  await expect(walk.checklist).toContainText('尚未生成处理意见书');
  await expect(walk.checklist).toContainText('缺少：转送函、延期办理告知书、处理意见书、送达回证');
  await setClock('2025-03-20');
  await walk.step('收到复查请求');
  await expect(walk.stage).toHaveText('复查中');
  await expect(walk.timeline).toContainText('2024-12-30 受理告知');
  await expect(walk.timeline).toContainText('2025-03-20 收到复查请求');
  await expect(walk.deadlines).toContainText('复查');
  await screenshot(app, page, 'case');

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
