import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { idColumn, jsonColumn, moneyColumn, timestamps } from '../../core/db/index.js';
import type { TrackingEvent, TrackingState } from './tracking/types.js';

export interface FreightRule {
  /** Pieces (piece mode) or grams (weight mode) covered by the first fee. */
  first: number;
  firstFee: number;
  /** Each further step of this many pieces or grams costs additionalFee. */
  additional: number;
  additionalFee: number;
}

export interface RegionRule extends FreightRule {
  provinces: string[];
}

export type FreightMode = 'piece' | 'weight';

/** A rule that charges nothing: what a template without a readable default falls back to. */
export const FREE_RULE: FreightRule = { first: 1, firstFee: 0, additional: 1, additionalFee: 0 };

export class FreightTemplate extends Model<InferAttributes<FreightTemplate>, InferCreationAttributes<FreightTemplate>> {
  declare id: CreationOptional<number>;
  declare ownerKind: 'supplier' | 'tenant';
  declare ownerId: number;
  declare name: string;
  declare mode: FreightMode;
  declare defaultRule: FreightRule;
  declare regionRules: RegionRule[];
  declare freeThreshold: number | null;
  declare isDefault: boolean;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** A parcel is platform-level: the same carrier and tracking number whichever shop it carries. */
export class Parcel extends Model<InferAttributes<Parcel>, InferCreationAttributes<Parcel>> {
  declare id: CreationOptional<number>;
  declare carrier: string;
  declare trackingNo: string;
  declare state: TrackingState;
  declare events: TrackingEvent[];
  declare subscribed: boolean;
  declare lastTrackedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  FreightTemplate.init(
    {
      id: idColumn(),
      ownerKind: { type: DataTypes.STRING(16), allowNull: false },
      ownerId: { type: DataTypes.INTEGER, allowNull: false },
      name: { type: DataTypes.STRING(64), allowNull: false },
      mode: { type: DataTypes.STRING(16), allowNull: false },
      defaultRule: jsonColumn('defaultRule', FREE_RULE),
      regionRules: jsonColumn('regionRules', [] as RegionRule[]),
      freeThreshold: moneyColumn('freeThreshold', true),
      isDefault: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      ...timestamps(),
    },
    { sequelize, tableName: 'freight_templates' },
  );
  Parcel.init(
    {
      id: idColumn(),
      carrier: { type: DataTypes.STRING(32), allowNull: false },
      trackingNo: { type: DataTypes.STRING(64), allowNull: false },
      state: { type: DataTypes.STRING(20), allowNull: false },
      events: jsonColumn('events', [] as TrackingEvent[]),
      subscribed: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      lastTrackedAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'parcels' },
  );
}
