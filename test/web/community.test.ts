/**
 * 社区团购 in a real browser: on a phone a shopper applies to be a leader with a pickup point
 * (region picker, hours, position) in the leader centre; the merchant approves the application in
 * the console (社区团购 · 团长) and sees the activity, its pick list and its deliveries; a shopper
 * opens the activity, the checkout chooser lists the points nearest first with their distance, and
 * the order is paid and shows its point and pickup code; after the cut-off the goods go out, and
 * the leader confirms the arrival and hands the order over by typing its code in the leader
 * centre. With SCREENSHOT_DIR set, keeps pictures of each screen at a phone's and a desktop's width.
 */
import { expect } from 'chai';
import { clock, hours, minutes } from '../../server/src/core/clock.js';
import { banner } from '../../server/src/demo/images.js';
import { merchant, shopper } from '../factories/index.js';
import { shopApi } from '../support/http.js';
import { BROWSER_TEST_MS, browserSuite, snapshot, submitShopLogin, type TestPage, textOf, until } from './browser.js';
import { pickRegion } from './region-picker.js';

/** A Chinese phone whose position is West Lake, Hangzhou (the browser's own geolocation asks for a secure origin). */
async function phoneAt(page: TestPage): Promise<TestPage> {
  await page.addInitScript("localStorage.setItem('s2b2c:locale', 'zh-CN')");
  await page.addInitScript("Object.defineProperty(navigator, 'geolocation', { value: { getCurrentPosition: (ok) => ok({ coords: { latitude: 30.26, longitude: 120.2 } }) } })");
  return page;
}

