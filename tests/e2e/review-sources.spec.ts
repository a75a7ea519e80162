import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { corpusDir } from './paths';

// OCR-like text: the province read one character off everywhere (贯州省); the extractor puts it right.
const TEXT = [
  '贯州省人民政府',
  '黔府函〔2019〕12号',
  '贯州省人民政府关于同意设立某某开发区的批复',
  '某某市人民政府：',
  '你市报来的请示收悉。现批复如下。请你市于6月底之前将建设进展情况报省发展改革委。',
  '贯州省人民政府',
  '2019年3月8日',
].join('\n');

test('the review screen says where each field stands in the recognised text and marks the repaired and unfound ones', async ({
  app,
  workDir,
}) => {
  // Imports, reviews and files: on a shared, loaded machine this takes longer than the default two minutes.
  test.setTimeout(300_000);
  const file = join(workDir, '识别文字.txt');
  await writeFile(file, TEXT, 'utf8');
  const importPage = await app.gotoImport();
  await importPage.importFiles([file]);
  await importPage.expectStatus('识别文字.txt', 'done');
  await importPage.openReview('识别文字.txt');

  const review = app.review();
  // The machine is shared: the review screen may take a while to open.
  await expect(review.field('文号')).toHaveValue('黔府函〔2019〕12号', { timeout: 60_000 });
  await expect(app.page.getByLabel('文号来源')).toContainText('与 原文第 1 页第 2 行识别文字一致');
  const bodies = app.page.getByLabel('发文机关来源');
  await expect(review.tags('发文机关')).toContainText(['贵州省人民政府']);
  await expect(bodies).toContainText('已修正');
  await expect(bodies).toContainText('原文第 1 页第 1 行识别为“贯州省人民政府”，请对照原件核对');
  await expect(app.page.getByLabel('标题来源')).toContainText('已修正');
  await expect(app.page.getByLabel('成文日期来源')).toContainText('与 原文第 1 页第 7 行识别文字一致');
  await app.screenshot('review-sources');

  // A value typed by hand that the text does not hold is marked too.
  await review.fill('文号', '京政发〔2020〕5号');
  await expect(app.page.getByLabel('文号来源')).toContainText('未找到');
  await expect(app.page.getByLabel('文号来源')).toContainText('识别文字中没有逐字找到');

  // The deadline the text sets is shown for confirming and kept with the filed document.
  await expect(app.page.getByLabel('办理时限列表')).toContainText('2019年6月30日前（6月底之前）');
  await expect(app.page.getByLabel('办理时限列表')).toContainText('报省发展改革委');
  await review.save();
  const documentView = app.document();
  await expect(documentView.field('办理时限')).toContainText('2019年6月30日前（6月底之前）');
});

test('on a scan, focusing 文号 frames where it was read on the page and shows how sure OCR was; an alternative fills the field', async ({
  app,
}) => {
  // OCR of a full page on a shared, loaded machine.
  test.setTimeout(300_000);
  const scan = join(corpusDir, 'docs', 'p01', 'scan-1.jpg');
  const importPage = await app.gotoImport();
  await importPage.importFiles([scan]);
  await importPage.expectStatus('scan-1.jpg', 'done');
  await importPage.openReview('scan-1.jpg');
  const review = app.review();
  await review.waitLoaded();
  await expect(review.field('文号')).not.toHaveValue('', { timeout: 60_000 });

  // Hovering a field frames it; so does focusing it from the keyboard.
  await review.field('文号').hover();
  await review.field('文号').focus();
  const frame = app.page.getByRole('img', { name: '文号在原件中的位置' });
  await expect(frame.first()).toBeVisible({ timeout: 30_000 });
  // The frame lies inside the page image.
  const image = await app.page.getByRole('img', { name: '原件第1页' }).boundingBox();
  const box = await frame.first().boundingBox();
  expect(image && box).toBeTruthy();
  expect(box!.x).toBeGreaterThanOrEqual(image!.x - 4);
  expect(box!.y).toBeGreaterThanOrEqual(image!.y - 4);
  expect(box!.x + box!.width).toBeLessThanOrEqual(image!.x + image!.width + 4);
  expect(box!.y + box!.height).toBeLessThanOrEqual(image!.y + image!.height + 4);
  await expect(app.page.getByLabel('文号置信度')).toContainText(/识别置信度 \d+%/);
  await app.screenshot('review-highlight');

  // Changing 成文日期 by hand offers the extractor's suggestion back as a one-click choice.
  const suggested = await review.field('成文日期').inputValue();
  await review.field('成文日期').focus();
  await review.field('成文日期').fill('2000-01-01');
  await review.field('成文日期').press('Enter');
  const back = app.page.getByLabel('成文日期候选').getByRole('button', { name: new RegExp(suggested) });
  await back.click();
  await expect(review.field('成文日期')).toHaveValue(suggested);
});
