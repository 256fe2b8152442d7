/** The orders whose time to be paid ran out, across shops: the sweep's one read. */
import type { Ctx } from '../../../core/context.js';
import { acrossTenants, platformRows } from '../../../core/db/index.js';

export interface DueOrder {
  tenantId: number;
  id: number;
}

export function unpaidPastDeadline(ctx: Ctx, now: Date, limit: number): Promise<DueOrder[]> {
  return acrossTenants('orders: unpaid orders past their time, in every shop', async () =>
    (
      await platformRows<{ tenantId: number | string; id: number | string }>(
        ctx,
        "SELECT tenant_id AS tenantId, id FROM orders WHERE status = 'pending_payment' AND expires_at <= :now ORDER BY expires_at LIMIT :limit",
        { now, limit },
      )
    ).map((r) => ({ tenantId: Number(r.tenantId), id: Number(r.id) })),
  );
}
