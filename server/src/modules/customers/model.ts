import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { TenantModel, idColumn, tenantIdColumn, timestamps } from '../../core/db/index.js';

export type CustomerStatus = 'active' | 'disabled';

export class Customer extends TenantModel<InferAttributes<Customer>, InferCreationAttributes<Customer>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare phone: string | null;
  declare passwordHash: string | null;
  declare nickname: string | null;
  declare avatarUrl: string | null;
  declare wechatOpenid: string | null;
  declare wechatUnionid: string | null;
  declare status: CustomerStatus;
  declare lastLoginAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** One entry of a shopper's address book. */
export class Address extends TenantModel<InferAttributes<Address>, InferCreationAttributes<Address>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare customerId: number;
  declare name: string;
  declare phone: string;
  /** The district's code in the region data set (regions.ts); null on addresses saved before codes. */
  declare regionCode: string | null;
  /** Map position (a shopper's pin), for same-city delivery from a store; null when not chosen. */
  declare lat: number | null;
  declare lng: number | null;
  declare province: string;
  declare city: string;
  declare district: string;
  declare detail: string;
  declare isDefault: boolean;
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
  Address.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      customerId: { type: DataTypes.INTEGER, allowNull: false },
      name: { type: DataTypes.STRING(32), allowNull: false },
      phone: { type: DataTypes.STRING(20), allowNull: false },
      regionCode: { type: DataTypes.STRING(6), allowNull: true },
      province: { type: DataTypes.STRING(32), allowNull: false },
      city: { type: DataTypes.STRING(32), allowNull: false },
      district: { type: DataTypes.STRING(32), allowNull: false },
      detail: { type: DataTypes.STRING(255), allowNull: false },
      lat: { type: DataTypes.DOUBLE, allowNull: true },
      lng: { type: DataTypes.DOUBLE, allowNull: true },
      isDefault: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      ...timestamps(),
    },
    { sequelize, tableName: 'addresses' },
  );
}
