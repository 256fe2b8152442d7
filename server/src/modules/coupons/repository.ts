/**
 * Every query of the coupons module, and the only file that touches its models: plain typed rows
 * out, ctx first. The guards of what a coupon hands out are conditional updates here: a coupon's
 * stock (`claimed < total`), a shopper's count of it (`claimed < per_shopper` on their holder row)
 * and a held coupon's use (`status = 'unused'`, inside its window). Paths: coupons by (tenant, id);
 * held coupons by (tenant, customer, status, expires_at), (tenant, coupon, status), (tenant, order).
 */
import { randomInt } from 'node:crypto';
import { Op, UniqueConstraintError, type WhereOptions } from 'sequelize';
import { requireTenantId, type Ctx } from '../../core/context.js';
import { inTx, insertRow, paginate, tenantRows, tenantWrite, type PageQuery } from '../../core/db/index.js';
import { Coupon, CouponHolder, CustomerCoupon, type CouponKind, type CouponSource, type HeldStatus } from './model.js';

export type { CouponKind, CouponSource, HeldStatus };

export interface CouponFields {
  name: string;
  kind: CouponKind;
  value: number;
  threshold: number;
  total: number;
  perShopper: number;
  startsAt: Date;
  endsAt: Date;
  validDays: number | null;
  productIds: number[];
  categoryIds: number[];
  stacksWithFullReduction: boolean;
  inCentre: boolean;
  issueOnSignup: boolean;
  description: string | null;
}

export interface CouponRow extends CouponFields {
  id: number;
  claimed: number;
  shareCode: string;
  endedAt: Date | null;
  createdAt: Date;
}

export interface HeldRow {
  id: number;
  couponId: number;
  customerId: number;
  source: CouponSource;
  status: HeldStatus;
  startsAt: Date;
  expiresAt: Date;
  orderId: number | null;
  discount: number;
  usedAt: Date | null;
  code: string | null;
  createdAt: Date;
}

export interface CouponFigureRow {
  couponId: number;
  used: number;
  orders: number;
  gmv: number;
  discount: number;
}

const mine = (ctx: Ctx) => ({ tenantId: requireTenantId(ctx) });
const num = (v: unknown): number => Number(v ?? 0);

function couponRow(c: Coupon): CouponRow {
  return {
    id: num(c.id),
    name: c.name,
    kind: c.kind,
    value: num(c.value),
    threshold: num(c.threshold),
    total: num(c.total),
    claimed: num(c.claimed),
    perShopper: num(c.perShopper),
    startsAt: c.startsAt,
    endsAt: c.endsAt,
    validDays: c.validDays === null ? null : num(c.validDays),
    productIds: c.productIds,
    categoryIds: c.categoryIds,
    stacksWithFullReduction: !!c.stacksWithFullReduction,
    inCentre: !!c.inCentre,
    issueOnSignup: !!c.issueOnSignup,
    description: c.description,
    shareCode: c.shareCode,
    endedAt: c.endedAt,
    createdAt: c.createdAt,
  };
}

function heldRow(h: CustomerCoupon): HeldRow {
  return {
    id: num(h.id),
    couponId: num(h.couponId),
    customerId: num(h.customerId),
    source: h.source,
    status: h.status,
    startsAt: h.startsAt,
    expiresAt: h.expiresAt,
    orderId: h.orderId === null ? null : num(h.orderId),
    discount: num(h.discount),
    usedAt: h.usedAt,
    code: h.code ?? null,
    createdAt: h.createdAt,
  };
}

// ---- coupons ----

export async function insertCoupon(ctx: Ctx, fields: CouponFields & { shareCode: string }): Promise<CouponRow> {
  return couponRow(await Coupon.create({ ...mine(ctx), ...fields, endedAt: null }, inTx(ctx)));
}

export async function findCoupon(ctx: Ctx, id: number): Promise<CouponRow | null> {
  const c = await Coupon.findOne({ where: { ...mine(ctx), id }, ...inTx(ctx) });
  return c ? couponRow(c) : null;
}

export async function couponsByIds(ctx: Ctx, ids: number[]): Promise<Map<number, CouponRow>> {
  if (!ids.length) return new Map();
  const rows = await Coupon.findAll({ where: { ...mine(ctx), id: { [Op.in]: [...new Set(ids)] } }, ...inTx(ctx) });
  return new Map(rows.map((c) => [num(c.id), couponRow(c)]));
}

export async function updateCoupon(ctx: Ctx, id: number, changes: Partial<CouponFields>): Promise<void> {
  await Coupon.update(changes, { where: { ...mine(ctx), id }, ...inTx(ctx) });
}

/** Where a coupon stands at `now`: the console's status filter. */
export type CouponPhase = 'not_started' | 'running' | 'ended';

function phaseWhere(phase: CouponPhase | undefined, now: Date): WhereOptions {
  if (phase === 'not_started') return { endedAt: null, startsAt: { [Op.gt]: now } };
  if (phase === 'running') return { endedAt: null, startsAt: { [Op.lte]: now }, endsAt: { [Op.gt]: now } };
  if (phase === 'ended') return { [Op.or]: [{ endedAt: { [Op.ne]: null } }, { endsAt: { [Op.lte]: now } }] };
  return {};
}

