/**
 * What a leader earns: a commission on each order picked up at their point, at the shop's rate
 * (community settings), booked by distribution through its `commissionPayees` hook into the
 * leader's `promoter` account like a distributor's.
 */
import type { Ctx } from '../../core/context.js';
import { contribute } from '../../core/hooks.js';
import { settingsOf } from '../../core/settings.js';
import { commissionPayees } from '../distribution/index.js';
import { balanceOf } from '../finance/index.js';
import * as repo from './repository.js';
import { communitySettings } from './settings.js';

export interface LeaderPayee {
  customerId: number;
  rateBps: number;
  source: 'community';
  /** Leaders are not a level of the distribution chain: 0, unique per order with the leader. */
  level: 0;
}

/** The leader of the point an order is picked up at, as a payee of its commission; null for any other order. */
export async function leaderPayeeOf(ctx: Ctx, orderId: number): Promise<LeaderPayee | null> {
  const row = await repo.communityOrderOf(ctx, orderId);
  if (!row) return null;
  const leader = await repo.findLeader(ctx, row.pointId);
  if (!leader || leader.status !== 'approved') return null;
  const { leaderCommissionBps } = await settingsOf(ctx, communitySettings);
  return leaderCommissionBps > 0 ? { customerId: leader.customerId, rateBps: leaderCommissionBps, source: 'community', level: 0 } : null;
}

/** Distribution books the leader's commission of a paid order picked up at their point, with the chain's. */
export const leaderEarns = contribute(commissionPayees, 'community.leader', async (payees, ctx, order) => {
  const payee = await leaderPayeeOf(ctx, order.id);
  return payee ? [...payees, payee] : payees;
});

/**
 * A leader's commission account (`promoter`, shared with any distribution commission they earn as a
 * distributor): frozen until the orders settle, then available.
 */
export async function communityEarnings(ctx: Ctx, leader: repo.LeaderRow): Promise<{ frozen: number; available: number }> {
  const b = await balanceOf(ctx, { type: 'promoter', id: leader.customerId });
  return { frozen: b.frozen, available: b.available };
}
