import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinary, repoRoot } from './paths';

const binary = electronBinary();

test.describe('the Electron app', () => {
  test.skip(binary === null, 'Electron 二进制不可用（本机无法下载 Electron）');

  test('the packaged app opens a window with the Chinese import screen and the counts from the core', async () => {
    const userData = await mkdtemp(join(tmpdir(), 'xfd-e2e-electron-'));
    const app = await electron.launch({
      executablePath: binary as string,
      args: [repoRoot, `--user-data-dir=${userData}`, '--no-sandbox', '--disable-gpu'],
      cwd: repoRoot,
    });
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: '信访文书台' })).toBeVisible();
    await expect(window.getByRole('menuitem', { name: '导入' })).toBeVisible();
    await expect(window.getByLabel('文件统计')).toContainText('已归档 0 份');
    await app.close();
    await rm(userData, { recursive: true, force: true });
  });
});
