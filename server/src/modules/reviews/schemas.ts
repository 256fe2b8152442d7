import { z } from 'zod';

// ---- replies: what each route answers (checked against every reply in tests) ----

export const reviewViewSchema = z.object({
  id: z.number(),
  productId: z.number(),
  rating: z.number(),
  content: z.string().nullable(),
  images: z.array(z.string()),
  specs: z.record(z.string(), z.string()).nullable(),
  author: z.string(),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const shopProductsReviewsReply = z.object({
  items: z.array(reviewViewSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  average: z.number().nullable(),
  count: z.number(),
});
