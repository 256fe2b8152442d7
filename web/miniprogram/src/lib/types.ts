/**
 * The shop API's reply types, taken from the server's zod schemas (type-only imports: nothing of the
 * server reaches the package), so a changed reply breaks the mini-program's type check.
 */
import type { z } from 'zod';
import type { cartLineSchema, cartViewSchema } from '../../../../server/src/modules/cart/schemas.js';
import type { shopProductDetailSchema, shopProductSchema, shopSkuSchema, storeCategoryNodeSchema } from '../../../../server/src/modules/market/schemas.js';
import type { shopProductsReviewsReply } from '../../../../server/src/modules/reviews/schemas.js';

type Reply<S extends z.ZodType> = z.output<S>;

export type { BlockProduct, BlockCoupon, ResolvedBlock, PageView } from '../../../shared/blocks.js';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type ShopSku = Reply<typeof shopSkuSchema>;
export type ProductCard = Reply<typeof shopProductSchema>;
export type ProductDetail = Reply<typeof shopProductDetailSchema>;
export type SpecDimension = ProductDetail['specDimensions'][number];
export type StoreCategory = Reply<typeof storeCategoryNodeSchema>;
export type ReviewPage = Reply<typeof shopProductsReviewsReply>;
export type Review = ReviewPage['items'][number];
export type Cart = Reply<typeof cartViewSchema>;
export type CartLine = Reply<typeof cartLineSchema>;
