/**
 * Customer service in two browsers: the shop's owner (an agent) in the console's 客服工作台 at a
 * desktop size and a shopper in the storefront on a phone. The shopper opens the chat from a product
 * page (its card shows on both sides), they exchange text both ways, the agent sends an image and a
 * canned reply (typed as "/" + shortcut), the shopper reloads and still sees everything, the agent
 * closes with a summary tag and the shopper rates. With SCREENSHOT_DIR set, keeps a phone and a
 * desktop picture of each screen. Pending when the web is not built or Chromium is missing.
 */
import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { merchant, shopper } from '../factories/index.js';
import { shopApi } from '../support/http.js';
import { BROWSER_TEST_MS, browserSuite, snapshot, textOf, until, type TestPage } from './browser.js';

const square = (colour: string, size = 400) => sharp({ create: { width: size, height: size, channels: 3, background: colour } }).png().toBuffer();

const count = (page: TestPage, selector: string) => page.locator(selector).count();

describe('customer service chat in the browser (console agent and storefront shopper)', function () {
  this.timeout(BROWSER_TEST_MS * 3);
  const web = browserSuite();

  it('chats both ways with a product card, an image and a canned reply, survives a reload, closes with a tag and takes a rating', async function () {
    this.timeout(BROWSER_TEST_MS * 3);
    const m = await merchant({ name: '西湖茶铺' });
    const owner = shopApi(m.slug, m.token);
    const photo = (await owner.post('/uploads').attach('file', await square('#2e7d32'), 'tea.png')).body.url as string;
    const tea = await owner.post('/admin/own-products').send({ title: '明前龙井 50g 礼盒装', images: [photo], skus: [{ specs: {}, price: 12800, stock: 20 }] });
    expect(tea.status, JSON.stringify(tea.body)).to.equal(201);
    const productId: number = tea.body.product.id;
    expect((await owner.post('/admin/chat/canned-replies').send({ shortcut: 'hi', text: '您好，很高兴为您服务，请问有什么可以帮您？' })).status).to.equal(201);
    expect((await owner.post('/admin/chat/tags').send({ name: '商品咨询' })).status).to.equal(201);
    const s = await shopper(m.slug);

    // The agent, online in the workspace.
    const agent = await web.newPage();
    await agent.addInitScript("localStorage.setItem('s2b2c:locale', 'zh-CN')");
    await agent.setViewportSize({ width: 1440, height: 900 });
    await web.consoleSignIn(agent, m.host, m.email, m.password);
    await agent.click('[data-test=menu-chat]');
    await agent.locator('[data-test=chat-desk]').waitFor();
    await until(async () => (await count(agent, '[data-test=desk-connecting]')) === 0, 'the agent to be connected');
    await agent.locator('[data-test=desk-status-online].is-active').waitFor();
    await snapshot(agent, 'console-desk-empty');

    // The shopper, from the product page.
    const shop = await web.newPage({ phone: true });
    await shop.addInitScript(`localStorage.setItem('s2b2c:locale', 'zh-CN'); localStorage.setItem('s2b2c:' + location.host + ':shopper:token', ${JSON.stringify(s.token)})`);
    await shop.setViewportSize({ width: 390, height: 844 });
    await shop.goto(web.server.url(m.host, `/#/products/${productId}`));
    await shop.click('[data-test=product-chat]');
    await shop.waitForURL(/#\/chat$/);
    await shop.locator('[data-test=chat-card-product]').waitFor();
    expect(await textOf(shop, '[data-test=chat-card-product]')).to.contain('明前龙井 50g 礼盒装').and.contain('¥128.00');
    await until(async () => (await textOf(shop, '[data-test=chat-banner]')).includes('为您服务'), 'the shopper to be routed to the agent');
    await snapshot(shop, 'shop-chat-opened');

    // The conversation reaches the agent, with the product card.
    const row = agent.locator('[data-test^=desk-conversation-]').first();
    await row.waitFor();
    await row.click();
    await agent.locator('[data-test=desk-chat] [data-test=chat-card-product]').waitFor();
    expect(await textOf(agent, '[data-test=desk-chat] [data-test=chat-card-product]')).to.contain('明前龙井');

    // Text both ways.
    await shop.fill('[data-test=chat-text-input] textarea', '请问这款茶叶是今年的新茶吗？');
    await shop.click('[data-test=chat-send]');
    await agent.locator('[data-test=desk-chat] [data-test=chat-text]', { hasText: '今年的新茶' }).waitFor();
    await agent.fill('textarea[data-test=desk-input]', '是的，是今年清明前采摘的 🍵');
    await agent.press('textarea[data-test=desk-input]', 'Enter');
    await shop.locator('[data-test=chat-msg-agent] [data-test=chat-text]', { hasText: '清明前采摘' }).waitFor();
    // the agent saw the shopper's message: it reads 已读 on the phone
    await until(async () => (await shop.locator('[data-test=chat-msg-shopper] [data-test=chat-read-mark]').last().textContent())?.trim() === '已读', 'the read receipt');

    // An image from the agent.
    const dir = mkdtempSync(path.join(tmpdir(), 'chat-'));
    const picture = path.join(dir, 'packaging.png');
    writeFileSync(picture, await square('#c0392b', 240));
    await agent.setInputFiles('[data-test=desk-image-input]', picture);
    await shop.locator('[data-test=chat-msg-agent] [data-test=chat-image]').waitFor();
    await agent.locator('[data-test=desk-chat] [data-test=chat-image]').waitFor();

    // A canned reply, typed as "/" and its shortcut.
    await agent.fill('textarea[data-test=desk-input]', '/h');
    await agent.locator('[data-test=desk-suggest-hi]').waitFor();
    await snapshot(agent, 'console-desk-canned');
    await agent.press('textarea[data-test=desk-input]', 'Enter');
    expect(await agent.inputValue('textarea[data-test=desk-input]')).to.equal('您好，很高兴为您服务，请问有什么可以帮您？');
    await agent.press('textarea[data-test=desk-input]', 'Enter');
    await shop.locator('[data-test=chat-msg-agent] [data-test=chat-text]', { hasText: '很高兴为您服务' }).waitFor();
    await snapshot(agent, 'console-desk-chat');
    await snapshot(shop, 'shop-chat');

    // The emoji picker on the phone.
    await shop.click('[data-test=chat-emoji]');
    await shop.locator('[data-test=chat-emoji-grid]').waitFor();
    await snapshot(shop, 'shop-chat-emoji');
    await shop.locator('[data-test=chat-emoji-grid] button').first().click();
    expect(await shop.inputValue('[data-test=chat-text-input] textarea')).to.equal('😀');
    await shop.click('[data-test=chat-send]');
    await agent.locator('[data-test=desk-chat] [data-test=chat-text]', { hasText: '😀' }).waitFor();

    // A reload keeps the conversation and its history.
    await shop.reload();
    await shop.locator('[data-test=chat-card-product]').waitFor();
    await shop.locator('[data-test=chat-msg-agent] [data-test=chat-image]').waitFor();
    const texts = await shop.locator('[data-test=chat-text]').allTextContents();
    expect(texts).to.include.members(['请问这款茶叶是今年的新茶吗？', '是的，是今年清明前采摘的 🍵', '您好，很高兴为您服务，请问有什么可以帮您？', '😀']);
    expect(await count(shop, '[data-test=chat-card-product]'), 'the card once, not attached again').to.equal(1);

    // The customer panel shows who the shopper is.
    expect(await textOf(agent, '[data-test=desk-customer-name]')).to.not.equal('');

    // The agent closes with a tag; the shopper is asked to rate.
    await agent.click('[data-test=desk-close]');
    await agent.locator('[data-test=desk-close-tag]').click();
    await agent.locator('.el-select-dropdown__item', { hasText: '商品咨询' }).click();
    await agent.click('[data-test=desk-close-confirm]');
    await agent.locator('[data-test=desk-composer-note]', { hasText: '商品咨询' }).waitFor();
    await shop.locator('[data-test=chat-rating]').waitFor();
    await shop.locator('[data-test=chat-rating-score] .van-rate__item').nth(3).click();
    await shop.fill('[data-test=chat-rating-comment] textarea', '回复很快，很专业');
    await snapshot(shop, 'shop-chat-rating');
    await shop.click('[data-test=chat-rating-submit]');
    await shop.locator('[data-test=chat-rated]').waitFor();
    expect(await textOf(shop, '[data-test=chat-rated]')).to.contain('4');
    await snapshot(shop, 'shop-chat-closed');
    await snapshot(agent, 'console-desk-closed');

    const mine = (await shopApi(m.slug, s.token).get('/shop/conversations')).body.items;
    expect(mine[0]).to.deep.include({ status: 'closed', tag: '商品咨询', closedBy: 'agent' });
    expect(mine[0].rating).to.deep.equal({ score: 4, comment: '回复很快，很专业' });

    // The supervisor's live figures and the settings screen.
    await agent.click('[data-test=menu-chat-monitor]');
    await agent.locator('[data-test=monitor-agents] .el-table__row').first().waitFor();
    await until(async () => (await textOf(agent, '[data-test=monitor-rating]')).includes('4.0'), "today's average rating");
    await snapshot(agent, 'console-monitor');
    await agent.click('[data-test=menu-chat-settings]');
    await agent.locator('[data-test=canned-table] .el-table__row').first().waitFor();
    await snapshot(agent, 'console-chat-settings');
  });

  it('queues a shopper while the only agent is away, shows the position, and the agent accepts from the queue', async function () {
    this.timeout(BROWSER_TEST_MS * 2);
    const m = await merchant({ name: '山间果园' });
    const s = await shopper(m.slug);

    const agent = await web.newPage();
    await agent.addInitScript("localStorage.setItem('s2b2c:locale', 'zh-CN')");
    await agent.setViewportSize({ width: 1440, height: 900 });
    await web.consoleSignIn(agent, m.host, m.email, m.password);
    await agent.click('[data-test=menu-chat]');
    await agent.locator('[data-test=desk-status-online].is-active').waitFor();
    await agent.click('[data-test=desk-status-away]');
    await agent.locator('[data-test=desk-status-away].is-active').waitFor();

    // From the shop's home: the header's 客服 entry.
    const shop = await web.newPage({ phone: true });
    await shop.addInitScript(`localStorage.setItem('s2b2c:locale', 'zh-CN'); localStorage.setItem('s2b2c:' + location.host + ':shopper:token', ${JSON.stringify(s.token)})`);
    await shop.setViewportSize({ width: 390, height: 844 });
    await shop.goto(web.server.url(m.host, '/'));
    await shop.locator('[data-test=home-chat]').waitFor();
    await snapshot(shop, 'shop-home-entry');
    await shop.click('[data-test=home-chat]');
    await shop.waitForURL(/#\/chat$/);
    await until(async () => (await textOf(shop, '[data-test=chat-banner]')).includes('前面还有 0 人'), 'the queue position');
    await shop.fill('[data-test=chat-text-input] textarea', '有人在吗？');
    await shop.click('[data-test=chat-send]');
    await snapshot(shop, 'shop-chat-queued');

    // The agent sees the queue grow, opens it and accepts.
    await until(async () => (await textOf(agent, '[data-test=desk-queue-length]')) === '1', 'the queue length');
    await agent.click('[data-test=desk-tab-queue]');
    await agent.locator('[data-test^=desk-conversation-]').first().click();
    await agent.locator('[data-test=desk-chat] [data-test=chat-text]', { hasText: '有人在吗' }).waitFor();
    await snapshot(agent, 'console-desk-queue');
    await agent.click('[data-test=desk-accept]');
    await agent.locator('textarea[data-test=desk-input]').waitFor();
    await until(async () => (await textOf(shop, '[data-test=chat-banner]')).includes('为您服务'), 'the shopper to see the agent');
    await until(async () => (await textOf(agent, '[data-test=desk-load]')) === '1', 'the agent\'s load');
    expect(await textOf(agent, '[data-test=desk-queue-length]')).to.equal('0');
  });
});
