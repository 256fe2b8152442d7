/**
 * Ordering for pickup at a community point. An order names the point (`pickupPointId`, orders'
 * `pickupPlaces` hook) and is bought through a community activity: the one the activity's buy
 * route names, or else the running activity that has every SKU of the order (the soonest cut-off
 * first). Its adjuster prices the lines at the activity's prices (STEP.activity: nothing else
 * stacks). The cut-off is checked when the order is priced and again in the placing transaction
 * (the point's `reserve`, which also records the order against its activity and point), so an
 * order whose transaction commits after the cut-off does not exist, whatever the request. Paid,
 * its goods are held (fulfilments `pending`) until its point's batch leaves.
 */
import { clock } from '../../core/clock.js';
import { contribute } from '../../core/hooks.js';
import { ValidationError } from '../../core/errors.js';
import type { Ctx } from '../../core/context.js';
import { holdFulfilment, KIND, pickupPlaces, placeOrder, placedView, quoteAdjusters, STEP, type Adjustment } from '../orders/index.js';
import { loadActivity } from './activities.js';
import { communityErrors } from './errors.js';
import { approvedPoint, type ShopperCtx } from './leaders.js';
import * as repo from './repository.js';
import type { BuyBody } from './schemas.js';

export const COMMUNITY = KIND.community;

function assertOpen(a: repo.ActivityRow, now = clock.now()): void {
  if (now.getTime() < a.startsAt.getTime()) throw communityErrors.notStarted();
  if (now.getTime() >= a.cutoffAt.getTime()) throw communityErrors.cutOff();
}

/** The running activity with every SKU of the order (the soonest cut-off first). */
async function activityFor(ctx: Ctx, skuIds: number[]): Promise<repo.ActivityRow> {
  const running = await repo.runningActivities(ctx, clock.now());
  const found = running.find((a) => skuIds.every((id) => a.items.some((i) => i.skuId === id)));
  if (!found) throw communityErrors.notRunning();
  return found;
}

const ownAdjustment = (adjustments: readonly Adjustment[]) => adjustments.find((a) => a.type === COMMUNITY && a.ref?.kind === COMMUNITY);

/** `pickupPointId`: an approved leader's point of this shop; the order goes through a community activity. */
export const communityPickup = contribute(pickupPlaces, 'community.pickup-points', {
  kind: 'community',
  field: 'pickupPointId',
  async resolve(ctx, request) {
    await approvedPoint(ctx, request.placeId);
    if (request.activity && request.activity.kind !== COMMUNITY) throw ValidationError.field('pickupPointId', 'a community pickup point takes community group-buy orders only');
    const activity = request.activity ? await loadActivity(ctx, request.activity.id) : await activityFor(ctx, request.items.map((i) => i.skuId));
    assertOpen(activity);
    return { anyOwner: true, activity: { kind: COMMUNITY, id: activity.id } };
  },
  async reserve(tx, order) {
    const ref = ownAdjustment(order.adjustments)?.ref;
    if (!ref) throw communityErrors.notRunning();
    // the placing transaction's own clock: an order committing after the cut-off is refused here
    assertOpen(await loadActivity(tx, ref.id));
    await approvedPoint(tx, order.placeId);
    await repo.insertCommunityOrder(tx, { activityId: ref.id, pointId: order.placeId, orderId: order.id, customerId: order.customerId });
  },
  async release(tx, order) {
    await repo.deleteCommunityOrder(tx, order.id);
  },
});

/** The activity's price, line by line. */
export const communityPrice = contribute(
  quoteAdjusters,
  'community.price',
  {
    async adjust(ctx, soFar, input) {
      if (input.activity?.kind !== COMMUNITY) return [];
      const activity = await loadActivity(ctx, input.activity.id);
      assertOpen(activity);
      const lines = soFar.lines.map((l) => {
        const price = activity.items.find((i) => i.skuId === l.offer.listingSkuId)?.price;
        if (price === undefined) throw communityErrors.notInActivity(l.offer.title, l.offer.listingSkuId);
        return { index: l.index, amount: Math.min(0, price * l.quantity - l.subtotal) };
      });
      return [{ type: COMMUNITY, label: `社区团购价（${activity.name}）`, amount: lines.reduce((sum, l) => sum + l.amount, 0), lines, ref: { kind: COMMUNITY, id: activity.id } }];
    },
  },
  STEP.activity,
);

/** A paid community order's goods wait for its point's batch (fulfilments stay `pending`). */
export const waitForBatch = contribute(holdFulfilment, 'community.wait-for-batch', async (_ctx, order) => (ownAdjustment(order.adjustments) ? { refused: '社区团购：截单后统一配送到自提点' } : true));

/** The activity's own buy route: its prices, for pickup at the chosen point. */
export async function buy(ctx: ShopperCtx, activityId: number, body: BuyBody) {
  const activity = await loadActivity(ctx, activityId);
  assertOpen(activity);
  const placed = await placeOrder(ctx, { items: body.items, pickupPointId: body.pickupPointId, remark: body.remark, activity: { kind: COMMUNITY, id: activity.id } });
  return placedView(placed);
}