async function signIn(page: TestPage, url: string, phone: string, password: string): Promise<void> {
  await page.goto(url);
  await page.waitForURL(/#\/login/);
  await submitShopLogin(page, { phone, password });
}

describe('community group buying in the browser', function () {
  this.timeout(BROWSER_TEST_MS * 5);
  const web = browserSuite();
  afterEach(() => clock.reset());

  it('a leader applies on a phone and is approved in the console; a shopper chooses the nearest point at checkout; the leader confirms arrival and hands over by code', async function () {
    this.timeout(BROWSER_TEST_MS * 5);
    const m = await merchant({ name: '邻里鲜生' });
    const owner = shopApi(m.slug, m.token);
    const image = await owner.post('/uploads').attach('file', await banner({ title: '阳山水蜜桃', subtitle: '社区团购', color: '#e07a5f', shape: 'leaf' }), 'peach.jpg');
    const peach = await owner.post('/admin/own-products').send({ title: '阳山水蜜桃 6只装', images: [image.body.url], skus: [{ specs: { 规格: '6只装' }, price: 6800, stock: 200 }] });
    const eggs = await owner.post('/admin/own-products').send({ title: '农家土鸡蛋 30枚', skus: [{ specs: { 规格: '30枚' }, price: 3900, stock: 200 }] });
    const peachSku: number = peach.body.product.skus[0].id;
    const eggSku: number = eggs.body.product.skus[0].id;
    const peachListing = (await owner.get(`/admin/products/${peach.body.product.id}`)).body.skus[0].id as number;
    const eggListing = (await owner.get(`/admin/products/${eggs.body.product.id}`)).body.skus[0].id as number;
    expect(peachSku).to.be.greaterThan(0);
    expect(eggSku).to.be.greaterThan(0);
    // a far point, approved by API
    const far = await shopper(m.slug);
    const farPoint = await shopApi(m.slug, far.token).post('/shop/community/leaders/apply').send({ name: '王姐', phone: '13800000001', pickupPoint: { name: '西溪花园', province: '浙江省', city: '杭州市', district: '西湖区', detail: '西溪花园 2 幢', lat: 30.27, lng: 120.08 } });
    await owner.post(`/admin/community/leaders/${farPoint.body.id}/approve`);
    const now = clock.now();
    const activity = await owner.post('/admin/community/activities').send({ name: '周末鲜果团', startsAt: new Date(now.getTime() - minutes(1)).toISOString(), cutoffAt: new Date(now.getTime() + hours(1)).toISOString(), deliverAt: new Date(now.getTime() + hours(24)).toISOString(), items: [{ skuId: peachListing, price: 4990 }, { skuId: eggListing, price: 2990 }] });
    expect(activity.status, JSON.stringify(activity.body)).to.equal(201);

    // The leader applies on a phone.
    const lead = await shopper(m.slug);
    const leaderPhone = await phoneAt(await web.newPage({ mobile: true }));
    await signIn(leaderPhone, web.server.url(m.host, '/#/community/leader'), lead.phone, lead.password);
    await leaderPhone.locator('[data-test=leader-apply]').waitFor();
    await leaderPhone.fill('[data-test=apply-name] input', '李阿姨');
    await leaderPhone.fill('[data-test=apply-phone] input', '13900001111');
    await leaderPhone.fill('[data-test=apply-point-name] input', '钱江花园便利店');
    await leaderPhone.click('[data-test=address-region]');
    await pickRegion(leaderPhone, ['浙江省', '杭州市', '上城区']);
    await leaderPhone.fill('[data-test=apply-detail] textarea', '钱江路 58 号 1 楼');
    await leaderPhone.fill('[data-test=apply-hours] input', '每天 8:00-21:00');
    await leaderPhone.locator('.van-cell', { hasText: '使用当前位置' }).locator('button').click();
    await snapshot(leaderPhone, 'shop-community-leader-apply');
    await leaderPhone.click('[data-test=apply-submit]');
    await leaderPhone.locator('[data-test=leader-status]').waitFor();
    expect(await textOf(leaderPhone, '[data-test=leader-status]')).to.contain('审核中');
    await snapshot(leaderPhone, 'shop-community-leader-pending');

    // The console approves it.
    const desk = await web.newPage();
    await desk.addInitScript("localStorage.setItem('s2b2c:locale', 'zh-CN')");
    await web.consoleSignIn(desk, m.host, m.email, m.password);
    await desk.click('[data-test="menu-community"]');
    await desk.locator('[data-test=community-page]').waitFor();
    const applied = (await owner.get('/admin/community/leaders?status=pending')).body.items[0];
    expect(applied.pickupPoint).to.include({ name: '钱江花园便利店', province: '浙江省', city: '杭州市', district: '上城区', lat: 30.26, lng: 120.2 });
    await desk.locator(`[data-test=leader-approve-${applied.id}]`).waitFor();
    await snapshot(desk, 'console-community-leaders');
    await desk.click(`[data-test=leader-approve-${applied.id}]`);
    await until(async () => (await owner.get(`/admin/community/leaders?status=approved`)).body.items.some((l: { id: number }) => l.id === applied.id), 'the leader approved');
    await desk.locator('.el-tabs__item', { hasText: '团购活动' }).click();
    await desk.locator('[data-test=community-activities] .el-table__row').first().waitFor();
    await desk.click('[data-test=community-activity-create]');
    await desk.locator('[data-test=community-activity-form]').waitFor();
    await snapshot(desk, 'console-community-activity-form');
    await desk.keyboard.press('Escape');

    // A shopper orders on a phone: the nearest point is chosen, both are listed with their distance.
    const buyer = await shopper(m.slug);
    const phone = await phoneAt(await web.newPage({ mobile: true }));
    await signIn(phone, web.server.url(m.host, '/#/login?redirect=/community'), buyer.phone, buyer.password);
    await phone.locator(`[data-test=community-activity-${activity.body.id}]`).waitFor();
    await snapshot(phone, 'shop-community-home');
    await phone.click(`[data-test=community-activity-${activity.body.id}]`);
    await phone.locator('[data-test=point-chosen]').waitFor();
    expect(await textOf(phone, '[data-test=point-chosen]')).to.equal('钱江花园便利店');
    await phone.click('[data-test=point-chooser-open]');
    await phone.locator(`[data-test=point-distance-${farPoint.body.id}]`).waitFor();
    const order = await phone.locator('[data-test=point-popup] [data-test^=point-distance-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-test')));
    expect(order).to.deep.equal([`point-distance-${applied.id}`, `point-distance-${farPoint.body.id}`]);
    expect(await textOf(phone, `[data-test=point-distance-${applied.id}]`)).to.equal('0m');
    expect(await textOf(phone, `[data-test=point-distance-${farPoint.body.id}]`)).to.match(/^1\d\.\dkm$/);
    await snapshot(phone, 'shop-community-point-chooser');
    await phone.click(`[data-test=point-${applied.id}]`);
    await phone.locator('[data-test=point-popup]').waitFor({ state: 'hidden' });
    await phone.locator(`[data-test=community-qty-${peachListing}] .van-stepper__plus`).click();
    await phone.locator(`[data-test=community-qty-${peachListing}] .van-stepper__plus`).click();
    await phone.locator(`[data-test=community-qty-${eggListing}] .van-stepper__plus`).click();
    await snapshot(phone, 'shop-community-activity');
    await phone.click('[data-test=community-submit] button');
    await phone.click('[data-test=pay-method-sandbox]');
    await phone.click('[data-test=pay-submit]');
    await phone.click('[data-test=sandbox-confirm]');
    await phone.waitForURL(/#\/orders\/\d+/);
    await phone.locator('[data-test=pickup-code-digits]').waitFor();
    expect(await textOf(phone, '[data-test=order-pickup-point]')).to.contain('钱江花园便利店');
    const orderId = Number(/orders\/(\d+)/.exec(phone.url())![1]);
    const placed = (await shopApi(m.slug, buyer.token).get(`/shop/orders/${orderId}`)).body;
    expect(placed).to.include({ pickupKind: 'community', pickupPlaceId: applied.id, payAmount: 2 * 4990 + 2990, status: 'paid' });
    await snapshot(phone, 'shop-community-order');

    // After the cut-off: the pick list and the deliveries in the console.
    clock.travel(hours(1) + minutes(1));
    await desk.locator('.el-tabs__item', { hasText: '拣货单' }).click();
    await until(async () => (await desk.locator(`[data-test=pick-point-${applied.id}]`).count()) === 1, 'the pick list of the point');
    expect(await textOf(desk, `[data-test=pick-point-${applied.id}]`)).to.contain('阳山水蜜桃').and.contain('李阿姨');
    await snapshot(desk, 'console-community-pick-list');
    await desk.locator('.el-tabs__item', { hasText: '配送与核销' }).click();
    await desk.click('[data-test=community-ship]');
    await desk.locator('[data-test=community-batches] .el-table__row').first().waitFor();
    await snapshot(desk, 'console-community-batches');

    // The leader confirms arrival and types the shopper's code.
    // from 我的 -> 社区团长
    await leaderPhone.goto(web.server.url(m.host, '/#/me'));
    await leaderPhone.click('[data-test=me-community-leader]');
    await leaderPhone.locator('[data-test=leader-point]').waitFor();
    await leaderPhone.locator(`[data-test=leader-order-${orderId}]`).waitFor();
    expect(await textOf(leaderPhone, `[data-test=leader-order-${orderId}] [data-test=leader-order-state]`)).to.equal('配送中');
    await leaderPhone.locator('.van-tab', { hasText: '到货' }).click();
    await leaderPhone.click('[data-test=leader-arrive]');
    await leaderPhone.locator('.van-dialog__confirm').click();
    await leaderPhone.locator('.van-tag', { hasText: '已到货' }).waitFor();
    await leaderPhone.locator('.van-tab', { hasText: '核销' }).click();
    await leaderPhone.fill('[data-test=leader-code] input', placed.pickupCode);
    await leaderPhone.click('[data-test=leader-verify]');
    await leaderPhone.locator('[data-test=leader-verified]').waitFor();
    expect(await textOf(leaderPhone, '[data-test=leader-verified]')).to.contain('阳山水蜜桃');
    await snapshot(leaderPhone, 'shop-community-leader-verified');
    await leaderPhone.locator('.van-tab', { hasText: '自提订单' }).click();
    await until(async () => (await textOf(leaderPhone, `[data-test=leader-order-${orderId}] [data-test=leader-order-state]`)) === '已提货', 'the order picked up');
    await snapshot(leaderPhone, 'shop-community-leader-centre');
    expect((await shopApi(m.slug, buyer.token).get(`/shop/orders/${orderId}`)).body.status).to.equal('received');
  });
});
