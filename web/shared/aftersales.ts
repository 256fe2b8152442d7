/**
 * How an after-sales case reads to people, the same in the console and the storefront: what it is
 * waiting for (its stage, which depends on the type as much as on the status: a `returned` return
 * is refunding, a `returned` exchange waits for the replacement), the steps it goes through, and
 * its timeline. Words come from the `aftersales` message area (locales/<locale>/aftersales.ts).
 */
import type { REASON_CODES } from '../../server/src/modules/aftersales/reasons.js';
import { t } from './i18n';
import type { Aftersale, AftersaleType, CaseRefund } from './types';

export type ReasonCode = Exclude<Aftersale['reasonCode'], null>;
export type TimelineEntry = Aftersale['timeline'][number];

/** The preset reasons of each type, as the server checks them (the type keeps the two lists equal). */
export const reasonCodes = {
  refund_only: ['not_received', 'no_longer_needed', 'damaged', 'quality', 'wrong_item', 'not_as_described', 'other'],
  return_refund: ['no_longer_needed', 'damaged', 'quality', 'wrong_item', 'not_as_described', 'other'],
  exchange: ['wrong_item', 'damaged', 'quality', 'not_as_described', 'other'],
  repair: ['quality', 'damaged', 'other'],
} as const satisfies { [K in AftersaleType]: (typeof REASON_CODES)[K] };

export const typeText = (type: AftersaleType): string => t(`aftersales.type.${type}`);
export const reasonText = (code: ReasonCode | null | undefined): string => (code ? t(`aftersales.reason.${code}`) : '');

/** "质量问题 · 外包装破损": the preset reason, then the shopper's own words. */
export const caseReason = (c: Pick<Aftersale, 'reasonCode' | 'reason'>): string => [reasonText(c.reasonCode), c.reason].filter(Boolean).join(' · ');

type CaseFacts = Pick<Aftersale, 'type' | 'status' | 'refunds' | 'arbitration' | 'escalatedAt' | 'reshippedAt' | 'returnAddress'>;

/** The case's latest refund, if it led to any. */
export const lastRefund = (c: Pick<Aftersale, 'refunds'>): CaseRefund | undefined => c.refunds[c.refunds.length - 1];

/** The gateway refused the refund the case is waiting for: the owner may try it again. */
export const refundFailed = (c: CaseFacts): boolean => ['approved', 'returned'].includes(c.status) && lastRefund(c)?.status === 'failed';

/** Money back without the goods: a refund-only case, or the platform's refund on any case. */
const moneyOnly = (c: CaseFacts) => c.type === 'refund_only' || c.arbitration?.decision === 'refund';

/** What the case is waiting for, in words. */
export function caseStage(c: CaseFacts): string {
  return t(`aftersales.stage.${stageKey(c)}`);
}

function stageKey(c: CaseFacts): string {
  switch (c.status) {
    case 'pending':
      return 'pending';
    case 'approved':
      if (refundFailed(c)) return 'refundFailed';
      return moneyOnly(c) ? 'refunding' : 'sendBack';
    case 'refused':
      return 'refused';
    case 'returning':
      return 'returning';
    case 'returned':
      if (c.type === 'return_refund') return refundFailed(c) ? 'refundFailed' : 'refunding';
      return c.type === 'exchange' ? 'exchangeBack' : 'repairing';
    case 'reshipped':
      return 'reshipped';
    case 'refunded':
      return 'refunded';
    case 'closed':
      if (c.reshippedAt) return 'done';
      return c.arbitration?.decision === 'reject' ? 'rejected' : 'closed';
    case 'escalated':
      return 'escalated';
  }
}

export interface CaseProgress {
  steps: string[];
  /** The step in progress (steps.length once the case is through). */
  active: number;
  /** The case stopped short (refused, withdrawn, rejected) or its refund was refused. */
  failed: boolean;
}

/** The steps of the case's path and where it stands on it. */
export function caseProgress(c: CaseFacts): CaseProgress {
  const STEP = Object.fromEntries(['asked', 'seller', 'refused', 'platform', 'sentBack', 'received', 'refund', 'replacement', 'repaired', 'confirmed'].map((k) => [k, t(`aftersales.step.${k}`)]));
  const decide = c.escalatedAt ? STEP.platform! : c.status === 'refused' ? STEP.refused! : STEP.seller!;
  const steps = (
    moneyOnly(c)
      ? [STEP.asked, decide, STEP.refund]
      : c.type === 'return_refund'
        ? [STEP.asked, decide, STEP.sentBack, STEP.received, STEP.refund]
        : [STEP.asked, decide, STEP.sentBack, STEP.received, c.type === 'exchange' ? STEP.replacement : STEP.repaired, STEP.confirmed]
  ) as string[];
  const at: Record<Aftersale['status'], number> = {
    pending: 1,
    refused: 1,
    escalated: 1,
    approved: 2,
    returning: 3,
    returned: 4,
    reshipped: 5,
    refunded: steps.length,
    closed: c.reshippedAt ? steps.length : 1,
  };
  const active = Math.min(at[c.status], steps.length);
  const stopped = c.status === 'refused' || (c.status === 'closed' && !c.reshippedAt);
  return { steps, active, failed: stopped || refundFailed(c) };
}

const yuanText = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** A timeline entry's headline: who did what ("供应商 · 拒绝售后"). */
export const entryTitle = (e: TimelineEntry): string => `${t(`aftersales.actor.${e.actor}`)} · ${e.kind === 'arbitrated' && e.details?.decision ? t(`aftersales.decision.${e.details.decision}`) : t(`aftersales.timeline.${e.kind}`)}`;

/** What the entry carried, in words: the reason picked, the parcel, the money, the note. */
export function entryLines(e: TimelineEntry, carrierName: (code: string) => string): string[] {
  const d = e.details ?? {};
  return [
    e.kind === 'applied' && d.reason ? t('aftersales.timeline.reasonLabel', { reason: reasonText(d.reason as ReasonCode) }) : '',
    d.carrier || d.trackingNo ? t('aftersales.timeline.parcel', { carrier: carrierName(d.carrier ?? ''), trackingNo: d.trackingNo ?? '' }) : '',
    d.amount !== undefined ? t('aftersales.timeline.amount', { amount: yuanText(d.amount) }) : '',
    e.text ?? '',
  ].filter(Boolean);
}

/** Who decides the case, for the consoles: the supplier (by name) or the shop. */
export const deciderText = (c: Pick<Aftersale, 'owner'>): string =>
  c.owner.kind === 'supplier' ? (c.owner.name ? t('aftersales.decider.supplierNamed', { name: c.owner.name }) : t('aftersales.decider.supplier')) : t('aftersales.decider.shop');

/** `aftersaleTypeText[type]`: the type's name in the current language (read each time, so a language switch shows at once). */
export const aftersaleTypeText = new Proxy({} as Record<AftersaleType, string>, { get: (_, type) => typeText(String(type) as AftersaleType) });
