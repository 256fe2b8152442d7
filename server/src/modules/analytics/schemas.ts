import { z } from 'zod';

export const visitBody = z.object({ visitorId: z.string().trim().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a visitor id of 8 to 64 letters, digits, - or _') }).strict();
export const visitReply = z.object({ counted: z.boolean() });

const count = z.number().nullable();
const dayFigures = z.object({ day: z.string(), orders: z.number(), amount: z.number(), visitors: z.number() });

const split = z.object({ orders: z.number(), amount: z.number() });
const channelSales = z.object({ online: split, counter: split });

export const workbenchReply = z.object({
  /** Waiting on the shop; null where the reader may not read what it counts. */
  todo: z.object({ toPay: count, toShip: count, toPickUp: count, aftersales: count, reviews: count, lowStock: count }),
  /** Beijing days: paid orders, paid amount (fen) and storefront visitors. Null without orders.read. */
  today: dayFigures.nullable(),
  yesterday: dayFigures.nullable(),
  /** The last 30 days, oldest first. */
  trend: z.array(dayFigures).nullable(),
  /** Paid orders online vs in-store (sold at a store's counter): today and the last 30 days. Null without orders.read. */
  channels: z.object({ today: channelSales, month: channelSales }).nullable(),
  /** A new shop's first steps; null without store.read. */
  setup: z.array(z.object({ step: z.enum(['brand', 'products', 'payment', 'homePage', 'miniProgram']), done: z.boolean() })).nullable(),
});

const ordersAndAmount = z.object({ orders: z.number(), amount: z.number() });
const todayAndWeek = z.object({ today: z.number(), week: z.number() }).nullable();

export const platformDashboardReply = z.object({
  /** Paid orders of every shop (GMV in fen); null without finance.read. */
  sales: z.object({ today: ordersAndAmount, week: ordersAndAmount, trend: z.array(ordersAndAmount.extend({ day: z.string() })) }).nullable(),
  newTenants: todayAndWeek,
  newSuppliers: todayAndWeek,
  /** Waiting for operators; each null without the permission that reads it. */
  queues: z.object({ suppliers: count, products: count, arbitration: count, withdrawals: count }),
});
