/**
 * After the cut-off: what to pick (per point, per supplier, in total), the batches that take each
 * point's goods there (one per activity and point: a unique key), the leader's confirmation that
 * they arrived, and the handover against the shopper's 8-digit code (orders' pickup.ts: the order
 * moves paid -> received by a conditional update, so of ten counters verifying one code at once,
 * one hands it over and nine hear `pickup_code_used`).
 *
 * A pick list counts the units of the activity's orders that are paid (or further on: picked up,
 * completed), less units refunded before they left; unpaid, cancelled and refunded orders count
 * nothing.
 */
import type { Response } from 'express';
import { UniqueConstraintError } from 'sequelize';
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { pageOf, withTransaction, type Page, type PageQuery } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { sendSheet, sheetWriter, type Cell } from '../catalog/index.js';
import { customerBriefs } from '../customers/index.js';
import { arrivedAtPickupPlace, pickupByCode, placeOrdersByIds, sendToPickupPlace, verifyPickup, type PlaceOrder } from '../orders/index.js';
import { supplierNames } from '../suppliers/index.js';
import { activityStatus, loadActivity } from './activities.js';
import { communityErrors } from './errors.js';
import { loadLeader, pointView } from './leaders.js';
import * as repo from './repository.js';
import type { BatchView, PickList, PointOrderView } from './schemas.js';

type PickLine = PickList['totals'][number];

const COUNTED = new Set(['paid', 'shipped', 'received', 'completed']);

/** The units of an order to pick, by listing SKU (paid orders only; units refunded before leaving left out). */
function unitsOf(o: PlaceOrder): Array<{ skuId: number; title: string; specs: Record<string, string>; quantity: number; ownerKind: string; ownerId: number }> {
  if (!COUNTED.has(o.order.status)) return [];
  return o.items.map((i) => ({ skuId: i.listingSkuId, title: i.title, specs: i.specs, quantity: i.quantity - i.cancelledQuantity, ownerKind: i.ownerKind, ownerId: i.ownerId })).filter((u) => u.quantity > 0);
}

function addTo(lines: Map<number, PickLine>, u: PickLine): void {
  const line = lines.get(u.skuId);
  if (line) line.quantity += u.quantity;
  else lines.set(u.skuId, { skuId: u.skuId, title: u.title, specs: u.specs, quantity: u.quantity });
}

const sorted = (lines: Map<number, PickLine>) => [...lines.values()].sort((a, b) => a.skuId - b.skuId);

export async function pickList(ctx: Ctx, activityId: number): Promise<PickList> {
  const activity = await loadActivity(ctx, activityId);
  const rows = await repo.ordersOfActivity(ctx, activityId);
  const orders = new Map((await placeOrdersByIds(ctx, rows.map((r) => r.orderId))).map((o) => [o.order.id, o]));
  const byPoint = new Map<number, { orders: number; lines: Map<number, PickLine> }>();
  const byOwner = new Map<string, { ownerKind: string; ownerId: number; lines: Map<number, PickLine> }>();
  const totals = new Map<number, PickLine>();
  for (const row of rows) {
    const units = unitsOf(orders.get(row.orderId)!);
    if (!units.length) continue;
    const point = byPoint.get(row.pointId) ?? { orders: 0, lines: new Map() };
    point.orders++;
    byPoint.set(row.pointId, point);
    for (const u of units) {
      addTo(point.lines, u);
      addTo(totals, u);
      const key = `${u.ownerKind}:${u.ownerId}`;
      const owner = byOwner.get(key) ?? { ownerKind: u.ownerKind, ownerId: u.ownerId, lines: new Map() };
      byOwner.set(key, owner);
      addTo(owner.lines, u);
    }
  }
  const leaders = new Map((await repo.leadersByIds(ctx, [...byPoint.keys()])).map((l) => [l.id, l]));
  const suppliers = [...byOwner.values()].filter((o) => o.ownerKind === 'supplier');
  const names = await supplierNames(ctx, suppliers.map((s) => s.ownerId));
  return {
    activityId: activity.id,
    name: activity.name,
    cutoffAt: activity.cutoffAt.toISOString(),
    deliverAt: activity.deliverAt.toISOString(),
    cutOff: activityStatus(activity) === 'cut_off',
    points: [...byPoint].sort(([a], [b]) => a - b).map(([pointId, p]) => {
      const l = leaders.get(pointId)!;
      return { pointId, pointName: l.pointName, leaderName: l.name, phone: l.phone, address: pointView(l).address, orders: p.orders, lines: sorted(p.lines) };
    }),
    suppliers: [...byOwner.values()]
      .sort((a, b) => (a.ownerKind === b.ownerKind ? a.ownerId - b.ownerId : a.ownerKind === 'tenant' ? -1 : 1))
      .map((o) => (o.ownerKind === 'supplier' ? { owner: 'supplier' as const, supplierId: o.ownerId, name: names.get(o.ownerId) ?? '', lines: sorted(o.lines) } : { owner: 'shop' as const, supplierId: null, name: '', lines: sorted(o.lines) })),
    totals: sorted(totals),
  };
}

