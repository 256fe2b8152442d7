/** Every query of the reviews module: plain rows of the ctx's tenant in and out. */
import { col, fn } from 'sequelize';
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { inTx, paginate, type PageQuery } from '../../core/db/index.js';
import { Review } from './model.js';

export interface ReviewRow {
  id: number;
  listingId: number;
  orderItemId: number;
  customerId: number;
  rating: number;
  content: string | null;
  images: string[];
  reply: string | null;
  repliedAt: Date | null;
  createdAt: Date;
}

const reviewRow = (r: Review): ReviewRow => ({
  id: r.id,
  listingId: r.listingId,
  orderItemId: r.orderItemId,
  customerId: r.customerId,
  rating: r.rating,
  content: r.content,
  images: r.images,
  reply: r.reply,
  repliedAt: r.repliedAt,
  createdAt: r.createdAt,
});

/** A review of an order line; a second one of the same line is refused by the unique key (UniqueConstraintError). */
export async function insertReview(ctx: Ctx, fields: Omit<ReviewRow, 'id' | 'createdAt'>): Promise<ReviewRow> {
  return reviewRow(await Review.create({ tenantId: requireTenantId(ctx), ...fields }, inTx(ctx)));
}

export async function findReview(ctx: Ctx, id: number): Promise<ReviewRow | null> {
  const r = await Review.findOne({ where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
  return r ? reviewRow(r) : null;
}

export interface ReviewFilter {
  listingId?: number;
  unreplied?: boolean;
}

/** A page of the shop's reviews, newest first, with the total. */
export async function reviewPage(ctx: Ctx, filter: ReviewFilter, page: PageQuery): Promise<{ rows: ReviewRow[]; count: number }> {
  const where = { tenantId: requireTenantId(ctx), ...(filter.listingId ? { listingId: filter.listingId } : {}), ...(filter.unreplied ? { reply: null } : {}) };
  const { rows, count } = await Review.findAndCountAll({ where, order: [['id', 'DESC']], ...paginate(page), ...inTx(ctx) });
  return { rows: rows.map(reviewRow), count };
}

/** The mean rating of a listing's reviews; null when it has none. */
export async function averageRating(ctx: Ctx, listingId: number): Promise<number | null> {
  const row = (await Review.findOne({ attributes: [[fn('AVG', col('rating')), 'average']], where: { tenantId: requireTenantId(ctx), listingId }, raw: true, ...inTx(ctx) })) as unknown as { average: number | string | null } | null;
  return row?.average == null ? null : Number(row.average);
}

export async function setReply(ctx: Ctx, id: number, reply: string, repliedAt: Date): Promise<void> {
  await Review.update({ reply, repliedAt }, { where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
}

/** The shop's reviews without a reply yet. */
export async function countUnreplied(ctx: Ctx): Promise<number> {
  return Review.count({ where: { tenantId: requireTenantId(ctx), reply: null }, ...inTx(ctx) });
}
