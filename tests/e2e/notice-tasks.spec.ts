import { callApi, expect, test } from './fixtures';

/** Issues 3 and 5 follow-ups: a .txt document shows its text where a page image would be; a notice's task is marked done and undone. */

/** A day `n` days from today in 北京时间, as the core counts deadlines. */
const dayFromToday = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

const LINES = [
  '青禾县信访局',
  '青信发〔2026〕5号',
  '关于报送信访积案化解情况的通知',
  '各乡镇人民政府：',
  '请于规定时间前报送化解情况和整改台账。',
  '青禾县信访局',
];

test('a text file shows its text instead of a page image, and a notice task is marked done on the 工作台 and undone on its page', async ({
  app,
  server,
}) => {
  // Seeded through the API (import of a text file, then filed with two dated tasks): the UI under test comes after.
  const call = <T>(name: string, input: unknown) => callApi<T>(app.page.request, server, name, input);

  const { document } = await call<{ document: { id: string; fields: Record<string, unknown> } }>('intake.importFile', {
    name: '积案通知.txt',
    dataBase64: Buffer.from(LINES.join('\n'), 'utf8').toString('base64'),
  });
  const task = (due: string, what: string) => ({
    due,
    dueText: `${Number(due.slice(5, 7))}月${Number(due.slice(8, 10))}日前`,
    task: what,
    reportTo: '县信访局',
    withinDays: null,
    unit: null,
  });
  await call('documents.save', {
    id: document.id,
    fields: {
      ...document.fields,
      docNumber: '青信发〔2026〕5号',
      title: '关于报送信访积案化解情况的通知',
      deadlines: [task(dayFromToday(20), '报送化解情况'), task(dayFromToday(40), '报送整改台账')],
    },
  });
  const go = (hash: string) => app.page.evaluate((h) => (window.location.hash = h), hash);

  // Review screen: the text in place of the page image, and no error.
  await go(`#/review/${document.id}`);
  await expect(app.page.getByText('文本文件，无页面图像')).toBeVisible({ timeout: 30_000 });
  await expect(app.page.getByLabel('文本第1页')).toContainText('请于规定时间前报送化解情况和整改台账。');
  await expect(app.page.getByText('页面图像加载失败')).toHaveCount(0);

  // 工作台: both tasks running; one is marked done with who and a note, and leaves the count.
  await go('#/dashboard');
  const running = app.page.getByLabel('办理中', { exact: true });
  await expect(running.getByText('办理中（2）')).toBeVisible();
  await app.page.getByRole('button', { name: /^标记完成 青信发〔2026〕5号 报送化解情况/ }).click();
  const dialog = app.page.getByRole('dialog');
  await dialog.getByLabel('经办人').fill('李四');
  await dialog.getByLabel('完成备注').fill('已报县信访局');
  await dialog.getByRole('button', { name: '标记完成' }).click();
  await expect(running.getByText('办理中（1）')).toBeVisible();
  const done = app.page.getByLabel('已完成的文件任务');
  await expect(done).toContainText('报送化解情况');
  await expect(done).toContainText('李四');
  await expect(done).toContainText('已报县信访局');

  // The document view: the same text placeholder, the task 已完成 with who; 撤销完成 puts it back.
  await done.getByRole('link', { name: '青信发〔2026〕5号' }).click();
  await expect(app.page.getByText('文本文件，无页面图像')).toBeVisible();
  // The text shows once: the 识别文字 panel stays folded when the page area already shows it.
  await expect(app.page.getByLabel('文本第1页')).toBeVisible();
  await expect(app.page.getByLabel('第1页文字')).toHaveCount(0);
  const tasks = app.page.getByLabel('报送任务');
  const first = tasks.getByRole('listitem', { name: /报送化解情况/ });
  await expect(first).toContainText('已完成');
  await expect(first).toContainText('李四');
  await first.getByRole('button', { name: '撤销完成' }).click();
  await dialog.getByRole('button', { name: '撤销完成' }).click();
  await expect(first).toContainText('未完成');
  await expect(first.getByRole('button', { name: '标记完成' })).toBeVisible();
});
