import { expect, test } from './fixtures';

const CHINESE = /[\u4e00-\u9fff]/;

test('the access token is taken out of the address bar and the empty screens explain themselves in Chinese', async ({
  app,
}) => {
  await expect(app.page).not.toHaveURL(/token=/);
  await expect(app.stats).toHaveText('已归档 0 份 · 待审核 0 份');
  await app.nav('待审核');
  await expect(app.page.getByText('没有待审核的文件。')).toBeVisible();
  await app.screenshot('review-queue-empty');
  const archive = await app.gotoArchive();
  await expect(archive.page.getByText(/档案中还没有文件/)).toBeVisible();
  await app.screenshot('archive-empty');
  await app.page.reload();
  await expect(app.stats).toHaveText('已归档 0 份 · 待审核 0 份');
});

test('opening the page without its token says how to open it properly instead of failing silently', async ({
  page,
  server,
}) => {
  await page.goto(`http://127.0.0.1:${server.port}/#/import`);
  await expect(page.getByText('无法连接本机服务')).toBeVisible();
  await page.goto(`http://127.0.0.1:${server.port}/#/archive`);
  await expect(page.getByRole('alert')).toContainText('访问');
  await expect(page.getByRole('alert')).toContainText(CHINESE);
});

test('opening a document that does not exist shows a Chinese error with a retry button', async ({ app, server }) => {
  await app.page.goto(`http://127.0.0.1:${server.port}/#/documents/no-such-document`);
  await expect(app.page.getByRole('alert')).toContainText('无法打开该文件');
  await expect(app.page.getByRole('alert')).toContainText(CHINESE);
  await expect(app.page.getByRole('button', { name: '重试' })).toBeVisible();
});
