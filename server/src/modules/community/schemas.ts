/** The community module's bodies, queries and replies (types come from z.infer). */
import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/db/index.js';
import { phoneSchema } from '../customers/index.js';
import { orderItemsInput, orderViewSchema } from '../orders/index.js';

const id = z.number().int().positive();
const fen = z.number().int().min(1).max(100_000_000);
const when = z.coerce.date();
const text = (max: number) => z.string().trim().min(1).max(max);

export const pointInput = z.strictObject({
  name: text(64),
  province: text(32),
  city: text(32),
  district: text(32),
  detail: text(255),
  /** Opening hours, as the leader writes them (每天 9:00-21:00). */
  hours: z.string().trim().max(64).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
});

export const applyBody = z.strictObject({ name: text(32), phone: phoneSchema, pickupPoint: pointInput });
export type ApplyBody = z.infer<typeof applyBody>;
export const applyReply = z.object({ id: z.number(), status: z.enum(['pending', 'approved', 'rejected']) });

export const LEADER_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const leaderListQuery = pageQuery.extend({ status: z.enum(LEADER_STATUSES).optional() });
export const rejectBody = z.strictObject({ reason: z.string().trim().max(200).optional() });

export const pointView = z.object({
  id: z.number(),
  name: z.string(),
  province: z.string(),
  city: z.string(),
  district: z.string(),
  detail: z.string(),
  address: z.string(),
  hours: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  /** The leader's name as shoppers see it (团长). */
  leaderName: z.string(),
  /** Metres from the position asked about; null without one or for a point without a position. */
  distance: z.number().nullable(),
});
export type PointView = z.infer<typeof pointView>;

export const leaderView = z.object({
  id: z.number(),
  customerId: z.number(),
  name: z.string(),
  phone: z.string(),
  status: z.enum(LEADER_STATUSES),
  rejectReason: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  createdAt: z.string(),
  pickupPoint: pointView,
});
export type LeaderView = z.infer<typeof leaderView>;
export const leaderPageReply = pageSchema(leaderView);

export const pointsQuery = z.strictObject({ lat: z.coerce.number().min(-90).max(90).optional(), lng: z.coerce.number().min(-180).max(180).optional() });
export const pointsReply = z.object({ items: z.array(pointView) });

export const activityBody = z.strictObject({
  name: text(64),
  startsAt: when,
  /** 截单: orders are taken until then. */
  cutoffAt: when,
  /** The day the goods reach the points. */
  deliverAt: when,
  items: z.array(z.strictObject({ skuId: id, price: fen })).min(1).max(100),
});
export type ActivityBody = z.infer<typeof activityBody>;

export const ACTIVITY_STATUSES = ['not_started', 'running', 'cut_off'] as const;
export const activityItemView = z.object({
  skuId: z.number(),
  productId: z.number(),
  title: z.string(),
  specs: z.record(z.string(), z.string()),
  image: z.string().nullable(),
  /** The shop's price. */
  shopPrice: z.number(),
  price: z.number(),
  stock: z.number(),
});
export const activityView = z.object({
  id: z.number(),
  name: z.string(),
  status: z.enum(ACTIVITY_STATUSES),
  startsAt: z.string(),
  cutoffAt: z.string(),
  deliverAt: z.string(),
  items: z.array(activityItemView),
});
export type ActivityView = z.infer<typeof activityView>;
export const activityPageReply = pageSchema(activityView);
export const activityListQuery = pageQuery;
export const shopActivitiesReply = z.object({ items: z.array(activityView) });

export const buyBody = z.strictObject({ items: orderItemsInput, pickupPointId: id, remark: z.string().trim().max(200).optional() });
export type BuyBody = z.infer<typeof buyBody>;

const pickLine = z.object({ skuId: z.number(), title: z.string(), specs: z.record(z.string(), z.string()), quantity: z.number() });
export const pickListReply = z.object({
  activityId: z.number(),
  name: z.string(),
  cutoffAt: z.string(),
  deliverAt: z.string(),
  cutOff: z.boolean(),
  points: z.array(z.object({ pointId: z.number(), pointName: z.string(), leaderName: z.string(), phone: z.string(), address: z.string(), orders: z.number(), lines: z.array(pickLine) })),
  suppliers: z.array(z.object({ owner: z.enum(['shop', 'supplier']), supplierId: z.number().nullable(), name: z.string(), lines: z.array(pickLine) })),
  totals: z.array(pickLine),
});
export type PickList = z.infer<typeof pickListReply>;
export const pickListQuery = z.strictObject({ activityId: z.coerce.number().int().positive(), /** The sheet, as the Accept header can ask too. */ format: z.enum(['json', 'xlsx']).optional() });

export const batchView = z.object({
  id: z.number(),
  activityId: z.number(),
  activityName: z.string(),
  pointId: z.number(),
  pointName: z.string(),
  /** 1 for the first batch to the point; orders paid after it arrived go in round 2, and so on. */
  round: z.number(),
  status: z.enum(['shipped', 'arrived']),
  orderCount: z.number(),
  shippedAt: z.string(),
  arrivedAt: z.string().nullable(),
});
export type BatchView = z.infer<typeof batchView>;
export const batchesReply = z.object({ items: z.array(batchView) });
export const batchesQuery = z.strictObject({ activityId: z.coerce.number().int().positive().optional() });
export const shipBody = z.strictObject({ activityId: id, pointId: id.optional() });

export const codeBody = z.strictObject({ code: z.string().trim().regex(/^\d{8}$/, 'the 8-digit pickup code') });

export const PICKUP_STATES = ['unpaid', 'waiting', 'on_the_way', 'ready', 'picked_up', 'closed'] as const;
export const pointOrderView = z.object({
  orderId: z.number(),
  orderNo: z.string(),
  activityId: z.number(),
  customer: z.object({ nickname: z.string().nullable(), phone: z.string().nullable() }).nullable(),
  state: z.enum(PICKUP_STATES),
  payAmount: z.number(),
  createdAt: z.string(),
  receivedAt: z.string().nullable(),
  lines: z.array(z.object({ title: z.string(), specs: z.record(z.string(), z.string()), quantity: z.number() })),
});
export type PointOrderView = z.infer<typeof pointOrderView>;
export const pointOrdersReply = pageSchema(pointOrderView);
export const pointOrdersQuery = pageQuery;

export const verifyReply = z.object({ orderId: z.number(), orderNo: z.string(), pointId: z.number(), lines: pointOrderView.shape.lines });

export const leaderMeReply = z.object({
  leader: leaderView.nullable(),
  /** Commission earned at this point (fen), from the ledger when distribution books it. */
  earnings: z.object({ frozen: z.number(), available: z.number() }).nullable(),
  commissionBps: z.number(),
});

export { orderViewSchema };
