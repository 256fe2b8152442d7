import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/db/index.js';
import { routeGroup } from '../../core/http.js';
import { imageUrl } from '../catalog/index.js';
import { productReviews, replyToReview, shopReviews, writeReview } from './service.js';
import { reviewViewSchema, shopProductsReviewsReply } from './schemas.js';

const route = routeGroup();
export const reviewsRoutes = route.list;

const tags = ['reviews'];

route({
  method: 'post', path: '/shop/products/:id/reviews', tags, summary: 'Review an item you received', tenant: true, auth: 'shopper', status: 201,
  resources: { id: 'listing' }, example: { orderItemId: 1, rating: 5 },
  body: z.object({ orderItemId: z.number().int().positive(), rating: z.number().int().min(1).max(5), content: z.string().trim().max(1000).optional(), images: z.array(imageUrl).max(9).optional() }).strict(),
  response: reviewViewSchema,
  handler: (ctx, { params, body }) => writeReview(ctx, params.id, body),
});

route({
  method: 'get', path: '/shop/products/:id/reviews', tags, summary: 'Reviews of a product with the average rating', tenant: true, auth: 'public',
  resources: { id: 'listing' }, query: pageQuery,
  response: shopProductsReviewsReply,
  handler: (ctx, { params, query }) => productReviews(ctx, params.id, query),
});

route({
  method: 'get', path: '/admin/reviews', tags, summary: 'Reviews of the shop\'s products', tenant: true, auth: 'merchant',
  permission: ['read', 'Review'], query: pageQuery.extend({ productId: z.coerce.number().int().positive().optional(), unreplied: z.coerce.boolean().optional() }),
  response: pageSchema(reviewViewSchema),
  handler: (ctx, { query }) => shopReviews(ctx, query),
});

route({
  method: 'post', path: '/admin/reviews/:id/reply', tags, summary: 'Reply to a review (once)', tenant: true, auth: 'merchant',
  permission: ['reply', 'Review'], resources: { id: 'review' }, example: { reply: '感谢支持' },
  body: z.object({ reply: z.string().trim().min(1).max(1000) }).strict(),
  response: reviewViewSchema,
  handler: (ctx, { params, body }) => replyToReview(ctx, params.id, body.reply),
  audit: { action: 'review.reply', target: ({ params }) => ({ type: 'review', id: params.id }) },
});
