/**
 * The queued way of writing a flash sale's orders (config `flashSale.orderWrite: 'queued'`): the
 * winner gets a ticket at once, a job places the order. The ticket's state lives in the cache
 * (Redis, or the process's memory embedded) for a day: queued -> placed {orderId} | failed {code}.
 * The job is placed once per ticket, however often it runs: the ticket is the Idempotency-Key of
 * its placeOrder (claimed in the order's own transaction, so an order and its answer commit
 * together), and the units of a failed ticket go back once (a marker only one run sets).
 */
import { createHash, randomBytes } from 'node:crypto';
import { cache } from '../../core/cache.js';
import { clock, days } from '../../core/clock.js';
import { requireTenantId, withActor, type Actor, type Ctx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { runIdempotent } from '../../core/idempotency.js';
import { nudgeJobWorker, scheduleJob, type JobHandler } from '../../core/jobs.js';
import { KIND, placeOrder, placedView } from '../orders/index.js';
import { allocator } from './allocator.js';

export const PLACE_JOB = 'flashsale.place-ticket';

export type Ticket = { customerId: number; status: 'queued' } | { customerId: number; status: 'placed'; orderId: number } | { customerId: number; status: 'failed'; code: string };

export interface TicketWork {
  ticket: string;
  customerId: number;
  sessionId: string;
  itemId: number;
  skuId: number;
  quantity: number;
  addressId: number;
}

const TTL_SECONDS = days(1) / 1000;
const ticketKey = (tenantId: number, ticket: string) => `flash:ticket:${tenantId}:${ticket}`;

async function writeTicket(tenantId: number, ticket: string, state: Ticket): Promise<void> {
  await cache().set(ticketKey(tenantId, ticket), JSON.stringify(state), TTL_SECONDS);
}

/** A shopper's own ticket; null for another's or an unknown one. */
export async function readTicket(ctx: Ctx, customerId: number, ticket: string): Promise<Ticket | null> {
  const raw = await cache().get(ticketKey(requireTenantId(ctx), ticket));
  const state = raw ? (JSON.parse(raw) as Ticket) : null;
  return state && state.customerId === customerId ? state : null;
}

/** Queues the placing of a winner's order: the ticket first (the shopper polls it), then the job. */
export async function enqueue(ctx: Ctx, work: Omit<TicketWork, 'ticket'>): Promise<string> {
  const ticket = randomBytes(12).toString('base64url');
  await writeTicket(requireTenantId(ctx), ticket, { customerId: work.customerId, status: 'queued' });
  await scheduleJob(ctx, PLACE_JOB, clock.now(), { ...work, ticket }, { maxAttempts: 5 });
  nudgeJobWorker();
  return ticket;
}

/** The job: the order placed as the shopper, once per ticket; a refusal fails the ticket and gives the units back once. */
export const placeTicketJob: JobHandler = async (ctx, payload) => {
  const work = payload as unknown as TicketWork;
  const tenantId = requireTenantId(ctx);
  const actor: Extract<Actor, { kind: 'shopper' }> = { kind: 'shopper', id: work.customerId, tenantId, sessionId: work.sessionId };
  const shopper = withActor(ctx, actor);
  const hash = createHash('sha256').update(JSON.stringify([work.itemId, work.quantity, work.addressId])).digest('hex');
  const reply = await runIdempotent(
    shopper,
    `flash ticket ${work.itemId}`,
    work.ticket,
    hash,
    async (keyed) => {
      const placed = await placeOrder({ ...keyed, actor }, {
        items: [{ skuId: work.skuId, quantity: work.quantity }],
        addressId: work.addressId,
        activity: { kind: KIND.flashSale, id: work.itemId },
      });
      return { status: 201, body: placedView(placed) };
    },
    { mode: 'transaction', status: 201 },
  ).catch((err: unknown) => {
    // a refusal (stored for the ticket) is an answer; anything else is retried by the job runner
    if (err instanceof AppError && err.status < 500) return { status: err.status, body: { error: { code: err.code } } };
    throw err;
  });
  if (reply.status < 300) {
    await writeTicket(tenantId, work.ticket, { customerId: work.customerId, status: 'placed', orderId: (reply.body as { id: number }).id });
    return;
  }
  const code = (reply.body as { error?: { code?: string } }).error?.code ?? 'failed';
  // a second run of a failed ticket finds the marker set and gives nothing back again
  if (await cache().setIfAbsent(`flash:ticket-given:${tenantId}:${work.ticket}`, '1', days(1))) {
    await allocator().give({ tenantId, itemId: work.itemId }, work.customerId, work.quantity);
  }
  await writeTicket(tenantId, work.ticket, { customerId: work.customerId, status: 'failed', code });
};
