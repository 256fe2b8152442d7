import { Op } from 'sequelize';
import { clock, days } from '../../core/clock.js';
import type { Actor, Ctx } from '../../core/context.js';
import { inTenant, requireTenantId } from '../../core/context.js';
import { acrossTenants, inTx, pageOf, paginate, withTransaction, type Page, type PageQuery } from '../../core/db/index.js';
import { conflict, invalidState, notFound, ValidationError } from '../../core/errors.js';
import { emit } from '../../core/outbox.js';
import { itemsOf, loadShopperOrder, onCompletionCheck, onOrderRefunded, planRefund, refundOrder, type OrderItem } from '../orders/index.js';
import { tenantRef, tenantSettings } from '../tenants/index.js';
import { Aftersale, AftersaleItem, type AftersaleStatus, type AftersaleType, type ReturnAddress } from './model.js';

type ShopperCtx = Ctx & { actor: Extract<Actor, { kind: 'shopper' }> };

export const OPEN: AftersaleStatus[] = ['pending', 'approved', 'returning', 'escalated'];
const REFUNDS: AftersaleType[] = ['refund_only', 'return_refund'];
const ESCALATION_DAYS = 7;

export interface AftersaleView {
  id: number;
  orderId: number;
  type: AftersaleType;
  status: AftersaleStatus;
  reason: string;
  amount: number;
  refundedAmount: number;
  refuseReason: string | null;
  returnAddress: ReturnAddress | null;
  returnCarrier: string | null;
  returnTrackingNo: string | null;
  arbitration: Aftersale['arbitration'];
  /** Who decides the case: the supplier of its goods, or the shop. */
  owner: { kind: 'supplier' | 'tenant'; id: number };
  items: Array<{ orderItemId: number; quantity: number; amount: number }>;
  escalatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

type CaseItem = Pick<AftersaleItem, 'aftersaleId' | 'orderItemId' | 'quantity' | 'amount'>;

function caseView(c: Aftersale, items: CaseItem[]): AftersaleView {
  return {
    id: c.id,
    orderId: c.orderId,
    type: c.type,
    status: c.status,
    reason: c.reason,
    amount: c.amount,
    refundedAmount: c.refundedAmount,
    refuseReason: c.refuseReason,
    returnAddress: c.returnAddress,
    returnCarrier: c.returnCarrier,
    returnTrackingNo: c.returnTrackingNo,
    arbitration: c.arbitration,
    owner: { kind: c.ownerKind, id: c.ownerId },
    items: items.filter((i) => i.aftersaleId === c.id).map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity, amount: i.amount })),
    escalatedAt: c.escalatedAt ? c.escalatedAt.toISOString() : null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

async function views(ctx: Ctx, cases: Aftersale[]): Promise<AftersaleView[]> {
  if (!cases.length) return [];
  const items = await AftersaleItem.findAll({ where: { tenantId: requireTenantId(ctx), aftersaleId: cases.map((c) => c.id) }, order: [['id', 'ASC']], ...inTx(ctx) });
  return cases.map((c) => caseView(c, items));
}

/** Cases of several shops (the platform's and a supplier's queues), each with its shop. Call inside acrossTenants. */
async function crossTenantViews(cases: Aftersale[]): Promise<Array<AftersaleView & { tenantId: number }>> {
  const items = cases.length ? await AftersaleItem.findAll({ where: { aftersaleId: cases.map((c) => c.id) }, order: [['id', 'ASC']] }) : [];
  return cases.map((c) => ({ ...caseView(c, items.filter((i) => i.tenantId === c.tenantId)), tenantId: c.tenantId }));
}

export const viewOf = async (ctx: Ctx, c: Aftersale) => (await views(ctx, [c]))[0]!;

