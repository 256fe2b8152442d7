/** The orders whose time to be paid ran out, across shops: the sweep's one read, a page at a time. */
import type { Ctx } from '../../../core/context.js';
import { acrossTenants, platformRows } from '../../../core/db/index.js';

export interface DueOrder {
  tenantId: number;
  id: number;
  expiresAt: Date;
}

/** Oldest deadline first; `after` continues past the last order of the previous page. */
export function unpaidPastDeadline(ctx: Ctx, now: Date, limit: number, after?: Pick<DueOrder, 'expiresAt' | 'id'>): Promise<DueOrder[]> {
  const past = after ? ' AND (expires_at > :at OR (expires_at = :at AND id > :id))' : '';
  return acrossTenants('orders: unpaid orders past their time, in every shop', async () =>
    (
      await platformRows<{ tenantId: number | string; id: number | string; expiresAt: Date | string }>(
        ctx,
        `SELECT tenant_id AS tenantId, id, expires_at AS expiresAt FROM orders WHERE status = 'pending_payment' AND expires_at <= :now${past} ORDER BY expires_at, id LIMIT :limit`,
        { now, limit, at: after?.expiresAt ?? null, id: after?.id ?? null },
      )
    ).map((r) => ({ tenantId: Number(r.tenantId), id: Number(r.id), expiresAt: new Date(r.expiresAt) })),
  );
}
