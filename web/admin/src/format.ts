/** Money (integer fen), specs and the plain words for the API's status codes. */
import type { AftersaleStatus, AftersaleType, OffReason, OrderStatus, ProductStatus, Specs } from './types';

/** 1990 -> "¥19.90" */
export const money = (fen: number | null | undefined): string => (fen === null || fen === undefined ? '—' : `¥${(fen / 100).toFixed(2)}`);

/** [1000, 1200] -> "¥10.00 – ¥12.00"; one price when they are all the same, "—" when there are none */
export function moneyRange(values: number[]): string {
  if (!values.length) return '—';
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? money(lo) : `${money(lo)} – ${money(hi)}`;
}

/** 19.9 (yuan, as typed) -> 1990 (fen, as sent) */
export const toFen = (yuan: number | null | undefined): number => Math.round((yuan ?? 0) * 100);

/** 1990 -> 19.9, for el-input-number in yuan */
export const toYuan = (fen: number | null | undefined): number => (fen ?? 0) / 100;

/** { 颜色: 红, 尺码: M } -> "颜色: 红 / 尺码: M" */
export const specText = (specs: Specs | null | undefined): string =>
  Object.entries(specs ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join(' / ') || '默认 Default';

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info';

export const orderStatus: Record<OrderStatus, { label: string; type: TagType }> = {
  pending_payment: { label: '待付款 Unpaid', type: 'warning' },
  paid: { label: '待发货 Paid', type: 'primary' },
  shipped: { label: '已发货 Shipped', type: 'primary' },
  received: { label: '已收货 Received', type: 'success' },
  completed: { label: '已完成 Completed', type: 'success' },
  cancelled: { label: '已取消 Cancelled', type: 'info' },
  refunded: { label: '已退款 Refunded', type: 'danger' },
};

export const fulfillmentStatus: Record<string, string> = {
  pending: '待支付 Unpaid',
  to_ship: '待发货 To ship',
  shipped: '已发货 Shipped',
  ready_for_pickup: '待自提 Pickup',
  received: '已收货 Received',
  cancelled: '已取消 Cancelled',
};

export const productStatus: Record<ProductStatus, { label: string; type: TagType }> = {
  draft: { label: '草稿 Draft', type: 'info' },
  pending_review: { label: '待审核 In review', type: 'warning' },
  approved: { label: '已上架 Approved', type: 'success' },
  rejected: { label: '已驳回 Rejected', type: 'danger' },
  delisted: { label: '已下架 Delisted', type: 'info' },
};

/** Why a listing is off sale, in plain words. */
export const offReasonText: Record<OffReason, string> = {
  merchant: '商家手动下架 Taken off sale by the shop',
  supplier_delisted: '供应商已下架该商品 The supplier delisted it',
  below_supply_price: '售价低于供货价（供应商涨价），请调价 Price is below the new supply price — reprice it',
  out_of_stock: '全部规格缺货 Every SKU is out of stock',
};

export const aftersaleType: Record<AftersaleType, string> = {
  refund_only: '仅退款 Refund only',
  return_refund: '退货退款 Return & refund',
  exchange: '换货 Exchange',
  repair: '维修 Repair',
};

export const aftersaleStatus: Record<AftersaleStatus, { label: string; type: TagType }> = {
  pending: { label: '待处理 Pending', type: 'warning' },
  approved: { label: '已同意 Approved', type: 'primary' },
  refused: { label: '已拒绝 Refused', type: 'danger' },
  returning: { label: '退回中 Returning', type: 'primary' },
  refunded: { label: '已退款 Refunded', type: 'success' },
  closed: { label: '已关闭 Closed', type: 'info' },
  escalated: { label: '平台仲裁中 Escalated', type: 'warning' },
};

export const withdrawalStatus: Record<string, { label: string; type: TagType }> = {
  pending: { label: '待审核 Pending', type: 'warning' },
  paid: { label: '已打款 Paid', type: 'success' },
  rejected: { label: '已驳回 Rejected', type: 'danger' },
};

/** Ledger entry kinds, in words where we know them. */
export const ledgerKind: Record<string, string> = {
  merchant_margin: '订单毛利 Order margin',
  supplier_payable: '供货款 Supply payment',
  platform_fee: '平台服务费 Platform fee',
  recharge: '充值 Recharge',
  balance_payment: '余额支付 Balance payment',
  withdrawal: '提现 Withdrawal',
  withdrawal_released: '提现退回 Withdrawal released',
};

export const carriers = [
  { code: 'shunfeng', name: '顺丰速运' },
  { code: 'zhongtong', name: '中通快递' },
  { code: 'yuantong', name: '圆通速递' },
  { code: 'yunda', name: '韵达快递' },
  { code: 'shentong', name: '申通快递' },
  { code: 'jtexpress', name: '极兔速递' },
  { code: 'jd', name: '京东物流' },
  { code: 'ems', name: 'EMS' },
  { code: 'youzhengguonei', name: '邮政快递包裹' },
  { code: 'debangkuaidi', name: '德邦快递' },
];
