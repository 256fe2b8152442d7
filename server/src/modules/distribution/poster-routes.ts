/**
 * A distributor's promotion tools over HTTP: the share link of the shop or a product, its poster
 * as a PNG, and the programme's terms a distributor is shown (rates, withdrawal minimum and fee).
 */
import { requireTenantId, type Ctx } from '../../core/context.js';
import { routeGroup } from '../../core/http.js';
import { shopProduct } from '../market/index.js';
import { HOME_PAGE, PRODUCT_PAGE, sceneCode, shareScene } from '../miniprogram/index.js';
import { distributionErrors } from './errors.js';
import { levelRatesOf, rateOf } from './levels.js';
import { rulesReply, shareQuery, shareReply } from './poster-schemas.js';
import { poster, shareLink, type PosterInput } from './posters.js';
import * as repo from './repository.js';
import * as service from './service.js';
import { ratesOf } from './settings.js';

const route = routeGroup();
export const posterRoutes = route.list;

const tags = ['distribution'];

type ShopperCtx = Ctx & { actor: { kind: 'shopper'; id: number } };

/** What a share draws and links to; refuses a shopper who is not an active distributor of this shop. */
async function shareOf(ctx: ShopperCtx, productId: number | undefined): Promise<PosterInput> {
  const settings = await service.settingsFor(ctx);
  if (!settings.enabled) throw distributionErrors.off();
  const me = await repo.findDistributor(ctx, ctx.actor.id);
  if (me?.status !== 'active') throw distributionErrors.notDistributor();
  const product = productId ? await shopProduct(ctx, productId) : null;
  const price = product ? Math.min(product.price, ...product.skus.map((s) => s.promoPrice ?? s.price)) : 0;
  const own = product ? (await repo.productRates(ctx, [product.id])).get(product.id) : undefined;
  const rate = rateOf(1, ratesOf(settings), (await levelRatesOf(ctx, [me.customerId])).get(me.customerId), own);
  const scene = shareScene(product?.id ?? null, me.inviteCode);
  const png = await sceneCode(ctx, product ? PRODUCT_PAGE : HOME_PAGE, scene);
  return {
    miniCode: png ? { scene, png } : null,
    shopName: ctx.tenant!.name,
    inviteCode: me.inviteCode,
    link: shareLink(ctx.tenant!.slug, me.inviteCode, product?.id),
    product: product ? { id: product.id, title: product.title, price, image: product.image ?? product.images[0] ?? null } : null,
    earn: product ? Math.floor((price * rate) / 10_000) : null,
  };
}

route({
  method: 'get', path: '/shop/distribution/rules', tags, summary: 'The programme as a shopper sees it: on or off, levels and rates, how to join, withdrawal minimum and fee', tenant: true, auth: 'public',
  response: rulesReply,
  handler: async (ctx) => {
    const s = await service.settingsFor(ctx);
    return { enabled: s.enabled, depth: s.depth, rates: ratesOf(s), becomeBy: s.becomeBy, spendThreshold: s.spendThreshold, selfPurchase: s.selfPurchase, minWithdrawal: s.minWithdrawal, withdrawalFeeBps: s.withdrawalFeeBps };
  },
});

route({
  method: 'get', path: '/shop/distribution/share', tags, summary: 'My share link of the shop or of a product (?productId=), with my invite code and what I earn on a sale (409 not_distributor, distribution_off)', tenant: true, auth: 'shopper',
  query: shareQuery, response: shareReply,
  handler: async (ctx, { query }) => {
    const s = await shareOf(ctx, query.productId);
    return { link: s.link, inviteCode: s.inviteCode, productId: s.product?.id ?? null, earn: s.earn ?? null };
  },
});

route({
  method: 'get', path: '/shop/distribution/poster', tags, summary: 'My poster of the shop or of a product (?productId=): a PNG with the shop, product, price, my invite code and the shop\'s mini-program code (scene p=<product>&i=<code>) or, without a mini-program, a QR code of my share link', tenant: true, auth: 'shopper', raw: true,
  produces: ['image/png'], query: shareQuery,
  handler: async (ctx, { query }, { res }) => {
    const png = await poster(requireTenantId(ctx), await shareOf(ctx, query.productId));
    res.status(200).setHeader('Content-Type', 'image/png');
    res.setHeader('Cache-Control', 'private, max-age=600');
    res.end(png);
  },
});
