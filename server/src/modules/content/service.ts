/**
 * A shop's content and the platform's help: write a draft, edit it, publish or withdraw it, list
 * and search it. Both shelves (repository.ts) follow the same rules; a shop's articles may sit in
 * one of its categories, help articles name their audience. Bodies are rich text, sanitized with
 * the platform's one rich-text allow-list (core/rich-text.ts) before they are stored; each article is indexed for search
 * (core/search.ts) with its title, keywords and text.
 */
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { pageOf, withTransaction, type Page, type PageQuery } from '../../core/db/index.js';
import { notFound, ValidationError } from '../../core/errors.js';
import { MARKET_SCOPE, search } from '../../core/search.js';
import { sanitizeRichText } from '../../core/rich-text.js';
import { contentErrors } from './errors.js';
import * as repo from './repository.js';
import type { ArticleFields, ArticleFilter, ArticleRow, ArticleStatus, CategoryRow, HelpAudience, Shelf } from './repository.js';
import type { ArticleBody, ArticleUpdate, HelpBody, HelpUpdate } from './schemas.js';
import { plainText, summaryOf } from './text.js';

export type { Shelf };

export interface ArticleListItem {
  id: number;
  kind: ArticleFields['kind'];
  title: string;
  coverUrl: string | null;
  videoUrl: string | null;
  categoryId: number | null;
  categoryName: string | null;
  keywords: string[];
  status: ArticleStatus;
  audience: HelpAudience | null;
  summary: string;
  publishedAt: Date | null;
  updatedAt: Date;
  body?: string;
}

export interface ArticleView extends ArticleListItem {
  body: string;
  createdAt: Date;
}

/** Search hits considered per query: a help centre's answer is on the first pages or nowhere. */
const SEARCH_CANDIDATES = 200;

const searchScope = (ctx: Ctx, shelf: Shelf) => (shelf === 'shop' ? ctx.tenantId! : MARKET_SCOPE);
const DOC_TYPE: Record<Shelf, string> = { shop: 'article', help: 'help_article' };

async function indexArticle(ctx: Ctx, shelf: Shelf, a: ArticleRow): Promise<void> {
  await search().index(ctx, searchScope(ctx, shelf), DOC_TYPE[shelf], a.id, [
    { text: a.title, weight: 4 },
    { text: a.keywords.join(' '), weight: 3 },
    { text: plainText(a.body), weight: 1 },
  ]);
}

type Body = (ArticleBody | HelpBody | ArticleUpdate | HelpUpdate) & { categoryId?: number | null; audience?: HelpAudience };

/** The stored fields of a body: the rich text sanitized, a category of this shop only. */
async function fieldsOf(ctx: Ctx, shelf: Shelf, body: Body): Promise<Partial<ArticleFields>> {
  if (shelf === 'shop' && body.categoryId && !(await repo.findCategory(ctx, body.categoryId))) throw ValidationError.field('categoryId', 'no such category in this shop', 'invalid_value');
  return {
    ...(body.title !== undefined ? { title: body.title } : {}),
    ...(body.kind !== undefined ? { kind: body.kind } : {}),
    ...(body.body !== undefined ? { body: sanitizeRichText(body.body) } : {}),
    ...(body.videoUrl !== undefined ? { videoUrl: body.videoUrl || null } : {}),
    ...(body.coverUrl !== undefined ? { coverUrl: body.coverUrl || null } : {}),
    ...(body.keywords !== undefined ? { keywords: [...new Set(body.keywords)] } : {}),
    ...(body.categoryId !== undefined ? { categoryId: body.categoryId ?? null } : {}),
    ...(body.audience !== undefined ? { audience: body.audience } : {}),
  };
}

/** A video plays from somewhere: its URL is what makes it a video. */
function assertPlayable(kind: ArticleFields['kind'], videoUrl: string | null): void {
  if (kind === 'video' && !videoUrl) throw ValidationError.field('videoUrl', 'a video needs its video URL', 'required');
}

async function mustFind(ctx: Ctx, shelf: Shelf, id: number): Promise<ArticleRow> {
  const a = await repo.findArticle(ctx, shelf, id);
  if (!a) throw notFound('Article');
  return a;
}

async function categoryNames(ctx: Ctx, shelf: Shelf, rows: ArticleRow[]): Promise<Map<number, string>> {
  if (shelf === 'help' || !rows.some((r) => r.categoryId)) return new Map();
  return new Map((await repo.listCategories(ctx)).map((c) => [c.id, c.name]));
}

function listItem(a: ArticleRow, names: Map<number, string>, withBody: boolean): ArticleListItem {
  return {
    id: a.id,
    kind: a.kind,
    title: a.title,
    coverUrl: a.coverUrl,
    videoUrl: a.videoUrl,
    categoryId: a.categoryId,
    categoryName: a.categoryId ? (names.get(a.categoryId) ?? null) : null,
    keywords: a.keywords,
    status: a.status,
    audience: a.audience,
    summary: summaryOf(a.body),
    publishedAt: a.publishedAt,
    updatedAt: a.updatedAt,
    ...(withBody ? { body: a.body } : {}),
  };
}

async function view(ctx: Ctx, shelf: Shelf, a: ArticleRow): Promise<ArticleView> {
  return { ...listItem(a, await categoryNames(ctx, shelf, [a]), true), body: a.body, createdAt: a.createdAt };
}

// ---- writing ----

