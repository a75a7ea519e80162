import { userInfo } from 'node:os';
import type { APIRequestContext, Page } from '@playwright/test';
import { callApi, expect, test, type ServerInfo } from './fixtures';

/** Issue 8: 设置 → 备份与恢复, and the 修改记录 panels of a document and a case. Data is seeded through the API. */

const call = <T>(request: APIRequestContext, server: ServerInfo, name: string, input: unknown) =>
  callApi<T>(request, server, name, input);

interface Doc {
  id: string;
  fields: Record<string, unknown>;
}

/** Imports a small text notice and files it under `title`. */
async function fileNotice(request: APIRequestContext, server: ServerInfo, title: string): Promise<Doc> {
  const lines = ['某县信访局', '某信发〔2026〕7号', title, '各乡镇：', '现将有关事项通知如下。', '2026年3月2日'];
  const text = Buffer.from(lines.join('\n'), 'utf8').toString('base64');
  const { document } = await call<{ document: Doc }>(request, server, 'intake.importFile', {
    name: '通知.txt',
    dataBase64: text,
  });
  return call<Doc>(request, server, 'documents.save', {
    id: document.id,
    fields: { ...document.fields, title, docNumber: '某信发〔2026〕7号', issuingBodies: ['某县信访局'] },
  });
}

const openRoute = (page: Page, server: ServerInfo, route: string) => page.goto(`${server.url}#/${route}`);

test('备份与恢复: a backup is written with its result shown and listed, then verified for a restore at the next start', async ({
  app,
  server,
  page,
}) => {
  // Starting a server per test dominates on a loaded machine (about 2 minutes at load 25 on 2 cores).
  test.slow();
  await fileNotice(page.request, server, '关于备份测试的通知');
  await app.gotoSettings();
  const card = page.locator('.ant-card').filter({ has: page.getByText('备份与恢复', { exact: true }) });
  await card.getByRole('button', { name: '立即备份' }).click();
  const result = card.getByLabel('备份结果');
  await expect(result).toContainText(/备份完成：\d+ 个文件/);
  await expect(result.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  const name = /信访文书台备份-\d{8}-\d{6}\.zip/;
  await expect(result).toContainText(name);
  // The new backup is listed in the card; 选用 puts its path in the restore box.
  const listed = card.locator('.ant-list-item').filter({ hasText: name });
  await expect(listed).toHaveCount(1);
  await listed.getByRole('button', { name: '选用' }).click();
  await expect(card.getByLabel('要恢复的备份文件')).toHaveValue(/backups[\\/]full[\\/]信访文书台备份-.*\.zip$/);

  await card.getByRole('button', { name: '恢复备份' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '校验并恢复' }).click();
  await expect(page.getByText(/备份已校验（\d+ 个文件.*请重新启动程序以完成恢复/)).toBeVisible();
  const pending = card.getByRole('status').filter({ hasText: '已校验的备份将在下次启动时恢复' });
  await expect(pending).toContainText('请关闭并重新启动程序');

  // A path that is not a backup is refused in Chinese and the pending restore stays as it was.
  await card.getByLabel('要恢复的备份文件').fill('/不存在/备份.zip');
  await card.getByRole('button', { name: '恢复备份' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '校验并恢复' }).click();
  await expect(card.getByRole('alert')).toContainText('找不到备份文件');
  await expect(pending).toBeVisible();
});

test('修改记录: a document’s and a case’s changes are listed with who, when and the value before and after', async ({
  app,
  server,
}) => {
  test.slow();
  const { page } = app;
  const doc = await fileNotice(page.request, server, '关于原标题的通知');
  await call(page.request, server, 'documents.save', {
    id: doc.id,
    fields: { ...doc.fields, title: '关于更正后标题的通知' },
  });
  await openRoute(page, server, `documents/${doc.id}`);
  const docPanel = page.getByLabel('修改记录');
  await docPanel.getByRole('button', { name: /查看修改记录/ }).click();
  const corrected = docPanel.getByRole('row').filter({ hasText: '更正要素' });
  await expect(corrected).toContainText('标题：关于原标题的通知 → 关于更正后标题的通知');
  await expect(corrected).toContainText(userInfo().username);
  await expect(corrected).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  await expect(docPanel.getByRole('row').filter({ hasText: '导入' })).toHaveCount(1);

  const c = await call<{ id: string; number: string }>(page.request, server, 'cases.register', {
    fields: {
      form: 'letter',
      petitioners: [{ name: '张三', idNumber: '', phone: '13812345678', address: '某省某县某村1号' }],
      headcount: 1,
      region: '某省某县',
      topic: '城乡建设',
      claimRoute: 'opinion',
      summary: '房屋拆迁补偿未落实。',
      request: '请求落实补偿。',
      documentIds: [],
    },
    receivedOn: '2026-03-02',
    by: '李登记',
    source: 'direct',
    category: 'claim',
  });
  await openRoute(page, server, `cases/${c.id}`);
  await expect(page.getByRole('heading', { name: c.number })).toBeVisible();
  // The change itself goes through the case page's own dialog.
  await page.getByRole('button', { name: '修改登记信息' }).click();
  const edit = page.getByRole('dialog', { name: '修改登记信息' });
  await edit.getByLabel('修改内容分类', { exact: true }).fill('农村土地');
  await edit.getByLabel('修改理由', { exact: true }).fill('分类写得不准');
  await edit.getByLabel('修改经办人', { exact: true }).fill('钱修改');
  await edit.getByRole('button', { name: /保存修改/ }).click();
  await expect(edit).toBeHidden();

  const casePanel = page.getByLabel('修改记录');
  await casePanel.getByRole('button', { name: /查看修改记录/ }).click();
  const changed = casePanel.getByRole('row').filter({ hasText: '修改登记信息' });
  await expect(changed).toContainText('钱修改');
  await expect(changed).toContainText('内容分类：城乡建设 → 农村土地');
  await expect(changed).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  await expect(casePanel.getByRole('row').filter({ hasText: '登记' }).filter({ hasText: '李登记' })).toHaveCount(1);
});
