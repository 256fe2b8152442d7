/**
 * 分享海报: a distributor's poster is a PNG drawn on the server whose QR code, read back the way a
 * phone camera reads it, is exactly the share link carrying the invite code; the same drawing is
 * served from the cache without a second render, and a changed price draws a new one.
 */
import { expect } from 'chai';
import jsQR from 'jsqr';
import sharp from 'sharp';
import sinon from 'sinon';
import { storage } from '../../server/src/core/storage.js';
import { painter, poster, shareLink, wrapTitle, type PosterInput } from '../../server/src/modules/distribution/posters.js';
import { shopApi } from '../support/http.js';
import { shopper, storeWithProduct } from '../factories/index.js';

/** The QR code's text in a PNG, from sharp's raw pixels. */
export async function decodePoster(png: Buffer): Promise<string | null> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR.default(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}

let tenantSeq = 900_000 + Math.floor(Math.random() * 50_000);

const png = (res: { on: (e: string, f: (c?: Buffer) => void) => void }, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c) => chunks.push(c!));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

async function programme(rates = [1000, 500], becomeBy: 'auto' | 'apply' = 'auto') {
  const shop = await storeWithProduct();
  const saved = await shopApi(shop.m.slug, shop.m.token).put('/admin/distribution/settings').send({ enabled: true, depth: rates.length, rates, becomeBy, minWithdrawal: 100, withdrawalFeeBps: 50 });
  expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
  return shop;
}

describe('distribution share links and posters over HTTP', () => {
  it('gives a distributor a link and a poster whose QR code opens the product with the invite code, and the link binds a new shopper', async () => {
    const shop = await programme();
    const me = await shopApi(shop.m.slug, shop.s.token).get('/shop/distribution/me');
    expect(me.body.status, JSON.stringify(me.body)).to.equal('active');
    const code = me.body.inviteCode as string;

    const share = await shopApi(shop.m.slug, shop.s.token).get(`/shop/distribution/share?productId=${shop.listing.id}`);
    expect(share.status, JSON.stringify(share.body)).to.equal(200);
    expect(share.body.inviteCode).to.equal(code);
    expect(share.body.link).to.match(new RegExp(`\\?inviter=${code}#/products/${shop.listing.id}$`));
    expect(share.body.earn).to.equal(Math.floor((shop.listing.skus[0]!.price * 1000) / 10_000));
    // a product with its own rates earns by them
    const own = await shopApi(shop.m.slug, shop.m.token).put(`/admin/distribution/product-rates/${shop.listing.id}`).send({ rates: [2500, 500] });
    expect(own.status, JSON.stringify(own.body)).to.equal(200);
    const dearer = await shopApi(shop.m.slug, shop.s.token).get(`/shop/distribution/share?productId=${shop.listing.id}`);
    expect(dearer.body.earn).to.equal(Math.floor((shop.listing.skus[0]!.price * 2500) / 10_000));

    const res = await shopApi(shop.m.slug, shop.s.token).get(`/shop/distribution/poster?productId=${shop.listing.id}`).buffer(true).parse(png);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('image/png');
    expect(await decodePoster(res.body as Buffer)).to.equal(share.body.link);

    const shopPoster = await shopApi(shop.m.slug, shop.s.token).get('/shop/distribution/poster').buffer(true).parse(png);
    expect(await decodePoster(shopPoster.body as Buffer)).to.equal(shareLink(shop.m.slug, code));

    // what the storefront does with ?inviter=: the new shopper binds to the sharer
    const friend = await shopper(shop.m.slug);
    const inviteCode = new URL(share.body.link).searchParams.get('inviter');
    const bound = await shopApi(shop.m.slug, friend.token).post('/shop/distribution/bind').send({ inviteCode });
    expect(bound.status, JSON.stringify(bound.body)).to.equal(200);
    expect(bound.body.inviterId).to.equal(shop.s.id);
  });

  it('refuses a shopper who is not a distributor, a shop without the programme, and another shop\'s product', async () => {
    const shop = await programme([1000], 'apply');
    const notYet = await shopApi(shop.m.slug, shop.s.token).get(`/shop/distribution/share?productId=${shop.listing.id}`);
    expect(notYet.status).to.equal(409);
    expect(notYet.body.error.code).to.equal('not_distributor');
    expect((await shopApi(shop.m.slug, shop.s.token).get('/shop/distribution/poster')).status).to.equal(409);

    const other = await storeWithProduct();
    const off = await shopApi(other.m.slug, other.s.token).get('/shop/distribution/share');
    expect(off.status).to.equal(409);
    expect(off.body.error.code).to.equal('distribution_off');

    const active = await programme();
    await shopApi(active.m.slug, active.s.token).get('/shop/distribution/me');
    const foreign = await shopApi(active.m.slug, active.s.token).get(`/shop/distribution/poster?productId=${other.listing.id}`);
    expect(foreign.status).to.equal(404);
    expect((await shopApi(active.m.slug).get('/shop/distribution/poster')).status).to.equal(401);
  });

  it('tells a shopper the programme\'s terms: rates, withdrawal minimum and fee', async () => {
    const shop = await programme([1200, 300]);
    const rules = await shopApi(shop.m.slug).get('/shop/distribution/rules');
    expect(rules.status).to.equal(200);
    expect(rules.body).to.include({ enabled: true, depth: 2, minWithdrawal: 100, withdrawalFeeBps: 50 });
    expect(rules.body.rates).to.deep.equal([1200, 300]);
  });
});

