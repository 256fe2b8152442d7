/** The orders module's public surface. */
export { registerAdjuster, type Adjuster, type Adjustment, type Quote } from './quote.js';
export { itemsOf, loadOrder, loadShopperOrder, markReviewed, reviewableItem, onCompletionCheck, shipFulfillment } from './lifecycle.js';
export { refundOrder, reserveOrderRefund, previewRefund, onOrderRefunded, sumLines, unitsLeft, moneyLeft, toShip, keptShipped, type RefundRequest, type RefundPlan, type RefundEvent } from './refunds.js';
export { orderDigests, orderViews, type OrderDigest, type OrderView } from './views.js';
export { transitions } from './state.js';
export { orderCreated, orderPaid, orderShipped, orderStatusChanged } from './events.js';

export type { Order, OrderItem, OrderStatus } from './model.js';
export { ordersSettings, type OrdersSettings } from './settings.js';
