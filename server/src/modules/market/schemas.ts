import { z } from 'zod';
import { pageQuery } from '../../core/db/index.js';
import { fen, imageUrl } from '../catalog/index.js';

const specs = z.record(z.string().trim().min(1).max(16), z.string().trim().min(1).max(32));

export const importBody = z
  .object({
    markupPercent: z.number().int('an integer percentage').min(0).max(1000).optional(),
    prices: z.array(z.object({ supplierSkuId: z.number().int().positive(), price: fen() }).strict()).min(1).max(300).optional(),
  })
  .strict()
  .refine((b) => (b.markupPercent === undefined) !== (b.prices === undefined), { message: 'send either markupPercent or prices', path: ['markupPercent'] });

export const marketQuery = pageQuery.extend({
  q: z.string().trim().max(64).optional(),
  categoryId: z.coerce.number().int().positive().optional(),
  supplierId: z.coerce.number().int().positive().optional(),
  minPrice: z.coerce.number().int().min(0).optional(),
  maxPrice: z.coerce.number().int().min(0).optional(),
  sort: z.enum(['relevance', 'newest', 'best_selling', 'price_asc', 'price_desc']).optional(),
});

export const listingQuery = pageQuery.extend({
  status: z.enum(['on_sale', 'off_sale']).optional(),
  offReason: z.enum(['merchant', 'supplier_delisted', 'below_supply_price', 'out_of_stock']).optional(),
  source: z.enum(['supplier', 'own', 'brand']).optional(),
  q: z.string().trim().max(64).optional(),
});

export const listingUpdate = z
  .object({
    storeCategoryId: z.number().int().positive().nullable().optional(),
    prices: z.array(z.object({ skuId: z.number().int().positive(), price: fen() }).strict()).max(300).optional(),
  })
  .strict();

export const ownGoodsBody = z
  .object({
    title: z.string().trim().min(2).max(120),
    description: z.string().max(100_000).optional(),
    images: z.array(imageUrl).max(20).optional(),
    categoryId: z.number().int().positive().optional(),
    shareWithDistributors: z.boolean().optional(),
    skus: z
      .array(
        z
          .object({
            specs: specs.default({}),
            code: z.string().trim().max(64).optional(),
            price: fen().min(1, 'at least 1 fen'),
            stock: z.number().int().min(0).max(10_000_000),
            weightGrams: z.number().int().min(0).max(1_000_000).optional(),
            distributorPrice: fen().min(1).optional(),
            minRetailPrice: fen().optional(),
            warehouseId: z.number().int().positive().optional(),
          })
          .strict(),
      )
      .min(1)
      .max(300),
  })
  .strict();

export const shopQuery = pageQuery.extend({
  q: z.string().trim().max(64).optional(),
  categoryId: z.coerce.number().int().positive().optional(),
  minPrice: z.coerce.number().int().min(0).optional(),
  maxPrice: z.coerce.number().int().min(0).optional(),
  sort: z.enum(['newest', 'price_asc', 'price_desc', 'sales']).optional(),
});

export const storeCategoryBody = z
  .object({ name: z.string().trim().min(1).max(64), parentId: z.number().int().positive().nullable().optional(), sort: z.number().int().min(0).max(9999).optional(), iconUrl: imageUrl.nullable().optional() })
  .strict();
export const storeCategoryUpdate = storeCategoryBody.omit({ parentId: true }).partial().strict();
