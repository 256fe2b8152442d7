/**
 * Whether a coupon applies to a cart and what it saves: pure, shared by the quote's adjusters and
 * checkout's list of usable coupons, so the two never disagree.
 */
import { spread } from '../orders/index.js';
import type { CouponRow, HeldRow } from './repository.js';

/** Why a coupon does not apply (checkout shows the reason; the quote answers 409 coupon_not_applicable). */
export type Unusable = 'not_started' | 'expired' | 'used' | 'threshold' | 'scope' | 'no_stack' | 'no_freight';

export type CouponTerms = Pick<CouponRow, 'kind' | 'value' | 'threshold' | 'productIds' | 'categoryIds' | 'stacksWithFullReduction'>;

/** A quote line as a coupon sees it: what it still costs after the savings before the coupon's step. */
export interface CartLine {
  index: number;
  listingId: number;
  /** The listing's store category and that category's parent. */
  categories: number[];
  net: number;
}

export interface CartFacts {
  lines: CartLine[];
  /** A full reduction already took something off (a coupon may refuse to stack with it). */
  fullReduction: boolean;
  /** Freight still to pay, or null while it is unknown (no address yet). */
  freightLeft: number | null;
}

export type Evaluation = { ok: true; amount: number; lines?: Array<{ index: number; amount: number }> } | { ok: false; reason: Unusable; missing?: number };

const scoped = (terms: CouponTerms) => terms.productIds.length > 0 || terms.categoryIds.length > 0;

export function inScope(terms: CouponTerms, line: Pick<CartLine, 'listingId' | 'categories'>): boolean {
  if (!scoped(terms)) return true;
  return terms.productIds.includes(line.listingId) || line.categories.some((c) => terms.categoryIds.includes(c));
}

/** Is the held coupon usable at `now` at all (before looking at the cart)? */
export function heldState(held: Pick<HeldRow, 'status' | 'startsAt' | 'expiresAt'>, now: Date): Unusable | null {
  if (held.status === 'used') return 'used';
  if (held.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (held.startsAt.getTime() > now.getTime()) return 'not_started';
  return null;
}

/**
 * What the coupon saves on this cart: the threshold and a percentage on what the lines in its scope
 * still cost; never more than they cost. A scoped saving is shared by its lines (so a refund of a
 * line outside the scope gives none of it back); an all-goods one is the order's, spread by the quote.
 */
export function evaluate(terms: CouponTerms, cart: CartFacts): Evaluation {
  if (!terms.stacksWithFullReduction && cart.fullReduction) return { ok: false, reason: 'no_stack' };
  const lines = cart.lines.filter((l) => inScope(terms, l));
  if (!lines.length) return { ok: false, reason: 'scope' };
  const base = lines.reduce((sum, l) => sum + l.net, 0);
  if (base < terms.threshold) return { ok: false, reason: 'threshold', missing: terms.threshold - base };
  if (terms.kind === 'free_shipping') {
    if (cart.freightLeft === 0) return { ok: false, reason: 'no_freight' };
    return { ok: true, amount: cart.freightLeft ?? 0 };
  }
  const amount = Math.min(base, terms.kind === 'amount' ? terms.value : Math.floor((base * terms.value) / 100));
  if (!scoped(terms)) return { ok: true, amount };
  const shares = spread(amount, lines.map((l) => ({ subtotal: l.net })));
  return { ok: true, amount, lines: lines.map((l, i) => ({ index: l.index, amount: -shares[i]! })) };
}
