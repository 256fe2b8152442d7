/** The storefront's API client: same-origin, the shopper's token kept per host. */
import { createClient, tokenStore } from '../../shared/api';
import { errorWords } from '../../shared/errors';
import { formatDateTime } from '../../shared/dates';
import { tIn } from '../../shared/i18n';
import { labels } from '../../shared/labels';
import type { OrderAddress, OrderStatus, Reply, Specs } from '../../shared/types';
import type { cartLineSchema, cartViewSchema } from '../../../server/src/modules/cart/schemas.js';
import type { addressViewSchema } from '../../../server/src/modules/customers/schemas.js';
import type { shopProductDetailSchema, shopProductSchema, shopSkuSchema } from '../../../server/src/modules/market/schemas.js';
import type { pickupPointSchema, shopOrdersQuoteReply, shopOrdersTrackingReply } from '../../../server/src/modules/orders/schemas.js';
import type { paymentViewSchema } from '../../../server/src/modules/payments/schemas.js';
import type { shopProductsReviewsReply } from '../../../server/src/modules/reviews/schemas.js';

export { ApiError, isApiError, uuid, type Page, type Query } from '../../shared/api';
export { caseProgress, caseStage, refundFailed } from '../../shared/aftersales';
export { carrierName, carriers } from '../../shared/carriers';
export type * from '../../shared/types';

export const shopperToken = tokenStore('shopper');

let unauthorized: () => void = () => {};

/** What to do when the shopper's session ends (a signed request answered 401). */
export function onUnauthorized(handler: () => void): void {
  unauthorized = handler;
}

export const api = createClient({ token: shopperToken.get, onUnauthorized: () => unauthorized() });

export type ShopSku = Reply<typeof shopSkuSchema>;

/** A product card as `GET /shop/products` lists it (prices in fen; `price` is the lowest SKU price). */
export type ProductCard = Reply<typeof shopProductSchema>;
export type ProductDetail = Reply<typeof shopProductDetailSchema>;
export type ReviewPage = Reply<typeof shopProductsReviewsReply>;

export type Cart = Reply<typeof cartViewSchema>;
export type CartItem = Reply<typeof cartLineSchema>;

export type Address = Reply<typeof addressViewSchema>;
/** What the address form sends. */
export interface AddressInput extends OrderAddress {
  isDefault?: boolean;
}

export interface LineItem {
  skuId: number;
  quantity: number;
}

export type Quote = Reply<typeof shopOrdersQuoteReply>;
/** Where the shop hands self-pickup orders over. */
export type PickupPoint = Reply<typeof pickupPointSchema>;
export type QuoteLine = Quote['lines'][number];

export type Parcel = Reply<typeof shopOrdersTrackingReply>['items'][number];

/** How a payment starts: JSAPI parameters inside WeChat, a gateway page to go to, or a QR code to scan. */
export type PayReply = Reply<typeof paymentViewSchema>;

export const yuan = (fen: number): string => (fen / 100).toFixed(2);

/** "红 / M" */
export const specText = (specs: Specs | null | undefined): string => Object.values(specs ?? {}).join(' / ');

export const orderStatusText = labels<OrderStatus>('status.order', ['pending_payment', 'paid', 'shipped', 'received', 'completed', 'cancelled', 'refunded']);

/** Kept for screens that showed English beside the status: now the same words as `orderStatusText`' English. */
export const orderStatusEnglish = Object.defineProperties(
  {} as Record<OrderStatus, string>,
  Object.fromEntries(Object.keys(orderStatusText).map((k) => [k, { enumerable: true, get: () => tIn('en', `status.order.${k}`) }])),
);

/** "仅退款" */
export { aftersaleTypeText } from '../../shared/aftersales';

/** An API error in the shopper's words (never the API's English, which goes to the browser console). */
export const errorMessage = (err: unknown): string => {
  if (err instanceof Error) console.warn(err.message);
  return errorWords(err);
};

export const formatTime = (iso: string | null | undefined): string => formatDateTime(iso);
