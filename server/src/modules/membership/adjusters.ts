/**
 * Membership's steps of the quote (orders/stacking.ts decides the order and what stacks):
 * the level's member discount (STEP.member, per line, skipping lines a limited price took), points
 * (STEP.points, last on the goods, capped by the shop's percentage of what is left and by the
 * balance: a larger `usePoints` is clamped, never refused, so a checkout may ask for "all my
 * points"), and the level's free shipping (STEP.freeShipping, unless a coupon freed the freight).
 * Points are taken in the placing transaction by a conditional update (two orders spending the same
 * points: the second gets 409 `insufficient_points`) and given back when the unpaid order is cancelled.
 */
import type { Ctx } from '../../core/context.js';
import { contribute } from '../../core/hooks.js';
import { settingsOf } from '../../core/settings.js';
import { KIND, linesTaken, netLines, quoteAdjusters, STEP, stepApplies, type AdjustedOrder, type QuoteInput } from '../orders/index.js';
import { record } from './ledger.js';
import { zhe } from './levels.js';
import * as repo from './repository.js';
import { membershipSettings } from './settings.js';
import { standingOf, type Standing } from './standing.js';

/** One read of the shopper's standing per quote, shared by the three steps. */
const standings = new WeakMap<QuoteInput, Promise<Standing | null>>();
function standing(ctx: Ctx, input: QuoteInput): Promise<Standing | null> {
  let found = standings.get(input);
  if (!found) {
    found = standingOf(ctx, input.customerId);
    standings.set(input, found);
  }
  return found;
}

export const memberDiscount = contribute(
  quoteAdjusters,
  'membership.member-discount',
  {
    async adjust(ctx, soFar, input) {
      if (!stepApplies('member', input)) return [];
      const level = (await standing(ctx, input))?.level;
      if (!level?.discountPercent) return [];
      const taken = linesTaken('member', soFar.adjustments);
      const net = netLines(soFar.lines, soFar.adjustments);
      const lines = soFar.lines
        .filter((l) => !taken.has(l.index))
        .map((l) => ({ index: l.index, amount: -Math.floor((net[l.index]! * level.discountPercent) / 100) }))
        .filter((l) => l.amount < 0);
      const amount = lines.reduce((sum, l) => sum + l.amount, 0);
      return amount ? [{ type: KIND.member, label: `${level.name}${zhe(level.discountPercent)}折`, amount, lines }] : [];
    },
  },
  STEP.member,
);

/** Points an order's own adjustment stands for, at the shop's point value. */
async function pointsOf(ctx: Ctx, order: AdjustedOrder): Promise<number> {
  const { pointValueFen } = await settingsOf(ctx, membershipSettings, order.tenantId);
  return Math.round(-order.adjustments.reduce((sum, a) => sum + a.amount, 0) / pointValueFen);
}

export const pointsDeduction = contribute(
  quoteAdjusters,
  'membership.points',
  {
    async adjust(ctx, soFar, input) {
      if (!stepApplies('points', input) || !input.usePoints) return [];
      const st = await standing(ctx, input);
      if (!st || st.points <= 0) return [];
      const left = netLines(soFar.lines, soFar.adjustments).reduce((sum, n) => sum + n, 0);
      const cap = Math.floor(Math.floor((left * st.settings.maxPointsPercent) / 100) / st.settings.pointValueFen);
      const points = Math.min(input.usePoints, st.points, cap);
      if (points <= 0) return [];
      return [{ type: KIND.points, label: `积分抵扣（${points}积分）`, amount: -points * st.settings.pointValueFen }];
    },
    async reserve(tx, order) {
      const points = await pointsOf(tx, order);
      if (points > 0) await record(tx, { customerId: order.customerId, kind: 'spend_order', refId: order.id, orderId: order.id, points: -points });
    },
    async release(tx, order) {
      const spent = await repo.entryOf(tx, order.customerId, 'spend_order', order.id);
      if (spent) await record(tx, { customerId: order.customerId, kind: 'spend_release', refId: order.id, orderId: order.id, points: -spent.points });
    },
  },
  STEP.points,
);

export const levelFreeShipping = contribute(
  quoteAdjusters,
  'membership.free-shipping',
  {
    async adjust(ctx, soFar, input) {
      if (!stepApplies('freeShipping', input) || soFar.freightAmount <= 0) return [];
      if (soFar.adjustments.some((a) => a.onFreight)) return [];
      const level = (await standing(ctx, input))?.level;
      if (!level?.freeShipping) return [];
      return [{ type: KIND.freeShipping, label: `${level.name}包邮`, amount: -soFar.freightAmount, onFreight: true }];
    },
  },
  STEP.freeShipping,
);
