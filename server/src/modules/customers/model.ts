import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { TenantModel, idColumn, tenantIdColumn, timestamps } from '../../core/db/index.js';

export class Customer extends TenantModel<InferAttributes<Customer>, InferCreationAttributes<Customer>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare phone: string | null;
  declare passwordHash: string | null;
  declare nickname: string | null;
  declare avatarUrl: string | null;
  declare wechatOpenid: string | null;
  declare wechatUnionid: string | null;
  declare status: 'active' | 'disabled';
  declare lastLoginAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  Customer.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      phone: { type: DataTypes.STRING(20), allowNull: true },
      passwordHash: { type: DataTypes.STRING(255), allowNull: true },
      nickname: { type: DataTypes.STRING(64), allowNull: true },
      avatarUrl: { type: DataTypes.STRING(512), allowNull: true },
      wechatOpenid: { type: DataTypes.STRING(64), allowNull: true },
      wechatUnionid: { type: DataTypes.STRING(64), allowNull: true },
      status: { type: DataTypes.STRING(16), allowNull: false },
      lastLoginAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'customers' },
  );
}
