/**
 * Every query of the webhooks module, and the only file that touches its models: plain typed rows
 * out, each function taking ctx first and filtering on the ctx's tenant. Deliveries are read per
 * endpoint (tenant_id, endpoint_id, id) and per (tenant_id, endpoint_id, event_id).
 */
import { requireTenantId, type Ctx } from '../../core/context.js';
import { inTx, pageOf, paginate, type Page, type PageQuery } from '../../core/db/index.js';
import { WebhookDelivery, WebhookEndpoint, type DeliverySource, type DeliveryStatus } from './model.js';

export interface EndpointRow {
  id: number;
  url: string;
  types: string[];
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface DeliveryRow {
  id: number;
  endpointId: number;
  eventId: number;
  eventType: string;
  body: string;
  source: DeliverySource;
  status: DeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

const endpointRow = (e: WebhookEndpoint): EndpointRow => ({ id: Number(e.id), url: e.url, types: e.types, enabled: !!e.enabled, createdAt: e.createdAt, updatedAt: e.updatedAt });

const deliveryRow = (d: WebhookDelivery): DeliveryRow => ({
  id: Number(d.id),
  endpointId: Number(d.endpointId),
  eventId: Number(d.eventId),
  eventType: d.eventType,
  body: d.body,
  source: d.source,
  status: d.status,
  attempts: Number(d.attempts),
  responseStatus: d.responseStatus === null ? null : Number(d.responseStatus),
  lastError: d.lastError,
  deliveredAt: d.deliveredAt,
  createdAt: d.createdAt,
});

const mine = (ctx: Ctx) => ({ tenantId: requireTenantId(ctx) });

// ---- endpoints ----

export async function insertEndpoint(ctx: Ctx, values: { url: string; types: string[]; secret: string }): Promise<EndpointRow> {
  const e = await WebhookEndpoint.create({ ...mine(ctx), ...values, enabled: true }, inTx(ctx));
  return endpointRow(e);
}

export async function listEndpoints(ctx: Ctx): Promise<EndpointRow[]> {
  const rows = await WebhookEndpoint.findAll({ where: mine(ctx), order: [['id', 'ASC']], ...inTx(ctx) });
  return rows.map(endpointRow);
}

export async function findEndpoint(ctx: Ctx, id: number): Promise<EndpointRow | null> {
  const e = await WebhookEndpoint.findOne({ where: { ...mine(ctx), id }, ...inTx(ctx) });
  return e ? endpointRow(e) : null;
}

/** The stored (encrypted) secret of one endpoint. */
export async function endpointSecret(ctx: Ctx, id: number): Promise<string | null> {
  const e = await WebhookEndpoint.findOne({ where: { ...mine(ctx), id }, attributes: ['secret'], ...inTx(ctx) });
  return e?.secret ?? null;
}

export async function updateEndpoint(ctx: Ctx, id: number, changes: Partial<{ url: string; types: string[]; enabled: boolean; secret: string }>): Promise<boolean> {
  const [count] = await WebhookEndpoint.update(changes, { where: { ...mine(ctx), id }, ...inTx(ctx) });
  return count === 1;
}

/** The endpoint and its deliveries (the foreign key cascades on MariaDB; SQLite may not enforce it). */
export async function deleteEndpoint(ctx: Ctx, id: number): Promise<boolean> {
  await WebhookDelivery.destroy({ where: { ...mine(ctx), endpointId: id }, ...inTx(ctx) });
  return (await WebhookEndpoint.destroy({ where: { ...mine(ctx), id }, ...inTx(ctx) })) === 1;
}

/** The shop's enabled endpoints; a shop has a handful, so the type filter is the caller's. */
export async function enabledEndpoints(ctx: Ctx): Promise<EndpointRow[]> {
  const rows = await WebhookEndpoint.findAll({ where: { ...mine(ctx), enabled: true }, order: [['id', 'ASC']], ...inTx(ctx) });
  return rows.map(endpointRow);
}

// ---- deliveries ----

export async function insertDelivery(ctx: Ctx, values: { endpointId: number; eventId: number; eventType: string; body: string; source: DeliverySource }): Promise<number> {
  const d = await WebhookDelivery.create({ ...mine(ctx), ...values, status: 'pending', attempts: 0, responseStatus: null, lastError: null, deliveredAt: null }, inTx(ctx));
  return Number(d.id);
}

/** The endpoint's deliveries of one event, in these states (all when none given). */
export async function deliveriesOfEvent(ctx: Ctx, endpointId: number, eventId: number, statuses?: DeliveryStatus[]): Promise<number> {
  return WebhookDelivery.count({ where: { ...mine(ctx), endpointId, eventId, ...(statuses ? { status: statuses } : {}) }, ...inTx(ctx) });
}

export async function findDelivery(ctx: Ctx, id: number): Promise<DeliveryRow | null> {
  const d = await WebhookDelivery.findOne({ where: { ...mine(ctx), id }, ...inTx(ctx) });
  return d ? deliveryRow(d) : null;
}

export async function updateDelivery(ctx: Ctx, id: number, changes: Partial<Pick<DeliveryRow, 'status' | 'attempts' | 'responseStatus' | 'lastError' | 'deliveredAt'>>): Promise<void> {
  await WebhookDelivery.update(changes, { where: { ...mine(ctx), id }, ...inTx(ctx) });
}

/** One endpoint's deliveries, newest first. */
export async function listDeliveries(ctx: Ctx, endpointId: number, query: PageQuery): Promise<Page<DeliveryRow>> {
  const where = { ...mine(ctx), endpointId };
  const { rows, count } = await WebhookDelivery.findAndCountAll({ where, order: [['id', 'DESC']], ...paginate(query), ...inTx(ctx) });
  return pageOf(query, rows.map(deliveryRow), count);
}
