import { expect } from 'chai';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { isValidCreditCode } from '../../server/src/modules/suppliers/index.js';
import { api, shopApi } from '../support/http.js';
import { listed, marketProduct, merchant, paidOrder, platformToken, sandboxMessages, storeWithProduct, supplier, uniq, validCreditCode } from '../factories/index.js';

describe('supplier onboarding', () => {
  it('verifies the credit code\'s check character', async () => {
    expect(isValidCreditCode('91350100M000100Y43')).to.equal(true);
    expect(isValidCreditCode('91350100M000100Y44')).to.equal(false);
    const res = await api().post('/suppliers/apply').send({ companyName: '某公司', licenseNo: '91350100M000100Y44', contactName: '李四', email: `${uniq('x')}@s.cn`, password: 'Supply#2026' });
    expect(res.status).to.equal(400);
    expect(res.body.error.details[0].field).to.equal('licenseNo');
  });

  it('runs the review queue: reject with a reason, edit and resubmit, approve', async () => {
    const email = `${uniq('sup')}@s.cn`;
    const code = validCreditCode();
    const applied = await api().post('/suppliers/apply').send({ companyName: '审核供应商', licenseNo: code.toLowerCase(), contactName: '王五', email, password: 'Supply#2026', documents: [{ type: 'business_license', url: '/uploads/2026/11/x.pdf' }] });
    expect(applied.status).to.equal(201);
    expect(applied.body.supplier.status).to.equal('pending');
    const dup = await api().post('/suppliers/apply').send({ companyName: '重复公司', licenseNo: code, contactName: 'x', email: `${uniq('d')}@s.cn`, password: 'Supply#2026' });
    expect(dup.status).to.equal(409);
    expect(dup.body.error.code).to.equal('license_taken');
    const operator = api({ token: await platformToken() });
    const pending = await operator.get('/platform/suppliers?status=pending&pageSize=100');
    expect(pending.body.items.map((s: { id: number }) => s.id)).to.include(applied.body.supplier.id);
    const id = applied.body.supplier.id;
    const rejected = await operator.post(`/platform/suppliers/${id}/reject`).send({ reason: '营业执照模糊' });
    expect(rejected.body).to.include({ status: 'rejected', rejectReason: '营业执照模糊' });
    const [mail] = await sandboxMessages(email);
    expect(mail?.body).to.contain('营业执照模糊');
    const me = api({ token: applied.body.token });
    expect((await me.get('/supplier/me')).body.supplier).to.include({ status: 'rejected', licenseNo: code });
    const resubmitted = await me.put('/supplier/application').send({ documents: [{ type: 'business_license', url: '/uploads/2026/11/clear.pdf' }] });
    expect(resubmitted.body.status).to.equal('pending');
    expect((await operator.post(`/platform/suppliers/${id}/approve`)).body.status).to.equal('approved');
    expect((await operator.post(`/platform/suppliers/${id}/reject`).send({ reason: 'late' })).status).to.equal(409);
  });

  it('takes a suspended supplier\'s products off every shop and brings them back on resume', async () => {
    const product = await marketProduct();
    const m = await merchant();
    const listing = await listed(m, product.id);
    const operator = api({ token: await platformToken() });
    await operator.post(`/platform/suppliers/${product.supplier.id}/suspend`);
    await runDueJobs();
    await runDueJobs();
    expect((await shopApi(m.slug, m.token).get(`/admin/products/${listing.id}`)).body).to.include({ status: 'off_sale', offReason: 'supplier_delisted' });
    expect((await shopApi(m.slug, m.token).get(`/admin/market/products/${product.id}`)).status).to.equal(404);
    await operator.post(`/platform/suppliers/${product.supplier.id}/resume`);
    await runDueJobs();
    await runDueJobs();
    expect((await shopApi(m.slug, m.token).get(`/admin/products/${listing.id}`)).body).to.include({ status: 'on_sale' });
  });

  it('lets a suspended supplier sign in, read, ship paid orders and decide their after-sales cases, and nothing else', async () => {
    const shop = await storeWithProduct();
    const sup = api({ token: shop.product.supplier.token });
    const toShip = await paidOrder(shop.m.slug, shop.s.token, { items: [{ skuId: shop.skuId, quantity: 1 }], addressId: shop.addressId });
    const disputed = await paidOrder(shop.m.slug, shop.s.token, { items: [{ skuId: shop.skuId, quantity: 1 }], addressId: shop.addressId });
    const asked = await shopApi(shop.m.slug, shop.s.token).post(`/shop/orders/${disputed.id}/aftersales`).send({ type: 'refund_only', reason: '不想要了' });
    expect(asked.status, JSON.stringify(asked.body)).to.equal(201);
    const colleague = await sup.post('/supplier/staff').send({ email: `${uniq('c')}@s.cn`, name: '同事', password: 'Colleague#1' });
    expect((await api({ token: await platformToken() }).post(`/platform/suppliers/${shop.product.supplier.id}/suspend`)).status).to.equal(200);

    const login = await api().post('/supplier/auth/login').send({ email: shop.product.supplier.email, password: shop.product.supplier.password });
    expect(login.status).to.equal(200);
    expect((await sup.get('/supplier/me')).body.supplier.status).to.equal('suspended');
    expect((await sup.get('/supplier/products')).status).to.equal(200);
    const sku = shop.product.skus[0]!;
    const writes = {
      stock: await sup.put(`/supplier/products/${shop.product.id}/skus/${sku.id}/stock`).send({ warehouseId: shop.product.warehouseId, stock: 999 }),
      price: await sup.put(`/supplier/products/${shop.product.id}/skus/${sku.id}/prices`).send({ supplyPrice: 1 }),
      product: await sup.post('/supplier/products').send({ title: '新品', draft: true, skus: [{ specs: {}, supplyPrice: 100, suggestedPrice: 200, stock: 1 }] }),
      relist: await sup.post(`/supplier/products/${shop.product.id}/relist`),
      warehouse: await sup.post('/supplier/warehouses').send({ name: '新仓', province: '浙江省', city: '杭州市', address: '1 号' }),
      withdrawal: await sup.post('/supplier/finance/withdrawals').send({ amount: 100, payee: { accountName: '张三', bankName: '招商银行', accountNo: '6222020000000000' } }),
      colleague: await sup.post('/supplier/staff').send({ email: `${uniq('c')}@s.cn`, name: '同事', password: 'Colleague#1' }),
    };
    const refused = Object.fromEntries(Object.entries(writes).map(([what, res]) => [what, `${res.status} ${res.body.error?.code}`]));
    expect(refused).to.deep.equal(Object.fromEntries(Object.keys(writes).map((what) => [what, '403 supplier_suspended'])));
    expect((await sup.get(`/supplier/products/${shop.product.id}`)).body.skus[0].stock).to.equal(sku.stock - 2);

    const fulfillment = (await sup.get('/supplier/fulfillments?status=to_ship')).body.items.find((f: { orderNo: string }) => f.orderNo === toShip.orderNo);
    const shipped = await sup.post(`/supplier/fulfillments/${fulfillment.id}/ship`).send({ carrier: 'ems', trackingNo: 'EMS20261205' });
    expect(shipped.status, JSON.stringify(shipped.body)).to.equal(200);
    const decided = await sup.post(`/supplier/aftersales/${asked.body.id}/approve`).send({});
    expect(decided.status, JSON.stringify(decided.body)).to.equal(200);
    expect((await sup.delete(`/supplier/staff/${colleague.body.id}`)).status, 'taking access away stays possible').to.equal(200);
    expect((await api({ token: login.body.token }).post('/supplier/auth/logout')).status).to.equal(200);
  });

  it('keeps a suspended supplier\'s products under review off the market', async () => {
    const s = await supplier();
    const sup = api({ token: s.token });
    await sup.post('/supplier/warehouses').send({ name: '杭州仓', province: '浙江省', city: '杭州市', address: '余杭区 1 号' });
    const waiting = await sup.post('/supplier/products').send({ title: `待审 ${uniq('p')}`, skus: [{ specs: {}, supplyPrice: 100, suggestedPrice: 200, stock: 5 }] });
    expect(waiting.body.status).to.equal('pending_review');
    const operator = api({ token: await platformToken() });
    await operator.post(`/platform/suppliers/${s.id}/suspend`);
    const approved = await operator.post(`/platform/products/${waiting.body.id}/approve`);
    expect(approved.status).to.equal(409);
    expect(approved.body.error.code).to.equal('supplier_suspended');
    const m = await merchant();
    expect((await shopApi(m.slug, m.token).get(`/admin/market/products/${waiting.body.id}`)).status).to.equal(404);
    expect((await operator.post(`/platform/products/${waiting.body.id}/reject`).send({ reason: '供应商已暂停' })).status).to.equal(200);
  });

  it('lets the supplier\'s owner add and remove colleagues who sign in with their own password', async () => {
    const s = await supplier();
    const owner = api({ token: s.token });
    const email = `${uniq('c')}@s.cn`;
    const added = await owner.post('/supplier/staff').send({ email, name: '同事', password: 'Colleague#1' });
    expect(added.status).to.equal(201);
    const login = await api().post('/supplier/auth/login').send({ email, password: 'Colleague#1' });
    expect(login.status).to.equal(200);
    const colleague = api({ token: login.body.token });
    expect((await colleague.get('/supplier/me')).body.supplier.id).to.equal(s.id);
    expect((await colleague.post('/supplier/staff').send({ email: `${uniq('z')}@s.cn`, name: 'x', password: 'Colleague#1' })).status).to.equal(403);
    expect((await owner.delete(`/supplier/staff/${added.body.id}`)).body.status).to.equal('disabled');
    expect((await colleague.get('/supplier/me')).status).to.equal(401);
    const other = await supplier();
    expect((await api({ token: other.token }).delete(`/supplier/staff/${added.body.id}`)).status).to.equal(404);
  });
});
