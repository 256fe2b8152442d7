/** The pages module's extension points (core/hooks). */
import type { Ctx } from '../../core/context.js';
import { defineHook } from '../../core/hooks.js';
import type { BlockCoupon } from './resolve.js';

/**
 * The coupons a `coupons` block shows, by the ids the merchant chose: the coupons module answers
 * with those a shopper may claim now (terms only: the resolved page is cached for every shopper).
 */
export const blockCoupons = defineHook<(found: BlockCoupon[], ctx: Ctx, couponIds: number[]) => Promise<BlockCoupon[]>>('pages.block-coupons', 'sequence');
