import { z } from 'zod';
import { pageQuery } from '../../core/db/index.js';
import { normalizeCarrier } from '../fulfillment/index.js';

export const orderItemsInput = z.array(z.object({ skuId: z.number().int().positive(), quantity: z.number().int().min(1).max(999) }).strict()).min(1).max(50);

export const placeBody = z
  .object({
    items: orderItemsInput,
    addressId: z.number().int().positive().optional(),
    delivery: z.enum(['express', 'pickup']).optional(),
    remark: z.string().trim().max(200).optional(),
  })
  .strict();

export { payChoice as payBody } from '../payments/index.js';

const statuses = ['pending_payment', 'paid', 'shipped', 'received', 'completed', 'cancelled', 'refunded'] as const;
export const orderListQuery = pageQuery.extend({ status: z.enum(statuses).optional(), q: z.string().trim().max(32).optional() });
export const fulfillmentQuery = pageQuery.extend({ status: z.enum(['to_ship', 'shipped', 'ready_for_pickup', 'received', 'cancelled']).optional() });

/** A Kuaidi100 company code (shunfeng) or the carrier's Chinese name (顺丰). */
export const carrierSchema = z
  .string()
  .trim()
  .min(2)
  .max(32)
  .transform((value, issue) => {
    const code = normalizeCarrier(value);
    if (!code) {
      issue.addIssue({ code: 'custom', message: 'an express company code (shunfeng, yuantong, ...) or its name' });
      return z.NEVER;
    }
    return code;
  });

export const shipBody = z
  .object({
    carrier: carrierSchema,
    trackingNo: z.string().trim().regex(/^[A-Za-z0-9-]{6,40}$/, '6 to 40 letters, digits or hyphens'),
    items: z.array(z.object({ orderItemId: z.number().int().positive(), quantity: z.number().int().min(1) }).strict()).max(100).optional(),
  })
  .strict();

export const refundBody = z
  .object({
    amount: z.number().int().min(1).optional(),
    items: z.array(z.object({ orderItemId: z.number().int().positive(), quantity: z.number().int().min(1) }).strict()).max(100).optional(),
    reason: z.string().trim().min(2).max(255),
  })
  .strict();
