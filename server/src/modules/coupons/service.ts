/**
 * A shop's coupons: made and edited by staff, handed out (claimed in the coupon centre or through a
 * share link, given at sign-up, given by staff), and shown. What each handing-out may take is held
 * by the database (repository.ts): the shopper's counter, then the coupon's stock, last, so the
 * coupon's hot row is locked for one statement and the commit.
 */
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../../core/context.js';
import { clock, days } from '../../core/clock.js';
import { notFound, ValidationError } from '../../core/errors.js';
import { pageOf, withTransaction, type Page, type PageQuery } from '../../core/db/index.js';
import { customerBriefs } from '../customers/index.js';
import { listingScopes } from '../market/index.js';
import type { BlockCoupon } from '../pages/index.js';
import { couponErrors } from './errors.js';
import * as repo from './repository.js';
import type { CouponBody, CouponUpdate } from './schemas.js';
import type { CouponPhase, CouponRow, CouponSource, HeldRow, HeldView } from './repository.js';

const SHARE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const shareCode = () => [...randomBytes(8)].map((b) => SHARE_ALPHABET[b % SHARE_ALPHABET.length]).join('');

export function phaseOf(c: Pick<CouponRow, 'startsAt' | 'endsAt' | 'endedAt'>, now: Date): CouponPhase {
  if (c.endedAt || c.endsAt.getTime() <= now.getTime()) return 'ended';
  return c.startsAt.getTime() > now.getTime() ? 'not_started' : 'running';
}

// ---- the console ----

type Terms = Omit<repo.CouponFields, 'name' | 'description'> & Pick<repo.CouponFields, 'name' | 'description'>;

/** The body's terms made whole and checked together (value by kind, window, products of this shop). */
async function checkedTerms(ctx: Ctx, t: Terms): Promise<Terms> {
  if (t.kind === 'percent_off' && (t.value < 1 || t.value > 99)) throw ValidationError.field('value', 'a percent off is an integer from 1 to 99');
  if (t.kind === 'amount' && t.value < 1) throw ValidationError.field('value', 'an amount off is at least 1 fen');
  if (t.kind === 'amount' && t.threshold > 0 && t.value > t.threshold) throw ValidationError.field('value', 'cannot be more than the threshold');
  if (t.endsAt.getTime() <= t.startsAt.getTime()) throw ValidationError.field('endsAt', 'must be after startsAt');
  if (t.productIds.length) {
    const found = await listingScopes(ctx, t.productIds);
    const missing = t.productIds.findIndex((id) => !found.has(id));
    if (missing >= 0) throw ValidationError.field(`productIds[${missing}]`, 'no such product in this shop');
  }
  return { ...t, value: t.kind === 'free_shipping' ? 0 : t.value, productIds: [...new Set(t.productIds)], categoryIds: [...new Set(t.categoryIds)] };
}

export async function createCoupon(ctx: Ctx, body: CouponBody): Promise<{ id: number }> {
  const terms = await checkedTerms(ctx, {
    name: body.name,
    kind: body.kind,
    value: body.value,
    threshold: body.threshold ?? 0,
    total: body.total,
    perShopper: body.perShopper ?? 1,
    startsAt: new Date(body.startsAt),
    endsAt: new Date(body.endsAt),
    validDays: body.validDays ?? null,
    productIds: body.productIds ?? [],
    categoryIds: body.categoryIds ?? [],
    stacksWithFullReduction: body.stacksWithFullReduction ?? true,
    inCentre: body.inCentre ?? true,
    issueOnSignup: body.issueOnSignup ?? false,
    description: body.description ?? null,
  });
  const row = await repo.insertCoupon(ctx, { ...terms, shareCode: shareCode() });
  return { id: row.id };
}

async function couponOf(ctx: Ctx, id: number): Promise<CouponRow> {
  const c = await repo.findCoupon(ctx, id);
  if (!c) throw notFound('Coupon');
  return c;
}

/** What shoppers were promised stays as it was once one holds the coupon. */
const FIXED_ONCE_CLAIMED = ['kind', 'value', 'threshold', 'startsAt', 'validDays', 'productIds', 'categoryIds', 'stacksWithFullReduction'] as const;

