import type { APIRequestContext } from '@playwright/test';
import { callApi, expect, test, type ServerInfo } from './fixtures';
import { chooseOption } from './pages/select';

/** Issue 7: the 相关文件 panel of the document view (both ways) and the 办理期限 search filter. */

const CITED = {
  docNumber: '国信发〔2019〕3号',
  title: '关于深入学习宣传贯彻信访工作条例的通知',
  body: '国家信访局',
  lines: [
    '国家信访局',
    '国信发〔2019〕3号',
    '关于深入学习宣传贯彻信访工作条例的通知',
    '各省、自治区、直辖市信访局：',
    '为深入学习宣传贯彻信访工作条例，现就有关事项通知如下。',
    '国家信访局',
    '2019年3月1日',
  ],
};
const CITING = {
  docNumber: '冀信发〔2019〕8号',
  title: '关于贯彻落实国信发〔2019〕3号文件精神的通知',
  body: '河北省信访局',
  lines: [
    '河北省信访局',
    '冀信发〔2019〕8号',
    '关于贯彻落实国信发〔2019〕3号文件精神的通知',
    '各市信访局：',
    '现将《关于深入学习宣传贯彻信访工作条例的通知》（国信发〔2019〕3号）转发给你们，请认真贯彻落实。',
    '请于2019年6月底之前将学习宣传情况报省信访局办公室。',
    '河北省信访局',
    '2019年4月2日',
  ],
};

/** Files a text document through the API (import, then save with the given fields): the seed, not the test. */
async function fileDocument(
  request: APIRequestContext,
  server: ServerInfo,
  doc: { lines: string[]; docNumber: string; title: string; body: string },
  extra: Record<string, unknown>,
): Promise<string> {
  const call = (name: string, input: unknown) =>
    callApi<{ document: { id: string; fields: Record<string, unknown> } }>(request, server, name, input);

  const text = Buffer.from(doc.lines.join('\n'), 'utf8').toString('base64');
  const { document } = await call('intake.importFile', { name: `${doc.docNumber}.txt`, dataBase64: text });
  await call('documents.save', {
    id: document.id,
    fields: {
      ...document.fields,
      issuingBodies: [doc.body],
      docNumber: doc.docNumber,
      title: doc.title,
      docType: '通知',
      ...extra,
    },
  });
  return document.id;
}

test('the document view links cited and citing documents both ways, and the search keeps only documents with deadlines', async ({
  app,
  server,
}) => {
  const request = app.page.request;
  await fileDocument(request, server, CITED, { referencedDocNumbers: [], deadlines: [] });
  const citingId = await fileDocument(request, server, CITING, {
    referencedDocNumbers: [CITED.docNumber, '冀政办字〔2018〕99号'],
    deadlines: [
      {
        due: '2019-06-30',
        dueText: '6月底之前',
        task: '学习宣传情况',
        reportTo: '省信访局办公室',
        withinDays: null,
        unit: null,
      },
    ],
  });

  // The citing notice: 引用 lists the cited one, and names the cited 文号 the archive does not hold.
  await app.page.goto(`http://127.0.0.1:${server.port}/#/documents/${citingId}`);
  const documentView = app.document();
  await documentView.expectTitle(CITING.title);
  const panel = app.page.getByLabel('相关文件', { exact: true });
  const cites = panel.getByLabel('引用', { exact: true });
  await expect(cites.getByRole('link', { name: CITED.title })).toBeVisible();
  await expect(panel.getByLabel('未入档的引用文号')).toContainText('冀政办字〔2018〕99号');
  await app.screenshot('related');

  // Following the link opens the cited notice, whose 被引用 links back.
  await cites.getByRole('link', { name: CITED.title }).click();
  await documentView.expectTitle(CITED.title);
  const citedBy = panel.getByLabel('被引用', { exact: true });
  await expect(citedBy.getByRole('link', { name: CITING.title })).toBeVisible();

  // 检索 → 办理期限: only the notice that sets a deadline stays.
  const search = await app.gotoSearch();
  await search.search('信访工作条例');
  await expect(search.hit(CITED.title)).toBeVisible();
  await expect(search.hit(CITING.title)).toBeVisible();
  await chooseOption(app.page, app.page.getByLabel('办理期限筛选'), '有办理期限', () =>
    expect(app.page).toHaveURL(/hasDeadline/, { timeout: 3_000 }),
  );
  await expect(search.stats).toContainText('找到 1 条结果');
  await expect(search.hit(CITING.title)).toBeVisible();
  await expect(search.hit(CITING.title).getByText('有办理期限')).toBeVisible();
  await expect(search.hit(CITED.title)).toHaveCount(0);
});
