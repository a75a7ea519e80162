import { expect, test } from './fixtures';
import { PaperworkPage } from './pages/paperwork-page';

test('a 受理告知书 is filled from the office details, previewed, refused while a field is missing, then generated with the next 文号', async ({
  app,
}) => {
  // Profile, preview, generation and two downloads: more steps than the other specs, so a longer budget.
  test.slow();
  const paperwork = new PaperworkPage(app.page);
  await paperwork.open();
  await paperwork.saveProfile({ 发文机关署名: '临川市人民政府信访局', 机关代字: '临信' });

  await paperwork.chooseTemplate('信访事项受理告知书');
  // The office details are the defaults of the form.
  await expect(paperwork.field('机关代字')).toHaveValue('临信');
  await paperwork.field('信访人').fill('张秀兰');
  await paperwork.field('收到日期').fill('2026-02-20');
  await expect(app.page.getByText('缺少必填字段“处理途径”')).toBeVisible();
  await expect(app.page.getByRole('button', { name: '生成文书' })).toBeDisabled();

  await paperwork.field('处理途径').fill('本机关将调查核实，出具信访处理意见书。');
  await expect(paperwork.preview).toContainText('张秀兰：');
  await expect(paperwork.preview).toContainText('2026年2月20日收到');
  await expect(app.page.getByText(/将编文号 临信受告〔\d{4}〕1号/)).toBeVisible();
  await paperwork.generate();
  await expect(app.page.getByText(/已生成，文号 临信受告〔\d{4}〕1号/)).toBeVisible();
  await app.screenshot('paperwork-generate');

  // In the browser the word processor cannot be started: the document is offered as a download instead.
  const download = app.page.waitForEvent('download');
  await app.page.getByRole('button', { name: '下载', exact: true }).click();
  expect((await download).suggestedFilename()).toMatch(/^临信受告〔\d{4}〕1号-.+\.docx$/);

  await paperwork.tab('发文登记');
  const register = app.page.getByRole('table', { name: '发文登记' });
  await expect(register).toContainText('信访事项受理告知书');
  const again = app.page.waitForEvent('download');
  await register.getByRole('button', { name: '下载' }).first().click();
  expect((await again).suggestedFilename()).toMatch(/\.docx$/);
});

test('an edited template is saved as a new version and can be reset to the shipped text', async ({ app }) => {
  const paperwork = new PaperworkPage(app.page);
  await paperwork.open();
  await paperwork.tab('文书模板');
  await paperwork.pick('选择模板', '信访事项延期办理告知书');
  const title = app.page.getByRole('textbox', { name: '标题', exact: true });
  await expect(title).toHaveValue('信访事项延期办理告知书');
  await title.fill('信访事项延期办理告知');
  await app.page.getByRole('button', { name: '保存新版本' }).click();
  await expect(app.page.getByText('已保存为第 2 版')).toBeVisible();
  await app.page.getByRole('button', { name: '恢复内置模板' }).click();
  await app.page.getByRole('button', { name: '恢复', exact: true }).click();
  await expect(app.page.getByText(/已恢复为内置模板（第 3 版）/)).toBeVisible();
  await expect(title).toHaveValue('信访事项延期办理告知书');
});

test('the template editor shows an unknown field with its line and column and will not save it', async ({ app }) => {
  const paperwork = new PaperworkPage(app.page);
  await paperwork.open();
  await paperwork.tab('文书模板');
  await paperwork.pick('选择模板', '信访事项延期办理告知书');
  const title = app.page.getByRole('textbox', { name: '标题', exact: true });
  await expect(title).toHaveValue('信访事项延期办理告知书');
  await title.fill('信访事项延期办理告知书{信访人姓名}');
  const alert = app.page.getByRole('alert').filter({ hasText: '模板有 1 处错误' });
  await expect(alert).toContainText('标题 第 1 行第 12 列');
  await expect(alert).toContainText('未知字段“信访人姓名”');
  await expect(app.page.getByRole('button', { name: '保存新版本' })).toBeDisabled();
  await app.screenshot('paperwork-template-editor');
});
