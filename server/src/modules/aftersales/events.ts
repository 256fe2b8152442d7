/** What the after-sales module tells other modules. */
import { z } from 'zod';
import { defineEvent } from '../../core/events.js';

const id = z.number().int().positive();

export const aftersaleOpened = defineEvent('aftersale.opened', z.object({ tenantId: id, aftersaleId: id, orderId: id }));
export const aftersaleStatusChanged = defineEvent('aftersale.status_changed', z.object({ tenantId: id, aftersaleId: id, orderId: id, customerId: id, status: z.string() }));

/** Every event of this module, for its declaration (the platform's list of event types). */
export const aftersalesEvents = [aftersaleOpened, aftersaleStatusChanged];
