/**
 * From an event to a signed POST at each endpoint that wants it. The module hears every tenant
 * event (core/events `onEvery`), makes one delivery row per enabled endpoint subscribed to the
 * type, and a job per delivery sends it: a non-2xx, a refusal or a timeout is recorded and thrown,
 * so the jobs mechanism retries it with its backoff; after MAX_ATTEMPTS the delivery is failed. A
 * delivery's body is fixed when it is made, so every attempt, and a redelivery, sends the same
 * bytes under the same X-Webhook-Id.
 */
import { clock } from '../../core/clock.js';
import { requireTenantId, type Ctx } from '../../core/context.js';
import { decryptSecret } from '../../core/crypto.js';
import { withTransaction } from '../../core/db/index.js';
import { eventsInOrder, onEvery, type EventEnvelope } from '../../core/events.js';
import { featuresOfPlan } from '../../core/features.js';
import { scheduleJob, type JobHandler } from '../../core/jobs.js';
import { OutboundRefused, outboundFetch } from '../../core/outbound.js';
import { settingsOf } from '../../core/settings.js';
import { tenantForId } from '../../core/tenancy.js';
import { webhookErrors } from './errors.js';
import { webhookEndpoints } from './features.js';
import type { DeliverySource } from './model.js';
import * as repo from './repository.js';
import type { ReplayRange } from './schemas.js';
import { OUTBOUND_POLICY } from './service.js';
import { webhooksSettings } from './settings.js';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signatureHeader } from './signing.js';

export const DELIVER_JOB = 'webhooks.deliver';
/** With the jobs' backoff (2^n s, at most an hour) the last attempt comes about two hours after the first. */
export const MAX_ATTEMPTS = 12;
/** A receiver's answer is not read beyond its status: keep little of it. */
const MAX_ANSWER_BYTES = 64 * 1024;
const REPLAY_BATCH = 200;
const MAX_REPLAY_DAYS = 31;

/** What the receiver gets: `data` is the event's payload as declared by its module. */
export function deliveryBody(event: Pick<EventEnvelope, 'id' | 'type' | 'occurredAt' | 'payload'>): string {
  return JSON.stringify({ id: event.id, type: event.type, occurredAt: event.occurredAt, data: event.payload });
}

async function makeDelivery(tx: Ctx, endpointId: number, event: EventEnvelope, source: DeliverySource): Promise<void> {
  const deliveryId = await repo.insertDelivery(tx, { endpointId, eventId: event.id, eventType: event.type, body: deliveryBody(event), source });
  await scheduleDelivery(tx, deliveryId);
}

// The key names the shop too: a job key is unique across every shop, and a delivery that found its
// key taken would wait as `pending` for ever with no job to send it.
const scheduleDelivery = (tx: Ctx, deliveryId: number) =>
  scheduleJob(tx, DELIVER_JOB, clock.now(), { deliveryId }, { dedupeKey: `${DELIVER_JOB}:${requireTenantId(tx)}:${deliveryId}`, maxAttempts: MAX_ATTEMPTS });

/** A shop whose plan lost the feature (a downgrade) keeps its endpoints but sends nothing. */
async function planSends(tenantId: number): Promise<boolean> {
  const tenant = await tenantForId(tenantId);
  return !!tenant && featuresOfPlan(tenant.plan).has(webhookEndpoints.key);
}

/**
 * Each tenant event, once per endpoint: the subscription runs at least once, so an endpoint that
 * already has a delivery of this event gets no second one.
 */
export const fanOut = onEvery(
  'webhooks.fan-out',
  async (ctx, event) => {
    const endpoints = (await repo.enabledEndpoints(ctx)).filter((e) => e.types.includes(event.type));
    if (!endpoints.length || !(await planSends(event.tenantId!))) return;
    await withTransaction(ctx, async (tx) => {
      for (const e of endpoints) if (!(await repo.deliveriesOfEvent(tx, e.id, event.id))) await makeDelivery(tx, e.id, event, 'event');
    });
  },
  {
    tenantOnly: true,
    // most shops have no endpoint for most events: no fan-out job for those
    wants: async (ctx, event) => (await repo.enabledEndpoints(ctx)).some((e) => e.types.includes(event.type)),
  },
);

