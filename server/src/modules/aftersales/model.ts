import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { ReasonCode } from './reasons.js';
import { jsonColumn, moneyColumn, TenantModel, idColumn, tenantIdColumn, timestamps } from '../../core/db/index.js';

export type AftersaleType = 'refund_only' | 'return_refund' | 'exchange' | 'repair';
/**
 * `returned`: the goods came back to the owner (a return's refund is on its way; an exchange or a
 * repair waits for the owner to ship the replacement or the repaired item); `reshipped`: it is on
 * its way to the shopper, whose receipt closes the case.
 */
export type AftersaleStatus = 'pending' | 'approved' | 'refused' | 'returning' | 'returned' | 'reshipped' | 'refunded' | 'closed' | 'escalated';

/** What a timeline entry records: each step of the case, a message either side added. */
export type CaseEventKind = 'applied' | 'approved' | 'refused' | 'returning' | 'returned' | 'reshipped' | 'refunded' | 'closed' | 'withdrawn' | 'escalated' | 'arbitrated' | 'message';
/** Who acted: the shopper, the shop's staff, the supplier, the platform, or the system (a job, a gateway's notice). */
export type CaseActor = 'shopper' | 'shop' | 'supplier' | 'platform' | 'system';

export interface CaseEventDetails {
  reason?: string;
  carrier?: string;
  trackingNo?: string;
  amount?: number;
  decision?: Arbitration['decision'];
}

export interface ReturnAddress {
  name: string;
  phone: string;
  address: string;
}

export interface Arbitration {
  decision: 'refund' | 'reject' | 'approve';
  reason: string;
  amount?: number;
  at: string;
  by: number | null;
}

export class Aftersale extends TenantModel<InferAttributes<Aftersale>, InferCreationAttributes<Aftersale>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare orderId: number;
  declare customerId: number;
  declare type: AftersaleType;
  declare status: AftersaleStatus;
  declare reason: string;
  /** The preset reason (null on cases opened before there were any). */
  declare reasonCode: ReasonCode | null;
  /** The shopper's photos with the application (upload URLs). */
  declare evidence: string[];
  declare amount: number;
  declare refundedAmount: number;
  declare refuseReason: string | null;
  declare returnAddress: ReturnAddress | null;
  declare returnCarrier: string | null;
  declare returnTrackingNo: string | null;
  declare returnedAt: Date | null;
  declare reshipCarrier: string | null;
  declare reshipTrackingNo: string | null;
  declare reshippedAt: Date | null;
  declare arbitration: Arbitration | null;
  declare decidedBy: string | null;
  /** Who decides: the supplier whose goods the case is about, or the shop (its own goods, or several owners'). */
  declare ownerKind: 'supplier' | 'tenant';
  declare ownerId: number;
  declare escalatedAt: Date | null;
  declare closedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class AftersaleItem extends TenantModel<InferAttributes<AftersaleItem>, InferCreationAttributes<AftersaleItem>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare aftersaleId: number;
  declare orderItemId: number;
  declare quantity: number;
  declare amount: number;
  /** The line while the case is open, NULL after: a unique key lets one open case hold a line. */
  declare openOrderItemId: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** One entry of a case's timeline (written once, never changed). */
export class AftersaleEvent extends TenantModel<InferAttributes<AftersaleEvent>, InferCreationAttributes<AftersaleEvent>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare aftersaleId: number;
  declare kind: CaseEventKind;
  declare actor: CaseActor;
  declare text: string | null;
  declare details: CaseEventDetails | null;
  declare images: string[] | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  Aftersale.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      orderId: { type: DataTypes.INTEGER, allowNull: false },
      customerId: { type: DataTypes.INTEGER, allowNull: false },
      type: { type: DataTypes.STRING(16), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      reason: { type: DataTypes.STRING(255), allowNull: false },
      reasonCode: { type: DataTypes.STRING(32), allowNull: true },
      evidence: jsonColumn<string[]>('evidence', [], true),
      amount: moneyColumn('amount'),
      refundedAmount: moneyColumn('refundedAmount'),
      refuseReason: { type: DataTypes.STRING(255), allowNull: true },
      returnAddress: jsonColumn<ReturnAddress | null>('returnAddress', null, true),
      returnCarrier: { type: DataTypes.STRING(32), allowNull: true },
      returnTrackingNo: { type: DataTypes.STRING(64), allowNull: true },
      returnedAt: { type: DataTypes.DATE(3), allowNull: true },
      reshipCarrier: { type: DataTypes.STRING(32), allowNull: true },
      reshipTrackingNo: { type: DataTypes.STRING(64), allowNull: true },
      reshippedAt: { type: DataTypes.DATE(3), allowNull: true },
      arbitration: jsonColumn<Arbitration | null>('arbitration', null, true),
      decidedBy: { type: DataTypes.STRING(32), allowNull: true },
      ownerKind: { type: DataTypes.STRING(16), allowNull: false },
      ownerId: { type: DataTypes.INTEGER, allowNull: false },
      escalatedAt: { type: DataTypes.DATE(3), allowNull: true },
      closedAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'aftersales' },
  );
  AftersaleItem.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      aftersaleId: { type: DataTypes.INTEGER, allowNull: false },
      orderItemId: { type: DataTypes.INTEGER, allowNull: false },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      amount: moneyColumn('amount'),
      openOrderItemId: { type: DataTypes.INTEGER, allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'aftersale_items' },
  );
  AftersaleEvent.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      aftersaleId: { type: DataTypes.INTEGER, allowNull: false },
      kind: { type: DataTypes.STRING(24), allowNull: false },
      actor: { type: DataTypes.STRING(16), allowNull: false },
      text: { type: DataTypes.STRING(500), allowNull: true },
      details: jsonColumn<CaseEventDetails | null>('details', null, true),
      images: jsonColumn<string[] | null>('images', null, true),
      ...timestamps(),
    },
    { sequelize, tableName: 'aftersale_events' },
  );
}
