/** Commissions as the shopper's centre and the console show them. */
import type { Ctx } from '../../core/context.js';
import { pageOf, type Page, type PageQuery } from '../../core/db/index.js';
import { customerBriefs } from '../customers/index.js';
import * as repo from './repository.js';

export interface CommissionView {
  id: number;
  orderId: number;
  customerId: number;
  buyer: { id: number; nickname: string | null; phone: string | null };
  payee: { id: number; nickname: string | null; phone: string | null };
  level: number;
  source: repo.CommissionSource;
  rateBps: number;
  base: number;
  amount: number;
  capped: number;
  reversed: number;
  net: number;
  status: repo.CommissionStatus;
  createdAt: string;
}

export async function commissionList(ctx: Ctx, filter: { customerId?: number; orderId?: number; status?: repo.CommissionStatus; source?: repo.CommissionSource }, q: PageQuery, showPhone: boolean): Promise<Page<CommissionView>> {
  const { rows, count } = await repo.commissionPage(ctx, filter, q);
  const briefs = await customerBriefs(ctx, rows.flatMap((r) => [r.buyerId, r.customerId]), showPhone);
  const who = (id: number) => ({ id, nickname: briefs.get(id)?.nickname ?? null, phone: briefs.get(id)?.phone ?? null });
  return pageOf(
    q,
    rows.map((c) => ({
      id: c.id, orderId: c.orderId, customerId: c.customerId, buyer: who(c.buyerId), payee: who(c.customerId), level: c.level, source: c.source, rateBps: c.rateBps, base: c.base,
      amount: c.amount, capped: c.capped, reversed: c.reversed, net: c.amount - c.reversed, status: c.amount > 0 && c.reversed >= c.amount ? 'reversed' : c.status, createdAt: c.createdAt.toISOString(),
    })),
    count,
  );
}
