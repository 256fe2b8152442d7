/**
 * Buying through a group: the leader opens a group, members join one, each with an order placed
 * through orders' `placeOrder` with the group as its activity. The seat is the guard: it is taken
 * in the placing transaction by the adjuster's `reserve` (a conditional update: of N shoppers
 * racing for the last seat exactly one gets it, the others' orders are refused with 409
 * group_full before they exist), and given back by `release` when the unpaid order is cancelled.
 * So a group never has more paid members than seats, and no payment has to be refunded for
 * arriving too late.
 *
 * The activity an order names: `group_buy_open` with the activity's id (the leader: the group and
 * its first seat are written with the order), `group_buy` with the group's id (a member).
 */
import { UniqueConstraintError } from 'sequelize';
import { clock, hours } from '../../core/clock.js';
import type { Actor, Ctx } from '../../core/context.js';
import { contribute } from '../../core/hooks.js';
import { conflict, notFound, ValidationError } from '../../core/errors.js';
import { holdFulfilment, KIND, placeOrder, placedView, quoteAdjusters, STEP, stepApplies, type AdjustedOrder, type Adjustment } from '../orders/index.js';
import { groupbuyErrors } from './errors.js';
import * as repo from './repository.js';
import type { BuyBody } from './schemas.js';
import { activityStatus, groupViews, publicGroup } from './views.js';

type ShopperCtx = Ctx & { actor: Extract<Actor, { kind: 'shopper' }> };

export const OPEN = 'group_buy_open';
export const JOIN = KIND.groupBuy;

async function activityOrThrow(ctx: Ctx, id: number): Promise<repo.ActivityRow> {
  const a = await repo.findActivity(ctx, id);
  if (!a) throw notFound('Group buy');
  return a;
}

/** The activity an order is bought through, and the group when it joins one. */
async function resolve(ctx: Ctx, activity: { kind: string; id: number }): Promise<{ activity: repo.ActivityRow; group: repo.GroupRow | null }> {
  if (activity.kind === OPEN) return { activity: await activityOrThrow(ctx, activity.id), group: null };
  const group = await repo.findGroup(ctx, activity.id);
  if (!group) throw notFound('Group');
  return { activity: await activityOrThrow(ctx, group.groupBuyId), group };
}

function assertRunning(a: repo.ActivityRow): void {
  const status = activityStatus(a);
  if (status === 'not_started') throw groupbuyErrors.notStarted();
  if (status === 'ended') throw groupbuyErrors.ended();
}

/** Why a group takes nobody now (read after a seat was refused, or before placing for a clear answer). */
function refusal(g: repo.GroupRow, now = clock.now()) {
  if (g.status !== 'forming') return groupbuyErrors.groupClosed();
  if (!g.openedAt) return groupbuyErrors.groupNotOpen();
  if (g.expiresAt.getTime() <= now.getTime()) return groupbuyErrors.groupExpired();
  if (g.seatsTaken >= g.groupSize) return groupbuyErrors.groupFull();
  return null;
}

const ownAdjustment = (order: AdjustedOrder): Adjustment | undefined => order.adjustments.find((a) => a.ref);

