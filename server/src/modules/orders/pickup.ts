/**
 * Self-pickup: where a shop hands goods over (its pickup point, from the orders settings; a shop
 * without one offers no pickup), and the handover at the counter against the 8-digit code the
 * shopper got when the order was paid. The handover is the order's move from paid to received, a
 * conditional update (state.ts): two staff scanning the same code at once hand it over once.
 */
import type { Ctx } from '../../core/context.js';
import { AppError, conflict, ValidationError } from '../../core/errors.js';
import { withTransaction } from '../../core/db/index.js';
import { settingsOf } from '../../core/settings.js';
import { customerBrief } from '../customers/index.js';
import { markReceived } from './delivery.js';
import { loadOrder } from './order-rows.js';
import { findOrderByPickupCode, type OrderRow } from './repository/orders.js';
import { ordersSettings } from './settings.js';

export interface PickupPoint {
  name: string;
  address: string;
  hours: string;
  phone: string;
}

/** The shop's pickup points (none, or its one), for checkout and the order page. */
export async function pickupPoints(ctx: Ctx): Promise<PickupPoint[]> {
  const s = await settingsOf(ctx, ordersSettings);
  if (!s.pickupAddress) return [];
  return [{ name: s.pickupName, address: s.pickupAddress, hours: s.pickupHours, phone: s.pickupPhone }];
}

/** Refuses pickup where the shop offers none. */
export async function assertPickupOffered(ctx: Ctx): Promise<void> {
  if (!(await pickupPoints(ctx)).length) throw ValidationError.field('delivery', 'this shop offers no self-pickup');
}

const unknownCode = () => new AppError(404, 'pickup_code_unknown', 'No pickup order has this code');

/** Why an order with this code cannot be handed over now, or null when it can. */
function refusal(order: OrderRow): AppError | null {
  switch (order.status) {
    case 'paid':
      return null;
    case 'received':
    case 'completed':
      return conflict('pickup_code_used', 'The goods of this order were already handed over', { receivedAt: order.receivedAt?.toISOString() ?? null });
    case 'pending_payment':
      return conflict('pickup_not_paid', 'The order is not paid yet');
    default:
      return conflict('pickup_order_closed', `The order is ${order.status}`, { status: order.status });
  }
}

/** The order behind a code, as the counter sees it before handing over (who bought it, and whether it may go). */
export async function pickupByCode(ctx: Ctx, code: string): Promise<{ order: OrderRow; customer: { id: number; nickname: string | null; phone: string | null } | null; refusal: { code: string; message: string } | null }> {
  const order = await findOrderByPickupCode(ctx, code);
  if (!order) throw unknownCode();
  const refused = refusal(order);
  return { order, customer: await customerBrief(ctx, order.customerId), refusal: refused ? { code: refused.code, message: refused.message } : null };
}

/** The shop hands self-pickup goods over against the shopper's code. */
export async function verifyPickup(ctx: Ctx, code: string): Promise<OrderRow> {
  return withTransaction(ctx, async (tx) => {
    const order = await findOrderByPickupCode(tx, code);
    if (!order) throw unknownCode();
    const refused = refusal(order);
    if (refused) throw refused;
    try {
      await markReceived(tx, order, 'picked up at the shop');
    } catch (err) {
      // another counter handed it over between our read and our update
      if (err instanceof AppError && err.code === 'invalid_state') throw conflict('pickup_code_used', 'The goods of this order were already handed over', { receivedAt: null });
      throw err;
    }
    return order;
  });
}

/** A counter sale's goods are handed over as it is paid (stores module): paid -> received, in the caller's transaction. */
export async function handOverAtCounter(tx: Ctx, orderId: number): Promise<OrderRow> {
  const order = await loadOrder(tx, orderId, true);
  await markReceived(tx, order, 'sold at the counter');
  return loadOrder(tx, orderId);
}
