/**
 * The DIY page blocks on the wire, one zod object per block type (the TypeScript shapes the apps
 * share are `web/shared/blocks.ts`, pinned to these by a type check there). Input objects are
 * strict: a prop the storefront would not know is a 400 naming it (`blocks[2].props.colour`).
 */
import { z } from 'zod';
import { imageUrl } from '../catalog/index.js';
import { linkSchema } from '../storefront/index.js';

/** Where a video plays from: an uploaded file or a web address. */
const mediaUrl = z
  .string()
  .trim()
  .max(512)
  .refine((v) => v.startsWith('/uploads/') || /^https?:\/\/[^\s\\]+$/i.test(v), 'an http(s) URL or an uploaded file path');
/** A Vant icon name (`hot-o`) or a picture. */
const navIcon = z.union([z.string().trim().regex(/^[a-z0-9-]{1,32}$/, 'a Vant icon name'), imageUrl]);
const id = z.number().int().positive();

export const PRODUCT_SOURCES = ['newest', 'best_selling', 'category', 'manual'] as const;
export const MAX_BLOCKS = 50;
export const MAX_PRODUCTS = 50;

/** Each block type's props; `strict` for what a merchant sends, plain for what the API answers. */
function blockVariants<S extends boolean>(strict: S) {
  const obj = <T extends z.ZodRawShape>(shape: T) => (strict ? z.strictObject(shape) : z.object(shape));
  const variant = <K extends string, P extends z.ZodType>(type: K, props: P) => obj({ type: z.literal(type), props });
  return [
    variant('banner', obj({ images: z.array(obj({ url: imageUrl, link: linkSchema.optional() })).max(10) })),
    variant(
      'products',
      obj({
        source: z.enum(PRODUCT_SOURCES),
        categoryId: id.optional(),
        productIds: z.array(id).max(MAX_PRODUCTS).optional(),
        limit: z.number().int().min(1).max(MAX_PRODUCTS),
        columns: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
        title: z.string().trim().max(32).optional(),
      }),
    ),
    variant('notice', obj({ text: z.string().trim().max(200) })),
    variant('nav', obj({ items: z.array(obj({ icon: navIcon, label: z.string().trim().min(1).max(16), link: linkSchema })).max(20) })),
    variant('coupons', obj({ couponIds: z.array(id).max(20) })),
    variant('richtext', obj({ html: z.string().max(100_000) })),
    variant('video', obj({ url: mediaUrl, poster: imageUrl.optional() })),
    variant('search', obj({})),
  ] as const;
}

/**
 * A block as a merchant sends it. A `category` source names its category, a `manual` one its
 * products; the issue points at the prop that is missing.
 */
export const blockInput = z.discriminatedUnion('type', blockVariants(true)).superRefine((block, issue) => {
  if (block.type !== 'products') return;
  if (block.props.source === 'category' && !block.props.categoryId) issue.addIssue({ code: 'custom', path: ['props', 'categoryId'], message: 'a category source names its category' });
});
export type BlockInput = z.infer<typeof blockInput>;

const blocksInput = z.array(blockInput).max(MAX_BLOCKS);

export const pageKinds = ['home', 'custom'] as const;

export const pageBody = z.strictObject({
  title: z.string().trim().min(1).max(64),
  kind: z.enum(pageKinds),
  blocks: blocksInput.default([]),
});
export type PageBody = z.infer<typeof pageBody>;

export const pageUpdate = z.strictObject({ title: z.string().trim().min(1).max(64).optional(), blocks: blocksInput.optional() });
export type PageUpdate = z.infer<typeof pageUpdate>;

/** Blocks to resolve for the editor's preview, saved or not. */
export const resolveBody = z.strictObject({ blocks: blocksInput });

export const versionParams = z.object({ id: z.coerce.number().int().positive(), version: z.coerce.number().int().positive() });

// ---- replies: what each route answers (checked against every reply in tests) ----

export const blockSchema = z.discriminatedUnion('type', blockVariants(false));

export const blockProductSchema = z.object({
  id: z.number(),
  title: z.string(),
  price: z.number(),
  marketPrice: z.number().nullable().optional(),
  image: z.string().nullable(),
  sales: z.number().optional(),
});

/** A coupon a `coupons` block shows: fen off, tenths of the price paid (`kind: 'discount'`, 9 = 9折), or free shipping. */
export const blockCouponSchema = z.object({
  id: z.number(),
  title: z.string(),
  value: z.number(),
  kind: z.enum(['amount', 'discount', 'free_shipping']).optional(),
  threshold: z.number().optional(),
});

export const resolvedBlockSchema = z.intersection(blockSchema, z.object({ products: z.array(blockProductSchema).optional(), coupons: z.array(blockCouponSchema).optional() }));

export const pageViewSchema = z.object({ id: z.number(), version: z.number(), title: z.string().optional(), blocks: z.array(resolvedBlockSchema) });
export const resolvedBlocksReply = z.object({ blocks: z.array(resolvedBlockSchema) });

const pageStatus = z.enum(['draft', 'published']);

export const pageSummarySchema = z.object({
  id: z.number(),
  kind: z.enum(pageKinds),
  title: z.string(),
  status: pageStatus,
  /** The version shoppers see, null before the first publish. */
  publishedVersion: z.number().nullable(),
  publishedAt: z.string().nullable(),
  /** The draft differs from what is published (or nothing is). */
  hasUnpublishedChanges: z.boolean(),
  updatedAt: z.string(),
});

export const versionSummarySchema = z.object({ version: z.number(), title: z.string(), publishedAt: z.string(), publishedBy: z.string().nullable().optional() });

export const pageDetailSchema = pageSummarySchema.extend({ blocks: z.array(blockSchema), versions: z.array(versionSummarySchema) });
export const pagesReply = z.object({ items: z.array(pageSummarySchema) });
export const versionDetailSchema = versionSummarySchema.extend({ blocks: z.array(blockSchema) });
export const createdReply = z.object({ id: z.number(), status: z.literal('draft') });
export const publishedReply = z.object({ id: z.number(), status: z.literal('published'), version: z.number() });
export const deletedReply = z.object({ deleted: z.literal(true) });
