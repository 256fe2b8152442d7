import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { idColumn, TenantModel, tenantIdColumn, timestamps } from '../../core/db/index.js';

/** What moved a shopper's points (see CONTEXT.md). */
export type EntryKind = 'earn_order' | 'refund_reversal' | 'checkin' | 'review' | 'spend_order' | 'spend_release' | 'mall' | 'expire' | 'admin_adjust';

/** A shopper's balance and growth as the ledger adds up, kept beside it in the same transactions. */
export class MemberAccount extends TenantModel<InferAttributes<MemberAccount>, InferCreationAttributes<MemberAccount>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare customerId: number;
  declare points: CreationOptional<number>;
  declare growth: CreationOptional<number>;
  declare streak: CreationOptional<number>;
  declare lastCheckinDay: number | null;
  declare expiredThrough: number;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** One movement of points (and growth), never changed once written. */
export class MemberPointEntry extends TenantModel<InferAttributes<MemberPointEntry>, InferCreationAttributes<MemberPointEntry>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare customerId: number;
  declare kind: EntryKind;
  declare refId: number | null;
  declare orderId: number | null;
  declare points: number;
  declare growth: CreationOptional<number>;
  declare amount: CreationOptional<number>;
  declare shortfall: CreationOptional<number>;
  declare year: number;
  declare note: string | null;
  declare staffId: number | null;
  declare createdAt: CreationOptional<Date>;
}

export class MemberLevel extends TenantModel<InferAttributes<MemberLevel>, InferCreationAttributes<MemberLevel>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare position: number;
  declare name: string;
  declare growth: number;
  declare discountPercent: number;
  declare freeShipping: boolean;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** A listing SKU the points mall offers: `points` and `cash` (fen) per unit instead of its price. */
export class MemberMallItem extends TenantModel<InferAttributes<MemberMallItem>, InferCreationAttributes<MemberMallItem>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare skuId: number;
  declare points: number;
  declare cash: number;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

const int = (allowNull = false, defaultValue?: number) => ({ type: DataTypes.INTEGER, allowNull, ...(defaultValue === undefined ? {} : { defaultValue }) });

export function initModels(sequelize: Sequelize): void {
  MemberAccount.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      customerId: int(),
      points: int(false, 0),
      growth: int(false, 0),
      streak: int(false, 0),
      lastCheckinDay: int(true),
      expiredThrough: int(),
      ...timestamps(),
    },
    { sequelize, tableName: 'member_accounts' },
  );
  MemberPointEntry.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      customerId: int(),
      kind: { type: DataTypes.STRING(16), allowNull: false },
      refId: int(true),
      orderId: int(true),
      points: int(),
      growth: int(false, 0),
      amount: int(false, 0),
      shortfall: int(false, 0),
      year: int(),
      note: { type: DataTypes.STRING(255), allowNull: true },
      staffId: int(true),
      createdAt: DataTypes.DATE(3),
    },
    { sequelize, tableName: 'member_points', updatedAt: false },
  );
  MemberLevel.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      position: int(),
      name: { type: DataTypes.STRING(32), allowNull: false },
      growth: int(),
      discountPercent: int(false, 0),
      freeShipping: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      ...timestamps(),
    },
    { sequelize, tableName: 'member_levels' },
  );
  MemberMallItem.init(
    { id: idColumn(), tenantId: tenantIdColumn(), skuId: int(), points: int(), cash: int(false, 0), ...timestamps() },
    { sequelize, tableName: 'member_mall_items' },
  );
}
