import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/db/index.js';
import { fen, imageUrl, namedProductViewSchema, productViewSchema, warehouseViewSchema } from '../catalog/index.js';

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

// ---- replies: what each route answers (checked against every reply in tests) ----

export const listingViewSchema = z.object({
  id: z.number(),
  productId: z.number(),
  source: z.enum(["supplier", "brand", "own"]),
  title: z.string(),
  image: z.string().nullable(),
  storeCategoryId: z.number().nullable(),
  status: z.enum(["on_sale", "off_sale"]),
  offReason: z.enum(["merchant", "supplier_delisted", "below_supply_price", "out_of_stock"]).nullable(),
  minPrice: z.number(),
  salesCount: z.number(),
  skus: z.array(z.object({
    id: z.number(),
    supplierSkuId: z.number(),
    specs: z.record(z.string(), z.string()),
    price: z.number(),
    floor: z.number(),
    stock: z.number(),
  })),
  createdAt: z.string(),
});

/** A listing as import answers it: its SKUs without the floor price. */
const importedListingSchema = listingViewSchema.extend({ skus: z.array(listingViewSchema.shape.skus.element.omit({ floor: true })) });

export const storeCategoryNodeSchema = z.object({
  id: z.number(),
  name: z.string(),
  parentId: z.number().nullable(),
  sort: z.number(),
  iconUrl: z.string().nullable(),
  // a getter: the tree refers to itself
  get children() {
    return z.array(storeCategoryNodeSchema);
  },
});

export const shopSkuSchema = z.object({
  id: z.number(),
  specs: z.record(z.string(), z.string()),
  price: z.number(),
  stock: z.number(),
  /** The price it sells at now (a limited-time price), charged by the quote. */
  promoPrice: z.number().nullable(),
  promo: z.object({ kind: z.string(), label: z.string(), endsAt: z.string() }).nullable(),
});

export const listingActivitySchema = z.object({ kind: z.string(), id: z.number(), label: z.string(), price: z.number().optional(), startsAt: z.string(), endsAt: z.string() });

export const shopProductSchema = z.object({
  id: z.number(),
  title: z.string(),
  price: z.number(),
  image: z.string().nullable(),
  salesCount: z.number(),
  skus: z.array(shopSkuSchema),
  promoPrice: z.number().nullable(),
  activities: z.array(listingActivitySchema),
});

export const shopProductDetailSchema = shopProductSchema.extend({
  description: z.string().nullable(),
  images: z.array(z.string()),
  specDimensions: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
  status: z.enum(["on_sale", "off_sale"]),
});

/** Own goods are products the shop owns: catalog's product view. */
export const ownProductSchema = productViewSchema;

export const marketProductSchema = namedProductViewSchema.extend({
  listingId: z.number().nullable(),
  imported: z.boolean(),
});

export const adminMarketProductsReply = pageSchema(marketProductSchema);

export const adminMarketProductsImportReply = z.object({ product: importedListingSchema });

export const adminProductsReply = z.object({ id: z.number(), removed: z.literal(true) });

export const adminOwnProductsSkusPricesReply = ownProductSchema.extend({ pendingReview: z.boolean() });

export const postAdminWarehousesReply = warehouseViewSchema;

export const adminWarehousesReply = z.object({ items: z.array(postAdminWarehousesReply) });

export const adminStoreCategoriesReply = z.object({ items: z.array(storeCategoryNodeSchema) });

export const deleteAdminStoreCategoriesReply = z.object({ id: z.number(), deleted: z.literal(true) });

export const hotWordsSchema = z.object({ words: z.array(z.string()) });
