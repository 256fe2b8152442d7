import { z } from 'zod';
import { pageQuery } from '../../core/db/index.js';

export const fen = (what = 'an amount in fen (1 = ¥0.01)') => z.number({ error: what }).int(what).min(0, what).max(100_000_000_00, 'too large');
export const imageUrl = z
  .string()
  .trim()
  .max(512)
  .refine((v) => v.startsWith('/uploads/') || /^https:\/\//.test(v), 'a URL returned by POST /uploads');

const specName = z.string().trim().min(1).max(16);
const specValue = z.string().trim().min(1).max(32);
export const specsSchema = z.record(specName, specValue).refine((o) => Object.keys(o).length <= 3, 'at most 3 spec dimensions');

/** A product's SKUs, and so the combinations of its spec dimensions, are at most this many. */
export const MAX_SKUS = 300;

const unique = (label: string) => (list: string[], issue: z.RefinementCtx) => {
  list.forEach((v, i) => {
    if (list.indexOf(v) !== i) issue.addIssue({ code: 'custom', path: [i], message: `${label} ${v} is listed twice` });
  });
};
export const specDimensionsSchema = z
  .array(z.object({ name: specName, values: z.array(specValue).min(1).max(50).superRefine(unique('value')) }).strict())
  .max(3)
  .superRefine((dims, issue) => unique('dimension')(dims.map((d) => d.name), issue));

/** The SKU matrix a product form starts from: every combination, no more than a product may hold. */
export const skuMatrixBody = z
  .object({ specDimensions: specDimensionsSchema })
  .strict()
  .superRefine((body, issue) => {
    const combinations = body.specDimensions.reduce((n, d) => n * d.values.length, 1);
    if (combinations > MAX_SKUS) issue.addIssue({ code: 'custom', path: ['specDimensions'], message: `at most ${MAX_SKUS} combinations (a product's SKUs); these make ${combinations}` });
  });

export const skuInput = z
  .object({
    specs: specsSchema.default({}),
    code: z.string().trim().max(64).optional(),
    supplyPrice: fen().min(1, 'at least 1 fen'),
    suggestedPrice: fen(),
    minRetailPrice: fen().optional(),
    weightGrams: z.number().int().min(0).max(1_000_000).optional(),
    stock: z.number().int().min(0).max(10_000_000).default(0),
    warehouseId: z.number().int().positive().optional(),
  })
  .strict();

export const productInput = z
  .object({
    title: z.string().trim().min(2).max(120),
    description: z.string().max(100_000).optional(),
    categoryId: z.number().int().positive().optional(),
    brandId: z.number().int().positive().optional(),
    images: z.array(imageUrl).max(20).optional(),
    specDimensions: specDimensionsSchema.optional(),
    freightTemplateId: z.number().int().positive().nullable().optional(),
    skus: z.array(skuInput).min(1).max(MAX_SKUS),
    draft: z.boolean().optional(),
  })
  .strict();

export const productUpdate = productInput.partial().omit({ draft: true }).strict();

export const skuPriceInput = z
  .object({ supplyPrice: fen().min(1, 'at least 1 fen').optional(), suggestedPrice: fen().optional(), minRetailPrice: fen().nullable().optional() })
  .strict();
export const stockInput = z.object({ warehouseId: z.number().int().positive(), stock: z.number().int().min(0).max(10_000_000) }).strict();

export const productListQuery = pageQuery.extend({
  status: z.enum(['draft', 'pending_review', 'approved', 'rejected', 'delisted']).optional(),
  q: z.string().trim().max(64).optional(),
});

export const reviewQuery = pageQuery.extend({
  status: z.enum(['draft', 'pending_review', 'approved', 'rejected', 'delisted']).optional(),
  revision: z.enum(['pending']).optional(),
  supplierId: z.coerce.number().int().positive().optional(),
});

export const reasonBody = z.object({ reason: z.string().trim().min(2).max(500) }).strict();

export const warehouseInput = z
  .object({
    name: z.string().trim().min(1).max(64),
    province: z.string().trim().min(2).max(32),
    city: z.string().trim().min(2).max(32),
    district: z.string().trim().max(32).optional(),
    address: z.string().trim().min(2).max(255),
    contactName: z.string().trim().min(1).max(32).optional(),
    // a warehouse is often reached on a landline (0571-8888 8888) as well as a mobile
    contactPhone: z.string().trim().regex(/^\+?[\d\s-]{7,20}$/, 'a phone number').optional(),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
  })
  .strict();

export const categoryInput = z.object({ name: z.string().trim().min(1).max(64), parentId: z.number().int().positive().nullable().optional(), sort: z.number().int().min(0).max(9999).optional() }).strict();
export const categoryUpdate = categoryInput.partial().strict();
export const brandInput = z.object({ name: z.string().trim().min(1).max(64), logoUrl: imageUrl.nullable().optional() }).strict();

export type ProductInput = z.infer<typeof productInput>;
export type ProductUpdate = z.infer<typeof productUpdate>;
export type SkuInput = z.infer<typeof skuInput>;

// ---- replies: what each route answers (checked against every reply in tests) ----

export const importStartedSchema = z.object({ id: z.number(), status: z.enum(["pending", "running", "done", "failed"]), total: z.number() });

export const rowErrorSchema = z.object({ row: z.number(), field: z.string(), message: z.string(), code: z.string().optional(), minimum: z.number().optional(), maximum: z.number().optional(), otherRow: z.number().optional() });

export const importViewSchema = z.object({
  id: z.number(),
  status: z.enum(["pending", "running", "done", "failed"]),
  total: z.number(),
  processed: z.number(),
  succeeded: z.number(),
  failed: z.number(),
  errors: z.array(rowErrorSchema).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const categoryNodeSchema = z.object({
  id: z.number(),
  name: z.string(),
  parentId: z.number().nullable(),
  sort: z.number(),
  level: z.number(),
  // a getter: the tree refers to itself
  get children() {
    return z.array(categoryNodeSchema);
  },
});

export const specDimensionSchema = z.object({ name: z.string(), values: z.array(z.string()) });

export const skuViewSchema = z.object({
  id: z.number(),
  code: z.string().nullable(),
  specs: z.record(z.string(), z.string()),
  supplyPrice: z.number(),
  suggestedPrice: z.number(),
  minRetailPrice: z.number().nullable(),
  weightGrams: z.number(),
  stock: z.number(),
  stocks: z.array(z.object({ warehouseId: z.number(), stock: z.number() })).optional(),
});

export const productViewSchema = z.object({
  id: z.number(),
  owner: z.object({ kind: z.string(), id: z.number() }),
  title: z.string(),
  description: z.string().nullable(),
  images: z.array(z.string()),
  categoryId: z.number().nullable(),
  brandId: z.number().nullable(),
  specDimensions: z.array(specDimensionSchema),
  status: z.enum(["approved", "rejected", "draft", "pending_review", "delisted"]),
  rejectReason: z.string().nullable(),
  revision: z.object({
    title: z.string().optional(),
    descriptionHtml: z.string().nullable().optional(),
    images: z.array(z.string()).optional(),
    categoryId: z.number().nullable().optional(),
    brandId: z.number().nullable().optional(),
    skuPrices: z.array(z.object({ skuId: z.number(), supplyPrice: z.number(), suggestedPrice: z.number() })).optional(),
    status: z.string().nullable(),
    reason: z.string().nullable(),
  }).nullable(),
  sharedWithDistributors: z.boolean(),
  freightTemplateId: z.number().nullable(),
  minSupplyPrice: z.number(),
  totalStock: z.number(),
  salesCount: z.number(),
  approvedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  skus: z.array(skuViewSchema),
});

/** A product with its supplier's company name (null for a shop's own goods). */
export const namedProductViewSchema = productViewSchema.extend({ supplierName: z.string().nullable() });

export const warehouseViewSchema = z.object({
  id: z.number(),
  name: z.string(),
  province: z.string(),
  city: z.string(),
  district: z.string().nullable(),
  address: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
});

export const categoriesReply = z.object({ items: z.array(categoryNodeSchema) });

export const brandsReply = z.object({ items: z.array(z.object({ id: z.number(), name: z.string(), logoUrl: z.string().nullable() })) });

export const catalogSkuMatrixReply = z.object({ items: z.array(z.record(z.string(), z.string())) });

export const platformCategoriesReply = z.object({ id: z.number(), deleted: z.literal(true) });

export const platformBrandsReply = z.object({ id: z.number(), name: z.string(), logoUrl: z.string().nullable() });

export const supplierWarehousesReply = z.object({ items: z.array(warehouseViewSchema) });

export const supplierProductsSkusPricesReply = productViewSchema.extend({ pendingReview: z.boolean() });
