/** Drives the storefront's region picker (RegionPicker.vue: Vant's van-area in a popup) as a shopper taps it. */
import type { Page } from 'playwright-core';

/** With the picker open: taps each column's option (province, city, district), then 确认. */
export async function pickRegion(page: Page, names: [string, string, string]): Promise<void> {
  const popup = page.locator('[data-test=region-popup]');
  await popup.locator('.van-picker-column').first().waitFor();
  for (const [i, name] of names.entries()) {
    // options outside the column's window are not "visible" to a click: the tap is dispatched as Vant listens for it
    await popup.locator('.van-picker-column').nth(i).locator('.van-picker-column__item', { hasText: new RegExp(`^${name}$`) }).first().dispatchEvent('click');
    await page.waitForTimeout(350);
  }
  await popup.locator('.van-picker__confirm').click();
  await popup.waitFor({ state: 'hidden' });
}
