/**
 * Every query of the content module, and the only file that touches its models: plain typed rows
 * out, each function taking ctx first. Two shelves hold articles with the same columns: a shop's
 * (`content_articles`, filtered on the ctx's tenant) and the platform's help (`help_articles`, no
 * tenant); `shelf` names which. Lists filter on (tenant_id, kind, status) or (tenant_id,
 * category_id); help lists on (status, audience).
 */
import { Op, type Model, type ModelStatic, type WhereOptions } from 'sequelize';
import { requireTenantId, type Ctx } from '../../core/context.js';
import { inTx, paginate, type PageQuery } from '../../core/db/index.js';
import { ContentArticle, ContentCategory, HelpArticle, type ArticleKind, type ArticleStatus, type HelpAudience } from './model.js';

export type { ArticleKind, ArticleStatus, HelpAudience };

/** Which articles: a shop's own, or the platform's help for the consoles. */
export type Shelf = 'shop' | 'help';

export interface ArticleFields {
  kind: ArticleKind;
  title: string;
  body: string;
  videoUrl: string | null;
  coverUrl: string | null;
  keywords: string[];
  /** A shop's articles only. */
  categoryId: number | null;
  /** Help articles only. */
  audience: HelpAudience | null;
}

export interface ArticleRow extends ArticleFields {
  id: number;
  status: ArticleStatus;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CategoryRow {
  id: number;
  name: string;
}

export interface ArticleFilter {
  kind?: ArticleKind;
  status?: ArticleStatus;
  categoryId?: number;
  /** Help articles for these audiences. */
  audiences?: HelpAudience[];
  /** Only these (a search's hits). */
  ids?: number[];
}

interface Door {
  model: ModelStatic<Model>;
  scope(ctx: Ctx): WhereOptions;
}

const doors: Record<Shelf, Door> = {
  shop: { model: ContentArticle as unknown as ModelStatic<Model>, scope: (ctx) => ({ tenantId: requireTenantId(ctx) }) },
  help: { model: HelpArticle as unknown as ModelStatic<Model>, scope: () => ({}) },
};

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function articleRow(m: Model): ArticleRow {
  const a = m as unknown as ContentArticle & { audience?: HelpAudience };
  return {
    id: num(a.id),
    kind: a.kind,
    title: a.title,
    body: a.body ?? '',
    videoUrl: a.videoUrl,
    coverUrl: a.coverUrl,
    keywords: a.keywords,
    categoryId: numOrNull(a.categoryId),
    audience: a.audience ?? null,
    status: a.status,
    publishedAt: a.publishedAt,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

/** The shelf's own columns of the fields (a help article has no category, a shop's no audience). */
function columnsOf(shelf: Shelf, fields: Partial<ArticleFields>): Record<string, unknown> {
  const { categoryId, audience, ...rest } = fields;
  return { ...rest, ...(shelf === 'shop' && categoryId !== undefined ? { categoryId } : {}), ...(shelf === 'help' && audience ? { audience } : {}) };
}

function filterWhere(ctx: Ctx, shelf: Shelf, f: ArticleFilter): WhereOptions {
  return {
    ...doors[shelf].scope(ctx),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.categoryId && shelf === 'shop' ? { categoryId: f.categoryId } : {}),
    ...(f.audiences && shelf === 'help' ? { audience: { [Op.in]: f.audiences } } : {}),
    ...(f.ids ? { id: { [Op.in]: f.ids } } : {}),
  };
}

// ---- articles ----

export async function insertArticle(ctx: Ctx, shelf: Shelf, fields: ArticleFields): Promise<ArticleRow> {
  const row = await doors[shelf].model.create({ ...doors[shelf].scope(ctx), ...columnsOf(shelf, fields), status: 'draft', publishedAt: null }, inTx(ctx));
  return articleRow(row);
}

export async function findArticle(ctx: Ctx, shelf: Shelf, id: number): Promise<ArticleRow | null> {
  const row = await doors[shelf].model.findOne({ where: { ...doors[shelf].scope(ctx), id }, ...inTx(ctx) });
  return row ? articleRow(row) : null;
}

export async function updateArticle(ctx: Ctx, shelf: Shelf, id: number, fields: Partial<ArticleFields>): Promise<boolean> {
  const [count] = await doors[shelf].model.update(columnsOf(shelf, fields), { where: { ...doors[shelf].scope(ctx), id }, ...inTx(ctx) });
  return count === 1;
}

/** A transition that happens once: only a row still in `from` moves to `to`. */
export async function moveStatus(ctx: Ctx, shelf: Shelf, id: number, from: ArticleStatus, to: ArticleStatus, publishedAt: Date | null): Promise<boolean> {
  const [count] = await doors[shelf].model.update({ status: to, publishedAt }, { where: { ...doors[shelf].scope(ctx), id, status: from }, ...inTx(ctx) });
  return count === 1;
}

export async function deleteArticle(ctx: Ctx, shelf: Shelf, id: number): Promise<boolean> {
  return (await doors[shelf].model.destroy({ where: { ...doors[shelf].scope(ctx), id }, ...inTx(ctx) })) === 1;
}

/** A page of articles, newest first (or oldest: FAQ entries in the order they were written), with the total. */
export async function articlePage(ctx: Ctx, shelf: Shelf, filter: ArticleFilter, page: PageQuery, opts: { order?: 'newest' | 'oldest' } = {}): Promise<{ rows: ArticleRow[]; count: number }> {
  const { rows, count } = await doors[shelf].model.findAndCountAll({
    where: filterWhere(ctx, shelf, filter),
    order: [['id', opts.order === 'oldest' ? 'ASC' : 'DESC']],
    ...paginate(page),
    ...inTx(ctx),
  });
  return { rows: rows.map(articleRow), count };
}

/** Every row of the filter up to `limit` (a search's hits, ranked by the caller; the FAQ to match). */
export async function articlesWhere(ctx: Ctx, shelf: Shelf, filter: ArticleFilter, limit: number): Promise<ArticleRow[]> {
  const rows = await doors[shelf].model.findAll({
    where: filterWhere(ctx, shelf, filter),
    order: [['id', 'ASC']],
    limit,
    ...inTx(ctx),
  });
  return rows.map(articleRow);
}

// ---- categories (a shop's) ----

const mine = (ctx: Ctx) => ({ tenantId: requireTenantId(ctx) });

export async function insertCategory(ctx: Ctx, name: string): Promise<CategoryRow> {
  const c = await ContentCategory.create({ ...mine(ctx), name }, inTx(ctx));
  return { id: num(c.id), name: c.name };
}

/** The shop's categories in the order they were made (few: a list, not a page). */
export async function listCategories(ctx: Ctx): Promise<CategoryRow[]> {
  const rows = await ContentCategory.findAll({ where: mine(ctx), order: [['id', 'ASC']], limit: 200, ...inTx(ctx) });
  return rows.map((c) => ({ id: num(c.id), name: c.name }));
}

export async function findCategory(ctx: Ctx, id: number): Promise<CategoryRow | null> {
  const c = await ContentCategory.findOne({ where: { ...mine(ctx), id }, ...inTx(ctx) });
  return c ? { id: num(c.id), name: c.name } : null;
}

export async function renameCategory(ctx: Ctx, id: number, name: string): Promise<boolean> {
  const [count] = await ContentCategory.update({ name }, { where: { ...mine(ctx), id }, ...inTx(ctx) });
  return count === 1;
}

/** The category goes; its articles stay, uncategorised (call inside the caller's transaction). */
export async function deleteCategory(ctx: Ctx, id: number): Promise<boolean> {
  await ContentArticle.update({ categoryId: null }, { where: { ...mine(ctx), categoryId: id }, ...inTx(ctx) });
  return (await ContentCategory.destroy({ where: { ...mine(ctx), id }, ...inTx(ctx) })) === 1;
}
