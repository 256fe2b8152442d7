/** The customers module's extension points (core/hooks). */
import type { Ctx } from '../../core/context.js';
import { defineHook } from '../../core/hooks.js';
import type { CustomerView } from './service.js';

/**
 * A shopper signed up (by password, SMS code or WeChat; or a manifest created them). Runs inside
 * the transaction that creates the shopper, so what a contribution gives (a new shopper's
 * coupons) commits with the account or not at all; a contribution must not refuse the sign-up
 * for its own reasons (a coupon run out is simply not given). `inviteCode`: the distributor's code the
 * shopper signed up with (distribution binds them; a wrong one binds nothing).
 */
export const customerSignedUp = defineHook<(ctx: Ctx, customer: { id: number; inviteCode?: string }) => Promise<void>>('customers.signed-up', 'each');

/**
 * What other modules add to the signed-in shopper's own profile (`GET /shop/me`), each given the
 * view so far: membership adds the shopper's `level`. Customers names no such module.
 */
export const profileExtras = defineHook<(view: CustomerView, ctx: Ctx) => Promise<CustomerView>>('customers.profile-extras', 'sequence');
