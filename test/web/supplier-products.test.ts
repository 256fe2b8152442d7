/**
 * A supplier with no warehouse writes a product in the console: the form asks for a warehouse when
 * the stock needs one and creates it in a dialog (region picked from the region data set), with
 * nothing typed lost; the SKU matrix is filled in bulk (all rows, then the rows of one colour); the
 * description is formatted in the rich-text editor and pasted markup arrives cleaned; the saved
 * product carries all of it, sanitized. `SCREENSHOT_DIR=...` keeps pictures of the form, the dialog
 * and the matrix.
 */
import { expect } from 'chai';
import { config } from '../../server/src/core/config.js';
import { api } from '../support/http.js';
import { supplier } from '../factories/index.js';
import { BROWSER_TEST_MS, browserSuite, snapshot, until, type TestPage } from './browser.js';

async function fillNumber(page: TestPage, selector: string, value: string): Promise<void> {
  const input = page.locator(`${selector} input`);
  await input.fill(value);
  await input.press('Tab');
}

async function addDimension(page: TestPage, i: number, name: string, values: string[]): Promise<void> {
  await page.click('[data-test=dim-add]');
  await page.fill(`input[data-test=dim-name-${i}]`, name);
  for (const v of values) {
    await page.fill(`input[data-test=dim-value-${i}]`, v);
    await page.press(`input[data-test=dim-value-${i}]`, 'Enter');
  }
}

const cellValue = (page: TestPage, row: number, key: string) => page.locator(`[data-test=sku-${row}-${key}] input`).inputValue();

