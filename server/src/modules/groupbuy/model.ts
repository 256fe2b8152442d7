import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { idColumn, jsonColumn, moneyColumn, TenantModel, tenantIdColumn, timestamps } from '../../core/db/index.js';

export type GroupStatus = 'forming' | 'succeeded' | 'failed';
export type MemberStatus = 'unpaid' | 'paid' | 'refunded';

/** A shop's group-buy activity on one listing: a group price per listing SKU. */
export class GroupBuy extends TenantModel<InferAttributes<GroupBuy>, InferCreationAttributes<GroupBuy>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare name: string;
  declare listingId: number;
  declare groupSize: number;
  declare hours: number;
  declare autoFill: boolean;
  declare prices: Array<{ skuId: number; price: number }>;
  declare startsAt: Date;
  declare endsAt: Date;
  declare endedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** One group opened on an activity by its leader. */
export class GroupBuyGroup extends TenantModel<InferAttributes<GroupBuyGroup>, InferCreationAttributes<GroupBuyGroup>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare groupBuyId: number;
  declare leaderId: number;
  declare status: GroupStatus;
  declare groupSize: number;
  declare seatsTaken: number;
  declare paidCount: number;
  declare simulated: boolean;
  declare openedAt: Date | null;
  declare expiresAt: Date;
  declare closedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** A seat of a group: a shopper's order, or a filler seat of the merchant's simulation. */
export class GroupBuyMember extends TenantModel<InferAttributes<GroupBuyMember>, InferCreationAttributes<GroupBuyMember>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare groupId: number;
  declare customerId: number | null;
  declare orderId: number | null;
  declare leader: boolean;
  declare simulated: boolean;
  declare status: MemberStatus;
  declare amount: number;
  declare paidAt: Date | null;
  declare refundedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  GroupBuy.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      name: { type: DataTypes.STRING(64), allowNull: false },
      listingId: { type: DataTypes.INTEGER, allowNull: false },
      groupSize: { type: DataTypes.INTEGER, allowNull: false },
      hours: { type: DataTypes.INTEGER, allowNull: false },
      autoFill: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      prices: jsonColumn<Array<{ skuId: number; price: number }>>('prices', []),
      startsAt: { type: DataTypes.DATE(3), allowNull: false },
      endsAt: { type: DataTypes.DATE(3), allowNull: false },
      endedAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'group_buys' },
  );
  GroupBuyGroup.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      groupBuyId: { type: DataTypes.INTEGER, allowNull: false },
      leaderId: { type: DataTypes.INTEGER, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      groupSize: { type: DataTypes.INTEGER, allowNull: false },
      seatsTaken: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      paidCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      simulated: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      openedAt: { type: DataTypes.DATE(3), allowNull: true },
      expiresAt: { type: DataTypes.DATE(3), allowNull: false },
      closedAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'group_buy_groups' },
  );
  GroupBuyMember.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      groupId: { type: DataTypes.INTEGER, allowNull: false },
      customerId: { type: DataTypes.INTEGER, allowNull: true },
      orderId: { type: DataTypes.INTEGER, allowNull: true },
      leader: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      simulated: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      amount: moneyColumn('amount'),
      paidAt: { type: DataTypes.DATE(3), allowNull: true },
      refundedAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'group_buy_members' },
  );
}