export async function updateCoupon(ctx: Ctx, id: number, body: CouponUpdate) {
  return withTransaction(ctx, async (tx) => {
    const c = await couponOf(tx, id);
    if (c.claimed > 0) {
      const changed = FIXED_ONCE_CLAIMED.find((k) => body[k] !== undefined && JSON.stringify(k === 'startsAt' ? new Date(body[k]!).toISOString() : body[k]) !== JSON.stringify(k === 'startsAt' ? c.startsAt.toISOString() : c[k]));
      if (changed) throw couponErrors.termsFixed(changed);
    }
    if (body.total !== undefined && body.total < c.claimed) throw ValidationError.field('total', `cannot be less than the ${c.claimed} already claimed`);
    const terms = await checkedTerms(tx, {
      ...c,
      ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)),
      startsAt: body.startsAt ? new Date(body.startsAt) : c.startsAt,
      endsAt: body.endsAt ? new Date(body.endsAt) : c.endsAt,
    } as Terms);
    await repo.updateCoupon(tx, id, terms);
    return (await adminViews(tx, [await couponOf(tx, id)]))[0]!;
  });
}

/** Ends a coupon at once: no more claims, and what shoppers hold unused expires. */
export async function endCoupon(ctx: Ctx, id: number) {
  return withTransaction(ctx, async (tx) => {
    const c = await couponOf(tx, id);
    if (!(await repo.endCoupon(tx, id, clock.now()))) throw couponErrors.ended();
    return (await adminViews(tx, [{ ...c, endedAt: clock.now() }]))[0]!;
  });
}

const iso = (d: Date) => d.toISOString();

function termsView(c: CouponRow) {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    value: c.value,
    threshold: c.threshold,
    startsAt: iso(c.startsAt),
    endsAt: iso(c.endsAt),
    validDays: c.validDays,
    productIds: c.productIds,
    categoryIds: c.categoryIds,
    stacksWithFullReduction: c.stacksWithFullReduction,
    description: c.description,
  };
}

async function adminViews(ctx: Ctx, rows: CouponRow[]) {
  const figures = await repo.couponFigures(ctx, rows.map((c) => c.id));
  const now = clock.now();
  return rows.map((c) => {
    const f = figures.get(c.id);
    return {
      ...termsView(c),
      total: c.total,
      perShopper: c.perShopper,
      inCentre: c.inCentre,
      issueOnSignup: c.issueOnSignup,
      shareCode: c.shareCode,
      status: phaseOf(c, now),
      endedAt: c.endedAt ? iso(c.endedAt) : null,
      createdAt: iso(c.createdAt),
      figures: { claimed: c.claimed, used: f?.used ?? 0, orders: f?.orders ?? 0, gmv: f?.gmv ?? 0, discount: f?.discount ?? 0 },
    };
  });
}

export async function adminCouponPage(ctx: Ctx, filter: { status?: CouponPhase; q?: string }, page: PageQuery) {
  const { rows, count } = await repo.couponPage(ctx, { phase: filter.status, q: filter.q }, clock.now(), page);
  return pageOf(page, await adminViews(ctx, rows), count);
}

export async function adminCoupon(ctx: Ctx, id: number) {
  return (await adminViews(ctx, [await couponOf(ctx, id)]))[0]!;
}

// ---- handing coupons out ----

/** When a held coupon starts and stops being usable: the window, or N days from now. */
function validity(c: CouponRow, now: Date): { startsAt: Date; expiresAt: Date } {
  if (c.validDays) return { startsAt: now, expiresAt: new Date(now.getTime() + days(c.validDays)) };
  return { startsAt: c.startsAt, expiresAt: c.endsAt };
}

type Given = { ok: true; held: HeldRow } | { ok: false; code: 'coupon_exhausted' | 'claim_limit_reached' };

/**
 * One coupon to one shopper, in the caller's transaction: their counter under the limit, the held
 * row, then a unit of the stock. `stockFirst` for a caller that cannot roll back (the sign-up's
 * transaction): the stock is the only thing that may be missing there, so it goes first and a
 * refusal has written nothing.
 */
