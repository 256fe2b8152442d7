/**
 * The audit log of staff and operator actions: who, what, on which record, when, from where.
 * Routes declare `audit` in the registry and the http layer records it after success; services
 * may record extra entries. Tenant owners read their tenant's entries, the platform reads all.
 */
import { DataTypes, Model, Op, type CreationOptional, type InferAttributes, type InferCreationAttributes, type WhereOptions, type Sequelize } from 'sequelize';
import { clock } from './clock.js';
import type { Actor, Ctx } from './context.js';
import { inTx, jsonColumn, pageOf, paginate, type Page, type PageQuery, idColumn } from './db/index.js';

export class AuditEntry extends Model<InferAttributes<AuditEntry>, InferCreationAttributes<AuditEntry>> {
  declare id: CreationOptional<number>;
  declare tenantId: number | null;
  declare actorKind: string;
  declare actorId: number | null;
  declare actorLabel: string | null;
  declare action: string;
  declare targetType: string | null;
  declare targetId: string | null;
  declare details: Record<string, unknown> | null;
  declare ip: string | null;
  declare userAgent: string | null;
  declare requestId: string | null;
  declare createdAt: CreationOptional<Date>;
}

/** Runs when the database opens (core/models.ts). */
export function initAuditEntries(sequelize: Sequelize): void {
  AuditEntry.init(
    {
      id: idColumn(),
      tenantId: { type: DataTypes.INTEGER, allowNull: true },
      actorKind: { type: DataTypes.STRING(16), allowNull: false },
      actorId: { type: DataTypes.INTEGER, allowNull: true },
      actorLabel: { type: DataTypes.STRING(191), allowNull: true },
      action: { type: DataTypes.STRING(64), allowNull: false },
      targetType: { type: DataTypes.STRING(32), allowNull: true },
      targetId: { type: DataTypes.STRING(64), allowNull: true },
      details: jsonColumn('details', null, true),
      ip: { type: DataTypes.STRING(64), allowNull: true },
      userAgent: { type: DataTypes.STRING(255), allowNull: true },
      requestId: { type: DataTypes.STRING(64), allowNull: true },
      createdAt: DataTypes.DATE(3),
    },
    { sequelize, tableName: 'audit_log', updatedAt: false },
  );
}

export interface AuditInput {
  action: string;
  targetType?: string;
  targetId?: string | number;
  details?: Record<string, unknown>;
  /** Defaults to the context's tenant. */
  tenantId?: number | null;
}

function actorLabel(actor: Actor): { id: number | null; label: string | null } {
  switch (actor.kind) {
    case 'platform':
    case 'supplier':
    case 'merchant':
      return { id: actor.id, label: actor.email };
    case 'shopper':
      return { id: actor.id, label: null };
    case 'system':
      return { id: null, label: actor.name };
    default:
      return { id: null, label: null };
  }
}

export async function recordAudit(ctx: Ctx, input: AuditInput): Promise<void> {
  const { id, label } = actorLabel(ctx.actor);
  await AuditEntry.create(
    {
      tenantId: input.tenantId === undefined ? ctx.tenantId : input.tenantId,
      actorKind: ctx.actor.kind,
      actorId: id,
      actorLabel: label,
      action: input.action,
      targetType: input.targetType ?? null,
      targetId: input.targetId === undefined ? null : String(input.targetId),
      details: input.details ?? null,
      ip: ctx.ip,
      userAgent: ctx.userAgent?.slice(0, 255) ?? null,
      requestId: ctx.requestId,
      createdAt: clock.now(),
    },
    inTx(ctx),
  );
}

export interface AuditQuery extends PageQuery {
  action?: string;
  actorKind?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
}

export interface AuditView {
  id: number;
  tenantId: number | null;
  actor: { kind: string; id: number | null; label: string | null };
  action: string;
  target: { type: string; id: string } | null;
  details: Record<string, unknown> | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  createdAt: string;
}

/** Entries of one tenant (tenantId given) or of the whole platform (tenantId undefined). */
export async function listAudit(q: AuditQuery, tenantId: number | undefined): Promise<Page<AuditView>> {
  const where: WhereOptions<AuditEntry> = {
    ...(tenantId !== undefined ? { tenantId } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.actorKind ? { actorKind: q.actorKind } : {}),
    ...(q.targetType ? { targetType: q.targetType } : {}),
    ...(q.targetId ? { targetId: q.targetId } : {}),
    ...(q.from || q.to ? { createdAt: { ...(q.from ? { [Op.gte]: q.from } : {}), ...(q.to ? { [Op.lt]: q.to } : {}) } } : {}),
  };
  const { rows, count } = await AuditEntry.findAndCountAll({ where, order: [['id', 'DESC']], ...paginate(q) });
  return pageOf(
    q,
    rows.map((r) => ({
      id: r.id,
      tenantId: r.tenantId,
      actor: { kind: r.actorKind, id: r.actorId, label: r.actorLabel },
      action: r.action,
      target: r.targetType ? { type: r.targetType, id: r.targetId ?? '' } : null,
      details: r.details,
      ip: r.ip,
      userAgent: r.userAgent,
      requestId: r.requestId,
      createdAt: r.createdAt.toISOString(),
    })),
    count,
  );
}
