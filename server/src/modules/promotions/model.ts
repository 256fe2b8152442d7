import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { idColumn, jsonColumn, moneyColumn, TenantModel, tenantIdColumn, timestamps } from '../../core/db/index.js';

/** A full reduction's tier: reached when the lines in scope cost at least `threshold` (fen). */
export interface Tier {
  threshold: number;
  /** Fen off the lines in scope. */
  amountOff?: number;
  /** Percent off the lines in scope, 1..99 (20 = 8折). */
  percentOff?: number;
}

/** What a full reduction applies to: the whole shop, or its listings and store categories. */
export type ReductionScope = 'all' | 'chosen';
export type TargetKind = 'listing' | 'category';
export type ActivityKind = 'full_reduction' | 'limited_price';

export class FullReduction extends TenantModel<InferAttributes<FullReduction>, InferCreationAttributes<FullReduction>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare name: string;
  declare scope: ReductionScope;
  declare tiers: Tier[];
  declare startsAt: Date;
  declare endsAt: Date;
  declare endedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class FullReductionTarget extends TenantModel<InferAttributes<FullReductionTarget>, InferCreationAttributes<FullReductionTarget>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare fullReductionId: number;
  declare targetKind: TargetKind;
  declare targetId: number;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class LimitedPrice extends TenantModel<InferAttributes<LimitedPrice>, InferCreationAttributes<LimitedPrice>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare name: string;
  declare startsAt: Date;
  declare endsAt: Date;
  declare endedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** A SKU's price in a limited-price activity, with the activity's window (its end moved up when the activity ends early). */
export class LimitedPriceItem extends TenantModel<InferAttributes<LimitedPriceItem>, InferCreationAttributes<LimitedPriceItem>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare limitedPriceId: number;
  declare listingId: number;
  declare listingSkuId: number;
  declare price: number;
  declare startsAt: Date;
  declare endsAt: Date;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** What one order used of one activity (a saving, positive fen). */
export class PromoUsage extends TenantModel<InferAttributes<PromoUsage>, InferCreationAttributes<PromoUsage>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare orderId: number;
  declare activityKind: ActivityKind;
  declare activityId: number;
  declare amount: number;
  declare orderAmount: CreationOptional<number>;
  declare paidAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** One row per shop: every limited-price write updates it first, and its row lock serialises them. */
export class PromoGuard extends TenantModel<InferAttributes<PromoGuard>, InferCreationAttributes<PromoGuard>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare writes: number;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

const window = () => ({
  startsAt: { type: DataTypes.DATE(3), allowNull: false },
  endsAt: { type: DataTypes.DATE(3), allowNull: false },
});

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  FullReduction.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      name: { type: DataTypes.STRING(64), allowNull: false },
      scope: { type: DataTypes.STRING(16), allowNull: false },
      tiers: jsonColumn<Tier[]>('tiers', []),
      ...window(),
      endedAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'promo_full_reductions' },
  );
  FullReductionTarget.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      fullReductionId: { type: DataTypes.INTEGER, allowNull: false },
      targetKind: { type: DataTypes.STRING(16), allowNull: false },
      targetId: { type: DataTypes.INTEGER, allowNull: false },
      ...timestamps(),
    },
    { sequelize, tableName: 'promo_full_reduction_targets' },
  );
  LimitedPrice.init(
    { id: idColumn(), tenantId: tenantIdColumn(), name: { type: DataTypes.STRING(64), allowNull: false }, ...window(), endedAt: { type: DataTypes.DATE(3), allowNull: true }, ...timestamps() },
    { sequelize, tableName: 'promo_limited_prices' },
  );
  LimitedPriceItem.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      limitedPriceId: { type: DataTypes.INTEGER, allowNull: false },
      listingId: { type: DataTypes.INTEGER, allowNull: false },
      listingSkuId: { type: DataTypes.INTEGER, allowNull: false },
      price: moneyColumn('price'),
      ...window(),
      ...timestamps(),
    },
    { sequelize, tableName: 'promo_limited_price_items' },
  );
  PromoUsage.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      orderId: { type: DataTypes.INTEGER, allowNull: false },
      activityKind: { type: DataTypes.STRING(16), allowNull: false },
      activityId: { type: DataTypes.INTEGER, allowNull: false },
      amount: moneyColumn('amount'),
      orderAmount: { ...moneyColumn('orderAmount'), defaultValue: 0 },
      paidAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'promo_usages' },
  );
  PromoGuard.init(
    { id: idColumn(), tenantId: tenantIdColumn(), writes: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 }, ...timestamps() },
    { sequelize, tableName: 'promo_guards' },
  );
}
