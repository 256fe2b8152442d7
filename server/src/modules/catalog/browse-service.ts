/**
 * Reading approved products for merchants: the supplier market (search, category branch, price
 * range, supplier, newest or best-selling) and a brand owner's range offered to its distributors.
 */
import type { Ctx } from '../../core/context.js';
import { pageOf, type Page, type PageQuery } from '../../core/db/index.js';
import { MARKET_SCOPE, search } from '../../core/search.js';
import { productViewPage, type ProductView } from './product-service.js';
import type { ProductSort } from './repository/products.js';
import { categoryBranch } from './taxonomy-service.js';

export type MarketSort = 'relevance' | 'newest' | 'best_selling' | 'price_asc' | 'price_desc';

export interface MarketQuery extends PageQuery {
  q?: string;
  categoryId?: number;
  supplierId?: number;
  minPrice?: number;
  maxPrice?: number;
  sort?: MarketSort;
}

const SEARCH_CANDIDATES = 500;

/** Relevance is the search's order; without a search the newest approved come first. */
function sortFor(sort: MarketSort | undefined, rankedIds: number[] | null): ProductSort {
  switch (sort) {
    case 'best_selling':
      return 'sales_desc';
    case 'price_asc':
      return 'price_asc';
    case 'price_desc':
      return 'price_desc';
    case 'newest':
      return 'approved_desc';
    default:
      return rankedIds?.length ? { ranked: rankedIds } : 'approved_desc';
  }
}

const onSale = { status: 'active' } as const;

export async function browseMarket(ctx: Ctx, q: MarketQuery): Promise<Page<ProductView>> {
  const ranked = q.q ? (await search().query(ctx, MARKET_SCOPE, 'product', q.q, SEARCH_CANDIDATES)).map((h) => h.id) : null;
  if (ranked && !ranked.length) return pageOf(q, [], 0);
  const categories = q.categoryId ? await categoryBranch(ctx, q.categoryId) : null;
  const filter = {
    ownerKind: 'supplier' as const,
    status: 'approved' as const,
    ...(ranked ? { ids: ranked } : {}),
    ...(categories ? { categoryIds: categories } : {}),
    ...(q.supplierId ? { ownerId: q.supplierId } : {}),
    minSupplyPrice: q.minPrice,
    maxSupplyPrice: q.maxPrice,
  };
  return productViewPage(ctx, filter, sortFor(q.sort, ranked), q, onSale);
}

/** Products a brand owner shares with its distributors. */
export async function browseBrandRange(ctx: Ctx, brandOwnerTenantId: number, q: MarketQuery): Promise<Page<ProductView>> {
  const filter = { ownerKind: 'tenant' as const, ownerId: brandOwnerTenantId, status: 'approved' as const, sharedWithDistributors: true, titleContains: q.q };
  return productViewPage(ctx, filter, sortFor(q.sort, null), q, onSale);
}