async function give(tx: Ctx, c: CouponRow, customerId: number, source: CouponSource, opts: { stockFirst?: boolean } = {}): Promise<Given> {
  const now = clock.now();
  if (opts.stockFirst && !(await repo.takeCouponStock(tx, c.id, now))) return { ok: false, code: 'coupon_exhausted' };
  await repo.ensureHolder(tx, c.id, customerId);
  if (!(await repo.takeHolderSlot(tx, c.id, customerId, c.perShopper, now))) return { ok: false, code: 'claim_limit_reached' };
  const { startsAt, expiresAt } = validity(c, now);
  const { id, code } = await repo.insertHeld(tx, { couponId: c.id, customerId, source, startsAt, expiresAt });
  if (!opts.stockFirst && !(await repo.takeCouponStock(tx, c.id, now))) return { ok: false, code: 'coupon_exhausted' };
  return { ok: true, held: { id, couponId: c.id, customerId, source, status: 'unused', startsAt, expiresAt, orderId: null, discount: 0, usedAt: null, code, createdAt: now } };
}

class Refused extends Error {
  constructor(readonly code: 'coupon_exhausted' | 'claim_limit_reached') {
    super(code);
  }
}

/** One coupon in its own transaction: a refusal rolls back the counter and the row it wrote. */
async function giveAlone(ctx: Ctx, c: CouponRow, customerId: number, source: CouponSource): Promise<Given> {
  // the counter row is made outside the transaction: two first claims of one shopper then wait on
  // its row lock instead of racing to insert it (a duplicate-key wait that MariaDB may turn into a deadlock)
  await repo.ensureHolder(ctx, c.id, customerId);
  try {
    return await withTransaction(ctx, async (tx) => {
      const given = await give(tx, c, customerId, source);
      if (!given.ok) throw new Refused(given.code);
      return given;
    });
  } catch (err) {
    if (err instanceof Refused) return { ok: false, code: err.code };
    throw err;
  }
}

/** A coupon the shopper may see: in the centre, or through its share link's code. */
async function visibleCoupon(ctx: Ctx, id: number, code: string | undefined): Promise<CouponRow> {
  const c = await repo.findCoupon(ctx, id);
  if (!c || (!c.inCentre && code !== c.shareCode)) throw notFound('Coupon');
  return c;
}

export async function claim(ctx: Ctx & { actor: { kind: 'shopper'; id: number } }, id: number, code: string | undefined) {
  const c = await visibleCoupon(ctx, id, code);
  const phase = phaseOf(c, clock.now());
  if (phase === 'not_started') throw couponErrors.notStarted();
  if (phase === 'ended') throw couponErrors.ended();
  const given = await giveAlone(ctx, c, ctx.actor.id, code === c.shareCode ? 'share' : 'claim');
  if (!given.ok) throw given.code === 'coupon_exhausted' ? couponErrors.exhausted() : couponErrors.limitReached();
  return { id: given.held.id, couponId: c.id, status: 'unused' as const, expiresAt: iso(given.held.expiresAt) };
}

/** Staff give the coupon to chosen shoppers of the shop; each is given or refused on its own. */
export async function issueToShoppers(ctx: Ctx, id: number, customerIds: number[]) {
  const c = await couponOf(ctx, id);
  if (phaseOf(c, clock.now()) === 'ended') throw couponErrors.ended();
  const known = await customerBriefs(ctx, customerIds, false);
  const unknown = customerIds.findIndex((cid) => !known.has(cid));
  if (unknown >= 0) throw ValidationError.field(`customerIds[${unknown}]`, 'no such shopper in this shop');
  let issued = 0;
  const refused: Array<{ customerId: number; code: string }> = [];
  // a shopper listed twice is given twice, each against the limit
  for (const customerId of customerIds) {
    const given = await giveAlone(ctx, c, customerId, 'staff');
    if (given.ok) issued++;
    else refused.push({ customerId, code: given.code });
  }
  return { issued, refused };
}

/** The shop's sign-up coupons to a new shopper, inside the sign-up's transaction; one run out is skipped. */
export async function giveSignupCoupons(tx: Ctx, customer: { id: number }): Promise<void> {
  for (const c of await repo.liveCoupons(tx, clock.now(), { issueOnSignup: true }, 20)) {
    await give(tx, c, customer.id, 'signup', { stockFirst: true });
  }
}

