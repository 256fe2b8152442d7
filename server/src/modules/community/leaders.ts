/**
 * Leaders (团长) and their pickup points: a shopper applies with a point, the shop approves or
 * rejects (once: a conditional update from pending), and an approved leader's point is offered at
 * checkout, nearest first by the great-circle distance from the shopper's position.
 */
import { UniqueConstraintError } from 'sequelize';
import { clock } from '../../core/clock.js';
import type { Actor, Ctx } from '../../core/context.js';
import { pageOf, type Page, type PageQuery } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { communityErrors } from './errors.js';
import * as repo from './repository.js';
import type { ApplyBody, LeaderView, PointView } from './schemas.js';

export type ShopperCtx = Ctx & { actor: Extract<Actor, { kind: 'shopper' }> };

const EARTH_RADIUS_M = 6_371_000;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Metres between two positions along the earth's surface (haversine), rounded to the metre. Pure. */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))));
}

export function pointView(l: repo.LeaderRow, from?: { lat?: number; lng?: number }): PointView {
  const here = from?.lat !== undefined && from.lng !== undefined ? { lat: from.lat, lng: from.lng } : null;
  return {
    id: l.id,
    name: l.pointName,
    province: l.province,
    city: l.city,
    district: l.district,
    detail: l.detail,
    address: `${l.province}${l.city}${l.district}${l.detail}`,
    hours: l.hours,
    lat: l.lat,
    lng: l.lng,
    leaderName: l.name,
    distance: here && l.lat !== null && l.lng !== null ? distanceMetres(here, { lat: l.lat, lng: l.lng }) : null,
  };
}

export function leaderView(l: repo.LeaderRow): LeaderView {
  return {
    id: l.id,
    customerId: l.customerId,
    name: l.name,
    phone: l.phone,
    status: l.status,
    rejectReason: l.rejectReason,
    reviewedAt: l.reviewedAt?.toISOString() ?? null,
    createdAt: l.createdAt.toISOString(),
    pickupPoint: pointView(l),
  };
}

const pointFields = (p: ApplyBody['pickupPoint']): repo.PointFields => ({ pointName: p.name, province: p.province, city: p.city, district: p.district, detail: p.detail, hours: p.hours ?? '', lat: p.lat ?? null, lng: p.lng ?? null });

/** A shopper applies once; a rejected application may be made again. */
export async function applyAsLeader(ctx: ShopperCtx, body: ApplyBody): Promise<{ id: number; status: repo.LeaderStatus }> {
  const fields = { ...pointFields(body.pickupPoint), name: body.name, phone: body.phone };
  const existing = await repo.leaderOfCustomer(ctx, ctx.actor.id);
  if (existing) {
    if (!(await repo.reapply(ctx, existing.id, fields))) throw communityErrors.alreadyApplied();
    return { id: existing.id, status: 'pending' };
  }
  try {
    return { id: await repo.insertLeader(ctx, { ...fields, customerId: ctx.actor.id }), status: 'pending' };
  } catch (err) {
    // two applications at once: the unique (tenant, customer) key keeps one
    if (err instanceof UniqueConstraintError) throw communityErrors.alreadyApplied();
    throw err;
  }
}

export async function listLeaders(ctx: Ctx, q: PageQuery & { status?: repo.LeaderStatus }): Promise<Page<LeaderView>> {
  const { rows, total } = await repo.leaderPage(ctx, q.status, q);
  return pageOf(q, rows.map(leaderView), total);
}

export async function loadLeader(ctx: Ctx, id: number): Promise<repo.LeaderRow> {
  const l = await repo.findLeader(ctx, id);
  if (!l) throw notFound('Community leader');
  return l;
}

export async function decide(ctx: Ctx, id: number, status: 'approved' | 'rejected', reason: string | null = null): Promise<LeaderView> {
  const l = await loadLeader(ctx, id);
  if (!(await repo.decideLeader(ctx, id, status, reason, clock.now()))) throw communityErrors.decided((await repo.findLeader(ctx, id))?.status ?? l.status);
  return leaderView((await repo.findLeader(ctx, id))!);
}

/** Approved points, nearest first when a position is given (points without one last, then by id). */
/** A shopper chooses among the nearest: a public answer stays small however many points a shop has. */
const NEAREST_POINTS = 50;

export async function nearestPoints(ctx: Ctx, from: { lat?: number; lng?: number }): Promise<PointView[]> {
  const views = (await repo.approvedPoints(ctx)).map((l) => pointView(l, from));
  return views.sort((a, b) => (a.distance ?? Infinity) - (b.distance ?? Infinity) || a.id - b.id).slice(0, NEAREST_POINTS);
}

/** An approved leader's point (404 for any other: pending, rejected, another shop's). */
export async function approvedPoint(ctx: Ctx, id: number): Promise<repo.LeaderRow> {
  const l = await repo.findLeader(ctx, id);
  if (!l || l.status !== 'approved') throw notFound('Pickup point');
  return l;
}

/** The signed-in shopper as an approved leader, or 404. */
export async function myPoint(ctx: ShopperCtx): Promise<repo.LeaderRow> {
  const l = await repo.leaderOfCustomer(ctx, ctx.actor.id);
  if (!l || l.status !== 'approved') throw communityErrors.notLeader();
  return l;
}
