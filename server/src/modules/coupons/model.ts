import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { idColumn, jsonColumn, moneyColumn, TenantModel, tenantIdColumn, timestamps } from '../../core/db/index.js';

export type CouponKind = 'amount' | 'percent_off' | 'free_shipping';
/** How a shopper came to hold a coupon. */
export type CouponSource = 'claim' | 'share' | 'signup' | 'staff';
/** Stored statuses; `expired` is read off `expires_at` (an unused coupon past it). */
export type HeldStatus = 'unused' | 'used';

/** A shop's coupon: what it saves, on what, when, and how many may be handed out. */
export class Coupon extends TenantModel<InferAttributes<Coupon>, InferCreationAttributes<Coupon>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare name: string;
  declare kind: CouponKind;
  /** Fen off (amount), percent off 1..99 (percent_off), 0 (free_shipping). */
  declare value: number;
  declare threshold: number;
  declare total: number;
  declare claimed: CreationOptional<number>;
  declare perShopper: number;
  declare startsAt: Date;
  declare endsAt: Date;
  declare validDays: number | null;
  declare productIds: number[];
  declare categoryIds: number[];
  declare stacksWithFullReduction: boolean;
  declare inCentre: boolean;
  declare issueOnSignup: boolean;
  declare shareCode: string;
  declare description: string | null;
  declare endedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** How many of a coupon one shopper has been given: the per-shopper limit's guard row. */
export class CouponHolder extends TenantModel<InferAttributes<CouponHolder>, InferCreationAttributes<CouponHolder>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare couponId: number;
  declare customerId: number;
  declare claimed: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** A coupon a shopper holds. */
export class CustomerCoupon extends TenantModel<InferAttributes<CustomerCoupon>, InferCreationAttributes<CustomerCoupon>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare couponId: number;
  declare customerId: number;
  declare source: CouponSource;
  declare status: HeldStatus;
  declare startsAt: Date;
  declare expiresAt: Date;
  declare orderId: number | null;
  /** What it saved its order (fen, positive). */
  declare discount: CreationOptional<number>;
  /** What its order paid, once paid (figures' GMV). */
  declare paidAmount: CreationOptional<number>;
  declare usedAt: Date | null;
  /** The holding's own code, shown to the clerk at a store's counter (unique in the shop). */
  declare code: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  Coupon.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      name: { type: DataTypes.STRING(64), allowNull: false },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      value: { type: DataTypes.INTEGER, allowNull: false },
      threshold: moneyColumn('threshold'),
      total: { type: DataTypes.INTEGER, allowNull: false },
      claimed: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      perShopper: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      startsAt: { type: DataTypes.DATE(3), allowNull: false },
      endsAt: { type: DataTypes.DATE(3), allowNull: false },
      validDays: { type: DataTypes.INTEGER, allowNull: true },
      productIds: jsonColumn<number[]>('productIds', []),
      categoryIds: jsonColumn<number[]>('categoryIds', []),
      stacksWithFullReduction: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      inCentre: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      issueOnSignup: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      shareCode: { type: DataTypes.STRING(16), allowNull: false },
      description: { type: DataTypes.STRING(255), allowNull: true },
      endedAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'coupons' },
  );
  CouponHolder.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      couponId: { type: DataTypes.INTEGER, allowNull: false },
      customerId: { type: DataTypes.INTEGER, allowNull: false },
      claimed: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      ...timestamps(),
    },
    { sequelize, tableName: 'coupon_holders' },
  );
  CustomerCoupon.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      couponId: { type: DataTypes.INTEGER, allowNull: false },
      customerId: { type: DataTypes.INTEGER, allowNull: false },
      source: { type: DataTypes.STRING(16), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      startsAt: { type: DataTypes.DATE(3), allowNull: false },
      expiresAt: { type: DataTypes.DATE(3), allowNull: false },
      orderId: { type: DataTypes.INTEGER, allowNull: true },
      discount: moneyColumn('discount'),
      paidAmount: moneyColumn('paidAmount'),
      usedAt: { type: DataTypes.DATE(3), allowNull: true },
      code: { type: DataTypes.STRING(16), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'customer_coupons' },
  );
}
