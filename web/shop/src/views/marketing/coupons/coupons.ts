/** The storefront's coupon types (from the server's schemas) and the words a coupon card shows. */
import { formatDate } from '../../../../../shared/dates';
import { t } from '../../../../../shared/i18n';
import type { Reply } from '../../../../../shared/types';
import type { heldView, shopCouponView, usableReply } from '../../../../../../server/src/modules/coupons/schemas.js';

export type ShopCoupon = Reply<typeof shopCouponView>;
export type HeldCoupon = Reply<typeof heldView>;
export type UsableCoupon = Reply<typeof usableReply>['items'][number];
export type CouponTerms = HeldCoupon['coupon'];

const money = (fen: number) => (fen % 100 ? (fen / 100).toFixed(2) : String(fen / 100));

/** The big figure on the card's left: ¥10, 9折, 包邮. */
export function valueParts(c: Pick<CouponTerms, 'kind' | 'value'>): { prefix: string; figure: string; suffix: string } {
  if (c.kind === 'amount') return { prefix: '¥', figure: money(c.value), suffix: '' };
  if (c.kind === 'percent_off') {
    const words = t('coupons.card.percent', { n: (100 - c.value) / 10, pct: c.value });
    return { prefix: '', figure: words, suffix: '' };
  }
  return { prefix: '', figure: t('coupons.card.freeShipping'), suffix: '' };
}

export const thresholdText = (c: Pick<CouponTerms, 'threshold'>) => (c.threshold ? t('coupons.card.threshold', { amount: money(c.threshold) }) : t('coupons.card.noThreshold'));

/** When a coupon may be used: its window, or N days after claiming (a held one: until its own end). */
export function validityText(c: Pick<CouponTerms, 'startsAt' | 'endsAt' | 'validDays'>, held?: { startsAt: string; expiresAt: string }): string {
  if (held) return t('coupons.card.window', { from: formatDate(held.startsAt), to: formatDate(held.expiresAt) });
  if (c.validDays) return t('coupons.card.validDays', { n: c.validDays });
  return t('coupons.card.window', { from: formatDate(c.startsAt), to: formatDate(c.endsAt) });
}

export const scopeText = (c: Pick<CouponTerms, 'productIds' | 'categoryIds'>) => (c.productIds.length || c.categoryIds.length ? t('coupons.card.scopeSome') : t('coupons.card.scopeAll'));

export const yuanText = money;
