import { expect, type Locator, type Page } from '@playwright/test';

/** Real OCR of a scanned page on two cores. */
const IMPORT_TIMEOUT_MS = 100_000;

/** 导入: the drop area and the per-file list. */
export class ImportPage {
  readonly list: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole('list', { name: '导入列表' });
  }

  /** Picks files through the drop area's file input, as the system file dialog would. */
  async importFiles(paths: readonly string[]): Promise<void> {
    await this.page.locator('input[type=file]').setInputFiles([...paths]);
  }

  item(fileName: string): Locator {
    return this.list.getByRole('listitem', { name: fileName, exact: true });
  }

  async expectStatus(fileName: string, status: 'done' | 'failed' | 'duplicate'): Promise<void> {
    await expect(this.item(fileName)).toHaveAttribute('data-status', status, { timeout: IMPORT_TIMEOUT_MS });
  }

  errorOf(fileName: string): Locator {
    return this.item(fileName).getByRole('alert');
  }

  async openReview(fileName: string): Promise<void> {
    await this.item(fileName).getByRole('link', { name: '去审核' }).click();
  }
}