describe('distribution posters', () => {
  afterEach(() => sinon.restore());

  it('draws a product poster whose QR code reads back to the exact share link', async () => {
    const red = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#c0392b' } }).png().toBuffer();
    const image = await storage().put(`test/poster-${Date.now()}.png`, red, 'image/png');
    const link = shareLink('acme', 'K7Q2XM', 42);
    expect(link).to.match(/\/\?inviter=K7Q2XM#\/products\/42$/);
    const png = await poster(++tenantSeq, { shopName: '山野小铺', inviteCode: 'K7Q2XM', link, product: { id: 42, title: '云南古树普洱茶 357克 饼茶 礼盒装 年货送礼', price: 12_900, image }, earn: 1290 });
    const meta = await sharp(png).metadata();
    expect(meta.format).to.equal('png');
    expect([meta.width, meta.height]).to.deep.equal([750, 1200]);
    expect(await decodePoster(png)).to.equal(link);
  });

  it('draws a shop poster (no product) that reads back to the shop link', async () => {
    const link = shareLink('acme', 'AB12CD');
    const png = await poster(++tenantSeq, { shopName: '山野小铺', inviteCode: 'AB12CD', link, product: null });
    expect(await decodePoster(png)).to.equal(link);
  });

  it('serves a repeat from the cache without rendering, and redraws when the price changes', async () => {
    const render = sinon.spy(painter, 'render');
    const tenant = ++tenantSeq;
    const input: PosterInput = { shopName: 'Shop', inviteCode: 'ZZ9', link: shareLink('acme', 'ZZ9', 7), product: { id: 7, title: 'Tea', price: 500, image: null } };
    const first = await poster(tenant, input);
    const again = await poster(tenant, { ...input, product: { ...input.product! } });
    expect(render.callCount).to.equal(1);
    expect(again.equals(first)).to.equal(true);
    await poster(tenant, { ...input, product: { ...input.product!, price: 600 } });
    expect(render.callCount).to.equal(2);
  });

  it('wraps a long title into two lines ending in an ellipsis', () => {
    const lines = wrapTitle('一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十', 18, 2);
    expect(lines).to.have.length(2);
    expect(lines[1]!.endsWith('…')).to.equal(true);
    expect(wrapTitle('Tea', 18, 2)).to.deep.equal(['Tea']);
  });
});
