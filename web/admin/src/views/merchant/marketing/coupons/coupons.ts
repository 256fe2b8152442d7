/** The console's coupon types (from the server's schemas), its calls, and the words of a coupon's offer. */
import { api } from '../../../../api';
import { t } from '../../../../../../shared/i18n';
import type { Reply } from '../../../../../../shared/types';
import type { adminCouponView } from '../../../../../../../server/src/modules/coupons/schemas.js';

export type AdminCoupon = Reply<typeof adminCouponView>;
export type CouponPhase = AdminCoupon['status'];

const money = (fen: number) => (fen % 100 ? (fen / 100).toFixed(2) : String(fen / 100));
export const yuanText = money;

/** "减 ¥10" / "打 9 折" / "免运费", with its threshold: "满 ¥99 减 ¥10". */
export function offerText(c: Pick<AdminCoupon, 'kind' | 'value' | 'threshold'>): string {
  const value = c.kind === 'amount' ? t('coupons.value.amount', { amount: money(c.value) }) : c.kind === 'percent_off' ? t('coupons.value.percent', { n: (100 - c.value) / 10, pct: c.value }) : t('coupons.value.freeShipping');
  const threshold = c.threshold ? t('coupons.value.threshold', { amount: money(c.threshold) }) : t('coupons.value.noThreshold');
  return `${threshold} ${value}`;
}

/** What a shopper opens to claim it (the storefront on this shop's host). */
export const shareLink = (c: Pick<AdminCoupon, 'id' | 'shareCode'>) => `${location.origin}/#/coupons/${c.id}?code=${c.shareCode}`;

export const couponsApi = {
  create: (body: Record<string, unknown>) => api.post<{ id: number }>('/admin/marketing/coupons', body),
  update: (id: number, body: Record<string, unknown>) => api.patch<AdminCoupon>(`/admin/marketing/coupons/${id}`, body),
  end: (id: number) => api.post<AdminCoupon>(`/admin/marketing/coupons/${id}/end`, {}),
  issue: (id: number, customerIds: number[]) => api.post<{ issued: number; refused: Array<{ customerId: number; code: string }> }>(`/admin/marketing/coupons/${id}/issue`, { customerIds }),
};