/** The console's list, newest first. */
export async function couponPage(ctx: Ctx, filter: { phase?: CouponPhase; q?: string }, now: Date, page: PageQuery): Promise<{ rows: CouponRow[]; count: number }> {
  const { rows, count } = await Coupon.findAndCountAll({
    where: { ...mine(ctx), ...phaseWhere(filter.phase, now), ...(filter.q ? { name: { [Op.like]: `%${filter.q}%` } } : {}) },
    order: [['id', 'DESC']],
    ...paginate(page),
    ...inTx(ctx),
  });
  return { rows: rows.map(couponRow), count };
}

/** Coupons that may be handed out now (in their window, not ended), as the shop lists or gives them. */
export async function liveCoupons(ctx: Ctx, now: Date, filter: { inCentre?: true; issueOnSignup?: true }, limit = 100): Promise<CouponRow[]> {
  const rows = await Coupon.findAll({
    where: { ...mine(ctx), ...phaseWhere('running', now), ...(filter.inCentre ? { inCentre: true } : {}), ...(filter.issueOnSignup ? { issueOnSignup: true } : {}) },
    order: [['id', 'DESC']],
    limit,
    ...inTx(ctx),
  });
  return rows.map(couponRow);
}

/** Ends a coupon once; its unused held coupons expire with it. */
export async function endCoupon(ctx: Ctx, id: number, now: Date): Promise<boolean> {
  const ended = await tenantWrite(ctx, 'UPDATE coupons SET ended_at = :now, updated_at = :now WHERE tenant_id = :tenantId AND id = :id AND ended_at IS NULL', { id, now });
  if (ended !== 1) return false;
  await tenantWrite(ctx, "UPDATE customer_coupons SET expires_at = :now, updated_at = :now WHERE tenant_id = :tenantId AND coupon_id = :id AND status = 'unused' AND expires_at > :now", { id, now });
  return true;
}

/** One unit of the coupon's stock, if any is left. */
export async function takeCouponStock(ctx: Ctx, id: number, now: Date): Promise<boolean> {
  return (await tenantWrite(ctx, 'UPDATE coupons SET claimed = claimed + 1, updated_at = :now WHERE tenant_id = :tenantId AND id = :id AND claimed < total', { id, now })) === 1;
}

// ---- holders: how many of a coupon each shopper was given ----

/** The shopper's counter row for the coupon, made if missing (a duplicate made meanwhile is as good). */
export async function ensureHolder(ctx: Ctx, couponId: number, customerId: number): Promise<void> {
  if (await CouponHolder.findOne({ where: { ...mine(ctx), couponId, customerId }, attributes: ['id'], ...inTx(ctx) })) return;
  try {
    await CouponHolder.create({ ...mine(ctx), couponId, customerId, claimed: 0 }, inTx(ctx));
  } catch (err) {
    if (!(err instanceof UniqueConstraintError)) throw err;
  }
}

/** One more of the coupon for the shopper, if under the limit (their counter row must exist). */
export async function takeHolderSlot(ctx: Ctx, couponId: number, customerId: number, limit: number, now: Date): Promise<boolean> {
  const sql = 'UPDATE coupon_holders SET claimed = claimed + 1, updated_at = :now WHERE tenant_id = :tenantId AND coupon_id = :couponId AND customer_id = :customerId AND claimed < :limit';
  return (await tenantWrite(ctx, sql, { couponId, customerId, limit, now })) === 1;
}

/** How many of each coupon the shopper was given. */
export async function holderCounts(ctx: Ctx, customerId: number, couponIds: number[]): Promise<Map<number, number>> {
  if (!couponIds.length) return new Map();
  const rows = await CouponHolder.findAll({ where: { ...mine(ctx), couponId: { [Op.in]: couponIds }, customerId }, ...inTx(ctx) });
  return new Map(rows.map((h) => [num(h.couponId), num(h.claimed)]));
}

// ---- held coupons ----

export async function insertHeld(ctx: Ctx, fields: Pick<HeldRow, 'couponId' | 'customerId' | 'source' | 'startsAt' | 'expiresAt'>): Promise<{ id: number; code: string }> {
  const code = holdingCode();
  return { id: await insertRow(ctx, CustomerCoupon, { ...fields, status: 'unused', orderId: null, discount: 0, paidAmount: 0, usedAt: null, code }), code };
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** 10 characters of 32 (no 0/O, 1/I): about 10^15 codes, not guessable. */
const holdingCode = () => Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(0, CODE_ALPHABET.length)]).join('');

/** The holding with this code in the shop (codes are shown in upper case; typed in any). */
export async function findHeldByCode(ctx: Ctx, code: string): Promise<HeldRow | null> {
  const h = await CustomerCoupon.findOne({ where: { ...mine(ctx), code: code.toUpperCase() }, ...inTx(ctx) });
  return h ? heldRow(h) : null;
}

