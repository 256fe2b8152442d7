/**
 * The order's transition table. A status moves only along these edges, each move one conditional
 * update (`WHERE status = from`, so a racing second move finds nothing to change) that writes its
 * history row and its outbox event in the same transaction.
 */
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { invalidState } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import { orderStatusChanged } from './events.js';
import type { OrderStatus } from './model.js';
import { insertHistory } from './repository/history.js';
import { moveOrderStatus, type OrderRow } from './repository/orders.js';

export const transitions: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_payment: ['paid', 'cancelled'],
  paid: ['shipped', 'received', 'refunded'],
  shipped: ['received', 'refunded'],
  received: ['completed', 'refunded'],
  completed: [],
  cancelled: [],
  refunded: [],
};

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return transitions[from].includes(to);
}


type Stamp = Partial<Pick<OrderRow, 'paidAt' | 'paidAmount' | 'shippedAt' | 'receivedAt' | 'completedAt' | 'cancelledAt' | 'cancelReason' | 'pickupCode'>>;

/**
 * The one writer of order_history: placement's first row (from null) and every transition's,
 * each naming who acted, inside the caller's transaction.
 */
export async function recordHistory(ctx: Ctx, order: { tenantId: number; id: number }, from: OrderStatus | null, to: OrderStatus, note: string | null = null): Promise<void> {
  const actor = ctx.actor as { kind: string; id?: number };
  await insertHistory(ctx, { tenantId: order.tenantId, orderId: order.id, fromStatus: from, toStatus: to, actorKind: actor.kind, actorId: actor.id ?? null, note, createdAt: clock.now() });
}

/** Moves the order or throws 409 invalid_state; `order` is updated in place. */
export async function moveOrder(ctx: Ctx, order: OrderRow, to: OrderStatus, note: string | null = null, stamp: Stamp = {}): Promise<void> {
  const from = order.status;
  if (!canMove(from, to)) throw invalidState(`An order that is ${from} cannot become ${to}`);
  const changed = await moveOrderStatus(ctx, order.id, from, { status: to, ...stamp });
  if (changed !== 1) throw invalidState(`The order changed meanwhile; it is no longer ${from}`);
  Object.assign(order, { status: to, ...stamp });
  await recordHistory(ctx, order, from, to, note);
  await emit(ctx, orderStatusChanged, { tenantId: order.tenantId, orderId: order.id, orderNo: order.orderNo, customerId: order.customerId, from, to });
}
