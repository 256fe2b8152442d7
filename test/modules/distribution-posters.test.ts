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

/** The QR code's text in a PNG, from sharp's raw pixels. */
export async function decodePoster(png: Buffer): Promise<string | null> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR.default(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}

let tenantSeq = 900_000 + Math.floor(Math.random() * 50_000);

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
