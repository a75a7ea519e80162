import { join } from 'node:path';
import { expect, test } from './fixtures';
import { corpusDir } from './paths';

const SCAN = join(corpusDir, 'docs', 'p01', 'scan-1.jpg');
const BODY = '贵州省人民政府';
const DOC_NUMBER = '黔府函〔2013〕238号';
const TITLE = '贵州省人民政府关于同意凤冈县天桥乡何坝乡新建乡王寨乡撤乡设镇的批复';
const CORRECTED_TITLE = `${TITLE}（已核对）`;

test('a scanned 批复 is imported, corrected on the review screen, filed, and then found by 文号 fragment, by a word of its body and in the archive', async ({
  app,
}) => {
  const importPage = await app.gotoImport();
  await app.screenshot('import-empty');
  await importPage.importFiles([SCAN]);
  await importPage.expectStatus('scan-1.jpg', 'done');
  await expect(importPage.item('scan-1.jpg')).toContainText('完成');
  await app.screenshot('import');

  await importPage.openReview('scan-1.jpg');
  const review = app.review();
  await review.waitLoaded();
  await expect(review.field('文号')).not.toHaveValue('');
  await expect(review.tags('发文机关')).toContainText([BODY]);
  await expect(review.field('成文日期')).toHaveValue('2013-11-16');
  await review.fill('文号', DOC_NUMBER);
  await review.fill('标题', CORRECTED_TITLE);
  await app.screenshot('review');
  await review.save();
  await expect(app.stats).toHaveText('已归档 1 份 · 待审核 0 份');

  const documentView = app.document();
  await documentView.expectTitle(CORRECTED_TITLE);
  await documentView.waitImage();
  await expect(documentView.field('文号')).toHaveText(DOC_NUMBER);
  await app.screenshot('document');

  const search = await app.gotoSearch();
  await search.search('〔2013〕238号');
  await expect(search.hit(CORRECTED_TITLE)).toContainText(DOC_NUMBER);
  await search.search('石桥社区');
  await expect(search.hit(CORRECTED_TITLE).locator('mark').first()).toHaveText('石桥社区');
  await app.screenshot('search');
  await search.hit(CORRECTED_TITLE).getByRole('link', { name: CORRECTED_TITLE }).click();
  await documentView.expectTitle(CORRECTED_TITLE);

  const archive = await app.gotoArchive();
  await expect(archive.row(BODY, 2013, CORRECTED_TITLE)).toContainText(DOC_NUMBER);
  await expect(archive.row(BODY, 2013, CORRECTED_TITLE)).toContainText('2013年11月16日');
  await app.screenshot('archive');
});
