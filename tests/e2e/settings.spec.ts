import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { corpusDir } from './paths';

test('setting a watched folder refuses a relative path, then imports a text file dropped into the folder into the review queue', async ({
  app,
  workDir,
}) => {
  const settings = await app.gotoSettings();
  await settings.watch('扫描件/收文');
  await settings.expectError('不是完整路径');

  const inbox = join(workDir, 'inbox');
  await mkdir(inbox);
  await settings.watch(inbox);
  await expect(settings.status).toContainText('正在监视');
  await expect(settings.status).toContainText(inbox);

  await writeFile(
    join(inbox, '监视通知.txt'),
    ['国家信访局', '国信发〔2021〕9号', '国家信访局关于监视文件夹的通知', '2021年5月6日'].join('\n'),
    'utf8',
  );
  await expect(settings.counts).toHaveText('已导入 1 个，失败 0 个，等待导入 0 个', { timeout: 20_000 });
  await expect(app.page.getByText('监视通知.txt')).toBeVisible();
  await app.screenshot('settings');

  await settings.stopWatching();
  await expect(settings.status).toContainText('未启用');
});

test('a file waiting behind a scan can be cancelled with 取消 and imported later with 重试', async ({
  app,
  workDir,
}) => {
  const scan = join(workDir, '扫描件.jpg');
  const note = join(workDir, '通知.txt');
  await copyFile(join(corpusDir, 'docs', 'p01', 'scan-1.jpg'), scan);
  await copyFile(join(corpusDir, 'docs', 'c01', 'text.txt'), note);
  const importPage = await app.gotoImport();
  await importPage.importFiles([scan, note]);
  await expect(importPage.item('通知.txt')).toHaveAttribute('data-status', 'waiting');
  await importPage.item('通知.txt').getByRole('button', { name: '取消' }).click();
  await expect(importPage.item('通知.txt')).toHaveAttribute('data-status', 'cancelled');
  await expect(importPage.item('通知.txt')).toContainText('已取消');
  await expect(app.page.getByLabel('导入统计')).toContainText('已取消 1');

  await importPage.item('通知.txt').getByRole('button', { name: '重试' }).click();
  await importPage.expectStatus('通知.txt', 'done');
  await importPage.expectStatus('扫描件.jpg', 'done');
});
