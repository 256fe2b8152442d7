/** What the catalog tells other modules. */
import { z } from 'zod';
import { defineEvent } from '../../core/events.js';

const id = z.number().int().positive();

/** A product's status, price, stock or content changed: the shops that list it follow. */
export const productChanged = defineEvent('catalog.product.changed', z.object({ productId: id, reasons: z.array(z.enum(['status', 'price', 'stock', 'content'])) }));
/** A product (or a revision of a live one) waits for the platform's review. */
export const productSubmitted = defineEvent('catalog.product.submitted', z.object({ productId: id, revision: z.boolean().optional() }));
export const productApproved = defineEvent('catalog.product.approved', z.object({ productId: id, reason: z.string().nullable() }));
export const productRejected = defineEvent('catalog.product.rejected', z.object({ productId: id, reason: z.string().nullable() }));

/** Every event of this module, for its declaration (the platform's list of event types). */
export const catalogEvents = [productChanged, productSubmitted, productApproved, productRejected];
