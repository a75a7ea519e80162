import { readFile } from 'node:fs/promises';
import type { APIRequestContext } from '@playwright/test';
import { callApi, expect, test, type ServerInfo } from './fixtures';

/** Issue 7 item 4: two documents grouped into one 件, numbered, stamped and handed over as a zip. */

const NOTICE = {
  name: 'notice.txt',
  lines: ['某市信访局', '市信发〔2019〕7号', '关于开展信访积案化解工作的通知', '各县信访局：', '现开展积案化解。'],
  fields: {
    issuingBodies: ['某市信访局'],
    docNumber: '市信发〔2019〕7号',
    title: '关于开展信访积案化解工作的通知',
    docType: '通知',
    signingDate: '2019-03-01',
    attachments: ['1．信访积案化解工作台账'],
  },
};
const LEDGER = {
  name: 'ledger.txt',
  lines: ['信访积案化解工作台账', '序号　案件　责任单位'],
  fields: {
    issuingBodies: ['某市信访局'],
    docNumber: null,
    title: '信访积案化解工作台账',
    docType: null,
    signingDate: '2019-03-01',
    attachments: [],
  },
};

/** Imports a text file and saves it with the given fields through the API: the seed, not the test. */
async function fileDocument(
  request: APIRequestContext,
  server: ServerInfo,
  doc: { name: string; lines: string[]; fields: Record<string, unknown> },
): Promise<void> {
  const call = (name: string, input: unknown) =>
    callApi<{ document: { id: string; fields: Record<string, unknown> } }>(request, server, name, input);

  const dataBase64 = Buffer.from(doc.lines.join('\n'), 'utf8').toString('base64');
  const { document } = await call('intake.importFile', { name: doc.name, dataBase64 });
  await call('documents.save', { id: document.id, fields: { ...document.fields, ...doc.fields } });
}

test('two documents are grouped into one 件, numbered with summed pages, stamped, and the year handed over as a verified zip', async ({
  app,
  server,
}) => {
  await fileDocument(app.page.request, server, NOTICE);
  await fileDocument(app.page.request, server, LEDGER);
  const page = app.page;
  await app.gotoArchive();
  await page.getByRole('tab', { name: '归档与导出' }).click();
  await page.getByLabel('归档年度').fill('2019');
  const noticeRow = page.getByRole('row', { name: /关于开展信访积案化解工作的通知/ });
  const ledgerRow = page.getByRole('row', { name: /信访积案化解工作台账/ }).filter({ hasNotText: '关于开展' });
  await expect(noticeRow).toBeVisible();
  // The 附件 list names the ledger: the rules suggest the 件.
  await expect(page.getByRole('list', { name: '组件建议' })).toContainText('附件：信访积案化解工作台账');

  await noticeRow.getByRole('checkbox').check();
  await ledgerRow.getByRole('checkbox').check();
  await page.getByRole('button', { name: /组成一件（已选 2）/ }).click();
  const dialog = page.getByRole('dialog', { name: '组成一件' });
  await expect(dialog.getByLabel('组成部分 信访积案化解工作台账')).toBeVisible();
  await dialog.getByRole('button', { name: '组成一件' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('件内文件 市信发〔2019〕7号')).toContainText('附件：信访积案化解工作台账');
  await expect(page.getByRole('list', { name: '组件建议' })).toHaveCount(0);

  await page.getByLabel('全宗号').fill('X001');
  await page.getByRole('button', { name: '编制档号' }).click();
  await expect(noticeRow).toContainText('X001-WS·2019-D30-0001');
  await expect(noticeRow.getByRole('button', { name: '拆件/调整' })).toBeVisible();
  await expect(page.getByText('共 1 件')).toBeVisible();

  await page.getByRole('button', { name: '打印归档章' }).click();
  const stamp = page.getByRole('group', { name: '归档章 X001-WS·2019-D30-0001' });
  await expect(stamp).toContainText('全宗号X001');
  await expect(stamp).toContainText('件号0001');
  await expect(stamp).toContainText('页数2');
  // 45 × 16 mm at 96 dpi is 170 × 60 CSS pixels; polled, since the dialog opens with a zoom from 20 % of its size.
  const size = async () => {
    const b = await stamp.boundingBox();
    return b ? [Math.round(b.width), Math.round(b.height)] : null;
  };
  await expect.poll(size).toEqual([170, 60]);
  // In print only the stamp sheet shows, at the same millimetre size.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: '编制档号' })).toBeHidden();
  await expect(stamp).toBeVisible();
  await expect.poll(size).toEqual([170, 60]);
  await page.emulateMedia({ media: 'screen' });
  await page.keyboard.press('Escape');
  // The 件's own row shows its stamp too.
  await noticeRow.getByRole('button', { name: /展开行|Expand row/ }).click();
  await expect(page.getByText('归档章（盖于本件首页上端居中空白处）')).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 2019 年度移交文件夹' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^归档移交-2019-.*\.zip$/);
  expect((await readFile(await file.path())).subarray(0, 2).toString()).toBe('PK');
  await expect(page.getByRole('status').filter({ hasText: '已导出 1 件（2 份文件）' })).toContainText('已逐一校验');
});
