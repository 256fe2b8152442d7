/** The console's group buys: create, edit, end, list with their figures, and their groups. */
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { pageOf, type Page, type PageQuery } from '../../core/db/index.js';
import { notFound, ValidationError } from '../../core/errors.js';
import { floorOf, offersFor, shopProduct, shopProductsByIds } from '../market/index.js';
import * as repo from './repository.js';
import type { ActivityBody, ActivityUpdate, ActivityView, GroupListQuery } from './schemas.js';
import { activityStatus, groupViews } from './views.js';

/**
 * The listing's SKUs the prices name, each once, each below its shop price and not below what the
 * shop owes for it (its supply price, or the owner's minimum retail price): a group price under it
 * would have the shop pay for every unit sold.
 */
async function checkedPrices(ctx: Ctx, listingId: number, prices: ActivityBody['prices']): Promise<ActivityBody['prices']> {
  const product = await shopProduct(ctx, listingId).catch(() => null);
  if (!product) throw ValidationError.field('productId', 'no such product in this shop');
  const offers = await offersFor(ctx, product.skus.map((s) => s.id));
  const seen = new Set<number>();
  prices.forEach((p, i) => {
    const sku = product.skus.find((s) => s.id === p.skuId);
    if (!sku) throw ValidationError.field(`prices[${i}].skuId`, 'not a SKU of this product');
    if (seen.has(p.skuId)) throw ValidationError.field(`prices[${i}].skuId`, 'listed twice');
    if (p.price >= sku.price) throw ValidationError.field(`prices[${i}].price`, `must be below the price ${sku.price}`);
    const offer = offers.get(sku.id);
    const floor = offer ? floorOf(offer, offer.source) : 0;
    if (p.price < floor) throw ValidationError.field(`prices[${i}].price`, `must be at least ${floor}, what the shop pays for it`);
    seen.add(p.skuId);
  });
  return prices;
}

function checkWindow(startsAt: Date, endsAt: Date): void {
  if (endsAt.getTime() <= startsAt.getTime()) throw ValidationError.field('endsAt', 'must be after startsAt');
}

export async function createActivity(ctx: Ctx, body: ActivityBody): Promise<{ id: number }> {
  checkWindow(body.startsAt, body.endsAt);
  const prices = await checkedPrices(ctx, body.productId, body.prices);
  const name = body.name ?? `${body.groupSize}人团`;
  const id = await repo.insertActivity(ctx, { name, listingId: body.productId, groupSize: body.groupSize, hours: body.hours, autoFill: body.autoFill ?? false, prices, startsAt: body.startsAt, endsAt: body.endsAt });
  return { id };
}

async function load(ctx: Ctx, id: number): Promise<repo.ActivityRow> {
  const a = await repo.findActivity(ctx, id);
  if (!a) throw notFound('Group buy');
  return a;
}

/**
 * Edits apply to groups opened from now on and to prices charged from now on; a group keeps its
 * size. The product of an activity that has groups does not change (its groups' orders name it).
 */
export async function updateActivity(ctx: Ctx, id: number, body: ActivityUpdate): Promise<ActivityView> {
  const a = await load(ctx, id);
  const listingId = body.productId ?? a.listingId;
  if (listingId !== a.listingId && (await repo.groupIdsOf(ctx, [id])).get(id)!.length) throw ValidationError.field('productId', 'groups were opened on this product already');
  const startsAt = body.startsAt ?? a.startsAt;
  const endsAt = body.endsAt ?? a.endsAt;
  checkWindow(startsAt, endsAt);
  const prices = body.prices || listingId !== a.listingId ? await checkedPrices(ctx, listingId, body.prices ?? a.prices) : a.prices;
  await repo.updateActivity(ctx, id, {
    listingId,
    prices,
    startsAt,
    endsAt,
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.groupSize !== undefined ? { groupSize: body.groupSize } : {}),
    ...(body.hours !== undefined ? { hours: body.hours } : {}),
    ...(body.autoFill !== undefined ? { autoFill: body.autoFill } : {}),
  });
  return getActivity(ctx, id);
}

/** Ends it now: no group opens any more; groups forming carry on to their own deadline. */
export async function endActivity(ctx: Ctx, id: number): Promise<ActivityView> {
  const a = await load(ctx, id);
  if (!a.endedAt) await repo.updateActivity(ctx, id, { endedAt: clock.now() });
  return getActivity(ctx, id);
}

async function views(ctx: Ctx, rows: repo.ActivityRow[]): Promise<ActivityView[]> {
  const ids = rows.map((a) => a.id);
  const [counts, groupIds, products] = await Promise.all([repo.groupCounts(ctx, ids), repo.groupIdsOf(ctx, ids), shopProductsByIds(ctx, [...new Set(rows.map((a) => a.listingId))])]);
  const money = await repo.memberMoney(ctx, groupIds);
  return rows.map((a) => {
    const mine = counts.filter((c) => c.groupBuyId === a.id);
    const by = (s: repo.GroupStatus) => mine.filter((c) => c.status === s).reduce((n, c) => n + c.count, 0);
    const m = money.get(a.id) ?? { orders: 0, gmv: 0, refunds: 0, refunded: 0 };
    const p = products.find((x) => x.id === a.listingId);
    return {
      id: a.id,
      name: a.name,
      productId: a.listingId,
      product: p ? { id: p.id, title: p.title, image: p.image, price: p.price } : null,
      groupSize: a.groupSize,
      hours: a.hours,
      autoFill: a.autoFill,
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      endedAt: a.endedAt?.toISOString() ?? null,
      status: activityStatus(a),
      prices: a.prices.map((x) => {
        const sku = p?.skus.find((s) => s.id === x.skuId);
        return { ...x, ...(sku ? { specs: sku.specs, normalPrice: sku.price } : {}) };
      }),
      figures: {
        groupsOpened: mine.reduce((n, c) => n + c.opened, 0),
        forming: by('forming'),
        succeeded: by('succeeded'),
        failed: mine.filter((c) => c.status === 'failed').reduce((n, c) => n + c.opened, 0),
        orders: m.orders,
        gmv: m.gmv,
        refunds: m.refunds,
        refundedAmount: m.refunded,
      },
    };
  });
}

export async function listActivities(ctx: Ctx, q: PageQuery): Promise<Page<ActivityView>> {
  const { rows, total } = await repo.activityPage(ctx, q);
  return pageOf(q, await views(ctx, rows), total);
}

export async function getActivity(ctx: Ctx, id: number): Promise<ActivityView> {
  return (await views(ctx, [await load(ctx, id)]))[0]!;
}

export async function listGroups(ctx: Ctx, id: number, q: GroupListQuery) {
  await load(ctx, id);
  const { rows, total } = await repo.groupsOfActivity(ctx, id, { status: q.status }, q);
  const items = (await groupViews(ctx, rows, null)).map(({ row, memberRows, ...v }) => ({
    ...v,
    leaderId: row.leaderId,
    openedAt: row.openedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    members: memberRows
      .slice()
      .sort((a, b) => Number(b.leader) - Number(a.leader) || a.id - b.id)
      .map((m) => ({ nickname: m.nickname ?? m.phone, leader: m.leader, simulated: m.simulated, paidAt: m.paidAt?.toISOString() ?? null, customerId: m.customerId, orderId: m.orderId, status: m.status, amount: m.amount })),
  }));
  return pageOf(q, items, total);
}
