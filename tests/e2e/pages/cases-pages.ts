import { expect, type Locator, type Page } from '@playwright/test';
import { chooseOption } from './select';

/** antd puts a space between two Chinese characters on a button (登 记), so buttons are matched loosely. */
const button = (page: Page | Locator, text: string): Locator =>
  page.getByRole('button', { name: new RegExp(`^\\s*${[...text].join('\\s?')}\\s*$`) });

async function menu(page: Page, entry: '工作台' | '信访件'): Promise<void> {
  await page.getByRole('menu', { name: '主菜单' }).getByRole('menuitem', { name: entry }).click();
}

/** 工作台: the three deadline groups. */
export class DashboardPage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<DashboardPage> {
    await menu(page, '工作台');
    await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
    return new DashboardPage(page);
  }

  group(title: '已逾期' | '3 个工作日内到期' | '办理中'): Locator {
    return this.page.getByLabel(title, { exact: true });
  }

  async refresh(): Promise<void> {
    await button(this.page, '刷新').click();
  }
}

/** 信访件: the list with its status tabs, one page at a time. */
export class CasesListPage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<CasesListPage> {
    await menu(page, '信访件');
    await expect(page.getByRole('heading', { name: '信访件', exact: true })).toBeVisible();
    return new CasesListPage(page);
  }

  /** A status tab by its label and count, e.g. `已逾期 23`. */
  tab(label: string): Locator {
    return this.page.getByRole('tab', { name: label, exact: true });
  }

  /** The table's case rows (the header row left out). */
  get rows(): Locator {
    return this.page.locator('.ant-table-tbody tr.ant-table-row');
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('查找信访件').fill(text);
    await this.page.getByLabel('查找信访件').press('Enter');
  }
}

/** 登记信访件. */
export class RegisterCasePage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<RegisterCasePage> {
    await menu(page, '信访件');
    await button(page, '登记信访件').click();
    await expect(page.getByRole('heading', { name: '登记信访件' })).toBeVisible();
    return new RegisterCasePage(page);
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  /** Picks an archived scan in the pre-fill box. */
  async prefillFrom(optionText: string): Promise<void> {
    await chooseOption(this.page, this.page.getByLabel('选择来信扫描件'), optionText, () =>
      expect(this.page.getByText('已根据来信预填')).toBeVisible({ timeout: 3_000 }),
    );
  }

  /**
   * Clicks 登记. After a refused attempt antd may keep the collapsed loading icon (aria-label "loading") inside the
   * button, so its name is matched at the end only.
   */
  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: /(^|\s)登\s?记\s*$/ }).click();
  }

  async register(): Promise<CasePage> {
    await this.submit();
    const c = new CasePage(this.page);
    await expect(c.stage).toBeVisible();
    return c;
  }
}

/** One case: next steps, deadlines, timeline. */
export class CasePage {
  readonly stage: Locator;
  readonly deadlines: Locator;
  readonly timeline: Locator;
  readonly checklist: Locator;

  constructor(readonly page: Page) {
    this.stage = page.getByLabel('当前状态');
    this.deadlines = page.getByLabel('期限', { exact: true });
    this.timeline = page.getByLabel('办理记录', { exact: true });
    this.checklist = page.getByLabel('办结前核对', { exact: true });
  }

  /** Corrects a recorded step (`on` + label as the timeline shows it) by a recorded amend with its reason. */
  async amend(on: string, label: string, fill: Record<string, string>, reason: string): Promise<void> {
    await this.timeline.getByRole('button', { name: `更正 ${on} ${label}`, exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: `更正：${label}` });
    await expect(dialog).toBeVisible();
    for (const [field, value] of Object.entries(fill)) await dialog.getByLabel(field, { exact: true }).fill(value);
    await dialog.getByLabel('更正理由', { exact: true }).fill(reason);
    await button(dialog, '更正').click();
    await expect(dialog).toBeHidden();
    await expect(this.timeline).toContainText(`更正：${reason}`);
  }

  /** Clicks a next-step button, fills the dialog's fields by label and records the step. */
  async step(label: string, fill: Record<string, string> = {}, select: Record<string, string> = {}): Promise<void> {
    await this.page.getByLabel('下一步').getByRole('button', { name: label, exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: `记录：${label}` });
    await expect(dialog).toBeVisible();
    for (const [field, value] of Object.entries(fill)) await dialog.getByLabel(field, { exact: true }).fill(value);
    for (const [field, option] of Object.entries(select)) {
      // The chosen label shows in the box (title attribute) once antd has taken the choice.
      await chooseOption(this.page, dialog.getByLabel(field, { exact: true }), option, () =>
        expect(dialog.getByTitle(option)).toBeVisible({ timeout: 3_000 }),
      );
    }
    await button(dialog, '记录').click();
    await expect(dialog).toBeHidden();
    await expect(this.timeline).toContainText(label);
  }
}

/** 信访统计. */
export class StatisticsPage {
  constructor(readonly page: Page) {}

  static async open(page: Page): Promise<StatisticsPage> {
    await menu(page, '信访件');
    await button(page, '统计').click();
    await expect(page.getByRole('heading', { name: '信访统计' })).toBeVisible();
    return new StatisticsPage(page);
  }

  async year(y: number): Promise<void> {
    await this.page.getByLabel('统计年度').fill(String(y));
    await this.page.getByLabel('统计年度').blur();
  }
}
