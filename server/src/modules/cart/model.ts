import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { TenantModel, idColumn, tenantIdColumn, timestamps } from '../../core/db/index.js';

export class CartItem extends TenantModel<InferAttributes<CartItem>, InferCreationAttributes<CartItem>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare customerId: number;
  declare listingSkuId: number;
  declare quantity: number;
  declare selected: boolean;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  CartItem.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      customerId: { type: DataTypes.INTEGER, allowNull: false },
      listingSkuId: { type: DataTypes.INTEGER, allowNull: false },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      selected: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'cart_items' },
  );
}
