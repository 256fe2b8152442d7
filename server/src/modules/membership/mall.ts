/**
 * The points mall (积分商城): listing SKUs the shop offers for points plus an optional cash part
 * (at least 1 fen less than the price, so the order stays a paid one). Redeeming places an order
 * through orders' `placeOrder` with `activity: {kind: 'points_mall', id}`: the mall's own quote step
 * (STEP.activity, so nothing else stacks on it) prices the line down to the cash part, and takes
 * the points in the placing transaction (409 `insufficient_points`; two redemptions racing for the
 * same points: one fails); a cancelled unpaid order gives them back.
 */
import type { z } from 'zod';
import type { Actor, Ctx } from '../../core/context.js';
import { conflict, notFound, ValidationError } from '../../core/errors.js';
import { contribute } from '../../core/hooks.js';
import { settingsOf } from '../../core/settings.js';
import { offersFor } from '../market/index.js';
import { KIND, lineFloor, placeOrder, placedView, quoteAdjusters, STEP, stepApplies, type AdjustedOrder } from '../orders/index.js';
import { membershipErrors } from './errors.js';
import { record } from './ledger.js';
import * as repo from './repository.js';
import type { mallItemBody, mallItemView, redeemBody } from './schemas.js';
import { membershipSettings } from './settings.js';

type ShopperCtx = Ctx & { actor: Extract<Actor, { kind: 'shopper' }> };

export const MALL = 'points_mall';


const unavailable = () => conflict('mall_item_unavailable', 'This item is no longer offered for points');

export async function mallView(ctx: Ctx, onlySellable: boolean): Promise<Array<z.output<typeof mallItemView>>> {
  const items = await repo.mallItems(ctx);
  const offers = await offersFor(ctx, items.map((i) => i.skuId));
  return items
    .filter((i) => offers.has(i.skuId) && (!onlySellable || offers.get(i.skuId)!.sellable))
    .map((i) => {
      const o = offers.get(i.skuId)!;
      return { id: i.id, skuId: i.skuId, productId: o.listingId, title: o.title, image: o.image, price: o.price, points: i.points, cash: i.cash, sellable: o.sellable };
    });
}

export async function putMallItem(ctx: Ctx, body: z.output<typeof mallItemBody>): Promise<{ id: number }> {
  const offer = (await offersFor(ctx, [body.skuId])).get(body.skuId);
  if (!offer) throw ValidationError.field('skuId', 'no such product SKU in this shop');
  if (body.cash >= offer.price) throw ValidationError.field('cash', `the cash part must be below the price (${offer.price} fen)`);
  // points are the shop's own money: it funds the rest of the price down to its cost, never below (orders/floors.ts)
  const floor = lineFloor(ctx, offer, 1);
  if (body.cash < floor) throw ValidationError.field('cash', `at least what the shop pays for it (${floor} fen)`);
  return { id: await repo.putMallItem(ctx, body) };
}

export async function removeMallItem(ctx: Ctx, id: number): Promise<{ deleted: true }> {
  if (!(await repo.deleteMallItem(ctx, id))) throw notFound('Points mall item');
  return { deleted: true };
}

export async function redeem(ctx: ShopperCtx, id: number, body: z.output<typeof redeemBody>) {
  const item = await repo.mallItem(ctx, id);
  if (!item) throw notFound('Points mall item');
  if (!(await settingsOf(ctx, membershipSettings)).enabled) throw membershipErrors.membershipOff();
  return placedView(await placeOrder(ctx, { items: [{ skuId: item.skuId, quantity: body.quantity }], addressId: body.addressId, activity: { kind: MALL, id } }));
}

/** The points an order's mall line takes: the SKU's offer times the units. */
async function pointsOf(ctx: Ctx, order: AdjustedOrder): Promise<number> {
  let points = 0;
  for (const line of order.lines) points += ((await repo.mallItemOfSku(ctx, line.listingSkuId))?.points ?? 0) * line.quantity;
  return points;
}

export const mallPrice = contribute(
  quoteAdjusters,
  'membership.points-mall',
  {
    async adjust(ctx, soFar, input) {
      if (!stepApplies('activity', input) || input.activity?.kind !== MALL) return [];
      const item = await repo.mallItem(ctx, input.activity.id);
      const line = soFar.lines.find((l) => l.offer.listingSkuId === item?.skuId);
      if (!item || !line || soFar.lines.length !== 1) throw unavailable();
      const amount = item.cash * line.quantity - line.subtotal;
      if (amount >= 0) throw unavailable();
      return [{ type: KIND.pointsMall, label: `积分兑换（${item.points * line.quantity}积分）`, amount, lines: [{ index: line.index, amount }] }];
    },
    async reserve(tx, order) {
      const points = await pointsOf(tx, order);
      if (!points) throw unavailable();
      await record(tx, { customerId: order.customerId, kind: 'mall', refId: order.id, orderId: order.id, points: -points });
    },
    async release(tx, order) {
      const spent = await repo.entryOf(tx, order.customerId, 'mall', order.id);
      if (spent) await record(tx, { customerId: order.customerId, kind: 'spend_release', refId: order.id, orderId: order.id, points: -spent.points });
    },
  },
  STEP.activity,
);
