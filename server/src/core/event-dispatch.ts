/**
 * After commit, each stored event is fanned out to its subscribers: the dispatcher claims
 * undispatched events, schedules one delivery (a job) per subscriber and marks the events
 * dispatched, all in one transaction. A dispatcher that dies before committing leaves its events
 * undispatched and schedules nothing; the next one takes them. Each delivery is then a job of its
 * own: run at least once, retried on failure without touching the other subscribers' deliveries.
 */
import { clock } from './clock.js';
import { runInContext, systemContext, type Ctx } from './context.js';
import { dialect, inTx, parseJson, platformRows, platformWrite, withTransaction } from './db/index.js';
import { DomainEvent, eventsInOrder, type EventFilter } from './event-store.js';
import type { EventEnvelope, Subscription } from './events.js';
import { beforeEachClaim, defineJob, scheduleJob } from './jobs.js';

const subscriptions = new Map<string, Subscription[]>();

/** The type an `onEvery` subscription names: it hears every event (events.ts `everyEvent`). */
export const EVERY_TYPE = '*';

const deliveryJob = (sub: Subscription) => `event:${sub.event.type}:${sub.name}`;
/** At most one pending delivery of an event to a subscriber: a second dispatch or replay adds nothing. */
const deliveryKey = (eventId: number, sub: Subscription) => `event:${eventId}:${sub.name}`;

interface DeliveryPayload extends Record<string, unknown> {
  eventId: number;
  payload: unknown;
}

export function addSubscriptions(subs: readonly Subscription[]): void {
  for (const sub of subs) {
    const current = subscriptions.get(sub.event.type) ?? [];
    if (current.some((s) => s.name === sub.name)) throw new Error(`subscription ${sub.name} to ${sub.event.type} installed twice`);
    // the handler gets the payload as the event's schema reads it, typed
    defineJob(deliveryJob(sub), (ctx, job) => sub.handler(ctx, sub.event.payload.parse((job as DeliveryPayload).payload)));
    subscriptions.set(sub.event.type, [...current, sub]);
  }
}

const hears = (sub: Subscription, tenantId: number | null) => !sub.tenantOnly || tenantId !== null;

/** The subscribers of one event: those of its type, then those of every type. */
export function subscriptionsOf(type: string, tenantId: number | null = null): readonly Subscription[] {
  return [...(subscriptions.get(type) ?? []), ...(subscriptions.get(EVERY_TYPE) ?? [])].filter((s) => hears(s, tenantId));
}

interface PendingEvent {
  id: number;
  tenantId: number | null;
  type: string;
  payload: unknown;
  occurredAt: Date | string;
}

/** A subscriber to every type gets the event's envelope (which event, when); the others its payload. */
function deliveredPayload(event: PendingEvent, sub: Subscription): unknown {
  const payload = parseJson(event.payload, {});
  if (sub.event.type !== EVERY_TYPE) return payload;
  const envelope: EventEnvelope = { id: Number(event.id), tenantId: event.tenantId === null ? null : Number(event.tenantId), type: event.type, occurredAt: new Date(event.occurredAt).toISOString(), payload };
  return envelope;
}

async function scheduleDelivery(tx: Ctx, event: PendingEvent, sub: Subscription): Promise<boolean> {
  const payload: DeliveryPayload = { eventId: Number(event.id), payload: deliveredPayload(event, sub) };
  return scheduleJob(tx, deliveryJob(sub), clock.now(), payload, { dedupeKey: deliveryKey(Number(event.id), sub), tenantId: event.tenantId === null ? null : Number(event.tenantId) });
}

/** The subscriber's own check, read in the event's tenant inside the dispatching transaction. */
async function wanted(tx: Ctx, event: PendingEvent, sub: Subscription): Promise<boolean> {
  if (!sub.wants) return true;
  const tenantId = event.tenantId === null ? null : Number(event.tenantId);
  const asTenant: Ctx = { ...systemContext('events.dispatch', tenantId), transaction: tx.transaction };
  return runInContext(asTenant, () => sub.wants!(asTenant, { tenantId, type: event.type }));
}

