/**
 * An unpaid order cancels when its time is up (its own expires_at, set at placement from the shop's
 * setting). A sweep over the (status, expires_at) index finds them on each worker pass, instead of
 * a timeout job written with every order: placement writes one statement less, and payment does
 * not have to call the job off. Each order is cancelled in its own transaction under its lock, so a
 * payment that came first, or another worker sweeping too, leaves it alone.
 */
import { clock } from '../../core/clock.js';
import { runInContext, systemContext } from '../../core/context.js';
import type { JobHandler, Sweep } from '../../core/jobs.js';
import { logger } from '../../core/logger.js';
import { cancelIfUnpaid } from './lifecycle.js';
import { unpaidPastDeadline } from './repository/unpaid.js';

const BATCH = 100;
const REASON = 'unpaid in time';


export const cancelUnpaidOrders: Sweep = {
  name: 'orders.cancel-unpaid',
  async run() {
    const due = await unpaidPastDeadline(systemContext('orders.cancel-unpaid'), clock.now(), BATCH);
    for (const { tenantId, id } of due) {
      const ctx = systemContext('orders.cancel-unpaid', tenantId);
      try {
        await runInContext(ctx, () => cancelIfUnpaid(ctx, id, REASON));
      } catch (err) {
        logger().error({ err, tenantId, orderId: id }, 'unpaid order not cancelled; tried again next pass');
      }
    }
    return due.length;
  },
};

/** Timeout jobs written with orders placed before the sweep: they still run once. */
export const cancelUnpaidJob: JobHandler = async (ctx, payload) => {
  await cancelIfUnpaid(ctx, Number(payload.orderId), REASON);
};
