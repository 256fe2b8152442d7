/** Coupons shown at the counter: a holding's code applied to a counter sale or marked used (filled in below). */
import type { Ctx } from '../../core/context.js';
import { ValidationError } from '../../core/errors.js';

export async function couponAtCounter(_ctx: Ctx, _code: string, _customerId: number | undefined): Promise<{ holdingId: number; customerId: number }> {
  throw ValidationError.field('couponCode', 'no such coupon');
}
