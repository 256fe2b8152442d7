import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { idColumn, jsonColumn, moneyColumn, TenantModel, tenantIdColumn, timestamps } from '../../core/db/index.js';

/** `none`: tracked for the spend rule only; `pending`: applied, waiting for the merchant. */
export type DistributorStatus = 'none' | 'pending' | 'active' | 'rejected' | 'disabled';
export type BindingSource = 'register' | 'code' | 'staff';
export type CommissionSource = 'distribution' | 'community';
export type CommissionStatus = 'frozen' | 'available' | 'reversed';
/** `paying`: approved, the WeChat transfer on its way; `failed`: WeChat did not pay (the money is back in available). */
export type WithdrawalStatus = 'pending' | 'paying' | 'paid' | 'rejected' | 'failed';
export type WithdrawalMethod = 'balance' | 'wechat';

export class Distributor extends TenantModel<InferAttributes<Distributor>, InferCreationAttributes<Distributor>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare customerId: number;
  declare status: DistributorStatus;
  declare inviteCode: string;
  declare spent: CreationOptional<number>;
  declare reason: string | null;
  declare appliedAt: Date | null;
  declare approvedAt: Date | null;
  declare levelId: CreationOptional<number | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** What a distributor must reach for a level; absent conditions are not asked. */
export interface LevelConditions {
  /** Σ paid amount (fen, refunds taken off) of the completed orders of the team (the shop's depth). */
  teamSales?: number;
  /** The distributor's own completed orders. */
  ownOrders?: number;
  /** Shoppers bound directly to the distributor. */
  directDownlines?: number;
  /** Settled commission earned (fen, reversals taken off). */
  commissionEarned?: number;
}
export type LevelMatch = 'any' | 'all';
export type LevelChangeSource = 'auto' | 'staff';

export class DistributionLevel extends TenantModel<InferAttributes<DistributionLevel>, InferCreationAttributes<DistributionLevel>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare name: string;
  declare grade: number;
  declare rates: number[];
  declare conditions: LevelConditions;
  declare matchMode: LevelMatch;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class LevelChange extends TenantModel<InferAttributes<LevelChange>, InferCreationAttributes<LevelChange>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare customerId: number;
  declare fromLevelId: number | null;
  declare toLevelId: number | null;
  declare source: LevelChangeSource;
  declare staffId: number | null;
  declare createdAt: CreationOptional<Date>;
}

export class Binding extends TenantModel<InferAttributes<Binding>, InferCreationAttributes<Binding>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare customerId: number;
  declare inviterId: number;
  declare source: BindingSource;
  declare boundAt: Date;
  declare lockedUntil: Date | null;
  declare changedBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class Commission extends TenantModel<InferAttributes<Commission>, InferCreationAttributes<Commission>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare orderId: number;
  declare customerId: number;
  declare buyerId: number;
  declare level: number;
  declare source: CommissionSource;
  declare rateBps: number;
  /** The rate of each order line (by order item id), in basis points: the weights refunds reverse by. */
  declare lineRates: Record<string, number>;
  declare base: number;
  declare amount: number;
  declare capped: number;
  declare reversed: CreationOptional<number>;
  declare status: CommissionStatus;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class Reversal extends TenantModel<InferAttributes<Reversal>, InferCreationAttributes<Reversal>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare refundId: number;
  declare commissionId: number;
  declare amount: number;
  declare released: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class ProductRate extends TenantModel<InferAttributes<ProductRate>, InferCreationAttributes<ProductRate>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare productId: number;
  declare rates: number[];
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class PromoterWithdrawal extends TenantModel<InferAttributes<PromoterWithdrawal>, InferCreationAttributes<PromoterWithdrawal>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare customerId: number;
  declare amount: number;
  declare fee: number;
  declare method: WithdrawalMethod;
  declare status: WithdrawalStatus;
  declare reason: string | null;
  declare reviewedBy: number | null;
  declare reviewedAt: Date | null;
  declare appid: CreationOptional<string | null>;
  declare openid: CreationOptional<string | null>;
  declare outBillNo: CreationOptional<string | null>;
  declare transferBillNo: CreationOptional<string | null>;
  declare error: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class Spend extends TenantModel<InferAttributes<Spend>, InferCreationAttributes<Spend>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare orderId: number;
  declare customerId: number;
  declare amount: number;
  declare createdAt: CreationOptional<Date>;
}

const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });
const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const date = (allowNull = true) => ({ type: DataTypes.DATE(3), allowNull });

export function initModels(sequelize: Sequelize): void {
  Distributor.init(
    { id: idColumn(), tenantId: tenantIdColumn(), customerId: int(), status: str(16), inviteCode: str(16), spent: moneyColumn('spent'), reason: str(255, true), appliedAt: date(), approvedAt: date(), levelId: int(true), ...timestamps() },
    { sequelize, tableName: 'distributors' },
  );
  Binding.init(
    { id: idColumn(), tenantId: tenantIdColumn(), customerId: int(), inviterId: int(), source: str(16), boundAt: date(false), lockedUntil: date(), changedBy: int(true), ...timestamps() },
    { sequelize, tableName: 'distribution_bindings' },
  );
  Commission.init(
    {
      id: idColumn(), tenantId: tenantIdColumn(), orderId: int(), customerId: int(), buyerId: int(), level: int(), source: str(16), rateBps: int(),
      lineRates: jsonColumn('lineRates', {} as Record<string, number>), base: moneyColumn('base'), amount: moneyColumn('amount'), capped: moneyColumn('capped'), reversed: moneyColumn('reversed'), status: str(16), ...timestamps(),
    },
    { sequelize, tableName: 'distribution_commissions' },
  );
  Reversal.init(
    { id: idColumn(), tenantId: tenantIdColumn(), refundId: int(), commissionId: int(), amount: moneyColumn('amount'), released: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false }, ...timestamps() },
    { sequelize, tableName: 'distribution_reversals' },
  );
  ProductRate.init(
    { id: idColumn(), tenantId: tenantIdColumn(), productId: int(), rates: jsonColumn('rates', [] as number[]), ...timestamps() },
    { sequelize, tableName: 'distribution_product_rates' },
  );
  PromoterWithdrawal.init(
    { id: idColumn(), tenantId: tenantIdColumn(), customerId: int(), amount: moneyColumn('amount'), fee: moneyColumn('fee'), method: str(16), status: str(16), reason: str(255, true), reviewedBy: int(true), reviewedAt: date(),
      appid: str(32, true), openid: str(64, true), outBillNo: str(32, true), transferBillNo: str(64, true), error: str(255, true), ...timestamps() },
    { sequelize, tableName: 'distribution_withdrawals' },
  );
  DistributionLevel.init(
    { id: idColumn(), tenantId: tenantIdColumn(), name: str(32), grade: int(), rates: jsonColumn('rates', [] as number[]), conditions: jsonColumn('conditions', {} as LevelConditions), matchMode: str(8), ...timestamps() },
    { sequelize, tableName: 'distribution_levels' },
  );
  LevelChange.init(
    { id: idColumn(), tenantId: tenantIdColumn(), customerId: int(), fromLevelId: int(true), toLevelId: int(true), source: str(16), staffId: int(true), createdAt: DataTypes.DATE(3) },
    { sequelize, tableName: 'distribution_level_changes', updatedAt: false },
  );
  Spend.init(
    { id: idColumn(), tenantId: tenantIdColumn(), orderId: int(), customerId: int(), amount: moneyColumn('amount'), createdAt: DataTypes.DATE(3) },
    { sequelize, tableName: 'distribution_spend', updatedAt: false },
  );
}
