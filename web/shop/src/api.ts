/** The storefront's API client: same-origin, the shopper's token kept per host. */
import { aftersaleTypeWords } from '../../shared/aftersales';
import { createClient, tokenStore, type Page } from '../../shared/api';
import { errorText } from '../../shared/errors';
import type { AftersaleType, OrderAddress, OrderStatus, Review, SpecDimension, Specs } from '../../shared/types';

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

export interface ShopSku {
  id: number;
  specs: Specs;
  price: number;
  stock: number;
}

/** A product card as `GET /shop/products` lists it (prices in fen; `price` is the lowest SKU price). */
export interface ProductCard {
  id: number;
  title: string;
  price: number;
  image?: string | null;
  salesCount?: number;
  skus?: ShopSku[];
}

export interface ProductDetail extends ProductCard {
  status: string;
  description: string | null;
  images: string[];
  specDimensions: SpecDimension[];
  skus: ShopSku[];
}

export interface ReviewPage extends Page<Review> {
  average: number | null;
  count: number;
}

export interface CartItem {
  id: number;
  skuId: number;
  productId: number;
  title: string;
  image: string | null;
  specs: Specs;
  price: number;
  quantity: number;
  stock: number;
  selected: boolean;
  available: boolean;
  subtotal: number;
}

export interface Cart {
  items: CartItem[];
  selectedCount: number;
  selectedAmount: number;
}

export interface AddressInput extends OrderAddress {
  isDefault?: boolean;
}

export interface Address extends AddressInput {
  id: number;
  isDefault: boolean;
}

export interface LineItem {
  skuId: number;
  quantity: number;
}

export interface QuoteLine {
  skuId: number;
  productId: number;
  title: string;
  image: string | null;
  specs: Specs;
  unitPrice: number;
  quantity: number;
  subtotal: number;
  discount: number;
}

export interface Quote {
  lines: QuoteLine[];
  adjustments: { name?: string; label?: string; amount: number }[];
  goodsAmount: number;
  freightAmount: number;
  discountAmount: number;
  savings: number;
  totalAmount: number;
  payAmount: number;
}

export interface Parcel {
  fulfillmentId: number;
  shipmentId: number;
  carrier: string;
  carrierName: string;
  trackingNo: string;
  state: string;
  events: { time: string; description: string; location?: string }[];
  updatedAt: string | null;
}

export interface PayReply {
  paymentId: number;
  status: 'pending' | 'succeeded';
  method: string;
  scene?: string;
  amount: number;
  /** WeChat JSAPI (inside WeChat). */
  params?: Record<string, string>;
  /** WeChat H5 and Alipay: the gateway's page to go to. */
  redirectUrl?: string;
  /** WeChat Native: the QR code to scan, as an image. */
  codeUrl?: string;
  qrCode?: string;
}

export const yuan = (fen: number): string => (fen / 100).toFixed(2);

/** "红 / M" */
export const specText = (specs: Specs | null | undefined): string => Object.values(specs ?? {}).join(' / ');

export const orderStatusText: Record<OrderStatus, string> = {
  pending_payment: '待付款',
  paid: '已支付',
  shipped: '已发货',
  received: '已收货',
  completed: '已完成',
  cancelled: '已取消',
  refunded: '已退款',
};

/** The English beside each status word (never the raw code). */
export const orderStatusEnglish: Record<OrderStatus, string> = {
  pending_payment: 'Awaiting payment',
  paid: 'Paid',
  shipped: 'Shipped',
  received: 'Received',
  completed: 'Completed',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
};

/** "仅退款" */
export const aftersaleTypeText = Object.fromEntries(Object.entries(aftersaleTypeWords).map(([k, w]) => [k, w.zh])) as Record<AftersaleType, string>;

/** An API error in the shopper's words (Chinese), or the API's message when there are none for it. */
export const errorMessage = (err: unknown): string => errorText(err) ?? (err instanceof Error ? err.message : String(err));

export const formatTime = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '';
