/**
 * What the quote's adjusters gave an order, taken when it is placed and given back when it is
 * cancelled unpaid: each adjuster sees only its own adjustments, and only adjusters that adjusted
 * the order are asked, in their order.
 */
import type { Ctx } from '../../core/context.js';
import { contributionsTo } from '../../core/hooks.js';
import { quoteAdjusters, type AdjustedOrder } from './hooks.js';
import type { Adjustment } from './quote.js';

interface OrderRef {
  id: number;
  tenantId: number;
  customerId: number;
  adjustments: readonly Adjustment[];
}

/** One line per listing SKU, its units added up (a line split across warehouses is one line again). */
function linesOf(items: ReadonlyArray<{ listingSkuId: number; quantity: number }>): AdjustedOrder['lines'] {
  const units = new Map<number, number>();
  for (const i of items) units.set(i.listingSkuId, (units.get(i.listingSkuId) ?? 0) + i.quantity);
  return [...units].map(([listingSkuId, quantity]) => ({ listingSkuId, quantity }));
}

function* adjustersOf(order: OrderRef, items: ReadonlyArray<{ listingSkuId: number; quantity: number }>) {
  const lines = linesOf(items);
  for (const c of contributionsTo(quoteAdjusters)) {
    const own = order.adjustments.filter((a) => a.source === c.name);
    if (own.length) yield { adjuster: c.value, order: { id: order.id, tenantId: order.tenantId, customerId: order.customerId, lines, adjustments: own } };
  }
}

/** In the placing transaction: a refusal (a coupon used up meanwhile) fails the whole placement. */
export async function reserveAdjustments(tx: Ctx, order: OrderRef, items: ReadonlyArray<{ listingSkuId: number; quantity: number }>): Promise<void> {
  for (const { adjuster, order: adjusted } of adjustersOf(order, items)) await adjuster.reserve?.(tx, adjusted);
}

/** In the cancelling transaction (shopper, shop, or the unpaid timeout). */
export async function releaseAdjustments(tx: Ctx, order: OrderRef, items: ReadonlyArray<{ listingSkuId: number; quantity: number }>, reason: string): Promise<void> {
  for (const { adjuster, order: adjusted } of adjustersOf(order, items)) await adjuster.release?.(tx, adjusted, reason);
}
