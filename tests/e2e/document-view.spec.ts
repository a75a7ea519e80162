import { join } from 'node:path';
import { expect, test } from './fixtures';
import { corpusDir } from './paths';

const PDF = join(corpusDir, 'docs', 'c01', 'doc.pdf');

test('a three-page PDF is filed and its document view pages through the original images and shows the fields', async ({
  app,
}) => {
  const importPage = await app.gotoImport();
  await importPage.importFiles([PDF]);
  await importPage.expectStatus('doc.pdf', 'done');
  await importPage.openReview('doc.pdf');

  const review = app.review();
  await review.waitLoaded();
  await expect(review.field('文号')).toHaveValue('国发〔2018〕44号');
  await review.save();
  await expect(app.stats).toHaveText('已归档 1 份 · 待审核 0 份');

  const documentView = app.document();
  await documentView.waitImage();
  await expect(app.page.getByText('第 1 页 / 共 3 页')).toBeVisible();
  await app.page.getByRole('listitem', { name: '下一页' }).click();
  await expect(app.page.getByRole('img', { name: '原件第2页' })).toBeVisible();
  await expect(documentView.field('发文机关')).toHaveText('国务院');
  await expect(app.page.getByLabel('第2页文字')).toBeVisible();

  await app.page.getByRole('button', { name: /^(edit\s+)?修改$/ }).click();
  await expect(app.page).toHaveURL(/#\/review\//);
  await expect(review.field('文号')).toHaveValue('国发〔2018〕44号');
});
