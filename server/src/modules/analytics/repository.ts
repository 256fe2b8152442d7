/** The analytics module's one table: storefront visitors per shop and day. */
import { col, fn, Op, UniqueConstraintError } from 'sequelize';
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { inTx, insertRow } from '../../core/db/index.js';
import { StoreVisit } from './model.js';

/** Records the visitor on the day; false when they were already counted (the unique key decides). */
export async function insertVisit(ctx: Ctx, day: string, visitor: string): Promise<boolean> {
  try {
    await insertRow(ctx, StoreVisit, { day, visitor });
    return true;
  } catch (err) {
    if (err instanceof UniqueConstraintError) return false;
    throw err;
  }
}

/** Visitors per day from `sinceDay` on (days without any are absent). */
export async function visitorsByDay(ctx: Ctx, sinceDay: string): Promise<Map<string, number>> {
  const rows = (await StoreVisit.findAll({
    where: { tenantId: requireTenantId(ctx), day: { [Op.gte]: sinceDay } },
    attributes: ['day', [fn('COUNT', col('id')), 'n']],
    group: ['day'],
    raw: true,
    ...inTx(ctx),
  })) as unknown as Array<{ day: string; n: number | string }>;
  return new Map(rows.map((r) => [r.day, Number(r.n)]));
}
