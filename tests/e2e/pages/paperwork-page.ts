import { expect, type Locator, type Page } from '@playwright/test';

/** 文书: generate documents, the 发文登记, the template editor and the office's details. */
export class PaperworkPage {
  readonly preview: Locator;

  constructor(readonly page: Page) {
    this.preview = page.getByLabel('文书预览');
  }

  async open(): Promise<void> {
    await this.page.getByRole('menu', { name: '主菜单' }).getByRole('menuitem', { name: '文书' }).click();
    await expect(this.page.getByRole('heading', { name: '文书', exact: true })).toBeVisible();
  }

  async tab(name: '生成文书' | '发文登记' | '文书模板' | '本机关信息'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  async saveProfile(values: Readonly<Record<string, string>>): Promise<void> {
    await this.tab('本机关信息');
    const form = this.page.getByRole('form', { name: '本机关信息' });
    for (const [k, v] of Object.entries(values)) await form.getByLabel(k, { exact: true }).fill(v);
    await form.getByRole('button', { name: '保存' }).click();
    await expect(this.page.getByText('本机关信息已保存')).toBeVisible();
  }

  /** The template lists are virtual (only visible options exist), so the choice is typed and picked from the filtered list. */
  async pick(select: string, name: string): Promise<void> {
    const box = this.page.getByRole('combobox', { name: select });
    await box.click();
    await box.fill(name);
    // antd's role="option" nodes are a hidden accessibility list; the visible item carries the name as its title.
    await this.page.locator(`.ant-select-item-option[title="${name}"]`).click();
  }

  async chooseTemplate(name: string): Promise<void> {
    await this.tab('生成文书');
    await this.pick('文书模板', name);
  }

  field(name: string): Locator {
    return this.page.getByRole('form', { name: '文书字段' }).getByLabel(name, { exact: true });
  }

  async generate(): Promise<void> {
    await this.page.getByRole('button', { name: '生成文书' }).click();
  }
}
