import { expect, type Locator, type Page } from '@playwright/test';

/** 检索: one box, a list of hits with highlighted snippets. */
export class SearchPage {
  readonly box: Locator;
  readonly stats: Locator;

  constructor(readonly page: Page) {
    this.box = page.getByLabel('检索内容');
    this.stats = page.getByLabel('检索统计');
  }

  async search(query: string): Promise<void> {
    await this.box.fill(query);
    await this.box.press('Enter');
    await expect(this.page).toHaveURL(new RegExp(`q=${encodeURIComponent(query).replace(/[()]/g, '\\$&')}`));
    await expect(this.stats).toContainText('毫秒');
  }

  hit(title: string): Locator {
    return this.page.getByRole('article', { name: title });
  }
}