const PENDING = 'SELECT id, tenant_id AS tenantId, type, payload, occurred_at AS occurredAt FROM domain_events WHERE dispatched_at IS NULL ORDER BY id LIMIT :max';

/**
 * MariaDB/MySQL: the undispatched rows are locked as read and rows another dispatcher holds are
 * skipped (READ COMMITTED, in the order of the (dispatched_at, id) index), so parallel dispatchers
 * take different events. An event still in its emitting transaction is invisible and skipped.
 */
async function claimSkippingLocked(tx: Ctx, max: number): Promise<PendingEvent[]> {
  const rows = await platformRows<PendingEvent>(tx, `${PENDING} FOR UPDATE SKIP LOCKED`, { max });
  if (rows.length) await platformWrite(tx, 'UPDATE domain_events SET dispatched_at = :now WHERE id IN (:ids)', { now: clock.now(), ids: rows.map((r) => r.id) });
  return rows;
}

/** SQLite has one writer: each event is taken with a conditional update, so only one dispatcher fans it out. */
async function claimOneByOne(tx: Ctx, max: number): Promise<PendingEvent[]> {
  const claimed: PendingEvent[] = [];
  for (const row of await platformRows<PendingEvent>(tx, PENDING, { max })) {
    const [taken] = await DomainEvent.update({ dispatchedAt: clock.now() }, { where: { id: row.id, dispatchedAt: null }, ...inTx(tx) });
    if (taken === 1) claimed.push(row);
  }
  return claimed;
}

export interface DispatchOptions {
  /** Events claimed per transaction. */
  batch?: number;
  /** Runs before the claiming transaction commits: tests stand a crash there. */
  beforeCommit?: () => Promise<void>;
}

/** Fans out every committed, undispatched event; returns how many events it dispatched. */
export async function dispatchEvents(options: DispatchOptions = {}): Promise<number> {
  const batch = options.batch ?? 100;
  let dispatched = 0;
  for (;;) {
    const claimed = await withTransaction(
      systemContext('events.dispatch'),
      async (tx) => {
        const events = dialect() === 'sqlite' ? await claimOneByOne(tx, batch) : await claimSkippingLocked(tx, batch);
        for (const event of events) {
          for (const sub of subscriptionsOf(event.type, event.tenantId)) if (await wanted(tx, event, sub)) await scheduleDelivery(tx, event, sub);
        }
        await options.beforeCommit?.();
        return events.length;
      },
    );
    dispatched += claimed;
    if (claimed < batch) return dispatched;
  }
}

beforeEachClaim(() => dispatchEvents());

const REPLAY_BATCH = 200;

/**
 * Deliveries of past events to one subscriber (by its name; `filter.type` picks one event when the
 * name subscribes to several), oldest first. A delivery still pending is not scheduled again, so a
 * replay repeated before the worker ran adds nothing; returns how many deliveries it scheduled.
 */
export async function replayEvents(ctx: Ctx, filter: EventFilter, subscriberName: string): Promise<number> {
  const every = (s: Subscription) => s.event.type === EVERY_TYPE;
  const subs = [...subscriptions.values()].flat().filter((s) => s.name === subscriberName && (!filter.type || every(s) || s.event.type === filter.type));
  if (!subs.length) throw new Error(`no subscription named ${subscriberName}${filter.type ? ` to ${filter.type}` : ''}`);
  let scheduled = 0;
  for (const sub of subs) {
    const typeFilter = every(sub) ? filter.type : sub.event.type;
    for (let after = 0; ; ) {
      const events = await eventsInOrder({ ...filter, type: typeFilter }, after, REPLAY_BATCH);
      if (!events.length) break;
      await withTransaction(ctx, async (tx) => {
        for (const e of events) if (hears(sub, e.tenantId) && (await scheduleDelivery(tx, e, sub))) scheduled++;
      });
      after = events[events.length - 1]!.id;
      if (events.length < REPLAY_BATCH) break;
    }
  }
  return scheduled;
}