describe('supplier product form (browser)', function () {
  this.timeout(BROWSER_TEST_MS * 2);
  const web = browserSuite();

  it('creates a product with no warehouse through the inline dialog, bulk-fills the matrix, formats the description and sees it saved', async () => {
    const sup = await supplier();
    const host = config().platformDomain;
    const page = await web.newPage();
    await page.addInitScript("localStorage.setItem('s2b2c:locale', 'zh-CN')");
    await web.consoleSignIn(page, host, sup.email, sup.password, 'supplier');
    await page.goto(web.server.url(host, '/admin/#/supplier-products'));
    await page.click('[data-test=supplier-product-new]');
    const drawer = page.locator('[data-test=supplier-product-drawer]');
    await drawer.locator('[data-test=supplier-product-no-warehouse]').waitFor();

    await page.fill('input[data-test=supplier-product-title]', '高山云雾绿茶 礼盒装');

    // the description: a heading, a paragraph with bold, a bulleted list, then pasted markup
    const area = page.locator('[data-test=rte-area]');
    await area.click();
    await page.keyboard.type('产地直发');
    await page.click('[data-test=rte-heading]');
    await page.locator('.el-dropdown-menu__item[data-test=rte-h2]').click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.click('[data-test=rte-insertUnorderedList]');
    await page.keyboard.type('一芽一叶');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.evaluate((html) => {
      // the page's own globals (this callback runs in the browser; the test's types know no DOM)
      const w = globalThis as unknown as {
        DataTransfer: new () => { setData(type: string, value: string): void };
        ClipboardEvent: new (type: string, init: object) => object;
        document: { querySelector(s: string): { dispatchEvent(e: object): void } };
      };
      const data = new w.DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', '明前头采');
      w.document.querySelector('[data-test=rte-area]').dispatchEvent(new w.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, '<div style="color:red" class="x" onclick="steal()">明前<b>头采</b><script>alert(1)</script><img src="x" onerror="alert(2)"></div>');
    const written = await area.innerHTML();
    expect(written).to.contain('<h2>产地直发</h2>');
    expect(written).to.match(/<ul><li>一芽一叶<\/li><\/ul>/);
    expect(written).to.contain('明前<b>头采</b>');
    expect(written).to.not.match(/script|onerror|onclick|style=|class=/);

    // two spec dimensions make four rows; fill them all, then the red ones' stock alone
    await addDimension(page, 0, '颜色', ['红色', '蓝色']);
    await addDimension(page, 1, '尺寸', ['小罐', '大罐']);
    await until(async () => (await page.locator('[data-test=sku-rows] tbody tr').count()) === 4, 'four SKU rows');
    await fillNumber(page, '[data-test=sku-bulk-supplyPrice]', '12.5');
    await fillNumber(page, '[data-test=sku-bulk-suggestedPrice]', '25');
    await fillNumber(page, '[data-test=sku-bulk-stock]', '10');
    await fillNumber(page, '[data-test=sku-bulk-weightGrams]', '300');
    await page.click('[data-test=sku-bulk-apply]');
    await page.click('[data-test=sku-bulk-scope]');
    await page.locator('.el-select-dropdown__item[data-test=sku-bulk-scope-红色]').click();
    await page.locator('[data-test=sku-bulk]').scrollIntoViewIfNeeded();
    await fillNumber(page, '[data-test=sku-bulk-stock]', '30');
    await page.click('[data-test=sku-bulk-apply]');
    const rowSpecs = await page.locator('[data-test=sku-rows] tbody tr').allInnerTexts();
    for (let i = 0; i < 4; i++) {
      expect(await cellValue(page, i, 'supplyPrice')).to.equal('12.50');
      expect(await cellValue(page, i, 'weightGrams')).to.equal('300');
      expect(await cellValue(page, i, 'stock')).to.equal(rowSpecs[i].includes('红色') ? '30' : '10');
    }
    await snapshot(page, 'product-form');

    // submitting without a warehouse opens the dialog rather than failing after the round trip
    await page.click('[data-test=supplier-product-save]');
    const dialog = page.locator('[data-test=warehouse-dialog]');
    await dialog.waitFor();
    await page.fill('input[data-test=warehouse-name]', '杭州一号仓');
    await page.click('[data-test=region-cascader] .el-cascader');
    await page.locator('.el-cascader__dropdown').last().waitFor();
    for (const name of ['浙江省', '杭州市', '西湖区']) await page.locator('.el-cascader-node', { hasText: new RegExp(`^${name}$`) }).first().click();
    await page.fill('input[data-test=warehouse-address]', '转塘街道 1 号');
    await page.fill('input[data-test=warehouse-contact-name]', '王五');
    await page.fill('input[data-test=warehouse-contact-phone]', '13800138000');
    await snapshot(page, 'warehouse-dialog');
    await page.click('[data-test=warehouse-save]');
    await dialog.waitFor({ state: 'hidden' });

    // nothing typed was lost, and the new warehouse is the one chosen
    expect(await page.locator('input[data-test=supplier-product-title]').inputValue()).to.equal('高山云雾绿茶 礼盒装');
    expect(await area.innerHTML()).to.contain('<h2>产地直发</h2>');
    expect(await cellValue(page, 0, 'supplyPrice')).to.equal('12.50');
    expect(await page.locator('[data-test=supplier-product-warehouse]').innerText()).to.contain('杭州一号仓');
    await snapshot(page, 'product-form-with-warehouse');

    await page.click('[data-test=supplier-product-save]');
    await drawer.waitFor({ state: 'hidden' });
    await page.locator('[data-test=supplier-products-table]', { hasText: '高山云雾绿茶 礼盒装' }).waitFor();

    const sapi = api({ token: sup.token });
    const warehouses = (await sapi.get('/supplier/warehouses')).body.items;
    expect(warehouses).to.have.length(1);
    expect(warehouses[0]).to.include({ name: '杭州一号仓', province: '浙江省', city: '杭州市', district: '西湖区', contactName: '王五', contactPhone: '13800138000' });
    const list = (await sapi.get('/supplier/products')).body.items;
    expect(list).to.have.length(1);
    const product = (await sapi.get(`/supplier/products/${list[0].id}`)).body;
    expect(product.status).to.equal('pending_review');
    expect(product.description).to.contain('<h2>产地直发</h2>').and.contain('<ul><li>一芽一叶</li></ul>').and.contain('明前<b>头采</b>');
    expect(product.description).to.not.match(/script|onerror|onclick/);
    const stocks = product.skus.map((s: { specs: Record<string, string>; stock: number; supplyPrice: number; suggestedPrice: number }) => [s.specs['颜色'], s.stock, s.supplyPrice, s.suggestedPrice]);
    expect(stocks).to.have.deep.members([
      ['红色', 30, 1250, 2500],
      ['红色', 30, 1250, 2500],
      ['蓝色', 10, 1250, 2500],
      ['蓝色', 10, 1250, 2500],
    ]);
    expect(product.skus.every((s: { stocks?: Array<{ warehouseId: number }> }) => !s.stocks || s.stocks.every((x) => x.warehouseId === warehouses[0].id))).to.equal(true);

    // opened again, the saved description shows formatted in the editor
    await page.click(`[data-test=supplier-product-edit-${product.id}]`);
    await until(async () => (await area.innerHTML()).includes('<h2>产地直发</h2>'), 'the saved description in the editor');
    await snapshot(page, 'product-edit');

    // the warehouse list shows the one made inline, with its contact
    await page.goto(web.server.url(host, '/admin/#/warehouses'));
    await page.locator('[data-test=warehouses-table]', { hasText: '王五 13800138000' }).waitFor();
    await snapshot(page, 'warehouses');
  });

  it('keeps an unsaved new product when the drawer is closed and shows the API refusal on the field', async () => {
    const sup = await supplier();
    const host = config().platformDomain;
    await api({ token: sup.token }).post('/supplier/warehouses').send({ name: '仓', province: '浙江省', city: '杭州市', address: '西湖区 1 号' });
    const page = await web.newPage();
    await page.addInitScript("localStorage.setItem('s2b2c:locale', 'zh-CN')");
    await web.consoleSignIn(page, host, sup.email, sup.password, 'supplier');
    await page.goto(web.server.url(host, '/admin/#/supplier-products'));
    await page.click('[data-test=supplier-product-new]');
    await page.fill('input[data-test=supplier-product-title]', '茶');
    await page.locator('[data-test=rte-area]').click();
    await page.keyboard.type('一句介绍');
    // a one-character title is refused by the API: the words sit under the field, in Chinese, the draft stays
    await page.click('[data-test=supplier-product-draft]');
    const titleError = page.locator('.el-form-item', { has: page.locator('[data-test=supplier-product-title]') }).locator('.el-form-item__error');
    await titleError.waitFor();
    expect(await titleError.innerText()).to.match(/[\u4e00-\u9fff]/).and.not.match(/[A-Za-z]{3}/);
    expect(await page.locator('[data-test=rte-area]').innerText()).to.contain('一句介绍');
    // closed and opened again: still there
    await page.keyboard.press('Escape');
    await page.locator('[data-test=supplier-product-drawer]').waitFor({ state: 'hidden' });
    await page.click('[data-test=supplier-product-new]');
    await page.locator('[data-test=supplier-product-restored]').waitFor();
    expect(await page.locator('input[data-test=supplier-product-title]').inputValue()).to.equal('茶');
    expect(await page.locator('[data-test=rte-area]').innerText()).to.contain('一句介绍');
  });
});