/** Marks the holding used at a store's counter without an order, once: only while unused and inside its window. */
export async function markUsedAtCounter(ctx: Ctx, id: number, now: Date): Promise<boolean> {
  const sql =
    "UPDATE customer_coupons SET status = 'used', used_at = :now, updated_at = :now " +
    "WHERE tenant_id = :tenantId AND id = :id AND status = 'unused' AND starts_at <= :now AND expires_at > :now";
  return (await tenantWrite(ctx, sql, { id, now })) === 1;
}

export async function findHeld(ctx: Ctx, id: number, customerId: number): Promise<HeldRow | null> {
  const h = await CustomerCoupon.findOne({ where: { ...mine(ctx), id, customerId }, ...inTx(ctx) });
  return h ? heldRow(h) : null;
}

/** What my coupons shows: unused (still valid), used, or expired (unused past its end). */
export type HeldView = 'unused' | 'used' | 'expired';

function heldWhere(view: HeldView, now: Date): WhereOptions {
  if (view === 'used') return { status: 'used' };
  return { status: 'unused', expiresAt: view === 'unused' ? { [Op.gt]: now } : { [Op.lte]: now } };
}

export async function heldPage(ctx: Ctx, customerId: number, view: HeldView, now: Date, page: PageQuery): Promise<{ rows: HeldRow[]; count: number }> {
  const { rows, count } = await CustomerCoupon.findAndCountAll({
    where: { ...mine(ctx), customerId, ...heldWhere(view, now) },
    order: view === 'unused' ? [['expiresAt', 'ASC'], ['id', 'ASC']] : [['id', 'DESC']],
    ...paginate(page),
    ...inTx(ctx),
  });
  return { rows: rows.map(heldRow), count };
}

/** The shopper's unused, unexpired coupons (checkout's choice), soonest to expire first. */
export async function unusedHeld(ctx: Ctx, customerId: number, now: Date, limit: number): Promise<HeldRow[]> {
  const rows = await CustomerCoupon.findAll({ where: { ...mine(ctx), customerId, ...heldWhere('unused', now) }, order: [['expiresAt', 'ASC'], ['id', 'ASC']], limit, ...inTx(ctx) });
  return rows.map(heldRow);
}

/** Uses the held coupon for the order, once: only while unused and inside its window. */
export async function markUsed(ctx: Ctx, id: number, customerId: number, orderId: number, discount: number, now: Date): Promise<boolean> {
  const sql =
    "UPDATE customer_coupons SET status = 'used', order_id = :orderId, discount = :discount, used_at = :now, updated_at = :now " +
    "WHERE tenant_id = :tenantId AND id = :id AND customer_id = :customerId AND status = 'unused' AND starts_at <= :now AND expires_at > :now";
  return (await tenantWrite(ctx, sql, { id, customerId, orderId, discount, now })) === 1;
}

/** Gives the coupon back from the order that used it (cancelled unpaid), once. */
export async function markReleased(ctx: Ctx, id: number, orderId: number, now: Date): Promise<boolean> {
  const sql =
    "UPDATE customer_coupons SET status = 'unused', order_id = NULL, discount = 0, used_at = NULL, updated_at = :now " +
    "WHERE tenant_id = :tenantId AND id = :id AND order_id = :orderId AND status = 'used'";
  return (await tenantWrite(ctx, sql, { id, orderId, now })) === 1;
}

export async function heldOfOrder(ctx: Ctx, orderId: number): Promise<HeldRow[]> {
  const rows = await CustomerCoupon.findAll({ where: { ...mine(ctx), orderId }, ...inTx(ctx) });
  return rows.map(heldRow);
}

/** The order that used these coupons was paid this much (the figures' GMV). */
export async function recordPaid(ctx: Ctx, orderId: number, paidAmount: number, now: Date): Promise<void> {
  await tenantWrite(ctx, "UPDATE customer_coupons SET paid_amount = :paidAmount, updated_at = :now WHERE tenant_id = :tenantId AND order_id = :orderId AND status = 'used'", { orderId, paidAmount, now });
}

/** Per coupon: used, paid orders, their GMV and the discount they got; one statement for a page. */
export async function couponFigures(ctx: Ctx, couponIds: number[]): Promise<Map<number, CouponFigureRow>> {
  if (!couponIds.length) return new Map();
  const rows = await tenantRows<Record<keyof CouponFigureRow, number | string | null>>(
    ctx,
    `SELECT coupon_id AS couponId, COUNT(*) AS used,
            SUM(CASE WHEN paid_amount > 0 THEN 1 ELSE 0 END) AS orders,
            SUM(paid_amount) AS gmv,
            SUM(CASE WHEN paid_amount > 0 THEN discount ELSE 0 END) AS discount
       FROM customer_coupons
      WHERE tenant_id = :tenantId AND coupon_id IN (:couponIds) AND status = 'used'
      GROUP BY coupon_id`,
    { couponIds },
  );
  return new Map(rows.map((r) => [num(r.couponId), { couponId: num(r.couponId), used: num(r.used), orders: num(r.orders), gmv: num(r.gmv), discount: num(r.discount) }]));
}
