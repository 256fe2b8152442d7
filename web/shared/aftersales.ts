/**
 * How an after-sales case reads to people, the same in the console and the storefront: what it is
 * waiting for (its stage, which depends on the type as much as on the status: a `returned` return
 * is refunding, a `returned` exchange waits for the replacement), the steps it goes through, and
 * its timeline. Words come from the `aftersales` message area (locales/<locale>/aftersales.ts).
 */
import type { REASON_CODES } from '../../server/src/modules/aftersales/reasons.js';
import * as rules from './aftersale-rules';
import { t } from './i18n';
import type { Aftersale, AftersaleType } from './types';

export type ReasonCode = Exclude<Aftersale['reasonCode'], null>;
export type TimelineEntry = Aftersale['timeline'][number];

/** The preset reasons of each type, as the server checks them (the type keeps the two lists equal). */
export const reasonCodes = rules.reasonCodes satisfies { [K in AftersaleType]: (typeof REASON_CODES)[K] };
export const { lastRefund, refundFailed } = rules;

export const typeText = (type: AftersaleType): string => t(`aftersales.type.${type}`);
export const reasonText = (code: ReasonCode | null | undefined): string => (code ? t(`aftersales.reason.${code}`) : '');

/** "质量问题 · 外包装破损": the preset reason, then the shopper's own words. */
export const caseReason = (c: Pick<Aftersale, 'reasonCode' | 'reason'>): string => [reasonText(c.reasonCode), c.reason].filter(Boolean).join(' · ');

type CaseFacts = Pick<Aftersale, 'type' | 'status' | 'refunds' | 'arbitration' | 'escalatedAt' | 'reshippedAt' | 'returnAddress'>;

/** What the case is waiting for, in words. */
export function caseStage(c: CaseFacts): string {
  return t(`aftersales.stage.${rules.stageKey(c)}`);
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
  const p = rules.progressKeys(c);
  return { ...p, steps: p.steps.map((k) => t(`aftersales.step.${k}`)) };
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
