/** Money (integer fen), specs and the plain words for the API's status codes. */
import { accountTypeText, bucketText } from '../../shared/errors';
import type { AccountType, AftersaleStatus, Bucket, OffReason, OrderStatus, ProductStatus, Specs } from './types';

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

export { aftersaleTypeText as aftersaleType } from '../../shared/aftersales';

export const aftersaleStatus: Record<AftersaleStatus, { label: string; type: TagType }> = {
  pending: { label: '待处理 Pending', type: 'warning' },
  approved: { label: '已同意 Approved', type: 'primary' },
  refused: { label: '已拒绝 Refused', type: 'danger' },
  returning: { label: '待收退货 Returning', type: 'primary' },
  returned: { label: '已收到退货 Goods back', type: 'primary' },
  reshipped: { label: '已寄出 Reshipped', type: 'primary' },
  refunded: { label: '已退款 Refunded', type: 'success' },
  closed: { label: '已关闭 Closed', type: 'info' },
  escalated: { label: '平台仲裁中 Escalated', type: 'warning' },
};

export const arbitrationDecision: Record<'refund' | 'approve' | 'reject', string> = {
  refund: '平台退款 Refunded by the platform',
  approve: '同意，按申请处理 Approved as asked',
  reject: '驳回 Rejected',
};

export const refundStatus: Record<'pending' | 'succeeded' | 'failed', { label: string; type: TagType }> = {
  pending: { label: '退款中 Refunding', type: 'warning' },
  succeeded: { label: '已退款 Refunded', type: 'success' },
  failed: { label: '退款失败 Refused by the gateway', type: 'danger' },
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
  withdrawal_held: '提现中 Held for withdrawal',
  withdrawal_paid: '提现已打款 Withdrawal paid out',
  withdrawal_released: '提现退回 Withdrawal released',
  refund_clearing: '退款在途 Refund on its way',
  refund_paid: '退款已付 Refund paid',
  balance_refund: '退款到余额 Refund to balance',
  recharge_refund: '充值退款 Recharge refunded',
  unmatched_payment: '未匹配付款 Unmatched payment',
};

const accountTypeEn: Record<AccountType, string> = { platform: 'Platform', tenant: 'Shop', supplier: 'Supplier', shopper: 'Shopper balance', clearing: 'Refunds in flight' };
const bucketEn: Record<Bucket, string> = { available: 'Available', frozen: 'Frozen', held: 'Held for withdrawal' };

/** A ledger account, e.g. "供应商 Supplier #3" (the platform and clearing are one account each). */
export const accountLabel = (a: { type: AccountType; id: number }): string =>
  `${accountTypeText[a.type]} ${accountTypeEn[a.type]}${a.type === 'platform' || a.type === 'clearing' ? '' : ` #${a.id}`}`;

export const bucketLabel = (b: Bucket): string => `${bucketText[b]} ${bucketEn[b]}`;

export { carriers, carrierName } from '../../shared/carriers';
