import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { corpusDir } from './paths';

const CHINESE = /[\u4e00-\u9fff]/;

test('a batch with a broken PDF and a good text file shows a Chinese error for the first and still completes the second', async ({
  app,
  workDir,
}) => {
  const bad = join(workDir, '坏文件.pdf');
  const good = join(workDir, '通知.txt');
  await writeFile(bad, '这不是 PDF，只是改了扩展名的文本文件。\n', 'utf8');
  await copyFile(join(corpusDir, 'docs', 'c01', 'text.txt'), good);

  const importPage = await app.gotoImport();
  await importPage.importFiles([bad, good]);

  await importPage.expectStatus('坏文件.pdf', 'failed');
  await expect(importPage.errorOf('坏文件.pdf')).toHaveText(CHINESE);
  await importPage.expectStatus('通知.txt', 'done');
  await expect(importPage.item('通知.txt').getByRole('link', { name: '去审核' })).toBeVisible();
  await expect(app.page.getByLabel('导入统计')).toContainText('完成 1');
  await expect(app.page.getByLabel('导入统计')).toContainText('失败 1');
  await expect(app.stats).toContainText('待审核 1 份');
});

test('importing the same file twice says it was imported before and links to the existing record', async ({
  app,
  workDir,
}) => {
  const file = join(workDir, '重复.txt');
  await copyFile(join(corpusDir, 'docs', 'c01', 'text.txt'), file);

  const importPage = await app.gotoImport();
  await importPage.importFiles([file]);
  await importPage.expectStatus('重复.txt', 'done');
  await importPage.importFiles([file]);
  await expect(importPage.list.getByRole('listitem')).toHaveCount(2);
  const second = importPage.list.getByRole('listitem').nth(1);
  await expect(second).toHaveAttribute('data-status', 'duplicate');
  await expect(second).toContainText('该文件已导入过');
  await second.getByRole('link', { name: '查看已有记录' }).click();
  await expect(app.page).toHaveURL(/#\/review\//);
});
