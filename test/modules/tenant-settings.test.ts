import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { clock } from '../../server/src/core/clock.js';
import { createContext, systemContext, type TenantRef } from '../../server/src/core/context.js';
import { db } from '../../server/src/core/db/index.js';
import { onSocketEvent, type SocketReply } from '../../server/src/core/realtime.js';
import { settingsOf } from '../../server/src/core/settings.js';
import { invalidateTenantCache } from '../../server/src/core/tenancy.js';
import { ordersSettings } from '../../server/src/modules/orders/index.js';
import { down, up } from '../../migrations/20261206010300-settings-by-module.js';
import { brandOwner, merchant, platformToken, staffWith, storeWithProduct, type TestMerchant } from '../factories/index.js';
import { platformApi, shopApi } from '../support/http.js';

// the pickup point is empty by default: no pickup offered
const defaults = { autoCancelMinutes: 30, autoReceiveDays: 10, afterSalesDays: 7, pickupName: '', pickupAddress: '', pickupHours: '', pickupPhone: '' };

const ordersOf = (body: { sections: Array<{ module: string; values: Record<string, unknown> }> }) => body.sections.find((s) => s.module === 'orders')!.values;
const fields = (res: { body: { error: { details: Array<{ field: string }> } } }) => res.body.error.details.map((d) => d.field).sort();

async function storedSettings(tenantId: number): Promise<unknown> {
  const [row] = await db().query<{ settings: string }>('SELECT settings FROM tenants WHERE id = ?', { replacements: [tenantId], type: QueryTypes.SELECT });
  return JSON.parse(row!.settings);
}

/** Writes the stored document behind the API's back, as an old row or a hand edit would be. */
async function storeSettings(m: TestMerchant, doc: unknown): Promise<void> {
  await db().query('UPDATE tenants SET settings = ? WHERE id = ?', { replacements: [JSON.stringify(doc), m.id] });
  await invalidateTenantCache({ id: m.id, slug: m.slug });
}

async function setPlan(m: TestMerchant, change: { plan?: string; planExpiresAt?: string | null }): Promise<void> {
  const res = await platformApi(await platformToken()).patch(`/platform/tenants/${m.id}`).send(change);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
}

