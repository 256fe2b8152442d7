/** The orders module's public surface. */
export { type Adjustment, type Quote, type QuoteSoFar, type QuoteInput, type QuoteLine, netLines, spread } from './quote.js';
export { STEP, KIND, stepApplies, linesTaken, type Step } from './stacking.js';
export { lineFloor } from './floors.js';
export { placeOrder, quoteFor, placeCounterOrder, counterQuote, type PlaceInput, type PlacedOrder } from './place.js';
export type { ResolvedPlace } from './pickup-places.js';
export { placedView } from './views.js';
export { orderViewSchema, orderItemsInput } from './schemas.js';
export { quoteAdjusters, holdFulfilment, mayCompleteOrder, orderRefunded, pickupPlaces, type QuoteAdjuster, type AdjustedOrder, type RefundEvent, type PickupPlace, type PickupPlaceOrder, type PickupPlaceRequest, type PickupPlaceResolver } from './hooks.js';
export { cancelIfUnpaid, itemsOf, loadOrder, loadShopperOrder, markReviewed, releaseFulfilment, reviewableItem, shipFulfillment } from './lifecycle.js';
export { recentOrdersOf } from './order-rows.js';
export { ownerSalesInShops, type OwnerSalesGroup, type OwnerSalesRow } from './repository/owner-sales.js';
export { pickupByCode, verifyPickup, handOverAtCounter } from './pickup.js';
export { refundOrder, reserveOrderRefund, previewRefund, sumLines, unitsLeft, moneyLeft, toShip, keptShipped, type RefundRequest, type RefundPlan } from './refunds.js';
export { orderDigests, orderViews, type OrderDigest, type OrderView } from './views.js';
export { transitions } from './state.js';
export { orderCreated, orderFulfilmentReleased, orderPaid, orderShipped, orderStatusChanged } from './events.js';

export type { OrderStatus, OrderChannel } from './model.js';
export type { OrderRow as Order } from './repository/orders.js';
export type { OrderItemRow as OrderItem } from './repository/lines.js';
export { ordersSettings, type OrdersSettings } from './settings.js';
export { orderTodo, salesByDay, salesByChannel, type OrderTodo, type DaySalesRow, type ChannelSales } from './figures.js';
export { arrivedAtPickupPlace, placeOrdersByIds, sendToPickupPlace, type PlaceOrder } from './pickup-places.js';