// ---- the shop ----

async function shopViews(ctx: Ctx, rows: CouponRow[]) {
  const shopper = ctx.actor.kind === 'shopper' && ctx.actor.tenantId === ctx.tenantId ? ctx.actor.id : null;
  const mine = shopper ? await repo.holderCounts(ctx, shopper, rows.map((c) => c.id)) : new Map<number, number>();
  const now = clock.now();
  return rows.map((c) => ({ ...termsView(c), status: phaseOf(c, now), left: Math.max(0, c.total - c.claimed), perShopper: c.perShopper, claimedByMe: mine.get(c.id) ?? 0 }));
}

/** The coupon centre: what may be claimed now. */
export async function centre(ctx: Ctx) {
  return { items: await shopViews(ctx, await repo.liveCoupons(ctx, clock.now(), { inCentre: true })) };
}

/** A coupon's page (its share link): in the centre, or with its code. */
export async function shopCoupon(ctx: Ctx, id: number, code: string | undefined) {
  return (await shopViews(ctx, [await visibleCoupon(ctx, id, code)]))[0]!;
}

function heldStatus(h: HeldRow, now: Date): HeldView {
  if (h.status === 'used') return 'used';
  return h.expiresAt.getTime() <= now.getTime() ? 'expired' : 'unused';
}

export async function heldViews(ctx: Ctx, rows: HeldRow[]) {
  const coupons = await repo.couponsByIds(ctx, rows.map((h) => h.couponId));
  const now = clock.now();
  return rows.map((h) => ({
    id: h.id,
    couponId: h.couponId,
    status: heldStatus(h, now),
    source: h.source,
    startsAt: iso(h.startsAt),
    expiresAt: iso(h.expiresAt),
    orderId: h.orderId,
    usedAt: h.usedAt ? iso(h.usedAt) : null,
    code: h.code,
    coupon: termsView(coupons.get(h.couponId)!),
  }));
}

/**
 * A coupon a shopper shows at a store's counter, by its code: the holding, its shopper and whether
 * it can be used now (null: no such code in this shop, another shop's included).
 */
export async function heldAtCounter(ctx: Ctx, code: string) {
  const h = await repo.findHeldByCode(ctx, code);
  if (!h) return null;
  const [view] = await heldViews(ctx, [h]);
  return { ...view!, customerId: h.customerId, usable: view!.status === 'unused' && h.startsAt.getTime() <= clock.nowMs() };
}

/** Marks a shown coupon used at the counter (no order): once, whoever verifies it at the same time; false when it was not usable. */
export async function useAtCounter(ctx: Ctx, holdingId: number): Promise<boolean> {
  return repo.markUsedAtCounter(ctx, holdingId, clock.now());
}

export async function myCoupons(ctx: Ctx & { actor: { kind: 'shopper'; id: number } }, view: HeldView, page: PageQuery): Promise<Page<Awaited<ReturnType<typeof heldViews>>[number]>> {
  const { rows, count } = await repo.heldPage(ctx, ctx.actor.id, view, clock.now(), page);
  return pageOf(page, await heldViews(ctx, rows), count);
}

/** A DIY page's coupons block: the chosen coupons a shopper may claim now, in the chosen order. */
export async function blockCouponsOf(ctx: Ctx, couponIds: number[]): Promise<BlockCoupon[]> {
  const found = await repo.couponsByIds(ctx, couponIds);
  const now = clock.now();
  return couponIds
    .map((id) => found.get(id))
    .filter((c): c is CouponRow => !!c && c.inCentre && phaseOf(c, now) === 'running' && c.claimed < c.total)
    .map((c) => ({
      id: c.id,
      title: c.name,
      value: c.kind === 'percent_off' ? (100 - c.value) / 10 : c.value,
      kind: c.kind === 'percent_off' ? ('discount' as const) : c.kind === 'free_shipping' ? ('free_shipping' as const) : ('amount' as const),
      threshold: c.threshold,
    }));
}
