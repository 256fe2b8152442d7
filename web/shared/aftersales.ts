/**
 * How an after-sales case reads to people, the same in the console and the storefront: what it is
 * waiting for (its stage, which depends on the type as much as on the status: a `returned` return
 * is refunding, a `returned` exchange waits for the replacement) and the steps it goes through.
 * Words come in Chinese with English beside; the storefront shows the Chinese.
 */
import type { Aftersale, AftersaleType, CaseRefund } from './types';

export interface Words {
  zh: string;
  en: string;
}

export const aftersaleTypeWords: Record<AftersaleType, Words> = {
  refund_only: { zh: '仅退款', en: 'Refund only' },
  return_refund: { zh: '退货退款', en: 'Return & refund' },
  exchange: { zh: '换货', en: 'Exchange' },
  repair: { zh: '维修', en: 'Repair' },
};

type CaseFacts = Pick<Aftersale, 'type' | 'status' | 'refunds' | 'arbitration' | 'escalatedAt' | 'reshippedAt' | 'returnAddress'>;

/** The case's latest refund, if it led to any. */
export const lastRefund = (c: Pick<Aftersale, 'refunds'>): CaseRefund | undefined => c.refunds[c.refunds.length - 1];

/** The gateway refused the refund the case is waiting for: the owner may try it again. */
export const refundFailed = (c: CaseFacts): boolean => ['approved', 'returned'].includes(c.status) && lastRefund(c)?.status === 'failed';

/** Money back without the goods: a refund-only case, or the platform's refund on any case. */
const moneyOnly = (c: CaseFacts) => c.type === 'refund_only' || c.arbitration?.decision === 'refund';

const STAGES = {
  pending: { zh: '待商家处理', en: 'Waiting for the seller' },
  refunding: { zh: '退款中', en: 'Refunding' },
  refundFailed: { zh: '退款失败，待商家重新退款', en: 'Refund refused by the gateway — to be retried' },
  sendBack: { zh: '待买家寄回商品', en: 'Waiting for the goods to be sent back' },
  refused: { zh: '商家已拒绝', en: 'Refused' },
  returning: { zh: '商品寄回中，待商家收货', en: 'Goods on their way back' },
  exchangeBack: { zh: '商家已收货，待寄出换新件', en: 'Goods back — replacement to ship' },
  repairing: { zh: '商家已收货，维修中', en: 'Goods back — being repaired' },
  reshipped: { zh: '已寄出，待买家确认收货', en: 'Shipped back — waiting for receipt' },
  refunded: { zh: '退款成功', en: 'Refunded' },
  done: { zh: '售后完成', en: 'Completed' },
  rejected: { zh: '平台驳回，售后关闭', en: 'Rejected by the platform' },
  closed: { zh: '售后关闭', en: 'Closed' },
  escalated: { zh: '平台介入中', en: 'With the platform' },
} satisfies Record<string, Words>;

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

const STEP = {
  // short: six of them share a phone's width
  asked: { zh: '申请', en: 'Requested' },
  seller: { zh: '商家处理', en: 'Seller decides' },
  refused: { zh: '商家拒绝', en: 'Seller refused' },
  platform: { zh: '平台介入', en: 'Platform decides' },
  sentBack: { zh: '买家寄回', en: 'Sent back' },
  received: { zh: '商家收货', en: 'Goods back' },
  refund: { zh: '退款', en: 'Refund' },
  replacement: { zh: '寄出换新', en: 'Replacement shipped' },
  repaired: { zh: '寄回维修', en: 'Repaired item shipped' },
  confirmed: { zh: '确认收货', en: 'Received' },
} satisfies Record<string, Words>;

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
