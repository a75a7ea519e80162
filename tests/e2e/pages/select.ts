import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Picks `option` in the antd Select opened by clicking `box`, then waits for `taken` to hold. antd animates the
 * dropdown in and may replace an option node while it does, so a click can land on a node that is gone (CI saw the
 * choice not taken once); the open-and-click is retried until the choice shows.
 */
export async function chooseOption(
  page: Page,
  box: Locator,
  option: string,
  taken: () => Promise<void>,
): Promise<void> {
  const item = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: option })
    .first();
  await expect(async () => {
    if (!(await item.isVisible())) await box.click();
    await item.click({ timeout: 3_000 });
    await taken();
  }).toPass({ timeout: 20_000, intervals: [250, 500, 1_000] });
}
