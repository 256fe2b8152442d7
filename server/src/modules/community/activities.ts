/**
 * Community activities: a window from `startsAt` to the cut-off (`cutoffAt`, 截单) in which
 * shoppers order the activity's SKUs at its prices for pickup at a point, and the day the goods
 * reach the points (`deliverAt`). A price is never above the shop's price nor below the line's
 * floor (orders' floors.ts: what the shop owes for another owner's goods).
 */
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { pageOf, type Page, type PageQuery } from '../../core/db/index.js';
import { notFound, ValidationError } from '../../core/errors.js';
import { offersFor } from '../market/index.js';
import { lineFloor } from '../orders/index.js';
import * as repo from './repository.js';
import type { ActivityBody, ActivityView } from './schemas.js';

export function activityStatus(a: Pick<repo.ActivityRow, 'startsAt' | 'cutoffAt'>, now = clock.now()): ActivityView['status'] {
  if (now.getTime() < a.startsAt.getTime()) return 'not_started';
  return now.getTime() < a.cutoffAt.getTime() ? 'running' : 'cut_off';
}

async function checkedItems(ctx: Ctx, items: ActivityBody['items']): Promise<ActivityBody['items']> {
  const offers = await offersFor(ctx, items.map((i) => i.skuId));
  const seen = new Set<number>();
  items.forEach((item, i) => {
    const offer = offers.get(item.skuId);
    if (!offer) throw ValidationError.field(`items[${i}].skuId`, 'no such product SKU in this shop');
    if (seen.has(item.skuId)) throw ValidationError.field(`items[${i}].skuId`, 'listed twice');
    seen.add(item.skuId);
    if (item.price > offer.price) throw ValidationError.field(`items[${i}].price`, `must not be above the shop price ${offer.price}`);
    const floor = lineFloor(ctx, offer, 1);
    if (item.price < floor) throw ValidationError.field(`items[${i}].price`, `must be at least ${floor}, what the shop pays for it`);
  });
  return items;
}

export async function createActivity(ctx: Ctx, body: ActivityBody): Promise<{ id: number }> {
  if (body.cutoffAt.getTime() <= body.startsAt.getTime()) throw ValidationError.field('cutoffAt', 'must be after startsAt');
  if (body.deliverAt.getTime() < body.cutoffAt.getTime()) throw ValidationError.field('deliverAt', 'must not be before cutoffAt');
  const items = await checkedItems(ctx, body.items);
  return { id: await repo.insertActivity(ctx, { name: body.name, startsAt: body.startsAt, cutoffAt: body.cutoffAt, deliverAt: body.deliverAt, items }) };
}

export async function loadActivity(ctx: Ctx, id: number): Promise<repo.ActivityRow> {
  const a = await repo.findActivity(ctx, id);
  if (!a) throw notFound('Community group buy');
  return a;
}

/** Views of activities with their SKUs' titles, images, shop prices and stock (one read of the offers). */
export async function activityViews(ctx: Ctx, rows: repo.ActivityRow[]): Promise<ActivityView[]> {
  const offers = await offersFor(ctx, [...new Set(rows.flatMap((a) => a.items.map((i) => i.skuId)))]);
  const now = clock.now();
  return rows.map((a) => ({
    id: a.id,
    name: a.name,
    status: activityStatus(a, now),
    startsAt: a.startsAt.toISOString(),
    cutoffAt: a.cutoffAt.toISOString(),
    deliverAt: a.deliverAt.toISOString(),
    items: a.items.flatMap((i) => {
      const o = offers.get(i.skuId);
      return o ? [{ skuId: i.skuId, productId: o.listingId, title: o.title, specs: o.specs, image: o.image, shopPrice: o.price, price: i.price, stock: o.sellable ? o.stock : 0 }] : [];
    }),
  }));
}

export async function listActivities(ctx: Ctx, q: PageQuery): Promise<Page<ActivityView>> {
  const { rows, total } = await repo.activityPage(ctx, q);
  return pageOf(q, await activityViews(ctx, rows), total);
}

export async function getActivity(ctx: Ctx, id: number): Promise<ActivityView> {
  return (await activityViews(ctx, [await loadActivity(ctx, id)]))[0]!;
}

/** What shoppers see: the activities taking orders now. */
export async function runningActivityViews(ctx: Ctx): Promise<ActivityView[]> {
  return activityViews(ctx, await repo.runningActivities(ctx, clock.now()));
}
