/**
 * Parcels and their routes. A parcel is followed from the moment it ships: Kuaidi100 pushes
 * updates to our callback (signed with our salt), and a shopper's tracking request refreshes a
 * stale route by query. Without Kuaidi100 settings the sandbox tracks parcels locally.
 */
import { clock } from '../../core/clock.js';
import { config, kuaidi100On } from '../../core/config.js';
import type { Ctx } from '../../core/context.js';
import { logger } from '../../core/logger.js';
import { platformUrl } from '../../core/tenancy.js';
import { Kuaidi100 } from './tracking/kuaidi100.js';
import { SandboxTracking } from './tracking/sandbox.js';
import { findParcel, insertParcel, updateParcel, type ParcelRow } from './repository.js';
import type { TrackingEvent, TrackingProvider, TrackingResult, TrackingState } from './tracking/types.js';

let provider: TrackingProvider | undefined;

export function tracking(): TrackingProvider {
  const k = config().kuaidi100;
  return (provider ??= kuaidi100On(config())
    ? new Kuaidi100({ customer: k.customer!, key: k.key!, salt: k.salt, pollBaseUrl: k.baseUrl })
    : new SandboxTracking({ salt: k.salt }));
}

export function useTracking(next: TrackingProvider | undefined): void {
  provider = next;
}

const STALE_MS = 30 * 60_000;

async function parcelOf(ctx: Ctx, carrier: string, trackingNo: string): Promise<ParcelRow> {
  const existing = await findParcel(ctx, carrier, trackingNo);
  if (existing) return existing;
  try {
    return await insertParcel(ctx, { carrier, trackingNo, state: 'no_info', events: [], subscribed: false, lastTrackedAt: null });
  } catch {
    // followed meanwhile by another shipment of the same parcel
    return (await findParcel(ctx, carrier, trackingNo))!;
  }
}

/** Keeps the parcel's latest route; `parcel` is updated in place for the caller's view. */
async function record(ctx: Ctx, parcel: ParcelRow, result: TrackingResult): Promise<void> {
  const changes = { state: result.state, events: result.events.slice(0, 100), lastTrackedAt: clock.now() };
  await updateParcel(ctx, parcel.id, changes);
  Object.assign(parcel, changes);
}

/** A parcel just shipped: register it and ask the provider to push its updates. */
export async function followParcel(ctx: Ctx, carrier: string, trackingNo: string, phone?: string): Promise<void> {
  const parcel = await parcelOf(ctx, carrier, trackingNo);
  if (parcel.subscribed) return;
  try {
    await tracking().subscribe({ carrier, trackingNo, phone, callbackUrl: platformUrl('/api/v1/logistics/kuaidi100/callback') });
    await updateParcel(ctx, parcel.id, { subscribed: true });
  } catch (err) {
    logger().warn({ err, carrier, trackingNo }, 'parcel subscription failed; tracking will query instead');
  }
}

export interface ParcelView {
  carrier: string;
  trackingNo: string;
  state: TrackingState;
  events: TrackingEvent[];
  updatedAt: string | null;
}

/** Current routes of some parcels, refreshing stale ones by query (failures keep the last known route). */
export async function parcelRoutes(ctx: Ctx, parcels: Array<{ carrier: string; trackingNo: string; phone?: string }>): Promise<ParcelView[]> {
  const out: ParcelView[] = [];
  for (const p of parcels) {
    const parcel = await parcelOf(ctx, p.carrier, p.trackingNo);
    const stale = parcel.state !== 'delivered' && (!parcel.lastTrackedAt || clock.nowMs() - parcel.lastTrackedAt.getTime() > STALE_MS);
    if (stale) {
      try {
        await record(ctx, parcel, await tracking().query({ carrier: p.carrier, trackingNo: p.trackingNo, phone: p.phone?.slice(-4) }));
      } catch (err) {
        logger().warn({ err, carrier: p.carrier, trackingNo: p.trackingNo }, 'tracking query failed');
      }
    }
    out.push({ carrier: parcel.carrier, trackingNo: parcel.trackingNo, state: parcel.state, events: parcel.events, updatedAt: parcel.lastTrackedAt ? parcel.lastTrackedAt.toISOString() : null });
  }
  return out;
}

/** Kuaidi100 (or the sandbox) pushes a parcel's route; verified by the adapter. */
export async function receiveCallback(ctx: Ctx, fields: Record<string, string>): Promise<{ ok: boolean; ack: unknown }> {
  try {
    const result = tracking().parseCallback(fields);
    // only parcels we follow: a push never creates rows
    const parcel = await findParcel(ctx, result.carrier, result.trackingNo);
    if (parcel) await record(ctx, parcel, result);
    return { ok: true, ack: tracking().callbackAck(true) };
  } catch (err) {
    logger().warn({ err }, 'refused a tracking callback');
    return { ok: false, ack: tracking().callbackAck(false) };
  }
}
