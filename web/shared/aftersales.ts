/**
 * How an after-sales case reads to people, the same in the console and the storefront: what it is
 * waiting for (its stage, which depends on the type as much as on the status: a `returned` return
 * is refunding, a `returned` exchange waits for the replacement) and the steps it goes through.
 * Words are messages (area `status`: `stage.*`, `step.*`, `aftersaleType.*`); `wordsText(w)` reads
 * them in the current language.
 */
import { t, tIn } from './i18n';
import type { Aftersale, AftersaleType, CaseRefund } from './types';

/** A message by key, readable in either language (`zh` and `en` kept for screens written before vue-i18n). */
export interface Words {
  key: string;
  readonly zh: string;
  readonly en: string;
}

const message = (key: string): Words => ({
  key,
  get zh() {
    return tIn('zh-CN', key);
  },
  get en() {
    return tIn('en', key);
  },
});

/** The words in the current language. */
export const wordsText = (w: Words): string => t(w.key);

const messages = <K extends string>(prefix: string, keys: readonly K[]): Record<K, Words> =>
  Object.fromEntries(keys.map((k) => [k, message(`${prefix}.${k}`)])) as Record<K, Words>;

export const aftersaleTypeWords: Record<AftersaleType, Words> = messages('status.aftersaleType', ['refund_only', 'return_refund', 'exchange', 'repair']);

type CaseFacts = Pick<Aftersale, 'type' | 'status' | 'refunds' | 'arbitration' | 'escalatedAt' | 'reshippedAt' | 'returnAddress'>;

/** The case's latest refund, if it led to any. */
export const lastRefund = (c: Pick<Aftersale, 'refunds'>): CaseRefund | undefined => c.refunds[c.refunds.length - 1];

/** The gateway refused the refund the case is waiting for: the owner may try it again. */
export const refundFailed = (c: CaseFacts): boolean => ['approved', 'returned'].includes(c.status) && lastRefund(c)?.status === 'failed';

/** Money back without the goods: a refund-only case, or the platform's refund on any case. */
const moneyOnly = (c: CaseFacts) => c.type === 'refund_only' || c.arbitration?.decision === 'refund';

const STAGES = messages('status.stage', [
  'pending', 'refunding', 'refundFailed', 'sendBack', 'refused', 'returning', 'exchangeBack', 'repairing', 'reshipped', 'refunded', 'done', 'rejected', 'closed', 'escalated',
]);

/** What the case is waiting for, in words. */
export function caseStage(c: CaseFacts): Words {
  switch (c.status) {
    case 'pending':
      return STAGES.pending;
    case 'approved':
      if (refundFailed(c)) return STAGES.refundFailed;
      return moneyOnly(c) ? STAGES.refunding : STAGES.sendBack;
    case 'refused':
      return STAGES.refused;
    case 'returning':
      return STAGES.returning;
    case 'returned':
      if (c.type === 'return_refund') return refundFailed(c) ? STAGES.refundFailed : STAGES.refunding;
      return c.type === 'exchange' ? STAGES.exchangeBack : STAGES.repairing;
    case 'reshipped':
      return STAGES.reshipped;
    case 'refunded':
      return STAGES.refunded;
    case 'closed':
      if (c.reshippedAt) return STAGES.done;
      return c.arbitration?.decision === 'reject' ? STAGES.rejected : STAGES.closed;
    case 'escalated':
      return STAGES.escalated;
  }
}

// short: six of them share a phone's width
const STEP = messages('status.step', ['asked', 'seller', 'refused', 'platform', 'sentBack', 'received', 'refund', 'replacement', 'repaired', 'confirmed']);

export interface CaseProgress {
  steps: Words[];
  /** The step in progress (steps.length once the case is through). */
  active: number;
  /** The case stopped short (refused, withdrawn, rejected) or its refund was refused. */
  failed: boolean;
}

/** The steps of the case's path and where it stands on it. */
export function caseProgress(c: CaseFacts): CaseProgress {
  const decide = c.escalatedAt ? STEP.platform : c.status === 'refused' ? STEP.refused : STEP.seller;
  const steps = moneyOnly(c)
    ? [STEP.asked, decide, STEP.refund]
    : c.type === 'return_refund'
      ? [STEP.asked, decide, STEP.sentBack, STEP.received, STEP.refund]
      : [STEP.asked, decide, STEP.sentBack, STEP.received, c.type === 'exchange' ? STEP.replacement : STEP.repaired, STEP.confirmed];
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
