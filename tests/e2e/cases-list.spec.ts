import { callApi, expect, test } from './fixtures';
import { CasesListPage, DashboardPage } from './pages/cases-pages';

/**
 * Issue 8 item 6 (20,000 cases): the 信访件 list comes a page at a time with the count of each status tab, and
 * the page, tab and query stay in the address so that coming back from a case returns to the same place.
 */
test('the 信访件 list pages on the core, counts its status tabs, finds by name and keeps its page when coming back; the 工作台 pages its groups', async ({
  app,
  server,
}) => {
  const call = <T>(name: string, input: unknown) => callApi<T>(app.page.request, server, name, input);
  const register = (name: string, receivedOn: string) =>
    call<{ id: string; number: string }>('cases.register', {
      fields: {
        form: 'letter',
        petitioners: [{ name, idNumber: '', phone: '', address: `某县某镇${name}家` }],
        headcount: 1,
        region: '河北省石家庄市长安区',
        topic: '城乡建设',
        claimRoute: 'opinion',
        summary: `${name}反映房屋拆迁补偿问题。`,
        request: `${name}请求落实拆迁补偿款。`,
        documentIds: [],
      },
      receivedOn,
      by: '李登记',
      source: 'direct',
      category: 'claim',
    });
  // 23 letters received long ago (their 15-day clocks have run out) and one received today.
  const names = Array.from({ length: 23 }, (_, i) => `测试人${String(i + 1).padStart(2, '0')}`);
  for (const n of names) await register(n, '2024-03-04');
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  await register('今日来信人', today);

  const page = app.page;
  const list = await CasesListPage.open(page);
  await expect(list.tab('全部 24')).toBeVisible();
  await expect(list.tab('已逾期 23')).toBeVisible();
  await expect(list.tab('已办结 0')).toBeVisible();
  await expect(page.getByText('共 24 件')).toBeVisible();
  await expect(list.rows).toHaveCount(20);

  await list.tab('已逾期 23').click();
  await expect(page.getByText('共 23 件')).toBeVisible();
  await expect(list.rows.filter({ hasText: '今日来信人' })).toHaveCount(0);
  await page.locator('.ant-pagination-item-2').click();
  await expect(list.rows).toHaveCount(3);
  const target = list.rows.first();
  const number = (await target.locator('td').first().innerText()).trim();
  await target.locator('a').first().click();
  await expect(page.getByRole('heading', { name: new RegExp(number) })).toBeVisible();
  // 返回信访件列表 comes back to the same tab and page; so does the browser's 后退 after a row click.
  const samePlace = async () => {
    await expect(list.tab('已逾期 23')).toHaveAttribute('aria-selected', 'true');
    await expect(list.rows).toHaveCount(3);
    await expect(list.rows.first()).toContainText(number);
  };
  await page.getByRole('link', { name: '返回信访件列表' }).click();
  await samePlace();
  await list.rows.first().locator('td').nth(3).click();
  await expect(page.getByRole('heading', { name: new RegExp(number) })).toBeVisible();
  await page.goBack();
  await samePlace();

  await list.tab('已办结 0').click();
  await expect(page.getByText('没有已办结的信访件。')).toBeVisible();
  await list.tab('全部 24').click();
  await list.search('测试人07');
  await expect(list.rows).toHaveCount(1);
  await expect(list.rows.first()).toContainText('测试人07');
  await expect(list.tab('全部 1')).toBeVisible();
  await list.search('没有这个人');
  await expect(page.getByText('没有符合「没有这个人」的信访件。')).toBeVisible();

  // The 工作台 gets ten clocks of a group at a time from the core.
  const board = await DashboardPage.open(page);
  const overdue = board.group('已逾期');
  await expect(overdue).toContainText('已逾期（23）');
  await expect(overdue.locator('.ant-list-item')).toHaveCount(10);
  await expect(board.group('办理中').locator('.ant-list-item')).toHaveCount(1);
  // Each page is shown (its number in the pager) before the next click, so no click lands on a page on its way.
  for (const n of ['2', '3']) {
    await overdue.locator('.ant-pagination-next').click();
    await expect(overdue.locator('.ant-pagination-simple-pager input')).toHaveValue(n);
  }
  await expect(overdue.locator('.ant-list-item')).toHaveCount(3);
});
