import { expect, type Locator, type Page } from '@playwright/test';
import { ArchivePage } from './archive-page';
import { DocumentPage } from './document-page';
import { ImportPage } from './import-page';
import { ReviewPage } from './review-page';
import { SearchPage } from './search-page';
import { SettingsPage } from './settings-page';
import { screenshotDir } from '../paths';
import { join } from 'node:path';

type MenuEntry = '导入' | '待审核' | '档案' | '检索' | '设置';

/** The frame around every screen: header with counts and the side menu. */
export class AppShell {
  readonly header: Locator;
  readonly stats: Locator;

  constructor(readonly page: Page) {
    this.header = page.getByRole('banner');
    this.stats = page.getByLabel('文件统计');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('heading', { name: '信访文书台' })).toBeVisible();
    await expect(this.stats).toBeVisible();
  }

  async nav(entry: MenuEntry): Promise<void> {
    await this.page.getByRole('menu', { name: '主菜单' }).getByRole('menuitem', { name: entry }).click();
  }

  async gotoImport(): Promise<ImportPage> {
    await this.nav('导入');
    return new ImportPage(this.page);
  }

  async gotoArchive(): Promise<ArchivePage> {
    await this.nav('档案');
    return new ArchivePage(this.page);
  }

  async gotoSearch(): Promise<SearchPage> {
    await this.nav('检索');
    return new SearchPage(this.page);
  }

  async gotoSettings(): Promise<SettingsPage> {
    await this.nav('设置');
    return new SettingsPage(this.page);
  }

  review(): ReviewPage {
    return new ReviewPage(this.page);
  }

  document(): DocumentPage {
    return new DocumentPage(this.page);
  }

  /** Saves a full-page screenshot to tests/e2e/screenshots/<name>.png for people to look at. */
  async screenshot(name: string): Promise<void> {
    // Toasts (已保存归档) fade after three seconds; waiting keeps them out of the picture of the next screen.
    await expect(this.page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 5_000 });
    await this.page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true, animations: 'disabled' });
  }
}
