/**
 * Typed domain events. An event is declared once, by the module that emits it, with the zod schema
 * of its payload; emitters and subscribers both name the declaration, never a string.
 *
 * `emit` writes one row (domain_events) in the caller's transaction, whatever the number of
 * subscribers; after commit the dispatcher (event-dispatch.ts) fans it out, one delivery per
 * subscriber, each a job run at least once and retried on its own: subscribers must be idempotent.
 * The rows stay, readable by tenant, type and time (event-store.ts) and replayable to a subscriber.
 */
import { z } from 'zod';
import type { Ctx } from './context.js';
import { addSubscriptions, EVERY_TYPE } from './event-dispatch.js';
import { recordEvent } from './event-store.js';
import { nudgeJobWorker } from './jobs.js';

export { dispatchEvents, replayEvents } from './event-dispatch.js';
export { eventFilter, eventQuery, eventsInOrder, listEvents, storedEventSchema, type EventFilter, type EventQuery, type StoredEvent } from './event-store.js';

export interface EventDef<P = unknown> {
  /** `<module>.<what happened>`, past tense (`order.paid`). */
  readonly type: string;
  readonly payload: z.ZodType<P>;
}

export type PayloadOf<E> = E extends EventDef<infer P> ? P : never;

export function defineEvent<S extends z.ZodType>(type: string, payload: S): EventDef<z.output<S>> {
  return { type, payload: payload as z.ZodType<z.output<S>> };
}

export interface Subscription<P = unknown> {
  readonly event: EventDef<P>;
  /** Only events emitted in a tenant's context are delivered (an `onEvery` subscriber's choice). */
  readonly tenantOnly?: boolean;
  /** Names the reaction (`market.follow-product`), unique per event; its deliveries are tracked by it. */
  readonly name: string;
  /** A method, not a function property: a Subscription<P> then stands in a list of Subscription (any P). */
  handler(ctx: Ctx, payload: P): Promise<void>;
  /**
   * Asked by the dispatcher, in the event's tenant, before a delivery is scheduled: a subscriber
   * that hears every event but cares for few (a shop without webhook endpoints) costs one read
   * instead of a job per event. Deliveries a replay schedules skip it.
   */
  wants?(ctx: Ctx, event: { tenantId: number | null; type: string }): Promise<boolean>;
}

export function on<P>(event: EventDef<P>, name: string, handler: (ctx: Ctx, payload: P) => Promise<void>): Subscription<P> {
  return { event, name, handler };
}

/** An event as a subscriber to every type receives it: which event, and its payload as stored. */
export interface EventEnvelope {
  id: number;
  tenantId: number | null;
  type: string;
  occurredAt: string;
  payload: unknown;
}

const envelope = z.object({ id: z.number(), tenantId: z.number().nullable(), type: z.string(), occurredAt: z.string(), payload: z.unknown() });

/**
 * Stands for every event type in a subscription (`onEvery`); never emitted. A subscriber that
 * forwards whatever happens (webhooks, an audit stream, an analytics export) names no module's
 * event, so core stays free of module imports and a module added later is covered the day it lands.
 */
export const everyEvent: EventDef<EventEnvelope> = { type: EVERY_TYPE, payload: envelope as z.ZodType<EventEnvelope> };

/** A subscription to every event type; `tenantOnly` skips the platform's own events (no tenant). */
export function onEvery(
  name: string,
  handler: (ctx: Ctx, event: EventEnvelope) => Promise<void>,
  opts: { tenantOnly?: boolean; wants?: Subscription['wants'] } = {},
): Subscription<EventEnvelope> {
  return { event: everyEvent, name, handler, ...(opts.tenantOnly ? { tenantOnly: true } : {}), ...(opts.wants ? { wants: opts.wants } : {}) };
}

const declared = new Map<string, EventDef>();

/** The event types the installed modules declare (their `events`), for lists a merchant picks from. */
export function installEvents(defs: readonly EventDef[]): void {
  for (const def of defs) {
    if (def.type === EVERY_TYPE) throw new Error('the every-event stand-in is not an event to declare');
    const known = declared.get(def.type);
    if (known && known !== def) throw new Error(`event ${def.type} declared twice`);
    declared.set(def.type, def);
  }
}

export function declaredEvents(): readonly EventDef[] {
  return [...declared.values()];
}

/**
 * Records the event in the caller's transaction (one INSERT), so it exists exactly when the change
 * does. A payload its schema refuses is a bug in the emitter, not bad input: it throws.
 */
export async function emit<P>(ctx: Ctx, event: EventDef<P>, payload: NoInfer<P>): Promise<void> {
  const parsed = event.payload.safeParse(payload);
  if (!parsed.success) throw new Error(`event ${event.type} emitted with a payload its schema refuses: ${parsed.error.message}`);
  await recordEvent(ctx, event.type, parsed.data);
  // the worker of this process, if any, dispatches at once instead of at its next tick
  if (ctx.transaction) ctx.transaction.afterCommit(nudgeJobWorker);
  else nudgeJobWorker();
}

/** Every module's subscriptions, once each: a second subscription of one name to one event is refused. */
export function installSubscriptions(subs: readonly Subscription[]): void {
  addSubscriptions(subs);
}
