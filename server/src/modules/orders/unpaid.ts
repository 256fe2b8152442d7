/**
 * An unpaid order cancels when its time is up (its own expires_at, set at placement from the shop's
 * setting). A sweep over the (status, expires_at) index finds them on each worker pass, instead of
 * a timeout job written with every order: placement writes one statement less, and payment does
 * not have to call the job off. Each order is cancelled in its own transaction under its lock, so a
 * payment that came first, or another worker sweeping too, leaves it alone.
 */
import { clock } from '../../core/clock.js';
import { runInContext, systemContext } from '../../core/context.js';
import { walkPages, type JobHandler, type Sweep } from '../../core/jobs.js';
import { logger } from '../../core/logger.js';
import { cancelIfUnpaid } from './lifecycle.js';
import { unpaidPastDeadline, type DueOrder } from './repository/unpaid.js';

const BATCH = 100;
const REASON = 'unpaid in time';
const FIRST_BACKOFF_MS = 10_000;
const MAX_BACKOFF_MS = 3_600_000;

/**
 * Orders this process failed to cancel, and when to try each again: one that keeps failing (a
 * contribution to the order's hooks that throws) is neither retried every pass nor in the way of
 * the orders behind it, which the sweep pages past it to.
 */
const failing = new Map<number, { retryAt: number; backoffMs: number }>();

async function cancelOne(tenantId: number, id: number): Promise<void> {
  const held = failing.get(id);
  if (held && held.retryAt > clock.nowMs()) return;
  const ctx = systemContext('orders.cancel-unpaid', tenantId);
  try {
    await runInContext(ctx, () => cancelIfUnpaid(ctx, id, REASON));
    failing.delete(id);
  } catch (err) {
    const backoffMs = Math.min(MAX_BACKOFF_MS, held ? held.backoffMs * 2 : FIRST_BACKOFF_MS);
    failing.set(id, { retryAt: clock.nowMs() + backoffMs, backoffMs });
    logger().error({ err, tenantId, orderId: id, retryInMs: backoffMs }, 'unpaid order not cancelled; tried again later');
  }
}

export const cancelUnpaidOrders: Sweep = {
  name: 'orders.cancel-unpaid',
  async run() {
    const ctx = systemContext('orders.cancel-unpaid');
    const now = clock.now();
    return walkPages<DueOrder>(BATCH, (after) => unpaidPastDeadline(ctx, now, BATCH, after), ({ tenantId, id }) => cancelOne(tenantId, id));
  },
};

/** Timeout jobs written with orders placed before the sweep: they still run once. */
export const cancelUnpaidJob: JobHandler = async (ctx, payload) => {
  await cancelIfUnpaid(ctx, Number(payload.orderId), REASON);
};
