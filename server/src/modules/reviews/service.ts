import { clock } from '../../core/clock.js';
import type { Actor, Ctx } from '../../core/context.js';
import { pageOf, withTransaction, type Page, type PageQuery } from '../../core/db/index.js';
import { conflict, invalidState, notFound, ValidationError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import { customerBrief, maskPhone } from '../customers/index.js';
import { assertListing } from '../market/index.js';
import { markReviewed, reviewableItem } from '../orders/index.js';
import { reviewCreated } from './events.js';
import * as repo from './repository.js';
import type { ReviewRow } from './repository.js';

type ShopperCtx = Ctx & { actor: Extract<Actor, { kind: 'shopper' }> };

export interface ReviewView {
  id: number;
  productId: number;
  rating: number;
  content: string | null;
  images: string[];
  specs: Record<string, string> | null;
  author: string;
  reply: string | null;
  repliedAt: string | null;
  createdAt: string;
}

async function views(ctx: Ctx, rows: ReviewRow[]): Promise<ReviewView[]> {
  const authors = new Map<number, string>();
  for (const id of new Set(rows.map((r) => r.customerId))) {
    const c = await customerBrief(ctx, id);
    authors.set(id, c?.nickname ?? maskPhone(c?.phone ?? null) ?? '匿名买家');
  }
  return rows.map((r) => ({
    id: r.id,
    productId: r.listingId,
    rating: r.rating,
    content: r.content,
    images: r.images,
    specs: null,
    author: authors.get(r.customerId) ?? '匿名买家',
    reply: r.reply,
    repliedAt: r.repliedAt ? r.repliedAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function writeReview(ctx: ShopperCtx, listingId: number, input: { orderItemId: number; rating: number; content?: string; images?: string[] }): Promise<ReviewView> {
  await assertListing(ctx, listingId);
  return withTransaction(ctx, async (tx) => {
    const item = await reviewableItem(tx, ctx.actor.id, input.orderItemId);
    if (!item || item.listingId !== listingId) throw ValidationError.field('orderItemId', 'not an item you bought of this product');
    if (!item.received) throw invalidState('Review an item once it has been received');
    if (item.reviewed) throw conflict('already_reviewed', 'This item has been reviewed');
    const review = await repo.insertReview(tx, { listingId, orderItemId: input.orderItemId, customerId: ctx.actor.id, rating: input.rating, content: input.content ?? null, images: input.images ?? [], reply: null, repliedAt: null }).catch((err: Error) => {
      if (err.name === 'SequelizeUniqueConstraintError') throw conflict('already_reviewed', 'This item has been reviewed');
      throw err;
    });
    await markReviewed(tx, input.orderItemId);
    await emit(tx, reviewCreated, { tenantId: tx.tenantId!, reviewId: review.id, customerId: ctx.actor.id, listingId });
    return (await views(tx, [review]))[0]!;
  });
}

export async function productReviews(ctx: Ctx, listingId: number, q: PageQuery): Promise<Page<ReviewView> & { average: number | null; count: number }> {
  await assertListing(ctx, listingId);
  const { rows, count } = await repo.reviewPage(ctx, { listingId }, q);
  const mean = await repo.averageRating(ctx, listingId);
  const average = mean === null ? null : Math.round(mean * 10) / 10;
  return { ...pageOf(q, await views(ctx, rows), count), average, count };
}

export async function replyToReview(ctx: Ctx, id: number, reply: string): Promise<ReviewView> {
  const review = await repo.findReview(ctx, id);
  if (!review) throw notFound('Review');
  if (review.reply) throw conflict('already_replied', 'The shop has replied to this review');
  const repliedAt = clock.now();
  await repo.setReply(ctx, id, reply, repliedAt);
  return (await views(ctx, [{ ...review, reply, repliedAt }]))[0]!;
}

export async function shopReviews(ctx: Ctx, q: PageQuery & { productId?: number; unreplied?: boolean }): Promise<Page<ReviewView>> {
  const { rows, count } = await repo.reviewPage(ctx, { listingId: q.productId, unreplied: q.unreplied }, q);
  return pageOf(q, await views(ctx, rows), count);
}

/** Reviews waiting for the shop's reply (the workbench's to-do). */
export function unrepliedReviews(ctx: Ctx): Promise<number> {
  return repo.countUnreplied(ctx);
}
