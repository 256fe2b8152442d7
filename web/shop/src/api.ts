/** The storefront's API client: same-origin, the shopper's token kept per host. */
import { createClient, tokenStore, type Page } from '../../shared/api';

export { ApiError, isApiError, uuid, type Page } from '../../shared/api';

export const shopperToken = tokenStore('shopper');

let unauthorized: () => void = () => {};

/** What to do when the shopper's session ends (a signed request answered 401). */
export function onUnauthorized(handler: () => void): void {
  unauthorized = handler;
}

export const api = createClient({ token: shopperToken.get, onUnauthorized: () => unauthorized() });

export interface Store {
  name: string;
  slug: string;
  branding: {
    logoUrl: string | null;
    primaryColor: string;
    notice?: string;
    servicePhone?: string;
    banners?: { imageUrl: string; link?: string }[];
  };
}

export interface Shopper {
  id: number;
  phone: string | null;
  nickname: string | null;
  avatarUrl: string | null;
  wechatBound: boolean;
  createdAt: string;
}

export type Specs = Record<string, string>;

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

export interface SpecDimension {
  name: string;
  values: string[];
}

export interface ProductDetail extends ProductCard {
  status: string;
  description: string | null;
  images: string[];
  specDimensions: SpecDimension[];
  skus: ShopSku[];
}

export interface StoreCategory {
  id: number;
  name: string;
  parentId: number | null;
  sort: number;
  iconUrl: string | null;
  children: StoreCategory[];
}

export interface Review {
  id: number;
  productId: number;
  rating: number;
  content: string | null;
  images: string[];
  specs: Specs | null;
  author: string | null;
  reply: string | null;
  repliedAt: string | null;
  createdAt: string;
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

export interface AddressInput {
  name: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
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

export type OrderStatus = 'pending_payment' | 'paid' | 'shipped' | 'received' | 'completed' | 'cancelled' | 'refunded';

export interface OrderItem {
  id: number;
  productId: number;
  skuId: number;
  title: string;
  specs: Specs;
  image: string | null;
  unitPrice: number;
  quantity: number;
  subtotal: number;
  discount: number;
  paid: number;
  shippedQuantity: number;
  refundedQuantity: number;
  refundedAmount: number;
  reviewed: boolean;
}

export interface Fulfillment {
  id: number;
  status: string;
  owner: string;
  freightAmount: number;
  carrier: string | null;
  trackingNo: string | null;
  shipments: { id: number; carrier: string; trackingNo: string; shippedAt: string; items: { orderItemId: number; quantity: number }[] }[];
  itemIds: number[];
}

export interface Order {
  id: number;
  orderNo: string;
  status: OrderStatus;
  delivery: string;
  goodsAmount: number;
  freightAmount: number;
  discountAmount: number;
  totalAmount: number;
  payAmount: number;
  paidAmount: number;
  refundedAmount: number;
  address: Omit<AddressInput, 'isDefault'> | null;
  remark: string | null;
  expiresAt: string | null;
  paidAt: string | null;
  shippedAt: string | null;
  receivedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  createdAt: string;
  items: OrderItem[];
  fulfillments: Fulfillment[];
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

export type AftersaleType = 'refund_only' | 'return_refund' | 'exchange' | 'repair';

export interface Aftersale {
  id: number;
  orderId: number;
  type: AftersaleType;
  status: 'pending' | 'approved' | 'refused' | 'returning' | 'refunded' | 'closed' | 'escalated';
  reason: string;
  amount: number;
  refundedAmount: number;
  refuseReason: string | null;
  returnAddress: { name: string; phone: string; address: string } | null;
  returnCarrier: string | null;
  returnTrackingNo: string | null;
  arbitration: { decision: string; reason: string; amount?: number } | null;
  items: { orderItemId: number; quantity: number; amount: number }[];
  createdAt: string;
}

export interface PayReply {
  paymentId: number;
  status: 'pending' | 'succeeded';
  method: string;
  amount: number;
  params?: Record<string, string>;
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

export const aftersaleTypeText: Record<AftersaleType, string> = {
  refund_only: '仅退款',
  return_refund: '退货退款',
  exchange: '换货',
  repair: '维修',
};

export const aftersaleStatusText: Record<Aftersale['status'], string> = {
  pending: '待处理',
  approved: '已同意',
  refused: '已拒绝',
  returning: '退回中',
  refunded: '已退款',
  closed: '已关闭',
  escalated: '平台处理中',
};

export const formatTime = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '';