describe('tenant settings', () => {
  it('answers every default, with its JSON schema and Chinese and English labels, for a shop that never changed a setting', async () => {
    const m = await merchant();
    const res = await shopApi(m.slug, m.token).get('/admin/settings');
    expect(res.status).to.equal(200);
    const orders = res.body.sections.find((s: { module: string }) => s.module === 'orders');
    expect(orders.values).to.deep.equal(defaults);
    expect(orders.label).to.deep.equal({ zh: '订单', en: 'Orders' });
    expect(orders.schema.properties.autoCancelMinutes).to.deep.include({ type: 'integer', minimum: 5, maximum: 1440, default: 30 });
    expect(orders.schema.properties.autoCancelMinutes.label).to.deep.equal({ zh: '未付款自动取消 (分钟)', en: 'Cancel unpaid orders after (minutes)' });
    expect(await settingsOf(systemContext('test', m.id), ordersSettings)).to.deep.equal(defaults);
  });

  it('reads a stored document leniently: missing fields and bad values take their defaults, unknown keys are dropped', async () => {
    const m = await merchant();
    await storeSettings(m, { orders: { autoCancelMinutes: 45, autoReceiveDays: 'soon', afterSalesDays: 99, colour: 'red' }, gone: { x: 1 } });
    const res = await shopApi(m.slug, m.token).get('/admin/settings');
    expect(ordersOf(res.body)).to.deep.equal({ ...defaults, autoCancelMinutes: 45 });
    expect(res.body.sections.map((s: { module: string }) => s.module)).to.not.include('gone');
  });

  it('changes one field, keeps the others, audits the change and serves the new value to the next request and to background work', async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const job = systemContext('test', m.id);
    // both caches warm: the request's tenant (by host) and a job's (by id)
    expect(ordersOf((await owner.get('/admin/settings')).body)).to.deep.equal(defaults);
    expect((await settingsOf(job, ordersSettings)).autoCancelMinutes).to.equal(30);

    const changed = await owner.patch('/admin/settings').send({ orders: { autoCancelMinutes: 15 } });
    expect(changed.status, JSON.stringify(changed.body)).to.equal(200);
    expect(ordersOf(changed.body)).to.deep.equal({ ...defaults, autoCancelMinutes: 15 });
    expect(ordersOf((await owner.get('/admin/settings')).body).autoCancelMinutes).to.equal(15);
    expect((await settingsOf(job, ordersSettings)).autoCancelMinutes).to.equal(15);
    // the stored document holds every module's section: this test owns the orders one
    expect(((await storedSettings(m.id)) as { orders: unknown }).orders).to.deep.equal({ ...defaults, autoCancelMinutes: 15 });

    const log = await owner.get('/admin/audit-log?action=settings.update');
    expect(log.status).to.equal(200);
    const entry = log.body.items.find((e: { action: string }) => e.action === 'settings.update');
    expect(entry.details).to.deep.equal({ orders: { autoCancelMinutes: 15 } });
  });

  it('gives an order placed after the change the new unpaid timeout', async () => {
    const { m, s, skuId, addressId } = await storeWithProduct();
    expect((await shopApi(m.slug, m.token).patch('/admin/settings').send({ orders: { autoCancelMinutes: 120 } })).status).to.equal(200);
    const before = Date.now();
    const placed = await shopApi(m.slug, s.token).post('/shop/orders').send({ items: [{ skuId, quantity: 1 }], addressId });
    expect(placed.status, JSON.stringify(placed.body)).to.equal(201);
    const minutesLeft = (Date.parse(placed.body.expiresAt) - before) / 60_000;
    expect(minutesLeft).to.be.within(119, 121);
  });

  it('refuses a bad change naming each field, and writes none of it', async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const bad = await owner.patch('/admin/settings').send({ orders: { autoReceiveDays: 20, autoCancelMinutes: 1 } });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.code).to.equal('validation_failed');
    expect(fields(bad)).to.deep.equal(['orders.autoCancelMinutes']);
    const unknown = await owner.patch('/admin/settings').send({ orders: { colour: 'red', afterSalesDays: 'seven' }, marketing: {} });
    expect(unknown.status).to.equal(400);
    expect(fields(unknown)).to.deep.equal(['marketing', 'orders.afterSalesDays', 'orders.colour']);
    expect(ordersOf((await owner.get('/admin/settings')).body)).to.deep.equal(defaults);
    expect(await storedSettings(m.id)).to.deep.equal({});
  });

  it('keeps both of two changes to different fields made at the same moment', async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const results = await Promise.all([
      owner.patch('/admin/settings').send({ orders: { autoCancelMinutes: 60 } }),
      owner.patch('/admin/settings').send({ orders: { autoReceiveDays: 20 } }),
      owner.patch('/admin/settings').send({ orders: { afterSalesDays: 14 } }),
    ]);
    expect(results.map((r) => r.status)).to.deep.equal([200, 200, 200]);
    expect(ordersOf((await owner.get('/admin/settings')).body)).to.deep.equal({ ...defaults, autoCancelMinutes: 60, autoReceiveDays: 20, afterSalesDays: 14 });
  });

  it("keeps each shop's settings to itself: one shop's staff can neither read nor change another's", async () => {
    const a = await merchant();
    const b = await merchant();
    expect((await shopApi(a.slug, a.token).patch('/admin/settings').send({ orders: { autoReceiveDays: 3 } })).status).to.equal(200);
    expect(ordersOf((await shopApi(b.slug, b.token).get('/admin/settings')).body)).to.deep.equal(defaults);
    expect((await shopApi(b.slug, a.token).get('/admin/settings')).status).to.equal(401);
    expect((await shopApi(b.slug, a.token).patch('/admin/settings').send({ orders: { autoReceiveDays: 5 } })).status).to.equal(401);
    expect(await storedSettings(b.id)).to.deep.equal({});
    expect((await settingsOf(systemContext('test', b.id), ordersSettings)).autoReceiveDays).to.equal(10);
  });

  it('lets staff without the store permission neither read nor change the settings', async () => {
    const m = await merchant();
    const agent = await staffWith(m, ['orders.read']);
    expect((await shopApi(m.slug, agent.token).get('/admin/settings')).status).to.equal(403);
    expect((await shopApi(m.slug, agent.token).patch('/admin/settings').send({ orders: { autoReceiveDays: 5 } })).status).to.equal(403);
  });

  it('moves stored flat settings under the orders section and back', async () => {
    const m = await merchant();
    await storeSettings(m, { orderAutoCancelMinutes: 20, afterSalesDays: 3 });
    const qi = db().getQueryInterface();
    await up({ context: qi });
    expect(await storedSettings(m.id)).to.deep.equal({ orders: { autoCancelMinutes: 20, afterSalesDays: 3 } });
    await down({ context: qi });
    expect(await storedSettings(m.id)).to.deep.equal({ orderAutoCancelMinutes: 20, afterSalesDays: 3 });
    await up({ context: qi });
    await invalidateTenantCache({ id: m.id, slug: m.slug });
    expect(ordersOf((await shopApi(m.slug, m.token).get('/admin/settings')).body)).to.deep.equal({ ...defaults, autoCancelMinutes: 20, afterSalesDays: 3 });
  });
});

