/**
 * Orders as the shopper reads them: status words (the shared `status` area, the same words as the
 * storefront and the console), the list's tabs, and what the shopper may do with an order in each
 * status. Pure functions: pages bind what they return.
 */
import { t, te } from './i18n.js';

export type OrderStatus = 'pending_payment' | 'paid' | 'shipped' | 'received' | 'completed' | 'cancelled' | 'refunded';
export type OrderAction = 'cancel' | 'pay' | 'track' | 'receive' | 'aftersale' | 'chat';

interface OrderFacts {
  status: OrderStatus;
  delivery?: 'express' | 'pickup';
  fulfillments?: ReadonlyArray<{ shipments?: readonly unknown[] }>;
}

/** The order list's tabs: `status` is the `GET /shop/orders?status=` filter (null: every order). */
export const ORDER_TABS: ReadonlyArray<{ key: string; status: OrderStatus | null }> = [
  { key: 'all', status: null },
  { key: 'pending_payment', status: 'pending_payment' },
  { key: 'paid', status: 'paid' },
  { key: 'shipped', status: 'shipped' },
  { key: 'received', status: 'received' },
];

/** The words of a tab: "全部", then the shared status words (待付款, 待发货, 已发货 ...) as the shopper's tabs say them. */
export const tabText = (key: string): string => t(`orders.tabs.${key}`);

export const orderStatusText = (status: string): string => t(`status.order.${status}`);
export const fulfillmentStatusText = (status: string): string => t(`status.fulfillment.${status}`);
export const trackingStateText = (state: string): string => t(`orders.tracking.${state}`);

/**
 * A sentence under the status on the order page (empty: none); the words are the storefront's
 * (`orders.hint` merges its order area's statusHint, see locales/index.ts).
 */
export function statusHint(o: OrderFacts): string {
  const key = `orders.hint.${o.status === 'paid' && o.delivery === 'pickup' ? 'pickup' : o.status}`;
  return te(key) ? t(key) : '';
}

const hasParcels = (o: OrderFacts) => (o.fulfillments ?? []).some((f) => (f.shipments ?? []).length > 0);

/** What the shopper may do, in the order the bottom bar shows them (the main one last). */
export function orderActions(o: OrderFacts): OrderAction[] {
  const out: OrderAction[] = [];
  switch (o.status) {
    case 'pending_payment':
      out.push('cancel', 'pay');
      break;
    case 'paid':
      out.push('aftersale');
      break;
    case 'shipped':
      out.push('aftersale', 'track', 'receive');
      break;
    case 'received':
    case 'completed':
      out.push('aftersale', 'track');
      break;
    case 'cancelled':
    case 'refunded':
      break;
  }
  return out.filter((a) => a !== 'track' || hasParcels(o));
}

/** The words of an action's button. */
export const actionText = (a: OrderAction): string => t(`orders.action.${a}`);

/** "颜色: 红 / 尺码: M" for an order line's specs. */
export const specsText = (specs: Record<string, string> | null | undefined): string =>
  Object.entries(specs ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join(' / ');
