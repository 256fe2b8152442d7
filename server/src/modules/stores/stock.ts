/**
 * A store's own stock of the shop's SKUs. Staff set a count (the difference is recorded) or adjust
 * it by a delta; an order served by the store takes its units in the order's transaction and gives
 * them back if it is cancelled unpaid. Every change is one conditional update
 * (`WHERE stock + delta >= 0`) and one history row, so a count never goes below zero however many
 * orders race for the last units, and the history adds up to the count.
 */
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import { ValidationError } from '../../core/errors.js';
import { offersFor } from '../market/index.js';
import { storeErrors } from './errors.js';
import * as repo from './repository.js';
import type { StoreLine, StoreOrderKind } from './repository.js';
import { storeOf } from './stores.js';

const staffOf = (ctx: Ctx) => (ctx.actor.kind === 'merchant' ? ctx.actor.id : null);

/** Refuses SKUs that are not the shop's own goods (a supplier's goods ship from the supplier). */
export async function assertOwnGoods(ctx: Ctx, skuIds: number[], field: (i: number) => string): Promise<void> {
  const tenantId = requireTenantId(ctx);
  const offers = await offersFor(ctx, skuIds);
  skuIds.forEach((skuId, i) => {
    const o = offers.get(skuId);
    if (!o) throw ValidationError.field(`${field(i)}`, 'no such product SKU in this shop');
    if (o.ownerKind !== 'tenant' || o.ownerId !== tenantId) throw storeErrors.notOwnGoods(field(i));
  });
}

/** Sets the counts of some SKUs at a store (a stocktake): each difference is a history row. */
export async function setStock(ctx: Ctx, storeId: number, items: Array<{ skuId: number; stock: number }>, note?: string) {
  await storeOf(ctx, storeId);
  const seen = new Set<number>();
  items.forEach((item, i) => {
    if (seen.has(item.skuId)) throw ValidationError.field(`items[${i}].skuId`, 'listed twice');
    seen.add(item.skuId);
  });
  await assertOwnGoods(ctx, items.map((i) => i.skuId), (i) => `items[${i}].skuId`);
  await withTransaction(ctx, async (tx) => {
    for (const item of items) {
      await repo.ensureStockRow(tx, storeId, item.skuId);
      // the row lock holds off an order taking units between our read and our write
      const before = await repo.lockedStock(tx, storeId, item.skuId);
      const delta = item.stock - before;
      if (!delta) continue;
      if (!(await repo.moveStock(tx, storeId, item.skuId, delta))) throw storeErrors.belowZero(item.skuId, before);
      await repo.insertMoves(tx, [{ storeId, skuId: item.skuId, delta, reason: 'set', orderId: null, staffId: staffOf(ctx), note: note ?? null }]);
    }
  });
  return storeStock(ctx, storeId);
}

/** Adds or takes units (received goods, breakage): refused if it would go below zero. */
export async function adjustStock(ctx: Ctx, storeId: number, skuId: number, delta: number, note?: string) {
  await storeOf(ctx, storeId);
  await assertOwnGoods(ctx, [skuId], () => 'skuId');
  await withTransaction(ctx, async (tx) => {
    await repo.ensureStockRow(tx, storeId, skuId);
    if (!(await repo.moveStock(tx, storeId, skuId, delta))) throw storeErrors.belowZero(skuId, await repo.lockedStock(tx, storeId, skuId));
    await repo.insertMoves(tx, [{ storeId, skuId, delta, reason: 'adjust', orderId: null, staffId: staffOf(ctx), note: note ?? null }]);
  });
  return storeStock(ctx, storeId);
}

/** A store's stock with each SKU's product title, specs and shop price. */
export async function storeStock(ctx: Ctx, storeId: number) {
  await storeOf(ctx, storeId);
  const rows = await repo.stocksOf(ctx, [storeId]);
  const offers = await offersFor(ctx, rows.map((r) => r.skuId));
  return {
    items: rows.map((r) => {
      const o = offers.get(r.skuId);
      return { skuId: r.skuId, productId: o?.listingId ?? null, title: o?.title ?? '', specs: o?.specs ?? {}, price: o?.price ?? null, stock: r.stock };
    }),
  };
}

export async function stockHistory(ctx: Ctx, storeId: number, query: { skuId?: number; page: number; pageSize: number }) {
  await storeOf(ctx, storeId);
  const { items, total } = await repo.movesOf(ctx, storeId, query.skuId, query);
  return { items: items.map(({ storeId: _store, ...m }) => ({ ...m, createdAt: m.createdAt.toISOString() })), total, page: query.page, pageSize: query.pageSize };
}

/** One line per SKU, units added up (a body listing a SKU twice counts twice). Pure. */
export function sumLines(lines: ReadonlyArray<StoreLine>): StoreLine[] {
  const units = new Map<number, number>();
  for (const l of lines) units.set(l.skuId, (units.get(l.skuId) ?? 0) + l.quantity);
  return [...units].map(([skuId, quantity]) => ({ skuId, quantity }));
}

/**
 * Takes an order's units from the store, inside the order's transaction (a refusal rolls the
 * order back): 409 `store_out_of_stock` naming the first SKU the store cannot cover.
 */
export async function reserveAtStore(tx: Ctx, order: { id: number; storeId: number; kind: StoreOrderKind; lines: ReadonlyArray<StoreLine>; titles?: ReadonlyMap<number, string> }): Promise<void> {
  const lines = sumLines(order.lines);
  for (const l of lines) {
    if (!(await repo.moveStock(tx, order.storeId, l.skuId, -l.quantity))) {
      const left = (await repo.stocksOf(tx, [order.storeId], [l.skuId]))[0]?.stock ?? 0;
      throw storeErrors.outOfStock(l.skuId, order.titles?.get(l.skuId) ?? `SKU ${l.skuId}`, l.quantity, left);
    }
  }
  await repo.insertMoves(tx, lines.map((l) => ({ storeId: order.storeId, skuId: l.skuId, delta: -l.quantity, reason: 'order', orderId: order.id, staffId: null, note: null })));
  await repo.insertStoreOrder(tx, { storeId: order.storeId, orderId: order.id, kind: order.kind, lines });
}

/** Gives a cancelled unpaid order's units back to its store, once (a second cancel finds them given back). */
export async function releaseAtStore(tx: Ctx, orderId: number): Promise<boolean> {
  const held = await repo.storeOrderOf(tx, orderId);
  if (!held || held.released) return false;
  if (!(await repo.markReleased(tx, orderId))) return false;
  for (const l of held.lines) await repo.moveStock(tx, held.storeId, l.skuId, l.quantity);
  await repo.insertMoves(tx, held.lines.map((l) => ({ storeId: held.storeId, skuId: l.skuId, delta: l.quantity, reason: 'order_cancelled', orderId, staffId: null, note: null })));
  return true;
}

/** The SKUs of these lines a store cannot cover now (committed counts; the take decides races). */
export async function missingAtStore(ctx: Ctx, storeId: number, lines: ReadonlyArray<StoreLine>): Promise<Array<{ skuId: number; requested: number; available: number }>> {
  const summed = sumLines(lines);
  const counts = new Map((await repo.stocksOf(ctx, [storeId], summed.map((l) => l.skuId))).map((c) => [c.skuId, c.stock]));
  return summed.filter((l) => (counts.get(l.skuId) ?? 0) < l.quantity).map((l) => ({ skuId: l.skuId, requested: l.quantity, available: counts.get(l.skuId) ?? 0 }));
}