describe('plan features', () => {
  it('refuses a custom domain on a plan without it, and takes it once the plan includes it', async () => {
    const m = await merchant();
    await setPlan(m, { plan: 'basic' });
    const refused = await shopApi(m.slug, m.token).post('/admin/store/domains').send({ domain: `${m.slug}.shop-example.com` });
    expect(refused.status).to.equal(403);
    expect(refused.body.error.code).to.equal('plan_feature_unavailable');
    expect(refused.body.error.details).to.deep.equal({ feature: 'tenants.custom-domains' });
    // what the plan does include still works
    expect((await shopApi(m.slug, m.token).get('/admin/store/domains')).status).to.equal(200);
    await setPlan(m, { plan: 'pro' });
    expect((await shopApi(m.slug, m.token).post('/admin/store/domains').send({ domain: `${m.slug}.shop-example.com` })).status).to.equal(201);
  });

  it('lets a brand owner open distributor shops on a plan with them only', async () => {
    const owner = await brandOwner();
    await setPlan(owner, { plan: 'basic' });
    const body = { storeName: 'Distributor', slug: `d${owner.slug}`, ownerEmail: `d-${owner.slug}@example.com` };
    const refused = await shopApi(owner.slug, owner.token).post('/admin/distributors').send(body);
    expect(refused.status).to.equal(403);
    expect(refused.body.error.code).to.equal('plan_feature_unavailable');
    await setPlan(owner, { plan: 'pro' });
    expect((await shopApi(owner.slug, owner.token).post('/admin/distributors').send(body)).status).to.equal(201);
  });

  it('refuses a socket event of a feature the plan lacks, in the acknowledgement', async () => {
    const tenant = (plan: string): TenantRef => ({ id: 1, slug: 'socket', name: 'Socket', status: 'active', parentId: null, plan, planExpiresAt: null });
    const replies: SocketReply[] = [];
    for (const plan of ['basic', 'pro']) {
      const listeners = new Map<string, (payload: unknown, ack: (r: SocketReply) => void) => Promise<void>>();
      const socket = { on: (event: string, fn: never) => listeners.set(event, fn) };
      onSocketEvent(socket as never, createContext({ tenant: tenant(plan) }), 'domains:check', { feature: 'tenants.custom-domains' }, () => 'checked');
      await listeners.get('domains:check')!({}, (r) => replies.push(r));
    }
    expect(replies).to.deep.equal([
      { error: { code: 'plan_feature_unavailable', message: 'Your plan does not include Custom domains (自定义域名)', details: { feature: 'tenants.custom-domains' } } },
      { ok: true, data: 'checked' },
    ]);
  });
});

describe('plan expiry', () => {
  it('closes the storefront and the console\'s writes once the plan expires, keeps the console readable with its settings, and reopens on renewal', async () => {
    const { m, s } = await storeWithProduct();
    await setPlan(m, { planExpiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    const owner = shopApi(m.slug, m.token);
    expect((await shopApi(m.slug).get('/shop/store')).status).to.equal(200);

    // nothing changes but the time: the expiry is read at each request
    clock.travel(2 * 3_600_000);
    const closed = await shopApi(m.slug).get('/shop/store');
    expect(closed.status).to.equal(403);
    expect(closed.body.error.code).to.equal('plan_expired');
    expect((await shopApi(m.slug, s.token).get('/shop/orders')).body.error.code).to.equal('plan_expired');
    const write = await owner.put('/admin/store/branding').send({ name: 'Renamed' });
    expect(write.status).to.equal(403);
    expect(write.body.error.code).to.equal('plan_expired');

    expect((await owner.get('/admin/orders')).status).to.equal(200);
    expect((await owner.get('/admin/settings')).status).to.equal(200);
    expect((await owner.patch('/admin/settings').send({ orders: { autoReceiveDays: 12 } })).status).to.equal(200);
    const signIn = await shopApi(m.slug).post('/admin/auth/login').send({ email: m.email, password: m.password });
    expect(signIn.status, JSON.stringify(signIn.body)).to.equal(200);

    clock.reset();
    await setPlan(m, { planExpiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    expect((await shopApi(m.slug).get('/shop/store')).status).to.equal(200);
    expect((await owner.put('/admin/store/branding').send({ name: 'Renamed' })).status).to.equal(200);
  });

  it('serves a plan with no expiry for ever', async () => {
    const m = await merchant();
    clock.travel(5 * 365 * 86_400_000);
    expect((await shopApi(m.slug).get('/shop/store')).status).to.equal(200);
  });
});
