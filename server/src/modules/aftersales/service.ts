import { UniqueConstraintError } from 'sequelize';
import { contribute } from '../../core/hooks.js';
import { clock, days } from '../../core/clock.js';
import type { Actor, Ctx } from '../../core/context.js';
import { inTenant, requireTenantId } from '../../core/context.js';
import { acrossTenants, pageOf, withTransaction, type Page, type PageQuery } from '../../core/db/index.js';
import { conflict, forbidden, invalidState, notFound, ValidationError } from '../../core/errors.js';
import { cancelJob, scheduleJob, type JobHandler } from '../../core/jobs.js';
import { emit } from '../../core/events.js';
import { aftersaleOpened, aftersaleStatusChanged } from './events.js';
import { followParcel } from '../fulfillment/index.js';
import { itemsOf, keptShipped, loadOrder, mayCompleteOrder, moneyLeft, orderDigests, orderRefunded, ordersSettings, previewRefund, reserveOrderRefund, sumLines, unitsLeft, type OrderDigest, type OrderItem } from '../orders/index.js';
import { refundsOf, refundsOfCases, sendRefund, type RefundView } from '../payments/index.js';
import { tenantRef } from '../tenants/index.js';
import { supplierNames } from '../suppliers/index.js';
import { settingsOf } from '../../core/settings.js';
import type { AftersaleStatus, AftersaleType, Arbitration, CaseActor, CaseEventDetails, CaseEventKind, ReturnAddress } from './model.js';
import { REASON_CODES, type ReasonCode } from './reasons.js';
import {
  anyLineHeld,
  caseOfOrderIn,
  casePage,
  casesToArbitrate,
  eventsOfCases,
  countCasesAcrossShops,
  countShopDecidedCases,
  findCase,
  holdLine,
  insertCase,
  insertCaseEvent,
  insertCaseItems,
  itemsOfCase,
  itemsOfCases,
  releaseLines,
  supplierCaseById,
  supplierCasePage,
  tenantOfCase,
  updateCaseFrom,
  type AftersaleItemRow,
  type AftersaleRow,
  type CaseChanges,
  type CaseEventRow,
} from './repository.js';

type ShopperCtx = Ctx & { actor: Extract<Actor, { kind: 'shopper' }> };

/** A case in these statuses holds its lines (one open case per line) and the order's completion. */
export const OPEN: AftersaleStatus[] = ['pending', 'approved', 'returning', 'returned', 'reshipped', 'escalated'];
const REFUNDS: AftersaleType[] = ['refund_only', 'return_refund'];
const ESCALATION_DAYS = 7;

