import { z } from 'zod';

// ---- replies: what each route answers (checked against every reply in tests) ----

export const cartLineSchema = z.object({
  id: z.number(),
  skuId: z.number(),
  productId: z.number(),
  title: z.string(),
  image: z.string().nullable(),
  specs: z.record(z.string(), z.string()),
  price: z.number(),
  quantity: z.number(),
  stock: z.number(),
  selected: z.boolean(),
  available: z.boolean(),
  subtotal: z.number(),
});

export const cartViewSchema = z.object({ items: z.array(cartLineSchema), selectedCount: z.number(), selectedAmount: z.number() });
