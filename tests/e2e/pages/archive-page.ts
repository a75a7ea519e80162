import type { Locator, Page } from '@playwright/test';

/** 档案: bodies → years → documents. */
export class ArchivePage {
  constructor(readonly page: Page) {}

  /** The table of one issuing body's documents of one year. */
  year(body: string, year: number): Locator {
    return this.page.getByRole('region', { name: `${body} ${year}年` });
  }

  row(body: string, year: number, title: string): Locator {
    return this.year(body, year).getByRole('row').filter({ hasText: title });
  }
}