async function load(ctx: Ctx, id: number): Promise<Aftersale> {
  const c = await Aftersale.findOne({ where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
  if (!c) throw notFound('After-sales case');
  return c;
}

async function move(ctx: Ctx, c: Aftersale, from: AftersaleStatus[], to: AftersaleStatus, changes: Partial<Aftersale> = {}): Promise<void> {
  if (!from.includes(c.status)) throw invalidState(`An after-sales case that is ${c.status} cannot become ${to}`);
  const [changed] = await Aftersale.update({ ...changes, status: to }, { where: { tenantId: c.tenantId, id: c.id, status: c.status }, ...inTx(ctx) });
  if (changed !== 1) throw invalidState('The case changed meanwhile');
  c.set({ ...changes, status: to });
  await emit(ctx, 'aftersale.status_changed', { tenantId: c.tenantId, aftersaleId: c.id, orderId: c.orderId, customerId: c.customerId, status: to });
}

export interface OpenInput {
  type: AftersaleType;
  reason: string;
  items?: Array<{ orderItemId: number; quantity: number }>;
  amount?: number;
}

/** A case about one supplier's goods is that supplier's to decide; anything else is the shop's. */
function ownerOf(items: OrderItem[], tenantId: number): Pick<Aftersale, 'ownerKind' | 'ownerId'> {
  const first = items[0];
  const oneSupplier = first?.ownerKind === 'supplier' && items.every((i) => i.ownerKind === 'supplier' && i.ownerId === first.ownerId);
  return oneSupplier ? { ownerKind: 'supplier', ownerId: first.ownerId } : { ownerKind: 'tenant', ownerId: tenantId };
}

/** A shopper opens a case within the window; the refund it asks for is checked against what is left. */
export async function openCase(ctx: ShopperCtx, orderId: number, input: OpenInput): Promise<AftersaleView> {
  const order = await loadShopperOrder(ctx, orderId);
  if (!['paid', 'shipped', 'received'].includes(order.status)) {
    throw conflict('aftersale_window_closed', order.status === 'completed' ? 'The after-sales window of this order has closed' : `An order that is ${order.status} has no after-sales`);
  }
  if (order.status === 'received' && order.receivedAt) {
    const { afterSalesDays } = await tenantSettings(ctx, order.tenantId);
    if (clock.nowMs() > order.receivedAt.getTime() + days(afterSalesDays)) throw conflict('aftersale_window_closed', 'The after-sales window of this order has closed');
  }
  const items = await itemsOf(ctx, orderId);
  const needsGoodsBack = input.type !== 'refund_only';
  if (needsGoodsBack && !items.some((i) => i.shippedQuantity > 0)) throw ValidationError.field('type', 'nothing has been shipped yet: ask for refund_only');
  const chosen = input.items?.length ? input.items : items.map((i) => ({ orderItemId: i.id, quantity: i.quantity - i.refundedQuantity })).filter((i) => i.quantity > 0);
  chosen.forEach((c, index) => {
    const item = items.find((i) => i.id === c.orderItemId);
    if (!item) throw ValidationError.field(`items[${index}].orderItemId`, 'not an item of this order');
    const limit = needsGoodsBack ? item.shippedQuantity - item.refundedQuantity : item.quantity - item.refundedQuantity;
    if (c.quantity > limit) throw ValidationError.field(`items[${index}].quantity`, `at most ${Math.max(0, limit)}`);
  });
  const { plan, total } = REFUNDS.includes(input.type)
    ? await planRefund(ctx, orderId, { items: input.items, amount: input.amount })
    : { plan: { lines: chosen.map((c) => ({ ...c, amount: 0 })), freight: [] }, total: 0 };
  if (input.amount !== undefined && !REFUNDS.includes(input.type)) throw ValidationError.field('amount', 'exchanges and repairs move no money');
  return withTransaction(ctx, async (tx) => {
    const tenantId = requireTenantId(tx);
    if (await Aftersale.findOne({ where: { tenantId, orderId, status: OPEN }, attributes: ['id'], ...inTx(tx) })) {
      throw conflict('aftersale_open', 'This order already has an open after-sales case');
    }
    const c = await Aftersale.create(
      {
        tenantId, orderId, customerId: ctx.actor.id, type: input.type, status: 'pending', reason: input.reason, amount: total, refundedAmount: 0,
        refuseReason: null, returnAddress: null, returnCarrier: null, returnTrackingNo: null, arbitration: null, decidedBy: null, escalatedAt: null, closedAt: null,
        ...ownerOf(items.filter((i) => plan.lines.some((l) => l.orderItemId === i.id)), tenantId),
      },
      inTx(tx),
    );
    await AftersaleItem.bulkCreate(
      plan.lines.map((l) => ({ tenantId, aftersaleId: c.id, orderItemId: l.orderItemId, quantity: needsGoodsBack || input.items?.length ? (chosen.find((x) => x.orderItemId === l.orderItemId)?.quantity ?? l.quantity) : l.quantity, amount: l.amount })),
      inTx(tx),
    );
    await emit(tx, 'aftersale.opened', { tenantId, aftersaleId: c.id, orderId });
    return viewOf(tx, c);
  });
}

/**
 * The refund a case ends in. A case for everything that is left refunds the order whole (freight
 * too, when nothing shipped); otherwise the case's items, for its amount.
 */
async function refundFor(ctx: Ctx, c: Aftersale, amount = c.amount): Promise<void> {
  if (amount <= 0) return;
  const outside = { ...ctx, transaction: null };
  const reason = `after-sales #${c.id}: ${c.reason}`;
  const whole = await planRefund(ctx, c.orderId, {});
  if (amount >= whole.total) {
    await refundOrder(outside, c.orderId, { reason, aftersaleId: c.id });
    return;
  }
  const items = await AftersaleItem.findAll({ where: { tenantId: c.tenantId, aftersaleId: c.id }, ...inTx(ctx) });
  await refundOrder(outside, c.orderId, { reason, aftersaleId: c.id, amount, items: items.filter((i) => i.quantity > 0).map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity })) });
}

