import { expect, type Locator, type Page } from '@playwright/test';

/** 文档: the read-only view of one document. */
export class DocumentPage {
  constructor(readonly page: Page) {}

  async expectTitle(title: string): Promise<void> {
    await expect(this.page).toHaveURL(/#\/documents\//);
    await expect(this.page.getByRole('heading', { level: 3, name: title })).toBeVisible();
  }

  async waitImage(): Promise<void> {
    await expect(this.page.getByRole('img', { name: '原件第1页' })).toBeVisible();
  }

  /** The value of one field in the description list. */
  field(label: string): Locator {
    return this.page
      .locator('.ant-descriptions-row')
      .filter({ has: this.page.getByText(label, { exact: true }) })
      .locator('.ant-descriptions-item-content');
  }
}