/** Ours to show the merchant: never what the remote answered (it is whatever the URL chose). */
function failureText(err: unknown, timeoutSeconds: number): string {
  if (err instanceof OutboundRefused) return err.message;
  const name = (err as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutSeconds} s`;
  const code = (err as { code?: string }).code;
  return code ? `connection failed (${code})` : 'connection failed';
}

type Attempt = { ok: true; status: number } | { ok: false; status: number | null; error: string };

async function post(ctx: Ctx, url: string, secret: string, deliveryId: number, body: string): Promise<Attempt> {
  const { timeoutSeconds } = await settingsOf(ctx, webhooksSettings);
  const headers = {
    'Content-Type': 'application/json',
    'User-Agent': 'S2B2C-Webhooks/1.0',
    [SIGNATURE_HEADER]: signatureHeader(secret, Math.floor(clock.nowMs() / 1000), body),
    [DELIVERY_HEADER]: String(deliveryId),
  };
  try {
    const res = await outboundFetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutSeconds * 1000), maxBytes: MAX_ANSWER_BYTES }, OUTBOUND_POLICY);
    return res.ok ? { ok: true, status: res.status } : { ok: false, status: res.status, error: `answered ${res.status}` };
  } catch (err) {
    return { ok: false, status: null, error: failureText(err, timeoutSeconds) };
  }
}

/** One attempt of one delivery; throws to be retried, returns when settled (delivered or failed). */
export const deliverJob: JobHandler = async (ctx, payload, job) => {
  const delivery = await repo.findDelivery(ctx, Number(payload.deliveryId));
  if (!delivery || delivery.status !== 'pending') return; // deleted with its endpoint, or settled already
  const endpoint = await repo.findEndpoint(ctx, delivery.endpointId);
  const secret = await repo.endpointSecret(ctx, delivery.endpointId);
  if (!endpoint || !secret) return;
  const attempts = delivery.attempts + 1;
  if (!endpoint.enabled) {
    await repo.updateDelivery(ctx, delivery.id, { status: 'failed', lastError: 'endpoint disabled' });
    return;
  }
  const outcome = await post(ctx, endpoint.url, decryptSecret(secret), delivery.id, delivery.body);
  if (outcome.ok) {
    await repo.updateDelivery(ctx, delivery.id, { status: 'delivered', attempts, responseStatus: outcome.status, lastError: null, deliveredAt: clock.now() });
    return;
  }
  const final = job.attempts >= MAX_ATTEMPTS;
  await repo.updateDelivery(ctx, delivery.id, { status: final ? 'failed' : 'pending', attempts, responseStatus: outcome.status, lastError: outcome.error });
  if (!final) throw new Error(`webhook delivery ${delivery.id}: ${outcome.error}`);
};

/** Sends one delivery again (a failed one, or one the receiver lost), same id and body. */
export async function redeliver(ctx: Ctx, deliveryId: number): Promise<repo.DeliveryRow> {
  return withTransaction(ctx, async (tx) => {
    const delivery = await repo.findDelivery(tx, deliveryId);
    if (!delivery) throw webhookErrors.deliveryNotFound();
    const endpoint = await repo.findEndpoint(tx, delivery.endpointId);
    if (!endpoint?.enabled) throw webhookErrors.disabled();
    if (delivery.status !== 'pending') await repo.updateDelivery(tx, deliveryId, { status: 'pending' });
    await scheduleDelivery(tx, deliveryId);
    return (await repo.findDelivery(tx, deliveryId))!;
  });
}

/**
 * The shop's past events of the endpoint's types in [from, to), read from the event store oldest
 * first, each sent again as a new delivery; an event whose delivery to this endpoint is still
 * pending is not doubled, so a replay repeated before the worker ran adds nothing.
 */
export async function replay(ctx: Ctx, endpointId: number, range: ReplayRange): Promise<number> {
  const endpoint = await repo.findEndpoint(ctx, endpointId);
  if (!endpoint) throw webhookErrors.endpointNotFound();
  if (!endpoint.enabled) throw webhookErrors.disabled();
  if (range.to <= range.from) throw webhookErrors.badRange('must be after from');
  if (range.to.getTime() - range.from.getTime() > MAX_REPLAY_DAYS * 86_400_000) throw webhookErrors.badRange(`a replay covers at most ${MAX_REPLAY_DAYS} days`);
  if (!(await planSends(ctx.tenantId!))) return 0;
  let scheduled = 0;
  for (let after = 0; ; ) {
    const events = await eventsInOrder({ tenantId: ctx.tenantId, from: range.from, to: range.to }, after, REPLAY_BATCH);
    const wanted = events.filter((e) => endpoint.types.includes(e.type));
    await withTransaction(ctx, async (tx) => {
      for (const e of wanted) {
        if (await repo.deliveriesOfEvent(tx, endpointId, e.id, ['pending'])) continue;
        await makeDelivery(tx, endpointId, { id: e.id, tenantId: e.tenantId, type: e.type, occurredAt: e.occurredAt.toISOString(), payload: e.payload }, 'replay');
        scheduled++;
      }
    });
    if (events.length < REPLAY_BATCH) return scheduled;
    after = events[events.length - 1]!.id;
  }
}
