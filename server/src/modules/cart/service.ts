import type { Actor, Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { inTx, tenantWrite, withTransaction } from '../../core/db/index.js';
import { conflict, notFound, ValidationError } from '../../core/errors.js';
import { offersFor } from '../market/index.js';
import { CartItem } from './model.js';

type ShopperCtx = Ctx & { actor: Extract<Actor, { kind: 'shopper' }> };

export const MAX_CART_LINES = 100;
export const MAX_QUANTITY = 999;

export interface CartLine {
  id: number;
  skuId: number;
  productId: number;
  title: string;
  image: string | null;
  specs: Record<string, string>;
  price: number;
  quantity: number;
  stock: number;
  selected: boolean;
  available: boolean;
  subtotal: number;
}

export interface CartView {
  items: CartLine[];
  selectedCount: number;
  selectedAmount: number;
}

export async function viewCart(ctx: ShopperCtx): Promise<CartView> {
  const rows = await CartItem.findAll({ where: { tenantId: requireTenantId(ctx), customerId: ctx.actor.id }, order: [['id', 'DESC']], ...inTx(ctx) });
  const offers = await offersFor(ctx, rows.map((r) => r.listingSkuId));
  const items = rows.flatMap((r): CartLine[] => {
    const o = offers.get(r.listingSkuId);
    if (!o) return [];
    const available = o.sellable && o.stock >= r.quantity;
    return [{ id: r.id, skuId: r.listingSkuId, productId: o.listingId, title: o.title, image: o.image, specs: o.specs, price: o.price, quantity: r.quantity, stock: o.stock, selected: r.selected, available, subtotal: o.price * r.quantity }];
  });
  const chosen = items.filter((i) => i.selected && i.available);
  return { items, selectedCount: chosen.reduce((n, i) => n + i.quantity, 0), selectedAmount: chosen.reduce((n, i) => n + i.subtotal, 0) };
}

/** Adds a SKU (quantities add up), refusing what cannot be sold or exceeds the stock. */
export async function addToCart(ctx: ShopperCtx, skuId: number, quantity: number): Promise<CartView> {
  const tenantId = requireTenantId(ctx);
  await withTransaction(ctx, async (tx) => {
    const offer = (await offersFor(tx, [skuId])).get(skuId);
    if (!offer) throw ValidationError.field('skuId', 'no such product SKU in this shop');
    if (!offer.sellable) throw conflict('not_on_sale', 'This product is not on sale');
    const existing = await CartItem.findOne({ where: { tenantId, customerId: ctx.actor.id, listingSkuId: skuId }, ...inTx(tx) });
    const total = (existing?.quantity ?? 0) + quantity;
    if (total > Math.min(offer.stock, MAX_QUANTITY)) throw conflict('insufficient_stock', `Only ${offer.stock} left`, { skuId, stock: offer.stock });
    if (existing) await existing.update({ quantity: total, selected: true }, inTx(tx));
    else {
      if ((await CartItem.count({ where: { tenantId, customerId: ctx.actor.id }, ...inTx(tx) })) >= MAX_CART_LINES) throw conflict('cart_full', `A cart holds ${MAX_CART_LINES} products at most`);
      await CartItem.create({ tenantId, customerId: ctx.actor.id, listingSkuId: skuId, quantity, selected: true }, inTx(tx));
    }
  });
  return viewCart(ctx);
}

async function line(ctx: ShopperCtx, id: number): Promise<CartItem> {
  const row = await CartItem.findOne({ where: { tenantId: requireTenantId(ctx), customerId: ctx.actor.id, id }, ...inTx(ctx) });
  if (!row) throw notFound('Cart item');
  return row;
}

export async function updateCartItem(ctx: ShopperCtx, id: number, changes: { quantity?: number; selected?: boolean }): Promise<CartView> {
  const row = await line(ctx, id);
  await row.update(changes, inTx(ctx));
  return viewCart(ctx);
}

export async function removeCartItem(ctx: ShopperCtx, id: number): Promise<CartView> {
  await (await line(ctx, id)).destroy(inTx(ctx));
  return viewCart(ctx);
}

export async function selectAll(ctx: ShopperCtx, selected: boolean): Promise<CartView> {
  await CartItem.update({ selected }, { where: { tenantId: requireTenantId(ctx), customerId: ctx.actor.id }, ...inTx(ctx) });
  return viewCart(ctx);
}

/** A cart kept before sign-in joins the shopper's: quantities add up, capped by stock; unknown SKUs are skipped. */
export async function mergeCart(ctx: ShopperCtx, items: Array<{ skuId: number; quantity: number }>): Promise<CartView> {
  const tenantId = requireTenantId(ctx);
  await withTransaction(ctx, async (tx) => {
    const offers = await offersFor(tx, items.map((i) => i.skuId));
    for (const item of items) {
      const offer = offers.get(item.skuId);
      if (!offer?.sellable) continue;
      const existing = await CartItem.findOne({ where: { tenantId, customerId: ctx.actor.id, listingSkuId: item.skuId }, ...inTx(tx) });
      const quantity = Math.min((existing?.quantity ?? 0) + item.quantity, offer.stock, MAX_QUANTITY);
      if (quantity <= 0) continue;
      if (existing) await existing.update({ quantity }, inTx(tx));
      else await CartItem.create({ tenantId, customerId: ctx.actor.id, listingSkuId: item.skuId, quantity, selected: true }, inTx(tx));
    }
  });
  return viewCart(ctx);
}

/** After an order is placed, what was bought leaves the cart. */
export async function removeBought(ctx: Ctx, customerId: number, listingSkuIds: number[]): Promise<void> {
  if (!listingSkuIds.length) return;
  await tenantWrite(ctx, 'DELETE FROM cart_items WHERE tenant_id = :tenantId AND customer_id = :customerId AND listing_sku_id IN (:listingSkuIds)', { customerId, listingSkuIds });
}