export interface Decider {
  label: string;
  /** A supplier may decide only cases about its own goods. */
  supplierId?: number;
}

function assertDecider(c: Aftersale, decider: Decider): void {
  if (decider.supplierId === undefined) return;
  if (c.ownerKind !== 'supplier' || c.ownerId !== decider.supplierId) throw notFound('After-sales case');
}

/** Approve: refund_only refunds at once; returns wait for the goods (at the given address). */
export async function approve(ctx: Ctx, id: number, decider: Decider, returnAddress?: ReturnAddress): Promise<AftersaleView> {
  const c = await withTransaction(ctx, async (tx) => {
    const c = await load(tx, id);
    assertDecider(c, decider);
    if (c.type !== 'refund_only' && !returnAddress) throw ValidationError.field('returnAddress', 'where the shopper sends the goods back');
    if (c.status === 'approved' && c.type === 'refund_only') return c; // a refund that failed before is tried again
    await move(tx, c, ['pending'], 'approved', { decidedBy: decider.label, returnAddress: returnAddress ?? null });
    return c;
  });
  if (c.type === 'refund_only') await refundFor(ctx, c);
  return viewOf(ctx, await load(ctx, id));
}

export async function refuse(ctx: Ctx, id: number, decider: Decider, reason: string): Promise<AftersaleView> {
  return withTransaction(ctx, async (tx) => {
    const c = await load(tx, id);
    assertDecider(c, decider);
    await move(tx, c, ['pending'], 'refused', { refuseReason: reason, decidedBy: decider.label });
    return viewOf(tx, c);
  });
}

export async function sendBack(ctx: ShopperCtx, id: number, carrier: string, trackingNo: string): Promise<AftersaleView> {
  return withTransaction(ctx, async (tx) => {
    const c = await load(tx, id);
    if (c.customerId !== ctx.actor.id) throw notFound('After-sales case');
    if (c.type === 'refund_only') throw invalidState('A refund-only case has nothing to send back');
    await move(tx, c, ['approved'], 'returning', { returnCarrier: carrier, returnTrackingNo: trackingNo });
    return viewOf(tx, c);
  });
}

/** The shop got the goods back: refund for returns, close for exchanges and repairs. */
export async function confirmReturn(ctx: Ctx, id: number, decider: Decider): Promise<AftersaleView> {
  const c = await withTransaction(ctx, async (tx) => {
    const c = await load(tx, id);
    assertDecider(c, decider);
    if (c.status !== 'returning') throw invalidState(`A case that is ${c.status} has no return to confirm`);
    if (c.type !== 'return_refund') await move(tx, c, ['returning'], 'closed', { closedAt: clock.now() });
    return c;
  });
  if (c.type === 'return_refund') await refundFor(ctx, c);
  return viewOf(ctx, await load(ctx, id));
}

export async function withdraw(ctx: ShopperCtx, id: number): Promise<AftersaleView> {
  return withTransaction(ctx, async (tx) => {
    const c = await load(tx, id);
    if (c.customerId !== ctx.actor.id) throw notFound('After-sales case');
    await move(tx, c, ['pending'], 'closed', { closedAt: clock.now() });
    return viewOf(tx, c);
  });
}

export async function escalate(ctx: ShopperCtx, id: number): Promise<AftersaleView> {
  return withTransaction(ctx, async (tx) => {
    const c = await load(tx, id);
    if (c.customerId !== ctx.actor.id) throw notFound('After-sales case');
    if (c.status === 'refused' && clock.nowMs() > c.updatedAt.getTime() + days(ESCALATION_DAYS)) throw conflict('escalation_closed', `A refusal can be escalated within ${ESCALATION_DAYS} days`);
    await move(tx, c, ['refused'], 'escalated', { escalatedAt: clock.now() });
    return viewOf(tx, c);
  });
}

// ---- the platform ----

const ARBITRATION = 'aftersales: the platform arbitrates cases of every shop';

