/** The group-buy module's bodies, queries and replies (types come from z.infer). */
import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/db/index.js';
import { orderViewSchema } from '../orders/index.js';

const id = z.number().int().positive();
const fen = z.number().int().min(1).max(100_000_000);
const when = z.coerce.date();

const activityShape = {
  name: z.string().trim().min(1).max(64).optional(),
  /** The shop's listing (its product id in the shop). */
  productId: id,
  groupSize: z.number().int().min(2).max(100),
  /** Time a group has to fill once its leader paid. */
  hours: z.number().int().min(1).max(72),
  startsAt: when,
  endsAt: when,
  /** 模拟成团: a group that has at least its leader paid is completed by the merchant at its deadline. */
  autoFill: z.boolean().optional(),
  prices: z.array(z.strictObject({ skuId: id, price: fen })).min(1).max(100),
};

export const activityBody = z.strictObject(activityShape);
export type ActivityBody = z.infer<typeof activityBody>;
export const activityUpdate = z.strictObject({ ...activityShape, productId: id.optional(), groupSize: activityShape.groupSize.optional(), hours: activityShape.hours.optional(), startsAt: when.optional(), endsAt: when.optional(), prices: activityShape.prices.optional() });
export type ActivityUpdate = z.infer<typeof activityUpdate>;

export const buyBody = z.strictObject({ skuId: id, addressId: id });
export type BuyBody = z.infer<typeof buyBody>;

export const ACTIVITY_STATUSES = ['not_started', 'running', 'ended'] as const;
export const GROUP_STATUSES = ['forming', 'succeeded', 'failed'] as const;

export const activityListQuery = pageQuery;
export const groupListQuery = pageQuery.extend({ status: z.enum(GROUP_STATUSES).optional() });
export type GroupListQuery = z.infer<typeof groupListQuery>;

const figures = z.object({ groupsOpened: z.number(), succeeded: z.number(), failed: z.number(), forming: z.number(), orders: z.number(), gmv: z.number(), refunds: z.number(), refundedAmount: z.number() });
const product = z.object({ id: z.number(), title: z.string(), image: z.string().nullable(), price: z.number() }).nullable();

export const activityView = z.object({
  id: z.number(),
  name: z.string(),
  productId: z.number(),
  product,
  groupSize: z.number(),
  hours: z.number(),
  autoFill: z.boolean(),
  startsAt: z.string(),
  endsAt: z.string(),
  endedAt: z.string().nullable(),
  status: z.enum(ACTIVITY_STATUSES),
  prices: z.array(z.object({ skuId: z.number(), price: z.number(), specs: z.record(z.string(), z.string()).optional(), normalPrice: z.number().optional() })),
  figures,
});
export type ActivityView = z.infer<typeof activityView>;
export const activityPageReply = pageSchema(activityView);
export const createdReply = z.object({ id: z.number() });

const memberView = z.object({ nickname: z.string().nullable(), leader: z.boolean(), simulated: z.boolean(), paidAt: z.string().nullable() });
export const groupView = z.object({
  id: z.number(),
  groupBuyId: z.number(),
  status: z.enum(GROUP_STATUSES),
  groupSize: z.number(),
  /** Members still missing (only paid members count). */
  needed: z.number(),
  /** Open to joining: the leader paid and the group is forming. */
  open: z.boolean(),
  simulated: z.boolean(),
  expiresAt: z.string(),
  members: z.array(memberView),
  /** The viewer is in it. */
  mine: z.boolean(),
});
export type GroupView = z.infer<typeof groupView>;

/** A group in the console: its members with their orders. */
export const adminGroupView = groupView.extend({
  leaderId: z.number(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  members: z.array(memberView.extend({ customerId: z.number().nullable(), orderId: z.number().nullable(), status: z.string(), amount: z.number() })),
});
export const groupPageReply = pageSchema(adminGroupView);

export const shopActivityView = z.object({
  id: z.number(),
  name: z.string(),
  productId: z.number(),
  title: z.string(),
  image: z.string().nullable(),
  images: z.array(z.string()),
  groupSize: z.number(),
  hours: z.number(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(ACTIVITY_STATUSES),
  /** The lowest group price and the lowest single price. */
  groupPrice: z.number(),
  price: z.number(),
  skus: z.array(z.object({ id: z.number(), specs: z.record(z.string(), z.string()), price: z.number(), groupPrice: z.number(), stock: z.number() })),
  groups: z.array(groupView),
});

export const buyReply = z.object({ group: groupView, order: orderViewSchema });
