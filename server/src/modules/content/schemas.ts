/** The content module's bodies, queries and replies (types come from z.infer). */
import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/db/index.js';
import { imageUrl } from '../catalog/index.js';

export const ARTICLE_KINDS = ['article', 'video', 'faq', 'help'] as const;
export const HELP_AUDIENCES = ['merchants', 'suppliers', 'both'] as const;
export const ARTICLE_STATUSES = ['draft', 'published'] as const;

/** Rich text as the editor sends it; sanitized before it is stored. */
export const MAX_BODY = 100_000;
const keyword = z.string().trim().min(1).max(32);
const id = z.number().int().positive();

const articleShape = {
  title: z.string().trim().min(1).max(128),
  kind: z.enum(ARTICLE_KINDS),
  body: z.string().max(MAX_BODY).optional(),
  /** An uploaded file or an https address (videos play from either). */
  videoUrl: imageUrl.nullable().optional(),
  coverUrl: imageUrl.nullable().optional(),
  categoryId: id.nullable().optional(),
  /** FAQ entries: words a shopper's question may use (运费, 包邮, ...). */
  keywords: z.array(keyword).max(20).optional(),
};

export const articleBody = z.strictObject(articleShape);
export type ArticleBody = z.infer<typeof articleBody>;
export const articleUpdate = z.strictObject({ ...articleShape, title: articleShape.title.optional(), kind: articleShape.kind.optional() });
export type ArticleUpdate = z.infer<typeof articleUpdate>;

/** The platform's help: the same body, for merchants, suppliers or both (no shop category). */
const { categoryId: _noCategory, ...helpShape } = articleShape;
export const helpBody = z.strictObject({ ...helpShape, audience: z.enum(HELP_AUDIENCES).default('both') });
export type HelpBody = z.infer<typeof helpBody>;
export const helpUpdate = z.strictObject({ ...helpShape, title: helpShape.title.optional(), kind: helpShape.kind.optional(), audience: z.enum(HELP_AUDIENCES).optional() });
export type HelpUpdate = z.infer<typeof helpUpdate>;

const q = z.string().trim().max(64).optional();
export const adminListQuery = pageQuery.extend({ kind: z.enum(ARTICLE_KINDS).optional(), status: z.enum(ARTICLE_STATUSES).optional(), categoryId: z.coerce.number().int().positive().optional(), q });
export type AdminListQuery = z.infer<typeof adminListQuery>;
export const shopListQuery = pageQuery.extend({ kind: z.enum(ARTICLE_KINDS).optional(), categoryId: z.coerce.number().int().positive().optional(), q });
export type ShopListQuery = z.infer<typeof shopListQuery>;
export const helpListQuery = pageQuery.extend({ kind: z.enum(ARTICLE_KINDS).optional(), status: z.enum(ARTICLE_STATUSES).optional(), audience: z.enum(HELP_AUDIENCES).optional(), q });
export type HelpListQuery = z.infer<typeof helpListQuery>;

export const categoryBody = z.strictObject({ name: z.string().trim().min(1).max(32) });

const listItemShape = {
  id: z.number(),
  kind: z.enum(ARTICLE_KINDS),
  title: z.string(),
  coverUrl: z.string().nullable(),
  videoUrl: z.string().nullable(),
  categoryId: z.number().nullable(),
  categoryName: z.string().nullable(),
  keywords: z.array(z.string()),
  status: z.enum(ARTICLE_STATUSES),
  /** Help articles: who reads them. */
  audience: z.enum(HELP_AUDIENCES).nullable(),
  /** The first words of the body as plain text (a list's second line). */
  summary: z.string(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
};
/** A list's row; FAQ entries carry their answer (`body`), other kinds only their summary. */
export const articleListItem = z.object({ ...listItemShape, body: z.string().optional() });
export const articleView = z.object({ ...listItemShape, body: z.string(), createdAt: z.string() });
export const articlePageReply = pageSchema(articleListItem);
export const createdReply = z.object({ id: z.number(), status: z.literal('draft') });
export const statusReply = z.object({ id: z.number(), status: z.enum(ARTICLE_STATUSES), publishedAt: z.string().nullable() });
export const deletedReply = z.object({ deleted: z.literal(true) });
export const categoryView = z.object({ id: z.number(), name: z.string() });
export const categoriesReply = z.object({ items: z.array(categoryView) });