export async function escalatedCases(ctx: Ctx, q: PageQuery & { status?: AftersaleStatus }): Promise<Page<AftersaleView & { tenantId: number }>> {
  return acrossTenants(ARBITRATION, async () => {
    const { rows, count } = await Aftersale.findAndCountAll({ where: { status: q.status ?? 'escalated' }, order: [['escalatedAt', 'ASC'], ['id', 'ASC']], ...paginate(q) });
    return pageOf(q, await crossTenantViews(rows), count);
  });
}

const SUPPLIER_QUEUE = 'aftersales: a supplier reads the cases about its goods in every shop';

/** The cases a supplier decides, newest first, across the shops that sell its goods. */
export async function supplierCases(ctx: Ctx, supplierId: number, q: PageQuery & { status?: AftersaleStatus }): Promise<Page<AftersaleView & { tenantId: number }>> {
  return acrossTenants(SUPPLIER_QUEUE, async () => {
    const where = { ownerKind: 'supplier' as const, ownerId: supplierId, ...(q.status ? { status: q.status } : {}) };
    const { rows, count } = await Aftersale.findAndCountAll({ where, order: [['id', 'DESC']], ...paginate(q) });
    return pageOf(q, await crossTenantViews(rows), count);
  });
}

export async function supplierCase(ctx: Ctx, supplierId: number, id: number): Promise<AftersaleView & { tenantId: number }> {
  return acrossTenants(SUPPLIER_QUEUE, async () => {
    const c = await Aftersale.findOne({ where: { id, ownerKind: 'supplier', ownerId: supplierId } });
    if (!c) throw notFound('After-sales case');
    return (await crossTenantViews([c]))[0]!;
  });
}

/** The platform decides an escalated case: a refund (all, or an amount) or closing it. */
export async function arbitrate(ctx: Ctx, id: number, decision: 'refund' | 'reject', reason: string, amount?: number): Promise<AftersaleView> {
  const found = await acrossTenants(ARBITRATION, () => Aftersale.findByPk(id, { attributes: ['id', 'tenantId'], raw: true }));
  if (!found) throw notFound('After-sales case');
  const tenant = await tenantRef(ctx, found.tenantId);
  return inTenant(ctx, tenant, async (tc) => {
    const c = await withTransaction(tc, async (tx) => {
      const c = await load(tx, id);
      if (amount !== undefined && amount > c.amount) throw ValidationError.field('amount', `at most the ${c.amount} fen asked for`);
      const arbitration = { decision, reason, ...(amount !== undefined ? { amount } : {}), at: clock.now().toISOString(), by: tx.actor.kind === 'platform' ? tx.actor.id : null };
      if (decision === 'reject') await move(tx, c, ['escalated'], 'closed', { arbitration, closedAt: clock.now() });
      else await move(tx, c, ['escalated'], 'approved', { arbitration, decidedBy: 'platform' });
      return c;
    });
    if (decision === 'refund') await refundFor(tc, c, amount ?? (c.amount || (await planRefund(tc, c.orderId, {})).total));
    return viewOf(tc, await load(tc, id));
  });
}

// ---- reads ----

export async function listCases(ctx: Ctx, q: PageQuery & { status?: AftersaleStatus }, customerId?: number): Promise<Page<AftersaleView>> {
  const where = { tenantId: requireTenantId(ctx), ...(customerId ? { customerId } : {}), ...(q.status ? { status: q.status } : {}) };
  const { rows, count } = await Aftersale.findAndCountAll({ where, order: [['id', 'DESC']], ...paginate(q), ...inTx(ctx) });
  return pageOf(q, await views(ctx, rows), count);
}

export async function getCase(ctx: Ctx, id: number, customerId?: number): Promise<AftersaleView> {
  const c = await load(ctx, id);
  if (customerId !== undefined && c.customerId !== customerId) throw notFound('After-sales case');
  return viewOf(ctx, c);
}

// ---- the order side ----

onOrderRefunded(async (ctx, event) => {
  if (!event.aftersaleId) return;
  const c = await Aftersale.findOne({ where: { tenantId: requireTenantId(ctx), id: event.aftersaleId }, ...inTx(ctx) });
  if (!c || c.status === 'refunded') return;
  await c.update({ status: 'refunded', refundedAmount: c.refundedAmount + event.amount, closedAt: clock.now() }, inTx(ctx));
  await emit(ctx, 'aftersale.status_changed', { tenantId: c.tenantId, aftersaleId: c.id, orderId: c.orderId, customerId: c.customerId, status: 'refunded' });
});

onCompletionCheck(async (ctx, orderId) => !(await Aftersale.findOne({ where: { tenantId: requireTenantId(ctx), orderId, status: { [Op.in]: OPEN } }, attributes: ['id'], ...inTx(ctx) })));
