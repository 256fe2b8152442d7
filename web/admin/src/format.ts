/** Money (integer fen), specs and the words for the API's status codes (messages area `status`, read in the current language). */
import { accountTypeText, bucketText } from '../../shared/errors';
import { t } from '../../shared/i18n';
import { labels, tagged } from '../../shared/labels';
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
    .join(' / ') || t('status.defaultSpec');

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info';

export const orderStatus = tagged<OrderStatus>('status.order', {
  pending_payment: 'warning',
  paid: 'primary',
  shipped: 'primary',
  received: 'success',
  completed: 'success',
  cancelled: 'info',
  refunded: 'danger',
});

export const fulfillmentStatus: Record<string, string> = labels('status.fulfillment', ['pending', 'to_ship', 'shipped', 'ready_for_pickup', 'received', 'cancelled']);

export const productStatus = tagged<ProductStatus>('status.product', { draft: 'info', pending_review: 'warning', approved: 'success', rejected: 'danger', delisted: 'info' });

/** Why a listing is off sale, in plain words. */
export const offReasonText = labels<OffReason>('status.offReason', ['merchant', 'supplier_delisted', 'below_supply_price', 'out_of_stock']);

export { aftersaleTypeText as aftersaleType } from '../../shared/aftersales';

export const aftersaleStatus = tagged<AftersaleStatus>('aftersales.status', {
  pending: 'warning',
  approved: 'primary',
  refused: 'danger',
  returning: 'primary',
  returned: 'primary',
  reshipped: 'primary',
  refunded: 'success',
  closed: 'info',
  escalated: 'warning',
});

export const arbitrationDecision = labels<'refund' | 'approve' | 'reject'>('status.arbitration', ['refund', 'approve', 'reject']);

export const refundStatus = tagged<'pending' | 'succeeded' | 'failed'>('status.refund', { pending: 'warning', succeeded: 'success', failed: 'danger' });

export const withdrawalStatus: Record<string, { label: string; type: TagType }> = tagged('status.withdrawal', { pending: 'warning', paid: 'success', rejected: 'danger' });

/** Ledger entry kinds, in words where we know them. */
export const ledgerKind: Record<string, string> = labels('status.ledger', [
  'merchant_margin',
  'supplier_payable',
  'platform_fee',
  'recharge',
  'balance_payment',
  'withdrawal',
  'withdrawal_held',
  'withdrawal_paid',
  'withdrawal_released',
  'refund_clearing',
  'refund_paid',
  'balance_refund',
  'recharge_refund',
  'unmatched_payment',
]);

/**
 * A ledger account, e.g. "供应商「茶园」" given its name, else "供应商 #3" (the platform and
 * clearing are one account each).
 */
export const accountLabel = (a: { type: AccountType; id: number; name?: string | null }): string =>
  a.type === 'platform' || a.type === 'clearing' ? accountTypeText[a.type] : a.name ? t('common.namedAccount', { type: accountTypeText[a.type], name: a.name }) : `${accountTypeText[a.type]} #${a.id}`;

export const bucketLabel = (b: Bucket): string => bucketText[b];

export { carriers, carrierName } from '../../shared/carriers';
