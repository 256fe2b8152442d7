import { conflict } from '../../core/errors.js';

/** The promotions module's error codes. */
export const promotionsErrors = {
  /** Editing or ending an activity that ended (early, or its window passed). */
  ended: () => conflict('promotion_ended', 'This promotion has ended'),
  /** A SKU may be in one limited price at a time: the windows of two activities meet on it. */
  overlap: (skuId: number, title: string, limitedPriceId: number) =>
    conflict('limited_price_overlap', `SKU ${skuId} (${title}) is in another limited price at that time`, { skuId, limitedPriceId }),
};
