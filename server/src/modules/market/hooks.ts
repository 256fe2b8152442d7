/** The market module's extension points (core/hooks). */
import type { Ctx } from '../../core/context.js';
import { defineHook, type Verdict } from '../../core/hooks.js';

/**
 * May this shop's listing be removed? Every contribution must agree, inside the removing
 * transaction (orders refuses while an unfinished order still points at it).
 */
export const mayRemoveListing = defineHook<(ctx: Ctx, listingId: number) => Promise<Verdict>>('market.may-remove-listing', 'all');

/** A price a SKU sells at right now for everyone, charged by the quote (a limited-time price). */
export interface SkuPromo {
  price: number;
  kind: string;
  label: string;
  endsAt: string;
}

/** An activity a listing takes part in (a flash sale, a group buy, a full reduction), shown on cards and the product page. */
export interface ListingActivity {
  kind: string;
  id: number;
  label: string;
  /** The activity's lowest price for this listing, when it has its own price. */
  price?: number;
  startsAt: string;
  endsAt: string;
}

/**
 * What marketing modules say of the listings a shopper is looking at. Each contribution answers for
 * every listing of the batch in a few reads (never one per listing); market merges them: the lowest
 * promo price of a SKU wins, activities are listed together by start.
 */
export type ListingPromotionSource = (
  ctx: Ctx,
  listings: ReadonlyArray<{ id: number; skuIds: readonly number[] }>,
) => Promise<{ skus?: Array<[skuId: number, promo: SkuPromo]>; activities?: Array<[listingId: number, activity: ListingActivity]> }>;
export const listingPromotions = defineHook<ListingPromotionSource>('market.listing-promotions', 'each');