/** The group price, line by line (STEP.activity; stacking.ts keeps every other saving out). */
export const groupPrice = contribute(
  quoteAdjusters,
  'groupbuy.price',
  {
    async adjust(ctx, soFar, input) {
      if (!stepApplies('activity', input) || (input.activity!.kind !== OPEN && input.activity!.kind !== JOIN)) return [];
      const { activity } = await resolve(ctx, input.activity!);
      const lines = soFar.lines.map((l) => {
        const price = activity.prices.find((p) => p.skuId === l.offer.listingSkuId)?.price;
        if (price === undefined) throw conflict('not_in_group_buy', `${l.offer.title} is not in this group buy`, { skuId: l.offer.listingSkuId });
        return { index: l.index, amount: Math.min(0, price * l.quantity - l.subtotal) };
      });
      const amount = lines.reduce((sum, l) => sum + l.amount, 0);
      return [{ type: KIND.groupBuy, label: `拼团价（${activity.groupSize}人团）`, amount, lines, ref: { ...input.activity! } }];
    },
    async reserve(tx, order) {
      const ref = ownAdjustment(order)?.ref;
      if (!ref) return;
      const now = clock.now();
      let groupId: number;
      let leader = false;
      if (ref.kind === OPEN) {
        const activity = await activityOrThrow(tx, ref.id);
        assertRunning(activity);
        // its clock restarts when the leader pays; until then nobody sees or joins it
        groupId = await repo.insertGroup(tx, { groupBuyId: activity.id, leaderId: order.customerId, groupSize: activity.groupSize, expiresAt: new Date(now.getTime() + hours(activity.hours)) });
        leader = true;
      } else {
        groupId = ref.id;
        if (!(await repo.takeSeat(tx, groupId, now))) {
          const g = await repo.findGroup(tx, groupId);
          throw (g && refusal(g, now)) ?? groupbuyErrors.groupFull();
        }
      }
      try {
        await repo.insertMember(tx, { groupId, customerId: order.customerId, orderId: order.id, leader, simulated: false, status: 'unpaid', amount: 0, paidAt: null });
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw groupbuyErrors.alreadyInGroup();
        throw err;
      }
    },
    async release(tx, order) {
      const member = await repo.memberOfOrder(tx, order.id);
      if (!member || member.status !== 'unpaid') return;
      const group = await repo.findGroup(tx, member.groupId, true);
      await repo.deleteMember(tx, member.id);
      if (!group || group.status !== 'forming') return;
      // a leader who never paid: the group never opened, and nobody could join it
      if (member.leader && !group.openedAt) await repo.moveGroup(tx, group.id, 'forming', { status: 'failed', closedAt: clock.now(), seatsTaken: 0 });
      else await repo.giveSeatBack(tx, group.id);
    },
  },
  STEP.activity,
);

/** A paid group order waits for its group: its goods go to the suppliers when the group succeeds. */
export const waitForGroup = contribute(holdFulfilment, 'groupbuy.wait-for-group', async (ctx, order) => {
  if (!order.adjustments.some((a) => a.type === KIND.groupBuy && a.ref)) return true;
  const member = await repo.memberOfOrder(ctx, order.id);
  if (!member) return true;
  const group = await repo.findGroup(ctx, member.groupId);
  return !group || group.status === 'succeeded' ? true : { refused: '拼团中，成团后发货' };
});

async function groupReply(ctx: ShopperCtx, placed: Awaited<ReturnType<typeof placeOrder>>) {
  const member = (await repo.memberOfOrder(ctx, placed.order.id))!;
  const group = (await repo.findGroup(ctx, member.groupId))!;
  const [view] = await groupViews(ctx, [group], ctx.actor.id);
  return { group: publicGroup(view!), order: placedView(placed) };
}

function checkSku(a: repo.ActivityRow, skuId: number): void {
  if (!a.prices.some((p) => p.skuId === skuId)) throw ValidationError.field('skuId', 'not a SKU of this group buy');
}

/** 发起拼团: the leader's order; the group opens when it is paid. */
export async function openGroup(ctx: ShopperCtx, activityId: number, body: BuyBody) {
  const a = await activityOrThrow(ctx, activityId);
  assertRunning(a);
  checkSku(a, body.skuId);
  const placed = await placeOrder(ctx, { items: [{ skuId: body.skuId, quantity: 1 }], addressId: body.addressId, activity: { kind: OPEN, id: a.id } });
  return groupReply(ctx, placed);
}

/** 参团: a member's order, refused when the group takes nobody (full, not open yet, closed, expired) or has them already. */
export async function joinGroup(ctx: ShopperCtx, groupId: number, body: BuyBody) {
  const group = await repo.findGroup(ctx, groupId);
  if (!group) throw notFound('Group');
  const a = await activityOrThrow(ctx, group.groupBuyId);
  const why = refusal(group);
  if (why) throw why;
  checkSku(a, body.skuId);
  const placed = await placeOrder(ctx, { items: [{ skuId: body.skuId, quantity: 1 }], addressId: body.addressId, activity: { kind: JOIN, id: group.id } });
  return groupReply(ctx, placed);
}
