import { expect } from 'chai';
import { clock } from '../../server/src/core/clock.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { merchant, staffWith } from '../factories/index.js';
import { api, shopApi } from '../support/http.js';
import { sandboxAuthorize } from '../support/miniprogram.js';
import { readQrCode } from '../support/qr.js';

/** The audit result comes a few seconds after submit_audit, pushed by a job. */
async function auditDecided(): Promise<void> {
  clock.travel(5_000);
  await runDueJobs();
}

describe('mini-program publishing in the sandbox (no WeChat, no fake)', () => {
  it('authorizes on the sandbox\'s 模拟微信授权 page, submits, is approved by the pushed audit result and releases', async () => {
    const m = await merchant({ name: '沙箱小店' });
    const console = shopApi(m.slug, m.token);
    const before = await console.get('/admin/miniprogram');
    expect(before.status, JSON.stringify(before.body)).to.equal(200);
    expect(before.body).to.include({ mode: 'sandbox', authorizer: null, released: null });
    expect(before.body.template).to.include({ templateId: '1', version: '1.0.0' });

    const { appid, location } = await sandboxAuthorize(m);
    expect(location).to.match(new RegExp(`^http://${m.slug}\\.[^/]+/admin/#/miniprogram\\?authorized=1$`));
    const authorized = (await console.get('/admin/miniprogram')).body;
    expect(authorized.authorizer).to.include({ appid, revoked: false });
    expect(authorized.authorizer.nickname).to.contain('沙箱小程序');

    // the appid is now the shop's: requests with X-App-Id reach it, and WeChat sign-in needs no secret
    const store = await api({ appId: appid }).get('/shop/store');
    expect(store.body.slug).to.equal(m.slug);
    const signIn = await api({ appId: appid }).post('/shop/auth/wechat').send({ code: 'sandbox-code-1' });
    expect(signIn.status, JSON.stringify(signIn.body)).to.equal(200);

    const submitted = await console.post('/admin/miniprogram/submissions').send({ description: '首页改版' });
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(201);
    expect(submitted.body).to.include({ status: 'auditing', version: '1.0.0', description: '首页改版' });
    expect(submitted.body.auditId).to.match(/^\d+$/);

    const early = await console.post(`/admin/miniprogram/submissions/${submitted.body.id}/release`);
    expect(early.status).to.equal(409);
    expect(early.body.error.code).to.equal('not_approved');

    await auditDecided();
    const approved = (await console.get('/admin/miniprogram')).body.submissions[0];
    expect(approved).to.include({ id: submitted.body.id, status: 'approved' });

    const released = await console.post(`/admin/miniprogram/submissions/${submitted.body.id}/release`);
    expect(released.status, JSON.stringify(released.body)).to.equal(200);
    expect(released.body.status).to.equal('released');
    expect((await console.get('/admin/miniprogram')).body.released).to.include({ version: '1.0.0' });
  });

  it('shows a rejection with WeChat\'s reason, and the shop may submit again', async () => {
    const m = await merchant();
    const console = shopApi(m.slug, m.token);
    await sandboxAuthorize(m);
    const first = await console.post('/admin/miniprogram/submissions').send({ description: '请驳回这一版' });
    expect(first.status).to.equal(201);
    await auditDecided();
    const rejected = (await console.get('/admin/miniprogram')).body.submissions[0];
    expect(rejected.status).to.equal('rejected');
    expect(rejected.reason).to.contain('沙箱模拟的驳回');
    const again = await console.post('/admin/miniprogram/submissions').send({});
    expect(again.status).to.equal(201);
  });

  it('withdraws a version under audit, and no result arrives for it afterwards', async () => {
    const m = await merchant();
    const console = shopApi(m.slug, m.token);
    await sandboxAuthorize(m);
    const s = (await console.post('/admin/miniprogram/submissions').send({})).body;
    const withdrawn = await console.post(`/admin/miniprogram/submissions/${s.id}/withdraw`);
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).to.equal(200);
    expect(withdrawn.body.status).to.equal('withdrawn');
    await auditDecided();
    expect((await console.get('/admin/miniprogram')).body.submissions[0].status).to.equal('withdrawn');
    const twice = await console.post(`/admin/miniprogram/submissions/${s.id}/withdraw`);
    expect(twice.status).to.equal(409);
    expect(twice.body.error.code).to.equal('not_auditing');
  });

  it('releases by itself when auto-release is on', async () => {
    const m = await merchant();
    const console = shopApi(m.slug, m.token);
    await sandboxAuthorize(m);
    const settings = await console.put('/admin/miniprogram/settings').send({ autoRelease: true });
    expect(settings.status, JSON.stringify(settings.body)).to.equal(200);
    expect(settings.body.autoRelease).to.equal(true);
    await console.post('/admin/miniprogram/submissions').send({});
    await auditDecided();
    await runDueJobs();
    expect((await console.get('/admin/miniprogram')).body.submissions[0].status).to.equal('released');
  });

  it('draws the product\'s mini-program code as a PNG whose QR code opens the product page with the scene', async () => {
    const m = await merchant();
    const own = await shopApi(m.slug, m.token).post('/admin/own-products').send({ title: '分享的商品', skus: [{ specs: {}, price: 100, stock: 5 }] });
    const id = own.body.product.id as number;
    const refused = await api({ slug: m.slug }).get(`/shop/products/${id}/share-code`);
    expect(refused.status).to.equal(409);
    expect(refused.body.error.code).to.equal('miniprogram_not_authorized');
    await sandboxAuthorize(m);
    expect((await api({ slug: m.slug }).get(`/shop/products/${id + 100000}/share-code`)).status).to.equal(404);
    const res = await api({ slug: m.slug }).get(`/shop/products/${id}/share-code`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('image/png');
    const text = readQrCode(`data:image/png;base64,${(res.body as Buffer).toString('base64')}`);
    expect(text).to.equal(`pages/product/index?scene=p%3D${id}`);
    expect(new URLSearchParams(text!.split('?')[1]).get('scene')).to.equal(`p=${id}`);
  });

  it('is the business of who holds miniprogram.publish: other staff get 403', async () => {
    const m = await merchant();
    const [clerk, publisher] = await Promise.all([staffWith(m, ['orders.read']), staffWith(m, ['miniprogram.publish'])]);
    expect((await shopApi(m.slug, clerk.token).get('/admin/miniprogram')).status).to.equal(403);
    expect((await shopApi(m.slug, clerk.token).post('/admin/miniprogram/authorize')).status).to.equal(403);
    expect((await shopApi(m.slug, publisher.token).get('/admin/miniprogram')).status).to.equal(200);
    expect((await shopApi(m.slug, publisher.token).post('/admin/miniprogram/submissions').send({})).body.error.code).to.equal('miniprogram_not_authorized');
  });

  it('refuses a forged or expired authorization state', async () => {
    const bad = await api().get('/wechat/open/authorized?auth_code=x&state=1.99999999999999.' + '0'.repeat(64));
    expect(bad.status).to.equal(400);
    expect(bad.body.error.code).to.equal('authorization_state_invalid');
  });
});
