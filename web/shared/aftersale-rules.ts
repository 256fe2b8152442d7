/**
 * Where an after-sales case stands and what a shopper may ask, as codes and message keys only: no
 * i18n and no app import, so the web apps (through `aftersales.ts`, which puts the words on them) and
 * the mini-program (whose build copies this file) read cases by the same rules.
 */

export type CaseType = 'refund_only' | 'return_refund' | 'exchange' | 'repair';
export type CaseStatus = 'pending' | 'approved' | 'refused' | 'returning' | 'returned' | 'reshipped' | 'refunded' | 'closed' | 'escalated';

/** The preset reasons of each type, as the server checks them (`aftersales.ts` checks the two lists are equal). */
export const reasonCodes = {
  refund_only: ['not_received', 'no_longer_needed', 'damaged', 'quality', 'wrong_item', 'not_as_described', 'other'],
  return_refund: ['no_longer_needed', 'damaged', 'quality', 'wrong_item', 'not_as_described', 'other'],
  exchange: ['wrong_item', 'damaged', 'quality', 'not_as_described', 'other'],
  repair: ['quality', 'damaged', 'other'],
} as const;

/** Cases still working on their lines: a line one of them holds cannot be asked about again. */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['pending', 'approved', 'returning', 'returned', 'reshipped', 'escalated'];

/** The types a shopper may ask for on an order in this status: before shipping there is nothing to return. */
export const caseTypesFor = (orderStatus: string): CaseType[] => (orderStatus === 'paid' ? ['refund_only'] : ['refund_only', 'return_refund', 'exchange', 'repair']);

export interface CaseFacts {
  type: CaseType;
  status: CaseStatus;
  refunds: ReadonlyArray<{ status: 'pending' | 'failed' | 'succeeded' }>;
  arbitration: { decision: 'reject' | 'approve' | 'refund' } | null;
  escalatedAt: string | null;
  reshippedAt: string | null;
}

/** The case's latest refund, if it led to any. */
export const lastRefund = <R>(c: { refunds: readonly R[] }): R | undefined => c.refunds[c.refunds.length - 1];

/** The gateway refused the refund the case is waiting for: the owner may try it again. */
export const refundFailed = (c: Pick<CaseFacts, 'status' | 'refunds'>): boolean => ['approved', 'returned'].includes(c.status) && lastRefund(c)?.status === 'failed';

/** Money back without the goods: a refund-only case, or the platform's refund on any case. */
const moneyOnly = (c: Pick<CaseFacts, 'type' | 'arbitration'>) => c.type === 'refund_only' || c.arbitration?.decision === 'refund';

/** What the case is waiting for: a key under `aftersales.stage`. */
export function stageKey(c: CaseFacts): string {
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

export interface CaseProgressKeys {
  /** Keys under `aftersales.step`. */
  steps: string[];
  /** The step in progress (steps.length once the case is through). */
  active: number;
  /** The case stopped short (refused, withdrawn, rejected) or its refund was refused. */
  failed: boolean;
}

/** The steps of the case's path and where it stands on it. */
export function progressKeys(c: CaseFacts): CaseProgressKeys {
  const decide = c.escalatedAt ? 'platform' : c.status === 'refused' ? 'refused' : 'seller';
  const steps = moneyOnly(c)
    ? ['asked', decide, 'refund']
    : c.type === 'return_refund'
      ? ['asked', decide, 'sentBack', 'received', 'refund']
      : ['asked', decide, 'sentBack', 'received', c.type === 'exchange' ? 'replacement' : 'repaired', 'confirmed'];
  const at: Record<CaseStatus, number> = {
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
