import { callApi, expect, test } from './fixtures';
import { RegisterCasePage } from './pages/cases-pages';

/**
 * Issue 8 item 6 (100,000 documents): the 登记信访件 pickers no longer load the whole archive. They offer the review
 * queue and the 20 latest filed documents, search the archive as the user types, and name a document chosen elsewhere.
 */
test('the letter pickers offer the queue and the latest filed documents, find an older one as typed, and name one opened by address', async ({
  app,
  server,
}) => {
  const call = <T>(name: string, input: unknown) => callApi<T>(app.page.request, server, name, input);
  type Imported = { document: { id: string; fields: Record<string, unknown> } };
  const file = async (title: string, date: string, save: boolean) => {
    const lines = ['某县信访局', title, '各乡镇：', `现将${title}有关事项通知如下。`, '某县信访局', date];
    const text = Buffer.from(lines.join('\n'), 'utf8').toString('base64');
    const { document } = await call<Imported>('intake.importFile', { name: `${title}.txt`, dataBase64: text });
    if (save)
      await call('documents.save', {
        id: document.id,
        fields: { ...document.fields, title, issuingBodies: ['某县信访局'], signingDate: date, docType: '通知' },
      });
    return document.id;
  };
  const old = await file('关于黄河防汛物资储备的通知', '2010-05-01', true);
  for (let i = 1; i <= 22; i++) await file(`关于第${i}项工作安排的通知`, `2020-01-${String(i).padStart(2, '0')}`, true);
  await file('张三来信反映土地问题', '2024-11-01', false);

  const page = app.page;
  await RegisterCasePage.open(page);
  const box = page.getByLabel('选择来信扫描件');
  await box.click();
  const opts = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
  await expect(opts.filter({ hasText: '张三来信反映土地问题.txt（待审核' })).toHaveCount(1);
  await expect(opts.filter({ hasText: '关于第22项工作安排的通知（已归档' })).toHaveCount(1);
  await expect(opts.filter({ hasText: '关于第1项工作安排的通知（' })).toHaveCount(0);
  await expect(opts.filter({ hasText: '黄河' })).toHaveCount(0);
  await page.keyboard.type('黄河防汛');
  await expect(opts.filter({ hasText: '关于黄河防汛物资储备的通知（已归档' })).toHaveCount(1);
  await expect(opts).toHaveCount(1);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('不存在的词语甲乙丙');
  await expect(page.getByText('没有找到，请换个词或文号再试')).toBeVisible();
  await page.keyboard.press('Escape');

  await page.evaluate((id) => (window.location.hash = `#/cases/new?document=${id}`), old);
  await expect(page.getByText('已根据来信预填')).toBeVisible();
  await expect(
    page.locator('.ant-select-selection-item').filter({ hasText: '关于黄河防汛物资储备的通知（已归档' }).first(),
  ).toBeVisible();
  await page.getByLabel('扫描件', { exact: true }).click();
  await page.keyboard.type('第3项');
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: '关于第3项工作安排的通知' })
    .click();
  await page.keyboard.press('Escape');
  await expect(
    page.locator('.ant-select-selection-item').filter({ hasText: '关于第3项工作安排的通知（已归档' }),
  ).toBeVisible();
  await expect(page.locator('.ant-select').filter({ has: box })).toContainText('关于黄河防汛物资储备的通知（已归档');
  await expect(page.locator('.ant-select').filter({ has: page.getByLabel('扫描件', { exact: true }) })).toContainText(
    '关于黄河防汛物资储备的通知（已归档',
  );
});