export interface AftersaleView {
  id: number;
  orderId: number;
  /** What the case is about: the order's number and where it stands. */
  order: { orderNo: string; status: OrderDigest['status']; payAmount: number; refundedAmount: number };
  type: AftersaleType;
  status: AftersaleStatus;
  reason: string;
  /** The preset reason the shopper picked (null on cases opened before there were any). */
  reasonCode: ReasonCode | null;
  /** The shopper's photos with the application. */
  evidence: string[];
  amount: number;
  refundedAmount: number;
  refuseReason: string | null;
  returnAddress: ReturnAddress | null;
  returnCarrier: string | null;
  returnTrackingNo: string | null;
  returnedAt: string | null;
  /** The replacement or repaired item on its way back (exchanges and repairs). */
  reshipCarrier: string | null;
  reshipTrackingNo: string | null;
  reshippedAt: string | null;
  arbitration: Arbitration | null;
  /** Who decides the case: the supplier of its goods, or the shop. */
  owner: { kind: 'supplier' | 'tenant'; id: number; name: string };
  /** The lines asked about, with what the order snapshotted of them. */
  items: Array<{ orderItemId: number; quantity: number; amount: number; title: string; specs: Record<string, string>; image: string | null; unitPrice: number }>;
  /** Refunds the case led to, oldest first: one the gateway refused (`failed`) may be tried again. */
  refunds: RefundView[];
  /** What happened to the case, oldest first: each step, and the messages with their photos. */
  timeline: TimelineEntry[];
  escalatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TimelineEntry {
  kind: CaseEventKind;
  actor: CaseActor;
  text: string | null;
  details: CaseEventDetails | null;
  images: string[];
  at: string;
}

/** A case opened before the timeline existed still shows its application. */
function timelineOf(c: AftersaleRow, events: CaseEventRow[]): TimelineEntry[] {
  const own = events.filter((e) => e.aftersaleId === c.id && e.tenantId === c.tenantId);
  const entries = own.map((e) => ({ kind: e.kind, actor: e.actor, text: e.text, details: e.details, images: e.images, at: e.createdAt.toISOString() }));
  if (own.some((e) => e.kind === 'applied')) return entries;
  return [{ kind: 'applied', actor: 'shopper', text: c.reason || null, details: c.reasonCode ? { reason: c.reasonCode } : null, images: c.evidence, at: c.createdAt.toISOString() }, ...entries];
}

function caseView(c: AftersaleRow, items: AftersaleItemRow[], order: OrderDigest | undefined, refunds: RefundView[], events: CaseEventRow[], ownerName: string): AftersaleView {
  return {
    id: c.id,
    orderId: c.orderId,
    order: { orderNo: order?.orderNo ?? '', status: order?.status ?? 'paid', payAmount: order?.payAmount ?? 0, refundedAmount: order?.refundedAmount ?? 0 },
    type: c.type,
    status: c.status,
    reason: c.reason,
    reasonCode: c.reasonCode,
    evidence: c.evidence,
    amount: c.amount,
    refundedAmount: c.refundedAmount,
    refuseReason: c.refuseReason,
    returnAddress: c.returnAddress,
    returnCarrier: c.returnCarrier,
    returnTrackingNo: c.returnTrackingNo,
    returnedAt: c.returnedAt ? c.returnedAt.toISOString() : null,
    reshipCarrier: c.reshipCarrier,
    reshipTrackingNo: c.reshipTrackingNo,
    reshippedAt: c.reshippedAt ? c.reshippedAt.toISOString() : null,
    arbitration: c.arbitration,
    owner: { kind: c.ownerKind, id: c.ownerId, name: ownerName },
    items: items
      .filter((i) => i.aftersaleId === c.id && i.tenantId === c.tenantId)
      .map((i) => {
        const line = order?.lines.get(i.orderItemId);
        return { orderItemId: i.orderItemId, quantity: i.quantity, amount: i.amount, title: line?.title ?? '', specs: line?.specs ?? {}, image: line?.image ?? null, unitPrice: line?.unitPrice ?? 0 };
      }),
    refunds,
    timeline: timelineOf(c, events),
    escalatedAt: c.escalatedAt ? c.escalatedAt.toISOString() : null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/**
 * The names of the suppliers who decide these cases, for the consoles. A shopper deals with the
 * shop alone: the storefront is not told who supplies its goods.
 */
async function deciderNames(ctx: Ctx, cases: AftersaleRow[]): Promise<Map<number, string>> {
  if (ctx.actor.kind === 'shopper') return new Map();
  return supplierNames(ctx, cases.filter((c) => c.ownerKind === 'supplier').map((c) => c.ownerId));
}

/**
 * Views of cases with their lines, their order's digest, their refunds and their timelines, in a
 * fixed number of reads whatever their number. The cases may span shops (the platform's and a
 * supplier's queues, read inside acrossTenants): every read names each case's tenant.
 */
async function views(ctx: Ctx, cases: AftersaleRow[]): Promise<AftersaleView[]> {
  if (!cases.length) return [];
  const [items, orders, refunds, events, names] = await Promise.all([
    itemsOfCases(ctx, cases),
    orderDigests(ctx, cases.map((c) => ({ tenantId: c.tenantId, orderId: c.orderId }))),
    refundsOfCases(ctx, cases.map((c) => ({ tenantId: c.tenantId, aftersaleId: c.id }))),
    eventsOfCases(ctx, cases),
    deciderNames(ctx, cases),
  ]);
  return cases.map((c) => caseView(c, items, orders.get(c.orderId), refunds.get(c.id) ?? [], events, c.ownerKind === 'supplier' ? (names.get(c.ownerId) ?? '') : ''));
}

/** Cases of several shops (the platform's and a supplier's queues), each with its shop. Call inside acrossTenants. */
async function crossTenantViews(ctx: Ctx, cases: AftersaleRow[]): Promise<Array<AftersaleView & { tenantId: number; shopName: string }>> {
  const [list, shops] = await Promise.all([views(ctx, cases), Promise.all([...new Set(cases.map((c) => c.tenantId))].map((id) => tenantRef(ctx, id)))]);
  return list.map((v, n) => {
    const tenantId = cases[n]!.tenantId;
    return { ...v, tenantId, shopName: shops.find((t) => t.id === tenantId)?.name ?? '' };
  });
}

export const viewOf = async (ctx: Ctx, c: AftersaleRow) => (await views(ctx, [c]))[0]!;

async function load(ctx: Ctx, id: number): Promise<AftersaleRow> {
  const c = await findCase(ctx, id);
  if (!c) throw notFound('After-sales case');
  return c;
}

/**
 * The case, read again under its order's row lock: every change to a case takes that lock first
 * (as refunds and shipments of the order do), so two decisions on one case, or a decision and a
 * refund, never act on the same reading.
 */
async function lockCase(tx: Ctx, id: number): Promise<AftersaleRow> {
  const first = await load(tx, id);
  await loadOrder(tx, first.orderId, true);
  return load(tx, id);
}

/** An open case holds its lines: the unique key on open_order_item_id refuses a second open case on any of them. */
async function claimLines(ctx: Ctx, c: AftersaleRow): Promise<void> {
  const items = await itemsOfCase(ctx, c);
  try {
    for (const item of items) await holdLine(ctx, item);
  } catch (err) {
    if (err instanceof UniqueConstraintError) throw conflict('aftersale_open', 'Another after-sales case is open for these items');
    throw err;
  }
}

/**
 * A status change happens once (conditional update); the case's hold on its lines follows it.
 * Answers the case as it is now.
 */
async function move(ctx: Ctx, c: AftersaleRow, from: AftersaleStatus[], to: AftersaleStatus, changes: Omit<CaseChanges, 'status'> = {}): Promise<AftersaleRow> {
  if (!from.includes(c.status)) throw invalidState(`An after-sales case that is ${c.status} cannot become ${to}`);
  const was = c.status;
  const changed = await updateCaseFrom(ctx, c, was, { ...changes, status: to });
  if (changed !== 1) throw invalidState('The case changed meanwhile');
  const moved: AftersaleRow = { ...c, ...changes, status: to };
  if (OPEN.includes(was) && !OPEN.includes(to)) await releaseLines(ctx, moved);
  if (!OPEN.includes(was) && OPEN.includes(to)) await claimLines(ctx, moved);
  await insertCaseEvent(ctx, moved, stepEvent(ctx, was, moved, changes));
  await emit(ctx, aftersaleStatusChanged, { tenantId: moved.tenantId, aftersaleId: moved.id, orderId: moved.orderId, customerId: moved.customerId, status: to });
  return moved;
}

/** Who acts, in the timeline's words. */
function actorOf(ctx: Ctx): CaseActor {
  switch (ctx.actor.kind) {
    case 'shopper':
      return 'shopper';
    case 'merchant':
      return 'shop';
    case 'supplier':
    case 'platform':
      return ctx.actor.kind;
    default:
      return 'system';
  }
}

/** The timeline's entry for a step: what it was and what it carried (a reason, a parcel, a refund, a ruling). */
function stepEvent(ctx: Ctx, was: AftersaleStatus, c: AftersaleRow, changes: Omit<CaseChanges, 'status'>): Parameters<typeof insertCaseEvent>[2] {
  const actor = actorOf(ctx);
  if (changes.arbitration) {
    const a = changes.arbitration;
    return { kind: 'arbitrated', actor, text: a.reason, details: { decision: a.decision, ...(a.amount !== undefined ? { amount: a.amount } : {}) } };
  }
  switch (c.status) {
    case 'refused':
      return { kind: 'refused', actor, text: changes.refuseReason ?? null };
    case 'returning':
      return { kind: 'returning', actor, details: { carrier: c.returnCarrier ?? '', trackingNo: c.returnTrackingNo ?? '' } };
    case 'reshipped':
      return { kind: 'reshipped', actor, details: { carrier: c.reshipCarrier ?? '', trackingNo: c.reshipTrackingNo ?? '' } };
    case 'refunded':
      return { kind: 'refunded', actor, details: { amount: c.refundedAmount } };
    case 'closed':
      return { kind: was === 'pending' ? 'withdrawn' : 'closed', actor };
    default:
      return { kind: c.status as CaseEventKind, actor };
  }
}

export interface OpenInput {
  type: AftersaleType;
  /** The preset reason (the shopper picks one from the type's list). */
  reasonCode?: ReasonCode;
  /** Describes it further; optional when a preset reason is given. */
  reason?: string;
  /** Photos of the problem (upload URLs), at most six. */
  images?: string[];
  items?: Array<{ orderItemId: number; quantity: number }>;
  amount?: number;
}

/** A case about one supplier's goods is that supplier's to decide; anything else is the shop's. */
function ownerOf(items: OrderItem[], tenantId: number): Pick<AftersaleRow, 'ownerKind' | 'ownerId'> {
  const first = items[0];
  const oneSupplier = first?.ownerKind === 'supplier' && items.every((i) => i.ownerKind === 'supplier' && i.ownerId === first.ownerId);
  return oneSupplier ? { ownerKind: 'supplier', ownerId: first.ownerId } : { ownerKind: 'tenant', ownerId: tenantId };
}

/** Units a case may ask about: goods to send back must be shipped ones the shopper still has; refunds take any unit still left. */
const caseLimit = (item: OrderItem, type: AftersaleType) => (type === 'refund_only' ? unitsLeft(item) : keptShipped(item));

/** What a case would be about and give back: its lines, what each refunds, and freight coming back with them. */
export interface CaseQuote {
  type: AftersaleType;
  /** Money back in fen (0 for exchanges and repairs). */
  amount: number;
  /** Of the amount, the freight that comes back (a whole order refunded before anything shipped). */
  freight: number;
  lines: Array<{ orderItemId: number; quantity: number; amount: number }>;
}

type PricedCase = CaseQuote & { order: Awaited<ReturnType<typeof loadOrder>>; items: OrderItem[] };

/**
 * Prices a case the shopper asks about, with the refund computation the case will be refunded by:
 * within the window, each line once (quantities listed twice add up) and within what is left.
 * Opening a case does this under the order's lock; a quote on the committed rows.
 */
async function priceCase(tx: Ctx, customerId: number, orderId: number, input: Pick<OpenInput, 'type' | 'items' | 'amount'>, lock: boolean): Promise<PricedCase> {
  if (input.amount !== undefined && !REFUNDS.includes(input.type)) throw ValidationError.field('amount', 'exchanges and repairs move no money');
  const order = await loadOrder(tx, orderId, lock);
  if (order.customerId !== customerId) throw notFound('Order');
  if (!['paid', 'shipped', 'received'].includes(order.status)) {
    throw conflict('aftersale_window_closed', order.status === 'completed' ? 'The after-sales window of this order has closed' : `An order that is ${order.status} has no after-sales`);
  }
  if (order.status === 'received' && order.receivedAt) {
    const { afterSalesDays } = await settingsOf(tx, ordersSettings, order.tenantId);
    if (clock.nowMs() > order.receivedAt.getTime() + days(afterSalesDays)) throw conflict('aftersale_window_closed', 'The after-sales window of this order has closed');
  }
  const items = await itemsOf(tx, orderId);
  if (input.type !== 'refund_only' && !items.some((i) => i.shippedQuantity > 0)) throw ValidationError.field('type', 'nothing has been shipped yet: ask for refund_only');
  const listed = input.items?.length ? sumLines(input.items) : null;
  const chosen = listed
    ? listed.map((r) => {
        const item = items.find((i) => i.id === r.orderItemId);
        if (!item) throw ValidationError.field(`items[${r.index}].orderItemId`, 'not an item of this order');
        if (r.quantity > caseLimit(item, input.type)) throw ValidationError.field(`items[${r.index}].quantity`, `at most ${Math.max(0, caseLimit(item, input.type))}`);
        return { orderItemId: item.id, quantity: r.quantity, amount: 0 };
      })
    : items.filter((i) => caseLimit(i, input.type) > 0).map((i) => ({ orderItemId: i.id, quantity: caseLimit(i, input.type), amount: 0 }));
  if (!REFUNDS.includes(input.type)) return { order, items, type: input.type, amount: 0, freight: 0, lines: chosen };
  const { plan, total } = await previewRefund(tx, orderId, { items: listed ?? (input.type === 'return_refund' ? chosen : undefined), amount: input.amount, goodsBack: input.type === 'return_refund' });
  const lines = plan.lines.map((l) => ({ orderItemId: l.orderItemId, quantity: l.quantity, amount: l.amount }));
  return { order, items, type: input.type, amount: total, freight: plan.freight.reduce((sum, f) => sum + f.amount, 0), lines };
}

/** What a case would give back, before the shopper asks (nothing is written). */
export async function quoteCase(ctx: ShopperCtx, orderId: number, input: Pick<OpenInput, 'type' | 'items' | 'amount'>): Promise<CaseQuote> {
  const { type, amount, freight, lines } = await priceCase(ctx, ctx.actor.id, orderId, input, false);
  return { type, amount, freight, lines };
}

/** The preset reason fits the type; one of a preset reason or a description is given. */
function checkReason(input: OpenInput): void {
  if (input.reasonCode !== undefined && !(REASON_CODES[input.type] as readonly string[]).includes(input.reasonCode)) {
    throw ValidationError.field('reasonCode', `one of ${REASON_CODES[input.type].join(', ')} for ${input.type}`);
  }
  if (input.reasonCode === undefined && !input.reason) throw ValidationError.field('reasonCode', 'pick a reason');
}

/**
 * A shopper opens a case within the window, under the order's lock: each line once (quantities
 * listed twice add up), within what is left, and none already held by another open case.
 */
export async function openCase(ctx: ShopperCtx, orderId: number, input: OpenInput): Promise<AftersaleView> {
  checkReason(input);
  return withTransaction(ctx, async (tx) => {
    const tenantId = requireTenantId(tx);
    const { items, lines, amount: total } = await priceCase(tx, ctx.actor.id, orderId, input, true);
    if (!lines.length) throw conflict('aftersale_nothing_left', 'Nothing of this order is left for an after-sales case');
    if (await anyLineHeld(tx, lines.map((l) => l.orderItemId))) throw conflict('aftersale_open', 'Another after-sales case is open for these items');
    const reasonCode = input.reasonCode ?? 'other';
    const evidence = input.images ?? [];
    const c = await insertCase(tx, {
      orderId, customerId: ctx.actor.id, type: input.type, status: 'pending', reason: input.reason ?? '', reasonCode, evidence, amount: total, refundedAmount: 0,
      refuseReason: null, returnAddress: null, returnCarrier: null, returnTrackingNo: null, returnedAt: null, reshipCarrier: null, reshipTrackingNo: null, reshippedAt: null,
      arbitration: null, decidedBy: null, escalatedAt: null, closedAt: null,
      ...ownerOf(items.filter((i) => lines.some((l) => l.orderItemId === i.id)), tenantId),
    });
    try {
      await insertCaseItems(tx, c.id, lines);
    } catch (err) {
      if (err instanceof UniqueConstraintError) throw conflict('aftersale_open', 'Another after-sales case is open for these items');
      throw err;
    }
    await insertCaseEvent(tx, c, { kind: 'applied', actor: 'shopper', text: input.reason || null, details: { reason: reasonCode }, images: evidence });
    await emit(tx, aftersaleOpened, { tenantId, aftersaleId: c.id, orderId });
    return viewOf(tx, c);
  });
}

/**
 * Reserves the refund a case ends in, inside the deciding transaction (the order is locked): only
 * the case's own lines, never more than they have left, and never twice: a case with a refund
 * pending or paid gets nothing more (a refused one may be tried again).
 */
async function reserveCaseRefund(tx: Ctx, c: AftersaleRow, options: { amount?: number; moneyOnly?: boolean } = {}): Promise<number | null> {
  if ((await refundsOf(tx, { orderId: c.orderId, aftersaleId: c.id }, ['pending', 'succeeded'])).length) return null;
  const caseItems = await itemsOfCase(tx, c);
  const orderItems = await itemsOf(tx, c.orderId);
  // a line asked about with no units (money only) is valued on the units it has left
  const items = caseItems.flatMap((ci) => {
    const item = orderItems.find((i) => i.id === ci.orderItemId);
    if (!item) return [];
    const quantity = ci.quantity > 0 ? Math.min(ci.quantity, unitsLeft(item)) : unitsLeft(item);
    return quantity > 0 || moneyLeft(item) > 0 ? [{ orderItemId: item.id, quantity }] : [];
  });
  if (!items.length) throw conflict('refund_exceeds_payment', 'Nothing is left to refund for this case');
  const moneyOnly = options.moneyOnly || caseItems.every((ci) => ci.quantity === 0);
  const goodsBack = c.type === 'return_refund';
  const worth = (await previewRefund(tx, c.orderId, { items, moneyOnly, goodsBack })).total;
  if (options.amount !== undefined && options.amount > worth) throw conflict('refund_exceeds_payment', `At most ${worth} fen is left to refund for this case`, { refundable: worth });
  // what the case asked for, or less when its lines have less left by now (other refunds came first)
  const asked = Math.min(options.amount ?? (c.amount || worth), worth);
  const refund = await reserveOrderRefund(tx, c.orderId, { items, moneyOnly, goodsBack, ...(asked < worth ? { amount: asked } : {}), reason: `after-sales #${c.id}: ${c.reason}`, aftersaleId: c.id });
  return refund.id;
}

/** After the deciding transaction committed: the refund goes to its gateway. */
async function send(ctx: Ctx, refundId: number | null): Promise<void> {
  if (refundId !== null) await sendRefund({ ...ctx, transaction: null }, refundId);
}

export interface Decider {
  label: string;
  /** A supplier may decide only cases about its own goods. */
  supplierId?: number;
}

/**
 * The goods' owner decides: a supplier the cases about its goods (another supplier's are not
 * found), the shop the cases about its own goods; the shop sees a supplier's case but may not
 * decide it (it may still add a message, and the shopper may escalate).
 */
function assertDecider(c: AftersaleRow, decider: Decider): void {
  if (decider.supplierId === undefined) {
    if (c.ownerKind === 'supplier') throw forbidden("The supplier of these goods decides this case; the shop can only follow it", 'aftersale_supplier_decides');
    return;
  }
  if (c.ownerKind !== 'supplier' || c.ownerId !== decider.supplierId) throw notFound('After-sales case');
}

/** Runs a decision on a locked case, then sends the refund it reserved, if any. */
async function decide(ctx: Ctx, id: number, step: (tx: Ctx, c: AftersaleRow) => Promise<number | null>): Promise<AftersaleView> {
  const refundId = await withTransaction(ctx, async (tx) => step(tx, await lockCase(tx, id)));
  await send(ctx, refundId);
  return viewOf(ctx, await load(ctx, id));
}

/**
 * The refund an approved case was decided to end in (a refund_only case, or the platform's
 * refund of a case's lines), so that approving it again tries a refund the gateway refused anew;
 * null for a case that waits for goods.
 */
function decidedRefund(c: AftersaleRow): { amount?: number; moneyOnly?: boolean } | null {
  const amount = c.arbitration?.amount !== undefined ? { amount: c.arbitration.amount } : {};
  if (c.arbitration?.decision === 'refund') return { ...amount, moneyOnly: c.type !== 'refund_only' };
  return c.type === 'refund_only' ? amount : null;
}

/**
 * Approve: a refund_only case refunds at once; the others wait for the goods (at the given
 * address). Approving an approved case again only retries the refund it was decided to end in,
 * after the gateway refused it.
 */
export async function approve(ctx: Ctx, id: number, decider: Decider, returnAddress?: ReturnAddress): Promise<AftersaleView> {
  return decide(ctx, id, async (tx, c) => {
    assertDecider(c, decider);
    const refund = decidedRefund(c);
    if (c.status === 'approved' && refund) return reserveCaseRefund(tx, c, refund);
    if (c.status !== 'pending') throw invalidState(`An after-sales case that is ${c.status} cannot be approved`);
    if (c.type !== 'refund_only' && !returnAddress) throw ValidationError.field('returnAddress', 'where the shopper sends the goods back');
    const approved = await move(tx, c, ['pending'], 'approved', { decidedBy: decider.label, returnAddress: returnAddress ?? null });
    return approved.type === 'refund_only' ? reserveCaseRefund(tx, approved) : null;
  });
}

export async function refuse(ctx: Ctx, id: number, decider: Decider, reason: string): Promise<AftersaleView> {
  return decide(ctx, id, async (tx, c) => {
    assertDecider(c, decider);
    await move(tx, c, ['pending'], 'refused', { refuseReason: reason, decidedBy: decider.label });
    return null;
  });
}

function assertShopper(c: AftersaleRow, ctx: ShopperCtx): void {
  if (c.customerId !== ctx.actor.id) throw notFound('After-sales case');
}

export async function sendBack(ctx: ShopperCtx, id: number, carrier: string, trackingNo: string): Promise<AftersaleView> {
  return decide(ctx, id, async (tx, c) => {
    assertShopper(c, ctx);
    if (c.type === 'refund_only') throw invalidState('A refund-only case has nothing to send back');
    await move(tx, c, ['approved'], 'returning', { returnCarrier: carrier, returnTrackingNo: trackingNo });
    return null;
  });
}

/**
 * The owner got the goods back: a return refunds (once: confirming again only retries a refund the
 * gateway refused); an exchange or a repair now waits for the owner to ship the item back.
 */
export async function confirmReturn(ctx: Ctx, id: number, decider: Decider): Promise<AftersaleView> {
  return decide(ctx, id, async (tx, c) => {
    assertDecider(c, decider);
    if (c.status === 'returned' && c.type === 'return_refund') return reserveCaseRefund(tx, c);
    if (c.status !== 'returning') throw invalidState(`A case that is ${c.status} has no return to confirm`);
    const returned = await move(tx, c, ['returning'], 'returned', { returnedAt: clock.now() });
    return returned.type === 'return_refund' ? reserveCaseRefund(tx, returned) : null;
  });
}

/** The owner ships the replacement (exchange) or the repaired item (repair); the shopper's receipt closes the case. */
export async function reship(ctx: Ctx, id: number, decider: Decider, carrier: string, trackingNo: string): Promise<AftersaleView> {
  const view = await decide(ctx, id, async (tx, c) => {
    assertDecider(c, decider);
    if (c.type !== 'exchange' && c.type !== 'repair') throw invalidState('Only an exchange or a repair ships an item back');
    const now = clock.now();
    await move(tx, c, ['returned'], 'reshipped', { reshipCarrier: carrier, reshipTrackingNo: trackingNo, reshippedAt: now });
    const { autoReceiveDays } = await settingsOf(tx, ordersSettings, c.tenantId);
    await scheduleJob(tx, 'aftersales.auto-receive', new Date(now.getTime() + days(autoReceiveDays)), { aftersaleId: c.id }, { dedupeKey: `aftersale:${c.id}:receive` });
    return null;
  });
  await followParcel({ ...ctx, transaction: null }, carrier, trackingNo).catch(() => undefined);
  return view;
}

async function closeReshipped(tx: Ctx, c: AftersaleRow): Promise<void> {
  await move(tx, c, ['reshipped'], 'closed', { closedAt: clock.now() });
  await cancelJob(tx, `aftersale:${c.id}:receive`);
}

/** The shopper has the replacement or the repaired item. */
export async function confirmReshipment(ctx: ShopperCtx, id: number): Promise<AftersaleView> {
  return decide(ctx, id, async (tx, c) => {
    assertShopper(c, ctx);
    await closeReshipped(tx, c);
    return null;
  });
}

/** The aftersales.auto-receive job (listed in the module declaration). */
export const autoReceiveReturnJob: JobHandler = async (ctx, payload) => {
  await withTransaction(ctx, async (tx) => {
    const c = await lockCase(tx, Number(payload.aftersaleId));
    if (c.status === 'reshipped') await closeReshipped(tx, c);
  });
};

export async function withdraw(ctx: ShopperCtx, id: number): Promise<AftersaleView> {
  return decide(ctx, id, async (tx, c) => {
    assertShopper(c, ctx);
    await move(tx, c, ['pending'], 'closed', { closedAt: clock.now() });
    return null;
  });
}

/** A refused case goes to the platform, which takes its lines back unless another case holds them now. */
export async function escalate(ctx: ShopperCtx, id: number): Promise<AftersaleView> {
  return decide(ctx, id, async (tx, c) => {
    assertShopper(c, ctx);
    if (c.status === 'refused' && clock.nowMs() > c.updatedAt.getTime() + days(ESCALATION_DAYS)) throw conflict('escalation_closed', `A refusal can be escalated within ${ESCALATION_DAYS} days`);
    await move(tx, c, ['refused'], 'escalated', { escalatedAt: clock.now() });
    return null;
  });
}

// ---- messages ----

export interface CaseMessage {
  text?: string;
  images?: string[];
}

/**
 * A message on a case's timeline, with photos: from the shopper (its own cases), the shop (any of
 * its cases, the supplier's too), the supplier (cases about its goods) or the platform. A
 * message moves nothing, so it takes no lock.
 */
export async function addMessage(ctx: Ctx, id: number, message: CaseMessage, who: { customerId?: number; supplierId?: number } = {}): Promise<AftersaleView> {
  if (!message.text && !message.images?.length) throw ValidationError.field('text', 'a message or a photo');
  const c = await load(ctx, id);
  if (who.customerId !== undefined && c.customerId !== who.customerId) throw notFound('After-sales case');
  if (who.supplierId !== undefined && (c.ownerKind !== 'supplier' || c.ownerId !== who.supplierId)) throw notFound('After-sales case');
  await insertCaseEvent(ctx, c, { kind: 'message', actor: actorOf(ctx), text: message.text ?? null, images: message.images ?? [] });
  return viewOf(ctx, await load(ctx, id));
}

// ---- the platform ----

const ARBITRATION = 'aftersales: the platform arbitrates cases of every shop';

export async function escalatedCases(ctx: Ctx, q: PageQuery & { status?: AftersaleStatus }): Promise<Page<AftersaleView & { tenantId: number; shopName: string }>> {
  return acrossTenants(ARBITRATION, async () => {
    const { rows, count } = await casesToArbitrate(q.status ?? 'escalated', q);
    return pageOf(q, await crossTenantViews(ctx, rows), count);
  });
}

const SUPPLIER_QUEUE = 'aftersales: a supplier reads the cases about its goods in every shop';

/** The cases a supplier decides, newest first, across the shops that sell its goods. */
export async function supplierCases(ctx: Ctx, supplierId: number, q: PageQuery & { status?: AftersaleStatus }): Promise<Page<AftersaleView & { tenantId: number; shopName: string }>> {
  return acrossTenants(SUPPLIER_QUEUE, async () => {
    const { rows, count } = await supplierCasePage(supplierId, q.status, q);
    return pageOf(q, await crossTenantViews(ctx, rows), count);
  });
}

export async function supplierCase(ctx: Ctx, supplierId: number, id: number): Promise<AftersaleView & { tenantId: number; shopName: string }> {
  return acrossTenants(SUPPLIER_QUEUE, async () => {
    const c = await supplierCaseById(supplierId, id);
    if (!c) throw notFound('After-sales case');
    return (await crossTenantViews(ctx, [c]))[0]!;
  });
}

export type ArbitrationDecision = 'refund' | 'reject' | 'approve';

/**
 * The platform decides an escalated case. `reject` closes it. `refund` gives the case's own lines'
 * money back now (an amount, or what the case asked for; for an exchange or a repair, what the lines
 * are worth, and the goods stay with the shopper). `approve` sides with the shopper on the case as
 * asked: a refund_only case refunds, the others go on as approved, with the owner's return address.
 */
export async function arbitrate(ctx: Ctx, id: number, decision: ArbitrationDecision, reason: string, options: { amount?: number; returnAddress?: ReturnAddress } = {}): Promise<AftersaleView> {
  const tenantId = await acrossTenants(ARBITRATION, () => tenantOfCase(id));
  if (tenantId === null) throw notFound('After-sales case');
  const tenant = await tenantRef(ctx, tenantId);
  return inTenant(ctx, tenant, (tc) =>
    decide(tc, id, async (tx, c) => {
      const { amount, returnAddress } = options;
      if (amount !== undefined && c.amount > 0 && amount > c.amount) throw ValidationError.field('amount', `at most the ${c.amount} fen asked for`);
      const goodsBack = c.type !== 'refund_only';
      if (decision === 'approve' && goodsBack && !returnAddress) throw ValidationError.field('returnAddress', 'where the shopper sends the goods back');
      const arbitration: Arbitration = { decision, reason, ...(amount !== undefined ? { amount } : {}), at: clock.now().toISOString(), by: tx.actor.kind === 'platform' ? tx.actor.id : null };
      if (decision === 'reject') {
        await move(tx, c, ['escalated'], 'closed', { arbitration, closedAt: clock.now() });
        return null;
      }
      const approved = await move(tx, c, ['escalated'], 'approved', { arbitration, decidedBy: 'platform', ...(decision === 'approve' && goodsBack ? { returnAddress: returnAddress ?? null } : {}) });
      return decision === 'approve' && goodsBack ? null : reserveCaseRefund(tx, approved, decidedRefund(approved) ?? {});
    }),
  );
}

// ---- reads ----

export async function listCases(ctx: Ctx, q: PageQuery & { status?: AftersaleStatus }, customerId?: number): Promise<Page<AftersaleView>> {
  const { rows, count } = await casePage(ctx, { ...(customerId ? { customerId } : {}), ...(q.status ? { status: q.status } : {}) }, q);
  return pageOf(q, await views(ctx, rows), count);
}

export async function getCase(ctx: Ctx, id: number, customerId?: number): Promise<AftersaleView> {
  const c = await load(ctx, id);
  if (customerId !== undefined && c.customerId !== customerId) throw notFound('After-sales case');
  return viewOf(ctx, c);
}

// ---- the order side ----

/** A case's refund paid: the case is over. A refused refund leaves the case where it was, to be tried again. */
export const refundClosesCase = contribute(orderRefunded, 'aftersales.refund-closes-case', async (ctx, event) => {
  if (!event.aftersaleId || event.outcome !== 'succeeded') return;
  const c = await findCase(ctx, event.aftersaleId);
  if (!c || !OPEN.includes(c.status)) return;
  await move(ctx, c, OPEN, 'refunded', { refundedAmount: c.refundedAmount + event.amount, closedAt: clock.now() });
});

/** An open case may still take money back: the order does not settle meanwhile. */
export const openCasesBlockCompletion = contribute(
  mayCompleteOrder,
  'aftersales.open-cases',
  async (ctx, orderId) => {
    const open = await caseOfOrderIn(ctx, orderId, OPEN);
    return open !== null ? { refused: `after-sales case ${open} is open` } : true;
  },
  20,
);

/** Cases waiting on the shop: a decision to make, or goods back to refund (the workbench's to-do). */
export function casesAwaitingShop(ctx: Ctx): Promise<number> {
  return countShopDecidedCases(ctx, ['pending', 'returned']);
}

/** Escalated cases of every shop, waiting for the platform's arbitration. */
export function casesToArbitrateCount(): Promise<number> {
  return acrossTenants(ARBITRATION, () => countCasesAcrossShops('escalated'));
}
