import type { Actor, Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import { conflict, notFound, ValidationError } from '../../core/errors.js';
import { offersFor } from '../market/index.js';
import * as repo from './repository.js';

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
  const rows = await repo.linesOf(ctx, ctx.actor.id);
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

/**
 * Adds a SKU (quantities add up), refusing what cannot be sold or exceeds the stock. The sum is a
 * conditional update, so parallel adds of one SKU all count; a line made by a parallel request
 * first is added to instead.
 */
export async function addToCart(ctx: ShopperCtx, skuId: number, quantity: number): Promise<CartView> {
  const customerId = ctx.actor.id;
  await withTransaction(
    ctx,
    async (tx) => {
      const offer = (await offersFor(tx, [skuId])).get(skuId);
      if (!offer) throw ValidationError.field('skuId', 'no such product SKU in this shop');
      if (!offer.sellable) throw conflict('not_on_sale', 'This product is not on sale');
      const cap = Math.min(offer.stock, MAX_QUANTITY);
      const tooMany = () => conflict('insufficient_stock', `Only ${offer.stock} left`, { skuId, stock: offer.stock });
      if (await repo.addToLine(tx, customerId, skuId, quantity, cap)) return;
      if (quantity > cap) throw tooMany();
      if (!(await repo.hasLineFor(tx, customerId, skuId)) && (await repo.countLines(tx, customerId)) >= MAX_CART_LINES) throw conflict('cart_full', `A cart holds ${MAX_CART_LINES} products at most`);
      if (await repo.insertLine(tx, customerId, skuId, quantity)) return;
      // the line exists (made now by a parallel add, or already over the cap with this one)
      if (!(await repo.addToLine(tx, customerId, skuId, quantity, cap))) throw tooMany();
    },
  );
  return viewCart(ctx);
}

async function line(ctx: ShopperCtx, id: number): Promise<repo.CartRow> {
  const row = await repo.lineOf(ctx, ctx.actor.id, id);
  if (!row) throw notFound('Cart item');
  return row;
}

export async function updateCartItem(ctx: ShopperCtx, id: number, changes: { quantity?: number; selected?: boolean }): Promise<CartView> {
  await line(ctx, id);
  await repo.updateLine(ctx, ctx.actor.id, id, changes);
  return viewCart(ctx);
}

export async function removeCartItem(ctx: ShopperCtx, id: number): Promise<CartView> {
  await line(ctx, id);
  await repo.removeLine(ctx, ctx.actor.id, id);
  return viewCart(ctx);
}

export async function selectAll(ctx: ShopperCtx, selected: boolean): Promise<CartView> {
  await repo.selectLines(ctx, ctx.actor.id, selected);
  return viewCart(ctx);
}

/** A cart kept before sign-in joins the shopper's: quantities add up, capped by stock; unknown SKUs are skipped. */
export async function mergeCart(ctx: ShopperCtx, items: Array<{ skuId: number; quantity: number }>): Promise<CartView> {
  const customerId = ctx.actor.id;
  await withTransaction(
    ctx,
    async (tx) => {
      const offers = await offersFor(tx, items.map((i) => i.skuId));
      for (const item of items) {
        const offer = offers.get(item.skuId);
        if (!offer?.sellable) continue;
        const cap = Math.min(offer.stock, MAX_QUANTITY);
        if (cap <= 0 || (await repo.raiseLine(tx, customerId, item.skuId, item.quantity, cap))) continue;
        if (!(await repo.insertLine(tx, customerId, item.skuId, Math.min(item.quantity, cap)))) await repo.raiseLine(tx, customerId, item.skuId, item.quantity, cap);
      }
    },
  );
  return viewCart(ctx);
}

/** After an order is placed, what was bought leaves the cart. */
export async function removeBought(ctx: Ctx, customerId: number, listingSkuIds: number[]): Promise<void> {
  if (!listingSkuIds.length) return;
  await repo.removeSkus(ctx, customerId, listingSkuIds);
}
