/** The orders module's public surface. */
import './policy.js';
import './routes.js';
import './notifications.js';

export { type Adjustment, type Quote, type QuoteSoFar, type QuoteInput } from './quote.js';
export { quoteAdjusters, mayCompleteOrder, orderRefunded, type QuoteAdjuster, type AdjustedOrder, type RefundEvent } from './hooks.js';
export { itemsOf, loadOrder, loadShopperOrder, markReviewed, reviewableItem, shipFulfillment, refundsInFlightBlockCompletion } from './lifecycle.js';
export { refundOrder, reserveOrderRefund, previewRefund, sumLines, unitsLeft, moneyLeft, toShip, keptShipped, type RefundRequest, type RefundPlan } from './refunds.js';
export { unfinishedOrdersKeepListing } from './listing-use.js';
export { orderDigests, orderViews, type OrderDigest, type OrderView } from './views.js';
export { ORDER_STATUS_CHANGED, transitions } from './state.js';
export type { Order, OrderItem, OrderStatus } from './model.js';
