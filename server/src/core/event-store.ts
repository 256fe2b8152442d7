/**
 * The stored events (table domain_events): one row per emitted event, whatever the number of its
 * subscribers, kept after dispatch so the platform can read them by tenant, type and time and a
 * new subscriber (or a webhook added later) can replay them.
 */
import { DataTypes, Model, Op, type CreationOptional, type InferAttributes, type InferCreationAttributes, type WhereOptions } from 'sequelize';
import { z } from 'zod';
import { clock } from './clock.js';
import type { Ctx } from './context.js';
import { idColumn, inTx, insertRow, jsonColumn, pageOf, pageQuery, paginate, type ModelInit, type Page } from './db/index.js';

export class DomainEvent extends Model<InferAttributes<DomainEvent>, InferCreationAttributes<DomainEvent>> {
  declare id: CreationOptional<number>;
  declare tenantId: number | null;
  declare type: string;
  declare payload: unknown;
  declare occurredAt: Date;
  declare requestId: string | null;
  declare actorKind: string | null;
  declare dispatchedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
}

export const initDomainEvents: ModelInit = (sequelize) => {
  DomainEvent.init(
    {
      id: idColumn(),
      tenantId: { type: DataTypes.INTEGER, allowNull: true },
      type: { type: DataTypes.STRING(96), allowNull: false },
      payload: jsonColumn('payload', {}),
      occurredAt: { type: DataTypes.DATE(3), allowNull: false },
      requestId: { type: DataTypes.STRING(64), allowNull: true },
      actorKind: { type: DataTypes.STRING(16), allowNull: true },
      dispatchedAt: { type: DataTypes.DATE(3), allowNull: true },
      createdAt: DataTypes.DATE(3),
    },
    { sequelize, tableName: 'domain_events', updatedAt: false },
  );
};

/** One INSERT in the caller's transaction: the event exists exactly when the change does. */
export async function recordEvent(ctx: Ctx, type: string, payload: unknown): Promise<number> {
  return insertRow(ctx, DomainEvent, {
    tenantId: ctx.tenantId,
    type,
    payload,
    occurredAt: clock.now(),
    requestId: ctx.requestId.slice(0, 64),
    actorKind: ctx.actor.kind,
    dispatchedAt: null,
  });
}

/** Which stored events: `tenantId: null` means the platform's own (no tenant), absent means any. */
export const eventFilter = z.object({
  tenantId: z.coerce.number().int().positive().nullable().optional(),
  type: z.string().trim().min(1).max(96).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
export type EventFilter = z.infer<typeof eventFilter>;

export const eventQuery = pageQuery.extend(eventFilter.shape);
export type EventQuery = z.infer<typeof eventQuery>;

/** What GET /platform/events answers per event (dates as ISO strings on the wire). */
export const storedEventSchema = z.object({
  id: z.number(),
  tenantId: z.number().nullable(),
  type: z.string(),
  payload: z.unknown(),
  occurredAt: z.string(),
  requestId: z.string().nullable(),
  actorKind: z.string().nullable(),
  dispatchedAt: z.string().nullable(),
});

export interface StoredEvent {
  id: number;
  tenantId: number | null;
  type: string;
  payload: unknown;
  occurredAt: Date;
  requestId: string | null;
  actorKind: string | null;
  dispatchedAt: Date | null;
}

export function whereOf(filter: EventFilter): WhereOptions<DomainEvent> {
  const occurredAt = { ...(filter.from ? { [Op.gte]: filter.from } : {}), ...(filter.to ? { [Op.lt]: filter.to } : {}) };
  return {
    ...(filter.tenantId !== undefined ? { tenantId: filter.tenantId } : {}),
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.from || filter.to ? { occurredAt } : {}),
  };
}

export function toStored(e: DomainEvent): StoredEvent {
  return { id: e.id, tenantId: e.tenantId, type: e.type, payload: e.payload, occurredAt: e.occurredAt, requestId: e.requestId, actorKind: e.actorKind, dispatchedAt: e.dispatchedAt };
}

/**
 * Stored events oldest first, from after one id on, in pages: replays walk the store with it (a
 * subscriber's in event-dispatch, a webhook endpoint's in its module). Outside any transaction:
 * a replay must not hold one across the whole range.
 */
export async function eventsInOrder(filter: EventFilter, afterId: number, limit: number): Promise<StoredEvent[]> {
  const rows = await DomainEvent.findAll({ where: { ...whereOf(filter), id: { [Op.gt]: afterId } }, order: [['id', 'ASC']], limit });
  return rows.map(toStored);
}

/** Newest first; `to` is exclusive, so consecutive ranges do not overlap. */
export async function listEvents(ctx: Ctx, query: EventQuery): Promise<Page<StoredEvent>> {
  const { rows, count } = await DomainEvent.findAndCountAll({
    where: whereOf(query),
    order: [['occurredAt', 'DESC'], ['id', 'DESC']],
    ...paginate(query),
    ...inTx(ctx),
  });
  return pageOf(query, rows.map(toStored), count);
}
