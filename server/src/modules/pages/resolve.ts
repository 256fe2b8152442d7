/**
 * What shoppers see of a page: its blocks with each `products` block resolved to the listings it
 * shows, through the market's shop catalog (the same cards as `GET /shop/products`). The published
 * home page is the storefront's hottest read, so a resolved page is kept in each process's near
 * cache: a publish (or delete) drops it everywhere at once, and 30 seconds bound how long a price
 * or stock change takes to reach a cached products block.
 */
import type { z } from 'zod';
import { requireTenantId, type Ctx } from '../../core/context.js';
import { nearCache } from '../../core/near-cache.js';
import { shopProducts, shopProductsByIds, type ShopProduct } from '../market/index.js';
import { runSequence } from '../../core/hooks.js';
import { blockCoupons } from './hooks.js';
import type { BlockInput, blockCouponSchema, blockProductSchema, pageViewSchema, resolvedBlockSchema } from './schemas.js';

export type BlockProduct = z.infer<typeof blockProductSchema>;
export type BlockCoupon = z.infer<typeof blockCouponSchema>;
export type ResolvedBlock = z.infer<typeof resolvedBlockSchema>;
export type PageView = z.infer<typeof pageViewSchema>;

type ProductsBlock = Extract<BlockInput, { type: 'products' }>;

const card = (p: ShopProduct): BlockProduct => ({ id: p.id, title: p.title, price: p.price, image: p.image, sales: p.salesCount });

async function productsOf(ctx: Ctx, { props }: ProductsBlock): Promise<BlockProduct[]> {
  const first = { page: 1, pageSize: props.limit };
  switch (props.source) {
    case 'newest':
      return (await shopProducts(ctx, { ...first, sort: 'newest' })).items.map(card);
    case 'best_selling':
      return (await shopProducts(ctx, { ...first, sort: 'sales' })).items.map(card);
    case 'category':
      return props.categoryId ? (await shopProducts(ctx, { ...first, categoryId: props.categoryId })).items.map(card) : [];
    case 'manual':
      return (await shopProductsByIds(ctx, (props.productIds ?? []).slice(0, props.limit))).map(card);
  }
}

/** The blocks as the storefront renders them; the blocks' product and coupon reads run side by side. */
export async function resolveBlocks(ctx: Ctx, blocks: BlockInput[]): Promise<ResolvedBlock[]> {
  return Promise.all(
    blocks.map(async (block) => {
      if (block.type === 'products') return { ...block, products: await productsOf(ctx, block) };
      if (block.type === 'coupons') return { ...block, coupons: await runSequence(blockCoupons, [], ctx, block.props.couponIds) };
      return block;
    }),
  );
}

/** A tenant's resolved published pages by `home` or page id; null when nothing is published there. Bounded: a resolved page may carry a few hundred cards. */
const published = nearCache<PageView | null>('pages.published', { ttlSeconds: 30, max: 500 });

const cacheKey = (ctx: Ctx, which: 'home' | number) => `${requireTenantId(ctx)}:${which}`;

export function cachedPublished(ctx: Ctx, which: 'home' | number, load: () => Promise<PageView | null>): Promise<PageView | null> {
  return published.get(ctx, cacheKey(ctx, which), load);
}

/** Forgets a page's resolved view in every process once the change commits. */
export async function forgetPublished(ctx: Ctx, pageId: number, isHome: boolean): Promise<void> {
  await published.invalidate(ctx, cacheKey(ctx, pageId));
  if (isHome) await published.invalidate(ctx, cacheKey(ctx, 'home'));
}
