import { expect, type Locator, type Page } from '@playwright/test';

/** 设置: the watched folder and its status. */
export class SettingsPage {
  readonly pathInput: Locator;
  readonly counts: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.pathInput = page.getByLabel('监视文件夹路径');
    this.counts = page.getByLabel('监视统计');
    this.status = page.getByLabel('监视状态');
  }

  async watch(folder: string): Promise<void> {
    await this.pathInput.fill(folder);
    await this.page.getByRole('button', { name: '保存并开始监视' }).click();
  }

  async stopWatching(): Promise<void> {
    await this.page.getByRole('button', { name: '停止监视' }).click();
  }

  async expectError(text: string | RegExp): Promise<void> {
    await expect(this.page.locator('.ant-form-item-explain-error')).toContainText(text);
  }
}
