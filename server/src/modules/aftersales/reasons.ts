import type { AftersaleType } from './model.js';

/**
 * The preset reasons a shopper picks from, per type (the free text describes it further): goods
 * never received can only be refunded, a fault can be repaired, anything can be "other".
 */
export const REASON_CODES = {
  refund_only: ['not_received', 'no_longer_needed', 'damaged', 'quality', 'wrong_item', 'not_as_described', 'other'],
  return_refund: ['no_longer_needed', 'damaged', 'quality', 'wrong_item', 'not_as_described', 'other'],
  exchange: ['wrong_item', 'damaged', 'quality', 'not_as_described', 'other'],
  repair: ['quality', 'damaged', 'other'],
} as const satisfies Record<AftersaleType, readonly string[]>;
export type ReasonCode = (typeof REASON_CODES)[AftersaleType][number];
export const ALL_REASON_CODES = [...new Set(Object.values(REASON_CODES).flat())] as [ReasonCode, ...ReasonCode[]];

