/**
 * Coupons shown at the counter: the shopper shows a coupon's own code (their "my coupons" page shows
 * it as text and a QR code), and the clerk either applies it to a counter sale (`couponCode`: the
 * sale is the holder's, priced by the coupons adjuster, the coupon used by the order in the sale's
 * transaction) or marks it used on its own (a paper voucher's way). Marking is one conditional
 * update (`WHERE status = 'unused'` inside its window), so ten clerks verifying one code at once use
 * it once; a code of another shop is unknown here (404), like any code this shop never issued.
 */
import type { Ctx } from '../../core/context.js';
import { AppError, conflict, ValidationError } from '../../core/errors.js';
import { heldAtCounter, useAtCounter } from '../coupons/index.js';
import { counterStore } from './counter.js';

type StaffCtx = Ctx & { actor: { kind: 'merchant'; id: number } };

const unknownCode = () => new AppError(404, 'coupon_code_unknown', 'No coupon of this shop has this code');
const notUsable = (status: string) => conflict('coupon_code_used', status === 'used' ? 'This coupon was used already' : 'This coupon cannot be used now', { status });

async function shown(ctx: Ctx, code: string) {
  const held = await heldAtCounter(ctx, code);
  if (!held) throw unknownCode();
  return held;
}

/** The holding a counter sale applies: unknown 404 (the field named in the message), used or expired 409, another member's 400. */
export async function couponAtCounter(ctx: Ctx, code: string, customerId: number | undefined): Promise<{ holdingId: number; customerId: number }> {
  const held = await shown(ctx, code);
  if (!held.usable) throw notUsable(held.status);
  if (customerId !== undefined && customerId !== held.customerId) throw ValidationError.field('couponCode', 'this coupon belongs to another member');
  return { holdingId: held.id, customerId: held.customerId };
}

/** What a code is, before the clerk uses it. */
export async function lookUpCoupon(ctx: StaffCtx, storeId: number, code: string | undefined) {
  await counterStore(ctx, storeId);
  if (code === undefined) throw ValidationError.field('code', 'type or scan the coupon code', 'required');
  const { customerId: _who, ...view } = await shown(ctx, code);
  return view;
}

/** Marks a shown coupon used at this store's counter: once, however many clerks verify it together. */
export async function verifyCoupon(ctx: StaffCtx, storeId: number, code: string) {
  await counterStore(ctx, storeId);
  const held = await shown(ctx, code);
  if (!held.usable || !(await useAtCounter(ctx, held.id))) throw notUsable(held.usable ? 'used' : held.status);
  const { customerId: _who, ...view } = (await heldAtCounter(ctx, code))!;
  return view;
}
