import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/db/index.js';
import { declaredEvents } from '../../core/events.js';

/** Read when a request is checked, after the modules declared their events. */
const isEventType = (type: string) => declaredEvents().some((e) => e.type === type);

const eventTypes = z
  .array(z.string().trim().min(1).max(96).refine(isEventType, 'not an event type of the platform (see GET /admin/webhooks/event-types)'))
  .min(1)
  .max(64)
  .transform((types) => [...new Set(types)]);

const url = z.string().trim().max(512).url();

export const endpointBody = z.object({ url, types: eventTypes }).strict();
export const endpointUpdate = z.object({ url: url.optional(), types: eventTypes.optional(), enabled: z.boolean().optional() }).strict();
export type EndpointInput = z.infer<typeof endpointBody>;
export type EndpointChanges = z.infer<typeof endpointUpdate>;

/** A past range of the shop's events, `to` exclusive. */
export const replayBody = z.object({ from: z.coerce.date(), to: z.coerce.date() }).strict();
export type ReplayRange = z.infer<typeof replayBody>;

export const deliveriesQuery = pageQuery;

// ---- replies (dates as ISO strings on the wire) ----

export const endpointSchema = z.object({ id: z.number(), url: z.string(), types: z.array(z.string()), enabled: z.boolean(), createdAt: z.string(), updatedAt: z.string() });
export const endpointsReply = z.object({ items: z.array(endpointSchema) });
/** The secret is in this answer and the rotation's only: it is stored encrypted and never shown again. */
export const endpointCreatedReply = z.object({ endpoint: endpointSchema, secret: z.string() });
export const secretReply = z.object({ secret: z.string() });
export const deletedReply = z.object({ deleted: z.literal(true) });
export const eventTypesReply = z.object({ items: z.array(z.object({ type: z.string() })) });

export const deliverySchema = z.object({
  id: z.number(),
  endpointId: z.number(),
  eventId: z.number(),
  eventType: z.string(),
  source: z.enum(['event', 'replay']),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  responseStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});
export const deliveriesReply = pageSchema(deliverySchema);
export const replayReply = z.object({ scheduled: z.number() });
