import { expect, type Locator, type Page } from '@playwright/test';

/** 审核: page image beside the editable fields. */
export class ReviewPage {
  readonly saveButton: Locator;

  constructor(readonly page: Page) {
    this.saveButton = page.getByRole('button', { name: '保存归档' });
  }

  async waitLoaded(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: '审核' })).toBeVisible();
    await expect(this.page.getByRole('img', { name: '原件第1页' })).toBeVisible();
  }

  /** An input by its exact Chinese label (文号 and 引用文号 would otherwise both match). */
  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  async fill(label: string, value: string): Promise<void> {
    await this.field(label).fill(value);
  }

  /** The tags currently chosen in a multi-value field such as 发文机关. */
  tags(label: string): Locator {
    return this.page
      .locator('.ant-form-item')
      .filter({ has: this.field(label) })
      .locator('.ant-select-selection-item');
  }

  async save(): Promise<void> {
    await this.saveButton.click();
    await expect(this.page.getByText('已保存归档')).toBeVisible();
  }
}
