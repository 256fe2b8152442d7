/** The promotions module's bodies, queries and replies (types come from z.infer). */
import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/db/index.js';

const id = z.number().int().positive();
const fen = z.number().int();
const instant = z.iso.datetime({ offset: true, message: 'an ISO-8601 time' });
const name = z.string().trim().min(1).max(64);

/** Lists of ids: a repeated id is refused (a body is hostile until summed). */
const ids = (max: number) =>
  z
    .array(id)
    .max(max)
    .superRefine((list, issue) =>
      list.forEach((v, i) => {
        if (list.indexOf(v) !== i) issue.addIssue({ code: 'custom', path: [i], message: `${v} is listed twice` });
      }),
    );

/** The window: it ends after it starts, and in the future (an activity that cannot run is a mistake). */
function checkWindow(body: { startsAt: string; endsAt: string }, issue: z.RefinementCtx): void {
  const starts = Date.parse(body.startsAt);
  const ends = Date.parse(body.endsAt);
  if (ends <= starts) issue.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
}

export const tierSchema = z
  .object({
    threshold: fen.min(1).max(100_000_000),
    amountOff: fen.min(1).max(100_000_000).optional(),
    percentOff: z.number().int().min(1).max(99).optional(),
  })
  .strict()
  .superRefine((t, issue) => {
    if ((t.amountOff === undefined) === (t.percentOff === undefined)) issue.addIssue({ code: 'custom', path: ['amountOff'], message: 'give amountOff or percentOff, one of them' });
    if (t.amountOff !== undefined && t.amountOff >= t.threshold) issue.addIssue({ code: 'custom', path: ['amountOff'], message: 'must be below the threshold' });
  });

export const fullReductionBody = z
  .object({
    name,
    startsAt: instant,
    endsAt: instant,
    tiers: z
      .array(tierSchema)
      .min(1)
      .max(5)
      .superRefine((tiers, issue) =>
        tiers.forEach((t, i) => {
          if (i > 0 && t.threshold <= tiers[i - 1]!.threshold) issue.addIssue({ code: 'custom', path: [i, 'threshold'], message: 'tiers ascend: above the tier before' });
        }),
      ),
    /** Listing ids (the shop's products); with categoryIds, either matches; neither: the whole shop. */
    productIds: ids(500).optional(),
    /** Store category ids (a parent covers its children). */
    categoryIds: ids(100).optional(),
  })
  .strict()
  .superRefine(checkWindow);
export type FullReductionBody = z.infer<typeof fullReductionBody>;

export const limitedPriceBody = z
  .object({
    name,
    startsAt: instant,
    endsAt: instant,
    items: z
      .array(z.object({ skuId: id, price: fen.min(1, 'at least 1 fen') }).strict())
      .min(1)
      .max(200)
      .superRefine((items, issue) =>
        items.forEach((item, i) => {
          if (items.findIndex((x) => x.skuId === item.skuId) !== i) issue.addIssue({ code: 'custom', path: [i, 'skuId'], message: `SKU ${item.skuId} is listed twice` });
        }),
      ),
  })
  .strict()
  .superRefine(checkWindow);
export type LimitedPriceBody = z.infer<typeof limitedPriceBody>;

export const STATUSES = ['not_started', 'running', 'ended'] as const;
export const listQuery = pageQuery.extend({ status: z.enum(STATUSES).optional() });
export type ListQuery = z.infer<typeof listQuery>;

const figures = z.object({ orders: z.number(), gmv: z.number(), discount: z.number() });
const tierView = z.object({ threshold: z.number(), amountOff: z.number().optional(), percentOff: z.number().optional(), label: z.string() });
const windowShape = { status: z.enum(STATUSES), startsAt: z.string(), endsAt: z.string(), endedAt: z.string().nullable(), createdAt: z.string() };

export const fullReductionView = z.object({
  id: z.number(),
  name: z.string(),
  ...windowShape,
  tiers: z.array(tierView),
  /** The tiers' labels together: 满199减30，满299减60. */
  label: z.string(),
  scope: z.enum(['all', 'chosen']),
  products: z.array(z.object({ id: z.number(), title: z.string(), image: z.string().nullable() })),
  categories: z.array(z.object({ id: z.number(), name: z.string() })),
  figures,
});
export const fullReductionPage = pageSchema(fullReductionView);

export const limitedPriceItemView = z.object({
  skuId: z.number(),
  productId: z.number(),
  title: z.string(),
  specs: z.record(z.string(), z.string()),
  image: z.string().nullable(),
  /** The shop's price of the SKU now. */
  originalPrice: z.number(),
  price: z.number(),
  /** Percent off the shop's price, rounded. */
  discountPercent: z.number(),
});
export const limitedPriceView = z.object({ id: z.number(), name: z.string(), ...windowShape, items: z.array(limitedPriceItemView), figures });
export const limitedPricePage = pageSchema(limitedPriceView);

export const createdReply = z.object({ id: z.number() });

export const cartHintQuery = z.object({
  /** Listing SKU ids, comma separated. */
  skuIds: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'listing SKU ids separated by commas')
    .transform((s) => s.split(',').map(Number))
    .refine((list) => list.length <= 50, 'at most 50 SKUs'),
  /** Their quantities in the same order (1 each when absent). */
  quantities: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'quantities separated by commas')
    .transform((s) => s.split(',').map(Number))
    .optional(),
});
export const cartHintReply = z.object({
  hint: z
    .object({ fullReductionId: z.number(), missing: z.number(), next: tierView, reached: tierView.nullable() })
    .nullable(),
});
