/** The brands module's queries, bodies and replies (types come from z.infer). */
import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/db/index.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(d)), 'not a calendar day');
const fen = z.number().int('an amount in fen (1 = ¥0.01)').min(0).max(100_000_000_00);

export const salesQuery = z.strictObject({
  /** First Beijing day, inclusive (default: 29 days before `to`). */
  from: day.optional(),
  /** Last Beijing day, inclusive (default: today). */
  to: day.optional(),
  distributorId: z.coerce.number().int().positive().optional(),
  groupBy: z.enum(['day', 'distributor', 'product']).default('day'),
});

const figures = {
  orders: z.number(),
  units: z.number(),
  gmv: z.number(),
  refunds: z.number(),
  refundedUnits: z.number(),
  net: z.number(),
};

export const salesReply = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(['day', 'distributor', 'product']),
  distributorId: z.number().nullable(),
  distributors: z.array(z.object({ id: z.number(), name: z.string(), slug: z.string() })),
  totals: z.object(figures),
  rows: z.array(z.object({ key: z.string(), label: z.string(), ...figures })),
});

export const floorsQuery = pageQuery.extend({ q: z.string().trim().max(64).optional() }).strict();

const floorRow = z.object({
  productId: z.number(),
  title: z.string(),
  image: z.string().nullable(),
  skuId: z.number(),
  specs: z.record(z.string(), z.string()),
  distributorPrice: z.number(),
  minRetailPrice: z.number().nullable(),
  suggestedPrice: z.number(),
  stock: z.number(),
});

export const floorsPage = pageSchema(z.object({ productId: z.number(), title: z.string(), image: z.string().nullable(), skus: z.array(floorRow) }));

export const floorsBody = z.strictObject({
  items: z
    .array(
      z.strictObject({
        skuId: z.number().int().positive(),
        /** The least a distributor may ask, in fen; null lifts the floor (the distributor price still holds). */
        minRetailPrice: fen.nullable(),
        suggestedPrice: fen.optional(),
      }),
    )
    .min(1)
    .max(300),
});

export const floorsReply = z.object({ items: z.array(floorRow) });
