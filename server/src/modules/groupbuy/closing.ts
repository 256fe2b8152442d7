/**
 * How a group ends. Every change to a group takes its row lock first (the payment's subscriber,
 * the deadline sweep, a cancelled order's release), so they decide one after the other.
 *
 * - A member's payment (orders' `order.paid`, after it committed): the member counts; the leader's
 *   payment opens the group and starts its clock; the last seat paid makes it `succeeded`, and
 *   every member's held order goes to fulfilment in the same transaction.
 * - The deadline (a sweep over (status, expires_at), as orders' unpaid sweep): unpaid members'
 *   orders are cancelled; then either the merchant's simulation fills the empty seats (`autoFill`,
 *   when at least the leader paid: filler seats `simulated`, no customer) and the group succeeds,
 *   or it `failed` and every paid member's order is refunded through its payment. The member's
 *   `refunded` mark (a conditional update) and the refund's reservation share one transaction with
 *   the group's move, so two workers sweeping together, or a crash between refunds, refund each
 *   member once; the reserved refunds are sent after commit (payments' job sends again what a
 *   crash left unsent).
 */
import { clock, hours } from '../../core/clock.js';
import { runInContext, systemContext, type Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import { on } from '../../core/events.js';
import { walkPages, type Sweep } from '../../core/jobs.js';
import { logger } from '../../core/logger.js';
import { cancelIfUnpaid, loadOrder, orderPaid, releaseFulfilment, reserveOrderRefund } from '../orders/index.js';
import { sendRefund } from '../payments/index.js';
import * as repo from './repository.js';

const FAILED_REASON = '拼团失败，自动退款';
const CANCELLED_REASON = '拼团结束，未付款订单取消';

/**
 * Refunds a member's paid order once: the mark and the refund's reservation in the caller's
 * transaction; the refund's id goes to `toSend`, sent by the caller once it committed (never from
 * inside the transaction: the embedded mode runs one transaction at a time).
 */
async function refundMember(tx: Ctx, member: repo.MemberRow, toSend: number[]): Promise<void> {
  if (!member.orderId) return;
  const order = await loadOrder(tx, member.orderId, true);
  // refunded already (an after-sales case), or never paid: nothing is left to give back
  if (order.status !== 'paid') {
    if (order.status === 'refunded') await repo.moveMember(tx, member.id, ['unpaid', 'paid'], { status: 'refunded', refundedAt: clock.now(), amount: order.paidAmount });
    return;
  }
  if (!(await repo.moveMember(tx, member.id, ['unpaid', 'paid'], { status: 'refunded', refundedAt: clock.now(), amount: order.paidAmount }))) return;
  toSend.push((await reserveOrderRefund(tx, order.id, { reason: FAILED_REASON })).id);
}

/** Sends refunds reserved by a committed transaction; one the gateway did not take is sent again by payments' job. */
async function send(ctx: Ctx, refundIds: number[]): Promise<void> {
  for (const id of refundIds) {
    await sendRefund({ ...ctx, transaction: null }, id).catch((err: unknown) => logger().warn({ err, refundId: id }, 'group refund not sent yet; its job sends it again'));
  }
}

/** Marks a member paid (once) with what its order paid; false when it was counted already. */
async function markPaid(tx: Ctx, member: repo.MemberRow, paidAmount: number): Promise<boolean> {
  return repo.moveMember(tx, member.id, ['unpaid'], { status: 'paid', paidAt: clock.now(), amount: paidAmount });
}

/** The group is full (or filled by simulation): it succeeds, and its paid orders go to fulfilment. */
async function succeed(tx: Ctx, group: repo.GroupRow, simulated: boolean): Promise<void> {
  if (!(await repo.moveGroup(tx, group.id, 'forming', { status: 'succeeded', closedAt: clock.now(), simulated }))) return;
  for (const m of await repo.membersOfGroups(tx, [group.id])) {
    if (m.orderId && m.status === 'paid') await releaseFulfilment(tx, m.orderId, simulated ? '拼团成功（模拟成团），发货' : '拼团成功，发货');
  }
}

/** A member's payment, heard after it committed (a retried delivery finds the member counted already). */
export const countPaidMember = on(orderPaid, 'groupbuy.member-paid', async (ctx, e) => {
  const found = await repo.memberOfOrder(ctx, e.orderId);
  if (!found) return;
  const toSend: number[] = [];
  await withTransaction(ctx, async (tx) => {
    const group = await repo.findGroup(tx, found.groupId, true);
    const member = await repo.memberOfOrder(tx, e.orderId);
    if (!group || !member || member.status !== 'unpaid') return;
    const order = await loadOrder(tx, e.orderId);
    if (order.status !== 'paid') return;
    if (group.status === 'failed') return refundMember(tx, member, toSend);
    await markPaid(tx, member, order.paidAmount);
    if (group.status === 'succeeded') {
      await releaseFulfilment(tx, order.id, '拼团成功，发货');
      return;
    }
    const now = clock.now();
    const activity = await repo.findActivity(tx, group.groupBuyId);
    const opening = member.leader && !group.openedAt;
    await repo.countPaid(tx, group.id, opening ? { openedAt: now, expiresAt: new Date(now.getTime() + hours(activity?.hours ?? 24)) } : null);
    if (group.paidCount + 1 >= group.groupSize) await succeed(tx, { ...group, paidCount: group.paidCount + 1 }, false);
  });
  await send(ctx, toSend);
});

/**
 * A forming group past its time, under its lock: cancel what is unpaid (an order whose payment
 * came first stays paid, and counts), then fill by simulation or fail and refund.
 */
export async function closeExpired(ctx: Ctx, groupId: number): Promise<void> {
  const toSend: number[] = [];
  await withTransaction(ctx, async (tx) => {
    const group = await repo.findGroup(tx, groupId, true);
    if (!group || group.status !== 'forming' || group.expiresAt.getTime() > clock.nowMs()) return;
    const members = await repo.membersOfGroups(tx, [group.id]);
    const paid: repo.MemberRow[] = [];
    for (const m of members) {
      if (m.simulated || !m.orderId || m.status === 'refunded') continue;
      if (m.status === 'unpaid' && (await cancelIfUnpaid(tx, m.orderId, CANCELLED_REASON))) continue;
      paid.push(m);
    }
    const activity = await repo.findActivity(tx, group.groupBuyId);
    const leaderPaid = paid.some((m) => m.leader);
    if (activity?.autoFill && leaderPaid) {
      for (const m of paid) if (m.status === 'unpaid') await markPaid(tx, m, (await loadOrder(tx, m.orderId!)).paidAmount);
      const now = clock.now();
      for (let seat = paid.length; seat < group.groupSize; seat++) {
        await repo.insertMember(tx, { groupId: group.id, customerId: null, orderId: null, leader: false, simulated: true, status: 'paid', amount: 0, paidAt: now });
      }
      await succeed(tx, group, true);
      return;
    }
    if (!(await repo.moveGroup(tx, group.id, 'forming', { status: 'failed', closedAt: clock.now() }))) return;
    for (const m of paid) await refundMember(tx, m, toSend);
  });
  await send(ctx, toSend);
}

const BATCH = 100;

export const closeExpiredGroups: Sweep = {
  name: 'groupbuy.close-expired',
  async run() {
    const ctx = systemContext('groupbuy.close-expired');
    const now = clock.now();
    return walkPages<repo.DueGroup>(BATCH, (after) => repo.groupsPastDeadline(ctx, now, BATCH, after), async ({ tenantId, id }) => {
      const one = systemContext('groupbuy.close-expired', tenantId);
      try {
        await runInContext(one, () => closeExpired(one, id));
      } catch (err) {
        logger().error({ err, tenantId, groupId: id }, 'expired group not closed; tried again next pass');
      }
    });
  },
};
