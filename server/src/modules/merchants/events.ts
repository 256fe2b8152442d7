/** What the merchants module tells other modules. */
import { z } from 'zod';
import { defineEvent } from '../../core/events.js';

const id = z.number().int().positive();

/** A shop was opened: by sign-up, or by a brand owner for a distributor. */
export const tenantCreated = defineEvent('tenant.created', z.object({ tenantId: id, via: z.enum(['signup', 'distributor']), parentId: id.optional() }));

/** Every event of this module, for its declaration (the platform's list of event types). */
export const merchantsEvents = [tenantCreated];