const specText = (specs: Record<string, string>) => Object.values(specs).join(' / ');

/** The pick list as a sheet: per point, per supplier, in total. */
export async function sendPickSheet(ctx: Ctx, activityId: number, res: Response): Promise<void> {
  const list = await pickList(ctx, activityId);
  await sendSheet(res, 'xlsx', `pick-list-${list.activityId}`, async () => {
    const out = sheetWriter('xlsx', res, [], '拣货单');
    const rows: Cell[][] = [
      ['社区团购拣货单', list.name],
      ['截单时间', list.cutoffAt.slice(0, 16).replace('T', ' ')],
      ['送达日期', list.deliverAt.slice(0, 10)],
      [],
      ['按自提点'],
      ['自提点', '团长', '电话', '地址', '订单数', '商品', '规格', '数量'],
      ...list.points.flatMap((p) => p.lines.map((l) => [p.pointName, p.leaderName, p.phone, p.address, p.orders, l.title, specText(l.specs), l.quantity])),
      [],
      ['按供应商'],
      ['供应商', '商品', '规格', '数量'],
      ...list.suppliers.flatMap((s) => s.lines.map((l) => [s.owner === 'shop' ? '本店自营' : s.name, l.title, specText(l.specs), l.quantity])),
      [],
      ['合计'],
      ['商品', '规格', '数量'],
      ...list.totals.map((l) => [l.title, specText(l.specs), l.quantity]),
    ];
    await out.addRows(rows);
    await out.finish();
  });
}

// ---- batches ----

function batchViews(batches: repo.BatchRow[], activities: Map<number, repo.ActivityRow>, points: Map<number, repo.LeaderRow>): BatchView[] {
  return batches.map((b) => ({
    id: b.id,
    activityId: b.activityId,
    activityName: activities.get(b.activityId)?.name ?? '',
    pointId: b.pointId,
    pointName: points.get(b.pointId)?.pointName ?? '',
    round: b.round,
    status: b.status,
    orderCount: b.orderCount,
    shippedAt: b.shippedAt.toISOString(),
    arrivedAt: b.arrivedAt?.toISOString() ?? null,
  }));
}

export async function listBatches(ctx: Ctx, where: { activityId?: number; pointId?: number }): Promise<BatchView[]> {
  const batches = await repo.batchesOf(ctx, where);
  const activityIds = [...new Set(batches.map((b) => b.activityId))];
  const activities = new Map<number, repo.ActivityRow>();
  for (const id of activityIds) activities.set(id, await loadActivity(ctx, id));
  const points = new Map((await repo.leadersByIds(ctx, batches.map((b) => b.pointId))).map((l) => [l.id, l]));
  return batchViews(batches, activities, points);
}

class NothingSent extends Error {}

/**
 * Ships the cut-off activity's paid orders waiting at the warehouse to their points: one batch per
 * point and round (a second call adds orders paid since to a batch still on its way, or starts the
 * next round once it arrived), each order
 * sent once (orders' conditional move of its held fulfilments), in one transaction per point.
 */
export async function shipBatches(ctx: Ctx, activityId: number, pointId?: number): Promise<BatchView[]> {
  const activity = await loadActivity(ctx, activityId);
  if (activityStatus(activity) !== 'cut_off') throw communityErrors.notCutOff();
  const waiting = (await repo.ordersOfActivity(ctx, activityId, pointId)).filter((r) => r.batchId === null);
  const placed = new Map((await placeOrdersByIds(ctx, waiting.map((r) => r.orderId))).map((o) => [o.order.id, o]));
  const byPoint = new Map<number, number[]>();
  for (const r of waiting) {
    const o = placed.get(r.orderId);
    if (o?.order.status === 'paid' && o.fulfillments.some((f) => f.status === 'pending')) byPoint.set(r.pointId, [...(byPoint.get(r.pointId) ?? []), r.orderId]);
  }
  const shipped: number[] = [];
  for (const [point, orderIds] of byPoint) {
    try {
      shipped.push(await withTransaction(ctx, (tx) => shipToPoint(tx, activity, point, orderIds)));
    } catch (err) {
      if (!(err instanceof NothingSent)) throw err;
    }
  }
  if (!shipped.length) throw communityErrors.nothingToShip();
  return (await listBatches(ctx, { activityId })).filter((b) => shipped.includes(b.id));
}

