/** What the suppliers module tells other modules: an application and the platform's decisions on it. */
import { z } from 'zod';
import { defineEvent } from '../../core/events.js';

const supplier = z.object({ supplierId: z.number().int().positive() });
const decided = supplier.extend({ reason: z.string().nullable() });

export const supplierApplied = defineEvent('supplier.applied', supplier);
export const supplierApproved = defineEvent('supplier.approved', decided);
export const supplierRejected = defineEvent('supplier.rejected', decided);
export const supplierSuspended = defineEvent('supplier.suspended', decided);

/** The event of each status a review can lead to. */
export const supplierStatusEvents = { approved: supplierApproved, rejected: supplierRejected, suspended: supplierSuspended } as const;

/** Every event of this module, for its declaration (the platform's list of event types). */
export const suppliersEvents = [supplierApplied, supplierApproved, supplierRejected, supplierSuspended];
