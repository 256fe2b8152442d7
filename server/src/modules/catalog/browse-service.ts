/**
 * Reading approved products for merchants: the supplier market (search, category branch, price
 * range, supplier, newest or best-selling) and a brand owner's range offered to its distributors.
 */
import { Op, literal, type Order, type WhereOptions } from 'sequelize';
import type { Ctx } from '../../core/context.js';
import { inTx, pageOf, paginate, type Page, type PageQuery } from '../../core/db/index.js';
import { MARKET_SCOPE, search } from '../../core/search.js';
import { Product, ProductSku } from './model.js';
import { productView, type ProductView } from './product-service.js';
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

function orderFor(sort: MarketSort | undefined, rankedIds: number[] | null): Order {
  switch (sort) {
    case 'best_selling':
      return [['salesCount', 'DESC'], ['id', 'DESC']];
    case 'price_asc':
      return [['minSupplyPrice', 'ASC'], ['id', 'ASC']];
    case 'price_desc':
      return [['minSupplyPrice', 'DESC'], ['id', 'DESC']];
    case 'newest':
      return [['approvedAt', 'DESC'], ['id', 'DESC']];
    default:
      if (rankedIds?.length) return [[literal(`CASE id ${rankedIds.map((id, i) => `WHEN ${Number(id)} THEN ${i}`).join(' ')} END`), 'ASC']];
      return [['approvedAt', 'DESC'], ['id', 'DESC']];
  }
}

async function page(ctx: Ctx, where: WhereOptions<Product>, q: MarketQuery, rankedIds: number[] | null): Promise<Page<ProductView>> {
  const { rows, count } = await Product.findAndCountAll({ where, order: orderFor(q.sort, rankedIds), ...paginate(q), ...inTx(ctx) });
  const skus = rows.length ? await ProductSku.findAll({ where: { productId: rows.map((r) => r.id), status: 'active' }, order: [['id', 'ASC']], ...inTx(ctx) }) : [];
  return pageOf(q, rows.map((p) => productView(p, skus.filter((s) => s.productId === p.id))), count);
}

export async function browseMarket(ctx: Ctx, q: MarketQuery): Promise<Page<ProductView>> {
  const ranked = q.q ? (await search().query(ctx, MARKET_SCOPE, 'product', q.q, SEARCH_CANDIDATES)).map((h) => h.id) : null;
  if (ranked && !ranked.length) return pageOf(q, [], 0);
  const categories = q.categoryId ? await categoryBranch(ctx, q.categoryId) : null;
  const price = {
    ...(q.minPrice !== undefined ? { [Op.gte]: q.minPrice } : {}),
    ...(q.maxPrice !== undefined ? { [Op.lte]: q.maxPrice } : {}),
  };
  const where: WhereOptions<Product> = {
    ownerKind: 'supplier',
    status: 'approved',
    ...(ranked ? { id: ranked } : {}),
    ...(categories ? { categoryId: categories } : {}),
    ...(q.supplierId ? { ownerId: q.supplierId } : {}),
    ...(Object.getOwnPropertySymbols(price).length ? { minSupplyPrice: price } : {}),
  };
  return page(ctx, where, q, ranked);
}

/** Products a brand owner shares with its distributors. */
export async function browseBrandRange(ctx: Ctx, brandOwnerTenantId: number, q: MarketQuery): Promise<Page<ProductView>> {
  const where: WhereOptions<Product> = {
    ownerKind: 'tenant',
    ownerId: brandOwnerTenantId,
    status: 'approved',
    sharedWithDistributors: true,
    ...(q.q ? { title: { [Op.like]: `%${q.q}%` } } : {}),
  };
  return page(ctx, where, q, null);
}
