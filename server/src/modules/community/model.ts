import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { idColumn, jsonColumn, TenantModel, tenantIdColumn, timestamps } from '../../core/db/index.js';

export type LeaderStatus = 'pending' | 'approved' | 'rejected';
export type BatchStatus = 'shipped' | 'arrived';

/** A community leader (团长): a shopper of the shop with one pickup point, whose id is the leader's. */
export class CommunityLeader extends TenantModel<InferAttributes<CommunityLeader>, InferCreationAttributes<CommunityLeader>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare customerId: number;
  declare name: string;
  declare phone: string;
  declare status: LeaderStatus;
  declare pointName: string;
  declare province: string;
  declare city: string;
  declare district: string;
  declare detail: string;
  declare hours: string;
  declare lat: number | null;
  declare lng: number | null;
  declare rejectReason: string | null;
  declare reviewedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** A community group buy: ordered until the cut-off, delivered to the points on the delivery date. */
export class CommunityActivity extends TenantModel<InferAttributes<CommunityActivity>, InferCreationAttributes<CommunityActivity>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare name: string;
  declare startsAt: Date;
  declare cutoffAt: Date;
  declare deliverAt: Date;
  declare items: Array<{ skuId: number; price: number }>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** An order placed through an activity, to be picked up at a point. */
export class CommunityOrder extends TenantModel<InferAttributes<CommunityOrder>, InferCreationAttributes<CommunityOrder>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare activityId: number;
  declare pointId: number;
  declare orderId: number;
  declare customerId: number;
  declare batchId: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** The goods of one activity sent to one point. */
export class CommunityBatch extends TenantModel<InferAttributes<CommunityBatch>, InferCreationAttributes<CommunityBatch>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare activityId: number;
  declare pointId: number;
  declare round: CreationOptional<number>;
  declare status: BatchStatus;
  declare orderCount: number;
  declare shippedAt: Date;
  declare arrivedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });
const str = (length: number, allowNull = false) => ({ type: DataTypes.STRING(length), allowNull });
const date = (allowNull = true) => ({ type: DataTypes.DATE(3), allowNull });
const coordinate = () => ({ type: DataTypes.DOUBLE, allowNull: true });

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  CommunityLeader.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      customerId: int(),
      name: str(32),
      phone: str(20),
      status: str(16),
      pointName: str(64),
      province: str(32),
      city: str(32),
      district: str(32),
      detail: str(255),
      hours: str(64),
      lat: coordinate(),
      lng: coordinate(),
      rejectReason: str(200, true),
      reviewedAt: date(),
      ...timestamps(),
    },
    { sequelize, tableName: 'community_leaders' },
  );
  CommunityActivity.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      name: str(64),
      startsAt: date(false),
      cutoffAt: date(false),
      deliverAt: date(false),
      items: jsonColumn<Array<{ skuId: number; price: number }>>('items', []),
      ...timestamps(),
    },
    { sequelize, tableName: 'community_activities' },
  );
  CommunityOrder.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      activityId: int(),
      pointId: int(),
      orderId: int(),
      customerId: int(),
      batchId: int(true),
      ...timestamps(),
    },
    { sequelize, tableName: 'community_orders' },
  );
  CommunityBatch.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      activityId: int(),
      pointId: int(),
      round: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      status: str(16),
      orderCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      shippedAt: date(false),
      arrivedAt: date(),
      ...timestamps(),
    },
    { sequelize, tableName: 'community_batches' },
  );
}
