import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { idColumn, tenantIdColumn, TenantModel } from '../../core/db/index.js';

/** A storefront visitor seen on a day (one row per shop, day and visitor). */
export class StoreVisit extends TenantModel<InferAttributes<StoreVisit>, InferCreationAttributes<StoreVisit>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  /** YYYY-MM-DD, Beijing time. */
  declare day: string;
  declare visitor: string;
  declare createdAt: CreationOptional<Date>;
}

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  StoreVisit.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      day: { type: DataTypes.STRING(10), allowNull: false },
      visitor: { type: DataTypes.STRING(64), allowNull: false },
      createdAt: DataTypes.DATE(3),
    },
    { sequelize, tableName: 'store_visits', updatedAt: false },
  );
}
