/**
 * Every query of the after-sales module, and the only file that touches its models (server/README.md,
 * "One door to the database"): cases and their lines go in and out as plain rows. The guards are
 * statements here, chosen by the service: a status change is a conditional update on the status it
 * leaves, and the unique key on `open_order_item_id` lets one open case hold a line (the writes
 * that claim a line throw UniqueConstraintError when another open case holds it). The reads across
 * shops (the platform's and a supplier's queues) run inside the caller's acrossTenants, which says
 * why, and the lines of cases of several shops are read by each case's tenant.
 */
import { Op } from 'sequelize';
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { inTx, paginate, tenantsOf, type PageQuery } from '../../core/db/index.js';
import { Aftersale, AftersaleEvent, AftersaleItem, type AftersaleStatus, type AftersaleType, type Arbitration, type CaseActor, type CaseEventDetails, type CaseEventKind, type ReturnAddress } from './model.js';
import type { ReasonCode } from './reasons.js';

export interface AftersaleRow {
  id: number;
  tenantId: number;
  orderId: number;
  customerId: number;
  type: AftersaleType;
  status: AftersaleStatus;
  reason: string;
  reasonCode: ReasonCode | null;
  evidence: string[];
  amount: number;
  refundedAmount: number;
  refuseReason: string | null;
  returnAddress: ReturnAddress | null;
  returnCarrier: string | null;
  returnTrackingNo: string | null;
  returnedAt: Date | null;
  reshipCarrier: string | null;
  reshipTrackingNo: string | null;
  reshippedAt: Date | null;
  arbitration: Arbitration | null;
  decidedBy: string | null;
  /** Who decides: the supplier whose goods the case is about, or the shop (its own goods, or several owners'). */
  ownerKind: 'supplier' | 'tenant';
  ownerId: number;
  escalatedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface AftersaleItemRow {
  id: number;
  tenantId: number;
  aftersaleId: number;
  orderItemId: number;
  quantity: number;
  amount: number;
}

const caseRow = (c: Aftersale): AftersaleRow => ({
  id: c.id,
  tenantId: c.tenantId,
  orderId: c.orderId,
  customerId: c.customerId,
  type: c.type,
  status: c.status,
  reason: c.reason,
  reasonCode: c.reasonCode,
  evidence: c.evidence ?? [],
  amount: c.amount,
  refundedAmount: c.refundedAmount,
  refuseReason: c.refuseReason,
  returnAddress: c.returnAddress,
  returnCarrier: c.returnCarrier,
  returnTrackingNo: c.returnTrackingNo,
  returnedAt: c.returnedAt,
  reshipCarrier: c.reshipCarrier,
  reshipTrackingNo: c.reshipTrackingNo,
  reshippedAt: c.reshippedAt,
  arbitration: c.arbitration,
  decidedBy: c.decidedBy,
  ownerKind: c.ownerKind,
  ownerId: c.ownerId,
  escalatedAt: c.escalatedAt,
  closedAt: c.closedAt,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

const itemRow = (i: AftersaleItem): AftersaleItemRow => ({ id: i.id, tenantId: i.tenantId, aftersaleId: i.aftersaleId, orderItemId: i.orderItemId, quantity: i.quantity, amount: i.amount });

type CaseRef = Pick<AftersaleRow, 'tenantId' | 'id'>;

// ---- cases ----

export type NewCase = Omit<AftersaleRow, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>;

export async function insertCase(ctx: Ctx, fields: NewCase): Promise<AftersaleRow> {
  return caseRow(await Aftersale.create({ tenantId: requireTenantId(ctx), ...fields }, inTx(ctx)));
}

export async function findCase(ctx: Ctx, id: number): Promise<AftersaleRow | null> {
  const c = await Aftersale.findOne({ where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
  return c ? caseRow(c) : null;
}

export type CaseChanges = Partial<Omit<AftersaleRow, 'id' | 'tenantId' | 'orderId' | 'customerId' | 'type' | 'reasonCode' | 'evidence' | 'ownerKind' | 'ownerId' | 'createdAt' | 'updatedAt'>>;

/** Moves the case out of the status `from` (a conditional update); answers how many rows changed (0 or 1). */
export async function updateCaseFrom(ctx: Ctx, c: CaseRef, from: AftersaleStatus, changes: CaseChanges): Promise<number> {
  const [changed] = await Aftersale.update(changes, { where: { tenantId: c.tenantId, id: c.id, status: from }, ...inTx(ctx) });
  return changed;
}

/** The id of one of the order's cases in these statuses, or null. */
export async function caseOfOrderIn(ctx: Ctx, orderId: number, statuses: AftersaleStatus[]): Promise<number | null> {
  const c = await Aftersale.findOne({ where: { tenantId: requireTenantId(ctx), orderId, status: { [Op.in]: statuses } }, attributes: ['id'], ...inTx(ctx) });
  return c?.id ?? null;
}

export interface CaseFilter {
  customerId?: number;
  status?: AftersaleStatus;
}

/** A page of the shop's cases (a shopper's, in a status, if given), newest first, with the total. */
export async function casePage(ctx: Ctx, filter: CaseFilter, q: PageQuery): Promise<{ rows: AftersaleRow[]; count: number }> {
  const where = { tenantId: requireTenantId(ctx), ...(filter.customerId ? { customerId: filter.customerId } : {}), ...(filter.status ? { status: filter.status } : {}) };
  const { rows, count } = await Aftersale.findAndCountAll({ where, order: [['id', 'DESC']], ...paginate(q), ...inTx(ctx) });
  return { rows: rows.map(caseRow), count };
}

// the platform and suppliers decide cases of any shop: these read across shops, inside acrossTenants

/** The shop a case belongs to, by the case's id alone. */
export async function tenantOfCase(id: number): Promise<number | null> {
  const found = await Aftersale.findByPk(id, { attributes: ['tenantId'], raw: true });
  return found?.tenantId ?? null;
}

/** Cases of every shop in a status, the longest escalated first: the platform's queue. */
export async function casesToArbitrate(status: AftersaleStatus, q: PageQuery): Promise<{ rows: AftersaleRow[]; count: number }> {
  const { rows, count } = await Aftersale.findAndCountAll({ where: { status }, order: [['escalatedAt', 'ASC'], ['id', 'ASC']], ...paginate(q) });
  return { rows: rows.map(caseRow), count };
}

/** The cases a supplier decides (in a status, if given), newest first, in every shop. */
export async function supplierCasePage(supplierId: number, status: AftersaleStatus | undefined, q: PageQuery): Promise<{ rows: AftersaleRow[]; count: number }> {
  const where = { ownerKind: 'supplier' as const, ownerId: supplierId, ...(status ? { status } : {}) };
  const { rows, count } = await Aftersale.findAndCountAll({ where, order: [['id', 'DESC']], ...paginate(q) });
  return { rows: rows.map(caseRow), count };
}

/** One case a supplier decides, in whatever shop. */
export async function supplierCaseById(supplierId: number, id: number): Promise<AftersaleRow | null> {
  const c = await Aftersale.findOne({ where: { id, ownerKind: 'supplier', ownerId: supplierId } });
  return c ? caseRow(c) : null;
}

// ---- the lines of cases ----

/** New lines of a case, each holding its order line (UniqueConstraintError when another open case holds one). */
export async function insertCaseItems(ctx: Ctx, aftersaleId: number, lines: Array<Pick<AftersaleItemRow, 'orderItemId' | 'quantity' | 'amount'>>): Promise<void> {
  const tenantId = requireTenantId(ctx);
  await AftersaleItem.bulkCreate(lines.map((l) => ({ tenantId, aftersaleId, orderItemId: l.orderItemId, quantity: l.quantity, amount: l.amount, openOrderItemId: l.orderItemId })), inTx(ctx));
}

/** Whether an open case holds any of these order lines. */
export async function anyLineHeld(ctx: Ctx, orderItemIds: number[]): Promise<boolean> {
  return !!(await AftersaleItem.findOne({ where: { tenantId: requireTenantId(ctx), openOrderItemId: orderItemIds }, attributes: ['id'], ...inTx(ctx) }));
}

/** A case's lines, in the order they were asked for. */
export async function itemsOfCase(ctx: Ctx, c: CaseRef): Promise<AftersaleItemRow[]> {
  const rows = await AftersaleItem.findAll({ where: { tenantId: c.tenantId, aftersaleId: c.id }, order: [['id', 'ASC']], ...inTx(ctx) });
  return rows.map(itemRow);
}

/** The lines of several cases, which may span shops (each case names its tenant). */
export async function itemsOfCases(ctx: Ctx, cases: CaseRef[]): Promise<AftersaleItemRow[]> {
  if (!cases.length) return [];
  const rows = await AftersaleItem.findAll({ where: { tenantId: tenantsOf(cases), aftersaleId: cases.map((c) => c.id) }, order: [['id', 'ASC']], ...inTx(ctx) });
  return rows.map(itemRow);
}

/** The case's line holds its order line again (UniqueConstraintError when another open case holds it now). */
export async function holdLine(ctx: Ctx, item: Pick<AftersaleItemRow, 'tenantId' | 'id' | 'orderItemId'>): Promise<void> {
  await AftersaleItem.update({ openOrderItemId: item.orderItemId }, { where: { tenantId: item.tenantId, id: item.id }, ...inTx(ctx) });
}

/** The case's lines let go of their order lines. */
export async function releaseLines(ctx: Ctx, c: CaseRef): Promise<void> {
  await AftersaleItem.update({ openOrderItemId: null }, { where: { tenantId: c.tenantId, aftersaleId: c.id }, ...inTx(ctx) });
}

// ---- the timeline of cases ----

export interface CaseEventRow {
  id: number;
  tenantId: number;
  aftersaleId: number;
  kind: CaseEventKind;
  actor: CaseActor;
  text: string | null;
  details: CaseEventDetails | null;
  images: string[];
  createdAt: Date;
}

export type NewCaseEvent = Pick<CaseEventRow, 'kind' | 'actor'> & Partial<Pick<CaseEventRow, 'text' | 'details' | 'images'>>;

/** Adds an entry to a case's timeline (the only writer of aftersale_events). */
export async function insertCaseEvent(ctx: Ctx, c: CaseRef, event: NewCaseEvent): Promise<void> {
  await AftersaleEvent.create(
    { tenantId: c.tenantId, aftersaleId: c.id, kind: event.kind, actor: event.actor, text: event.text ?? null, details: event.details ?? null, images: event.images?.length ? event.images : null },
    inTx(ctx),
  );
}

/** The timelines of several cases (they may span shops), oldest entry first. */
export async function eventsOfCases(ctx: Ctx, cases: CaseRef[]): Promise<CaseEventRow[]> {
  if (!cases.length) return [];
  const rows = await AftersaleEvent.findAll({ where: { tenantId: tenantsOf(cases), aftersaleId: cases.map((c) => c.id) }, order: [['id', 'ASC']], ...inTx(ctx) });
  return rows.map((e) => ({ id: e.id, tenantId: e.tenantId, aftersaleId: e.aftersaleId, kind: e.kind, actor: e.actor, text: e.text, details: e.details, images: e.images ?? [], createdAt: e.createdAt }));
}

/** The shop's cases in these statuses that it decides itself (its own goods). */
export async function countShopDecidedCases(ctx: Ctx, statuses: AftersaleStatus[]): Promise<number> {
  return Aftersale.count({ where: { tenantId: requireTenantId(ctx), status: statuses, ownerKind: 'tenant' }, ...inTx(ctx) });
}

/** Cases of every shop in a status (the platform's arbitration queue), read inside acrossTenants. */
export async function countCasesAcrossShops(status: AftersaleStatus): Promise<number> {
  return Aftersale.count({ where: { status } });
}
