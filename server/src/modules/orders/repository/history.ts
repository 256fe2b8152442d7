/** `order_history`: one row per status an order took, written by state.ts's recordHistory alone. */
import type { Ctx } from '../../../core/context.js';
import { insertRow } from '../../../core/db/index.js';
import { OrderHistory, type OrderStatus } from '../model.js';

export interface OrderHistoryRow {
  id: number;
  tenantId: number;
  orderId: number;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus;
  actorKind: string;
  actorId: number | null;
  note: string | null;
  createdAt: Date;
}

/** Plain row path: placement writes the first one on its hot path. */
export async function insertHistory(ctx: Ctx, row: Omit<OrderHistoryRow, 'id'>): Promise<void> {
  await insertRow(ctx, OrderHistory, row);
}
