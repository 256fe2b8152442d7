/**
 * What an owner's goods sold in the shops that resell them (a brand owner's range in its
 * distributors' shops): sums of paid order lines, never a row of an order or a shopper. The lines
 * are read by (tenant_id, ...) with every shop named, as the owner's shipping queue reads them.
 */
import { acrossTenants, dialect, platformRows } from '../../../core/db/index.js';
import type { Ctx } from '../../../core/context.js';
import type { GoodsOwner } from './owner-queue.js';

export type OwnerSalesGroup = 'day' | 'shop' | 'product' | 'total';

export interface OwnerSalesRow {
  /** The Beijing day (YYYY-MM-DD), the shop's tenant id or the product id, as text; '' for the total. */
  key: string;
  /** The product's title as the latest line had it (product grouping). */
  title: string | null;
  orders: number;
  units: number;
  /** Paid for the lines, after the shops' discounts. */
  paid: number;
  refunded: number;
  refundedUnits: number;
}

const beijingDay = () =>
  dialect() === 'mysql' ? "DATE_FORMAT(DATE_ADD(o.paid_at, INTERVAL 8 HOUR), '%Y-%m-%d')" : "strftime('%Y-%m-%d', substr(o.paid_at, 1, 19), '+8 hours')";

const keyOf = (group: OwnerSalesGroup): string =>
  ({ day: beijingDay(), shop: 'oi.tenant_id', product: 'oi.product_id', total: "''" })[group];

/** The owner's paid lines in these shops, paid in [from, to), summed per `group`. */
export async function ownerSalesInShops(ctx: Ctx, owner: GoodsOwner, shopIds: number[], range: { from: Date; to: Date }, group: OwnerSalesGroup): Promise<OwnerSalesRow[]> {
  if (!shopIds.length) return [];
  const key = keyOf(group);
  const sql = `SELECT ${key} AS k, ${group === 'product' ? 'MAX(oi.title)' : 'NULL'} AS title, COUNT(DISTINCT oi.order_id) AS orders,
      SUM(oi.quantity) AS units, SUM(oi.paid) AS paid, SUM(oi.refunded_amount) AS refunded, SUM(oi.refunded_quantity) AS refundedUnits
    FROM order_items oi JOIN orders o ON o.tenant_id = oi.tenant_id AND o.id = oi.order_id
    WHERE oi.tenant_id IN (:shopIds) AND oi.owner_kind = :ownerKind AND oi.owner_id = :ownerId
      AND o.paid_at IS NOT NULL AND o.paid_at >= :from AND o.paid_at < :to
    ${group === 'total' ? '' : `GROUP BY ${key}`}`;
  const rows = await acrossTenants('orders: a brand owner sums what its distributors sold of its range', () =>
    platformRows<{ k: unknown; title: string | null; orders: unknown; units: unknown; paid: unknown; refunded: unknown; refundedUnits: unknown }>(ctx, sql, {
      shopIds,
      ownerKind: owner.kind,
      ownerId: owner.id,
      from: range.from,
      to: range.to,
    }),
  );
  return rows
    .filter((r) => r.orders !== null && Number(r.orders) > 0)
    .map((r) => ({
      key: String(r.k ?? ''),
      title: r.title ?? null,
      orders: Number(r.orders),
      units: Number(r.units ?? 0),
      paid: Number(r.paid ?? 0),
      refunded: Number(r.refunded ?? 0),
      refundedUnits: Number(r.refundedUnits ?? 0),
    }));
}
