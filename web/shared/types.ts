/**
 * Shapes the API answers the same way to the console and to the storefront (see /api/docs).
 * Each app re-exports these from its own types module (`admin/src/types.ts`, `shop/src/api.ts`).
 */

export type Specs = Record<string, string>;

export interface SpecDimension {
  name: string;
  values: string[];
}

export interface Branding {
  logoUrl: string | null;
  primaryColor: string;
  notice?: string;
  servicePhone?: string;
  banners?: { imageUrl: string; link?: string }[];
}

/** `GET /shop/store`. */
export interface StoreInfo {
  name: string;
  slug: string;
  branding: Branding;
}

/** A shopper's account as the shopper sees it (the console's `Customer` adds status and last sign-in). */
export interface Shopper {
  id: number;
  phone: string | null;
  nickname: string | null;
  avatarUrl: string | null;
  wechatBound: boolean;
  createdAt: string;
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
  /** Held by a refund still on its way to the shopper. */
  refundingQuantity: number;
  refundingAmount: number;
  reviewed: boolean;
}

export interface Shipment {
  id: number;
  carrier: string;
  trackingNo: string;
  shippedAt: string;
  items: { orderItemId: number; quantity: number }[];
}

export interface Fulfillment {
  id: number;
  status: string;
  /** `supplier` or `shop`. */
  owner: string;
  freightAmount: number;
  carrier: string | null;
  trackingNo: string | null;
  shipments: Shipment[];
  itemIds: number[];
}

export interface OrderAddress {
  name: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
}

export interface Order {
  id: number;
  orderNo: string;
  status: OrderStatus;
  delivery: string;
  /** Staff only. */
  customerId?: number;
  goodsAmount: number;
  freightAmount: number;
  discountAmount: number;
  totalAmount: number;
  payAmount: number;
  paidAmount: number;
  refundedAmount: number;
  address: OrderAddress | null;
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

/**
 * `returned`: the owner has the goods back (a return's refund is on its way; an exchange or a repair
 * waits for the owner to ship the item back); `reshipped`: that item is on its way to the shopper.
 */
export type AftersaleStatus = 'pending' | 'approved' | 'refused' | 'returning' | 'returned' | 'reshipped' | 'refunded' | 'closed' | 'escalated';
export type AftersaleType = 'refund_only' | 'return_refund' | 'exchange' | 'repair';

export interface ReturnAddress {
  name: string;
  phone: string;
  address: string;
}

/** A refund a case led to: `failed` means the gateway refused it and the owner may try again. */
export interface CaseRefund {
  id: number;
  amount: number;
  status: 'pending' | 'succeeded' | 'failed';
  error: string | null;
}

export interface Aftersale {
  id: number;
  orderId: number;
  order: { orderNo: string; status: OrderStatus; payAmount: number; refundedAmount: number };
  type: AftersaleType;
  status: AftersaleStatus;
  reason: string;
  amount: number;
  refundedAmount: number;
  refuseReason: string | null;
  returnAddress: ReturnAddress | null;
  returnCarrier: string | null;
  returnTrackingNo: string | null;
  returnedAt: string | null;
  reshipCarrier: string | null;
  reshipTrackingNo: string | null;
  reshippedAt: string | null;
  arbitration: { decision: 'refund' | 'approve' | 'reject'; reason: string; amount?: number; at?: string } | null;
  owner: { kind: 'supplier' | 'tenant'; id: number };
  items: { orderItemId: number; quantity: number; amount: number; title: string; specs: Specs; image: string | null; unitPrice: number }[];
  refunds: CaseRefund[];
  escalatedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The platform's and a supplier's queues, which span shops. */
  tenantId?: number;
  shopName?: string;
}

/** Ledger accounts and their buckets (finance). */
export type AccountType = 'platform' | 'tenant' | 'supplier' | 'shopper' | 'clearing';
export type Bucket = 'available' | 'frozen' | 'held';