export async function createArticle(ctx: Ctx, shelf: Shelf, body: ArticleBody | HelpBody): Promise<{ id: number; status: 'draft' }> {
  const fields = await fieldsOf(ctx, shelf, body);
  const full: ArticleFields = { kind: body.kind, title: body.title, body: '', videoUrl: null, coverUrl: null, keywords: [], categoryId: null, audience: shelf === 'help' ? 'both' : null, ...fields };
  assertPlayable(full.kind, full.videoUrl);
  return withTransaction(ctx, async (tx) => {
    const a = await repo.insertArticle(tx, shelf, full);
    await indexArticle(tx, shelf, a);
    return { id: a.id, status: 'draft' as const };
  });
}

export async function updateArticle(ctx: Ctx, shelf: Shelf, id: number, body: ArticleUpdate | HelpUpdate): Promise<ArticleView> {
  const fields = await fieldsOf(ctx, shelf, body);
  return withTransaction(ctx, async (tx) => {
    const before = await mustFind(tx, shelf, id);
    assertPlayable(fields.kind ?? before.kind, fields.videoUrl !== undefined ? fields.videoUrl : before.videoUrl);
    await repo.updateArticle(tx, shelf, id, fields);
    const after = await mustFind(tx, shelf, id);
    await indexArticle(tx, shelf, after);
    return view(tx, shelf, after);
  });
}

export async function deleteArticle(ctx: Ctx, shelf: Shelf, id: number): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    if (!(await repo.deleteArticle(tx, shelf, id))) throw notFound('Article');
    await search().remove(tx, searchScope(tx, shelf), DOC_TYPE[shelf], [id]);
  });
}

/** Draft -> published once: of two parallel publishes one moves the row, the other is told so. */
export async function publish(ctx: Ctx, shelf: Shelf, id: number): Promise<{ id: number; status: ArticleStatus; publishedAt: Date | null }> {
  const a = await mustFind(ctx, shelf, id);
  assertPlayable(a.kind, a.videoUrl);
  const at = clock.now();
  if (!(await repo.moveStatus(ctx, shelf, id, 'draft', 'published', at))) throw contentErrors.alreadyPublished();
  return { id, status: 'published', publishedAt: at };
}

/** Back to a draft: shoppers (or consoles) stop seeing it; the text stays. */
export async function unpublish(ctx: Ctx, shelf: Shelf, id: number): Promise<{ id: number; status: ArticleStatus; publishedAt: Date | null }> {
  await mustFind(ctx, shelf, id);
  if (!(await repo.moveStatus(ctx, shelf, id, 'published', 'draft', null))) throw contentErrors.notPublished();
  return { id, status: 'draft', publishedAt: null };
}

// ---- reading ----

export async function getArticle(ctx: Ctx, shelf: Shelf, id: number): Promise<ArticleView> {
  return view(ctx, shelf, await mustFind(ctx, shelf, id));
}

/** A published article (what a shopper or a console reader may open); a draft is not found. */
export async function publishedArticle(ctx: Ctx, shelf: Shelf, id: number, audiences?: HelpAudience[]): Promise<ArticleView> {
  const a = await mustFind(ctx, shelf, id);
  if (a.status !== 'published' || (audiences && a.audience && !audiences.includes(a.audience))) throw notFound('Article');
  return view(ctx, shelf, a);
}

/**
 * A page of articles matching the filter; with `q`, the search's hits in their rank (title and
 * keywords weigh most), otherwise newest first. FAQ entries come oldest first, as a merchant
 * wrote them, and with their answers.
 */
export async function listArticles(ctx: Ctx, shelf: Shelf, filter: ArticleFilter, q: string | undefined, page: PageQuery): Promise<Page<ArticleListItem>> {
  let rows: ArticleRow[];
  let total: number;
  if (q) {
    const ranked = (await search().query(ctx, searchScope(ctx, shelf), DOC_TYPE[shelf], q, SEARCH_CANDIDATES)).map((h) => h.id);
    const rank = new Map(ranked.map((id, i) => [id, i]));
    const hits = ranked.length ? await repo.articlesWhere(ctx, shelf, { ...filter, ids: ranked }, SEARCH_CANDIDATES) : [];
    hits.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
    total = hits.length;
    rows = hits.slice((page.page - 1) * page.pageSize, page.page * page.pageSize);
  } else {
    ({ rows, count: total } = await repo.articlePage(ctx, shelf, filter, page, { order: filter.kind === 'faq' ? 'oldest' : 'newest' }));
  }
  const names = await categoryNames(ctx, shelf, rows);
  return pageOf(page, rows.map((r) => listItem(r, names, r.kind === 'faq')), total);
}

/** The help articles a console user reads: merchants' or suppliers' (and both); an operator all. */
export function audiencesOf(ctx: Ctx): HelpAudience[] | undefined {
  switch (ctx.actor.kind) {
    case 'merchant':
      return ['merchants', 'both'];
    case 'supplier':
      return ['suppliers', 'both'];
    default:
      return undefined;
  }
}

// ---- categories ----

export const listCategories = (ctx: Ctx): Promise<CategoryRow[]> => repo.listCategories(ctx);

export function createCategory(ctx: Ctx, name: string): Promise<CategoryRow> {
  return repo.insertCategory(ctx, name);
}

export async function renameCategory(ctx: Ctx, id: number, name: string): Promise<CategoryRow> {
  if (!(await repo.renameCategory(ctx, id, name))) throw notFound('Category');
  return { id, name };
}

/** The category goes; its articles stay, without a category. */
export async function deleteCategory(ctx: Ctx, id: number): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    if (!(await repo.deleteCategory(tx, id))) throw notFound('Category');
  });
}