async function shipToPoint(tx: Ctx, activity: repo.ActivityRow, pointId: number, orderIds: number[]): Promise<number> {
  let batch = await repo.batchOf(tx, activity.id, pointId);
  // orders paid after the point's batch arrived travel in the next round
  if (!batch || batch.status === 'arrived') {
    try {
      await repo.insertBatch(tx, { activityId: activity.id, pointId, round: (batch?.round ?? 0) + 1, shippedAt: clock.now() });
    } catch (err) {
      // another request made this point's batch first: add to it
      if (!(err instanceof UniqueConstraintError)) throw err;
    }
    batch = (await repo.batchOf(tx, activity.id, pointId))!;
  }
  let sent = 0;
  for (const orderId of orderIds) {
    if (!(await sendToPickupPlace(tx, orderId, `社区团购：随第 ${batch.id} 批配送到自提点`))) continue;
    if (await repo.assignBatch(tx, orderId, batch.id)) sent++;
  }
  // nothing of this point moved (another request sent them first): leave no empty batch behind
  if (!sent) throw new NothingSent();
  await repo.setBatchCount(tx, batch.id, (await repo.ordersOfBatch(tx, batch.id)).length);
  return batch.id;
}

async function loadBatch(ctx: Ctx, id: number, pointId?: number): Promise<repo.BatchRow> {
  const b = await repo.findBatch(ctx, id);
  if (!b || (pointId !== undefined && b.pointId !== pointId)) throw notFound('Batch');
  return b;
}

/** The leader (or the shop) confirms the batch reached the point: its orders are ready for pickup. */
export async function confirmArrival(ctx: Ctx, batchId: number, pointId?: number): Promise<BatchView> {
  await loadBatch(ctx, batchId, pointId);
  await withTransaction(ctx, async (tx) => {
    if (!(await repo.markArrived(tx, batchId, clock.now()))) throw communityErrors.arrivedAlready();
    for (const r of await repo.ordersOfBatch(tx, batchId)) await arrivedAtPickupPlace(tx, r.orderId, '社区团购：已到达自提点，待提货');
  });
  return (await listBatches(ctx, {})).find((b) => b.id === batchId)!;
}

// ---- pickup ----

function linesOf(o: PlaceOrder): PointOrderView['lines'] {
  return o.items.map((i) => ({ title: i.title, specs: i.specs, quantity: i.quantity - i.cancelledQuantity })).filter((l) => l.quantity > 0);
}

/**
 * Hands a community order over against its code: at any point (the shop), or at the leader's own
 * point only (another point's code, or another shop's, is unknown: 404). Refused until its batch
 * arrived; once handed over, the code is used.
 */
export async function verifyAtPoint(ctx: Ctx, code: string, pointId?: number) {
  const found = await pickupByCode(ctx, code).catch(() => null);
  const order = found?.order;
  if (!order || order.pickupKind !== 'community' || !order.pickupPlaceId || (pointId !== undefined && order.pickupPlaceId !== pointId)) throw communityErrors.unknownCode();
  const [placed] = await placeOrdersByIds(ctx, [order.id]);
  if (!found.refusal && placed!.fulfillments.some((f) => f.status === 'pending' || f.status === 'shipped')) throw communityErrors.notArrived();
  await verifyPickup(ctx, code);
  return { orderId: order.id, orderNo: order.orderNo, pointId: order.pickupPlaceId, lines: linesOf(placed!) };
}

function pickupState(o: PlaceOrder): PointOrderView['state'] {
  switch (o.order.status) {
    case 'pending_payment':
      return 'unpaid';
    case 'received':
    case 'completed':
      return 'picked_up';
    case 'paid':
      if (o.fulfillments.some((f) => f.status === 'ready_for_pickup')) return 'ready';
      return o.fulfillments.some((f) => f.status === 'shipped') ? 'on_the_way' : 'waiting';
    default:
      return 'closed';
  }
}

/** A point's orders, newest first, with each one's pickup state (the leader's page). */
export async function pointOrders(ctx: Ctx, pointId: number, q: PageQuery): Promise<Page<PointOrderView>> {
  await loadLeader(ctx, pointId);
  const { rows, total } = await repo.ordersOfPoint(ctx, pointId, q);
  const placed = new Map((await placeOrdersByIds(ctx, rows.map((r) => r.orderId))).map((o) => [o.order.id, o]));
  const customers = await customerBriefs(ctx, rows.map((r) => r.customerId), false);
  const items = rows.flatMap((r): PointOrderView[] => {
    const o = placed.get(r.orderId);
    if (!o) return [];
    const c = customers.get(r.customerId);
    return [{ orderId: o.order.id, orderNo: o.order.orderNo, activityId: r.activityId, customer: c ? { nickname: c.nickname, phone: c.phone } : null, state: pickupState(o), payAmount: o.order.payAmount, createdAt: o.order.createdAt.toISOString(), receivedAt: o.order.receivedAt?.toISOString() ?? null, lines: linesOf(o) }];
  });
  return pageOf(q, items, total);
}
