import { z } from 'zod';
import { pageSchema } from '../../core/db/index.js';
import { ALL_REASON_CODES } from './reasons.js';

/** A photo of the problem: a URL `POST /uploads` returned. */
export const imageUrlSchema = z.string().trim().max(512).refine((v) => v.startsWith('/uploads/') || /^https?:\/\//.test(v), 'a URL returned by POST /uploads');
export const reasonCodeSchema = z.enum(ALL_REASON_CODES);

export const caseEventSchema = z.object({
  kind: z.enum(['applied', 'approved', 'refused', 'returning', 'returned', 'reshipped', 'refunded', 'closed', 'withdrawn', 'escalated', 'arbitrated', 'message']),
  actor: z.enum(['shopper', 'shop', 'supplier', 'platform', 'system']),
  text: z.string().nullable(),
  details: z
    .object({
      reason: z.string().optional(),
      carrier: z.string().optional(),
      trackingNo: z.string().optional(),
      amount: z.number().optional(),
      decision: z.enum(['reject', 'approve', 'refund']).optional(),
    })
    .nullable(),
  images: z.array(z.string()),
  at: z.string(),
});

export const caseQuoteSchema = z.object({
  type: z.enum(['refund_only', 'return_refund', 'exchange', 'repair']),
  amount: z.number(),
  freight: z.number(),
  lines: z.array(z.object({ orderItemId: z.number(), quantity: z.number(), amount: z.number() })),
});

// ---- replies: what each route answers (checked against every reply in tests) ----

export const returnAddressSchema = z.object({ name: z.string(), phone: z.string(), address: z.string() });

export const arbitrationSchema = z.object({
  decision: z.enum(["reject", "approve", "refund"]),
  reason: z.string(),
  amount: z.number().optional(),
  at: z.string(),
  by: z.number().nullable(),
});

export const aftersaleViewSchema = z.object({
  id: z.number(),
  orderId: z.number(),
  /** What the case is about: the order's number and where it stands. */ order: z.object({
    orderNo: z.string(),
    status: z.enum(["paid", "pending_payment", "shipped", "received", "completed", "cancelled", "refunded"]),
    payAmount: z.number(),
    refundedAmount: z.number(),
  }),
  type: z.enum(["refund_only", "return_refund", "exchange", "repair"]),
  status: z.enum(["returning", "pending", "approved", "closed", "refunded", "returned", "refused", "reshipped", "escalated"]),
  reason: z.string(),
  /** The preset reason the shopper picked (null on cases opened before there were any). */ reasonCode: reasonCodeSchema.nullable(),
  /** The shopper's photos with the application. */ evidence: z.array(z.string()),
  amount: z.number(),
  refundedAmount: z.number(),
  refuseReason: z.string().nullable(),
  returnAddress: returnAddressSchema.nullable(),
  returnCarrier: z.string().nullable(),
  returnTrackingNo: z.string().nullable(),
  returnedAt: z.string().nullable(),
  /** The replacement or repaired item on its way back (exchanges and repairs). */ reshipCarrier: z.string().nullable(),
  reshipTrackingNo: z.string().nullable(),
  reshippedAt: z.string().nullable(),
  arbitration: arbitrationSchema.nullable(),
  /** Who decides the case: the supplier of its goods, or the shop. */ owner: z.object({
    kind: z.enum(["supplier", "tenant"]),
    id: z.number(),
    name: z.string(),
  }),
  /** The lines asked about, with what the order snapshotted of them. */ items: z.array(z.object({
    orderItemId: z.number(),
    quantity: z.number(),
    amount: z.number(),
    title: z.string(),
    specs: z.record(z.string(), z.string()),
    image: z.string().nullable(),
    unitPrice: z.number(),
  })),
  /** Refunds the case led to, oldest first: one the gateway refused (`failed`) may be tried again. */ refunds: z.array(z.object({
    id: z.number(),
    amount: z.number(),
    status: z.enum(["pending", "failed", "succeeded"]),
    error: z.string().nullable(),
  })),
  /** What happened to the case, oldest first: each step, and the messages with their photos. */ timeline: z.array(caseEventSchema),
  escalatedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A case in a queue that spans shops (a supplier's, the platform's): it names its shop. */
export const crossShopAftersaleSchema = aftersaleViewSchema.extend({ tenantId: z.number(), shopName: z.string() });

export const supplierAftersalesReply = pageSchema(crossShopAftersaleSchema);
