/**
 * Every query of the cart (server/README.md, "One door to the database"): plain rows in and out,
 * and the conditional writes that keep parallel adds of one SKU from losing each other.
 */
import { UniqueConstraintError } from 'sequelize';
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { inTx, tenantWrite } from '../../core/db/index.js';
import { CartItem } from './model.js';

export interface CartRow {
  id: number;
  listingSkuId: number;
  quantity: number;
  selected: boolean;
}

const rowOf = (r: CartItem): CartRow => ({ id: r.id, listingSkuId: r.listingSkuId, quantity: r.quantity, selected: r.selected });
const mine = (ctx: Ctx, customerId: number) => ({ tenantId: requireTenantId(ctx), customerId });

/** Newest first. */
export async function linesOf(ctx: Ctx, customerId: number): Promise<CartRow[]> {
  return (await CartItem.findAll({ where: mine(ctx, customerId), order: [['id', 'DESC']], ...inTx(ctx) })).map(rowOf);
}

export async function lineOf(ctx: Ctx, customerId: number, id: number): Promise<CartRow | null> {
  const row = await CartItem.findOne({ where: { ...mine(ctx, customerId), id }, ...inTx(ctx) });
  return row ? rowOf(row) : null;
}

export async function hasLineFor(ctx: Ctx, customerId: number, listingSkuId: number): Promise<boolean> {
  return (await CartItem.count({ where: { ...mine(ctx, customerId), listingSkuId }, ...inTx(ctx) })) > 0;
}

export async function countLines(ctx: Ctx, customerId: number): Promise<number> {
  return CartItem.count({ where: mine(ctx, customerId), ...inTx(ctx) });
}

/** Adds to the SKU's line when the sum stays within `cap`; false when there is no line or it would not. */
export async function addToLine(ctx: Ctx, customerId: number, listingSkuId: number, quantity: number, cap: number): Promise<boolean> {
  const changed = await tenantWrite(
    ctx,
    'UPDATE cart_items SET quantity = quantity + :quantity, selected = :yes, updated_at = :now WHERE tenant_id = :tenantId AND customer_id = :customerId AND listing_sku_id = :listingSkuId AND quantity + :quantity <= :cap',
    { customerId, listingSkuId, quantity, cap, yes: true, now: new Date() },
  );
  return changed > 0;
}

/** Raises the SKU's line by `quantity`, never above `cap`; false when there is no line. */
export async function raiseLine(ctx: Ctx, customerId: number, listingSkuId: number, quantity: number, cap: number): Promise<boolean> {
  const changed = await tenantWrite(
    ctx,
    'UPDATE cart_items SET quantity = CASE WHEN quantity + :quantity > :cap THEN :cap ELSE quantity + :quantity END, updated_at = :now WHERE tenant_id = :tenantId AND customer_id = :customerId AND listing_sku_id = :listingSkuId',
    { customerId, listingSkuId, quantity, cap, now: new Date() },
  );
  return changed > 0;
}

/** A new line; false when the SKU already has one (another request made it first). */
export async function insertLine(ctx: Ctx, customerId: number, listingSkuId: number, quantity: number): Promise<boolean> {
  try {
    await CartItem.create({ ...mine(ctx, customerId), listingSkuId, quantity, selected: true }, inTx(ctx));
    return true;
  } catch (err) {
    if (err instanceof UniqueConstraintError) return false;
    throw err;
  }
}

export async function updateLine(ctx: Ctx, customerId: number, id: number, changes: { quantity?: number; selected?: boolean }): Promise<void> {
  await CartItem.update(changes, { where: { ...mine(ctx, customerId), id }, ...inTx(ctx) });
}

export async function removeLine(ctx: Ctx, customerId: number, id: number): Promise<void> {
  await CartItem.destroy({ where: { ...mine(ctx, customerId), id }, ...inTx(ctx) });
}

export async function selectLines(ctx: Ctx, customerId: number, selected: boolean): Promise<void> {
  await CartItem.update({ selected }, { where: mine(ctx, customerId), ...inTx(ctx) });
}

export async function removeSkus(ctx: Ctx, customerId: number, listingSkuIds: number[]): Promise<void> {
  await tenantWrite(ctx, 'DELETE FROM cart_items WHERE tenant_id = :tenantId AND customer_id = :customerId AND listing_sku_id IN (:listingSkuIds)', { customerId, listingSkuIds });
}
