import { expect } from 'chai';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { isValidCreditCode } from '../../server/src/modules/suppliers/index.js';
import { api, shopApi } from '../support/http.js';
import { listed, marketProduct, merchant, platformToken, sandboxMessages, supplier, uniq, validCreditCode } from '../factories/index.js';

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
