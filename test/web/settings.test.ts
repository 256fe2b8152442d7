/**
 * The console's settings page, built from the API's description of each settings section: labels
 * in Chinese and English, bounds from the schema, and a change saved through PATCH /admin/settings.
 * Pending when the web is not built (`npm run build:web`) or Chromium is missing.
 */
import { expect } from 'chai';
import { merchant } from '../factories/index.js';
import { shopApi } from '../support/http.js';
import { browserSuite, snapshot, until } from './browser.js';

describe('console settings page in the browser', function () {
  this.timeout(60_000);

  const web = browserSuite();

  it('shows each setting with its labels and bounds, and saves a change the shop then runs on', async () => {
    const m = await merchant();
    const admin = await web.newPage();
    await web.consoleSignIn(admin, m.host, m.email, m.password);
    await admin.click('[data-test=menu-store]');
    await admin.click('#tab-settings');
    const cancel = admin.locator('[data-test=setting-orders-autoCancelMinutes] input');
    await until(async () => (await cancel.count()) === 1 && (await cancel.inputValue()) === '30', 'the settings to load');
    const section = admin.locator('[data-test=settings-orders]');
    expect(await section.textContent()).to.contain('未付款自动取消 (分钟)').and.contain('Cancel unpaid orders after (minutes)').and.contain('5–1440');
    await snapshot(admin, 'console-settings');

    await cancel.fill('45');
    await cancel.press('Tab');
    await admin.click('[data-test=settings-save]');
    await admin.locator('.el-message--success').waitFor();
    const saved = await shopApi(m.slug, m.token).get('/admin/settings');
    expect(saved.body.sections.find((s: { module: string }) => s.module === 'orders').values.autoCancelMinutes).to.equal(45);
  });
});
