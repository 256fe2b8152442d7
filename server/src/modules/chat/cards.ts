/**
 * A product or order card, rendered from the shop's own data by id: a client names what it shows,
 * never how it looks. An order card shows only an order of the conversation's shopper.
 */
import type { Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { shopProduct } from '../market/index.js';
import { loadOrder, orderDigests } from '../orders/index.js';
import type { Card } from './schemas.js';

export async function renderCard(ctx: Ctx & { tenantId: number }, subject: { type: 'product' | 'order'; id: number }, customerId: number): Promise<Card> {
  if (subject.type === 'product') {
    const p = await shopProduct(ctx, subject.id);
    return { type: 'product', id: p.id, title: p.title, image: p.image, price: p.price };
  }
  const order = await loadOrder(ctx, subject.id);
  if (order.customerId !== customerId) throw notFound('Order');
  const digest = (await orderDigests(ctx, [{ tenantId: ctx.tenantId, orderId: order.id }])).get(order.id);
  const first = digest ? [...digest.lines.values()][0] : undefined;
  return { type: 'order', id: order.id, orderNo: order.orderNo, status: order.status, payAmount: order.payAmount, title: first?.title ?? order.orderNo, image: first?.image ?? null };
}
