/**
 * A shop with a mini-program: the distributor's poster carries the shop's mini-program code (drawn
 * by the sandbox's getwxacodeunlimit as a real QR code of page and scene), its scene carries the
 * product and the invite code in at most 32 characters, and the mini-program's launch reads them
 * back (web/miniprogram lib/links.ts) to bind a new shopper to the distributor.
 */
import { expect } from 'chai';
import { shareScene } from '../../server/src/modules/miniprogram/index.js';
import { sceneInviteCode, sceneProductId } from '../../web/miniprogram/src/lib/links.js';
import { storeWithProduct } from '../factories/index.js';
import { api, shopApi } from '../support/http.js';
import { sandboxAuthorize } from '../support/miniprogram.js';
import { readQrCode } from '../support/qr.js';

const binary = (r: { on: (e: string, f: (c?: Buffer) => void) => void }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  r.on('data', (c) => chunks.push(c!));
  r.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('distribution posters with the mini-program code', () => {
  it('keeps the scene within 32 characters and reads it back', () => {
    const scene = shareScene(2_147_483_647, 'ABCDEFGHJKLMNPQR');
    expect(scene.length).to.be.at.most(32);
    expect(sceneProductId(encodeURIComponent(scene))).to.equal(2_147_483_647);
    expect(sceneInviteCode(encodeURIComponent(scene))).to.equal('ABCDEFGHJKLMNPQR');
    expect(sceneInviteCode(shareScene(null, 'AB23CD45'))).to.equal('AB23CD45');
    expect(sceneProductId(shareScene(null, 'AB23CD45'))).to.equal(null);
    expect(sceneInviteCode('p=7')).to.equal(null);
  });

  it('draws the shop\'s mini-program code with the product and invite code, and the launch binds through it', async function () {
    this.timeout(90_000); // three posters drawn, one through the mini-program sandbox
    const shop = await storeWithProduct();
    const owner = shopApi(shop.m.slug, shop.m.token);
    expect((await owner.put('/admin/distribution/settings').send({ enabled: true, depth: 1, rates: [1000], becomeBy: 'auto' })).status).to.equal(200);
    const code = (await shopApi(shop.m.slug, shop.s.token).get('/shop/distribution/me')).body.inviteCode as string;
    // no mini-program yet: the H5 QR code of the share link
    const h5 = await shopApi(shop.m.slug, shop.s.token).get(`/shop/distribution/poster?productId=${shop.listing.id}`).buffer(true).parse(binary);
    expect(readQrCode(`data:image/png;base64,${(h5.body as Buffer).toString('base64')}`)).to.contain(`?inviter=${code}#/products/${shop.listing.id}`);

    const { appid } = await sandboxAuthorize(shop.m);
    const res = await shopApi(shop.m.slug, shop.s.token).get(`/shop/distribution/poster?productId=${shop.listing.id}`).buffer(true).parse(binary);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('image/png');
    const text = readQrCode(`data:image/png;base64,${(res.body as Buffer).toString('base64')}`);
    expect(text).to.equal(`pages/product/index?scene=${encodeURIComponent(`p=${shop.listing.id}&i=${code}`)}`);
    const scene = encodeURIComponent(new URLSearchParams(text!.split('?')[1]).get('scene')!); // WeChat hands the page the scene encoded
    expect(sceneProductId(scene)).to.equal(shop.listing.id);
    const decoded = sceneInviteCode(scene);
    expect(decoded).to.equal(code);
    // the shop's own poster opens the home page with the code alone
    const home = await shopApi(shop.m.slug, shop.s.token).get('/shop/distribution/poster').buffer(true).parse(binary);
    expect(readQrCode(`data:image/png;base64,${(home.body as Buffer).toString('base64')}`)).to.equal(`pages/home/index?scene=${encodeURIComponent(`i=${code}`)}`);

    // the launch: a new shopper signs in through the mini-program and binds with the decoded code
    const login = await api({ appId: appid }).post('/shop/auth/wechat').send({ code: 'poster-launch' });
    expect(login.status, JSON.stringify(login.body)).to.equal(200);
    const bound = await api({ appId: appid, token: login.body.token }).post('/shop/distribution/bind').send({ inviteCode: decoded });
    expect(bound.status, JSON.stringify(bound.body)).to.equal(200);
    expect(bound.body.inviterId).to.equal(shop.s.id);
  });
});
