import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { idColumn, jsonColumn, moneyColumn, TenantModel, tenantIdColumn, timestamps } from '../../core/db/index.js';

export type StoreOrderKind = 'pickup' | 'same_city' | 'counter';
export interface StoreLine {
  skuId: number;
  quantity: number;
}

/** One of a shop's offline stores (门店). */
export class Store extends TenantModel<InferAttributes<Store>, InferCreationAttributes<Store>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare name: string;
  declare province: string;
  declare city: string;
  declare district: string;
  declare detail: string;
  declare hours: string;
  declare phone: string;
  declare lat: number | null;
  declare lng: number | null;
  declare pickup: boolean;
  declare deliveryRadiusM: number;
  declare deliveryFee: number;
  declare active: boolean;
  /** The walk-in shopper counter sales to nobody in particular are booked to (made at the first). */
  declare walkInCustomerId: CreationOptional<number | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** What a store holds of one of the shop's SKUs (the listing SKU shoppers order). */
export class StoreStock extends TenantModel<InferAttributes<StoreStock>, InferCreationAttributes<StoreStock>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare storeId: number;
  declare skuId: number;
  declare stock: number;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** One change to a store's stock: set or adjusted by staff, taken by an order, given back. */
export class StoreStockMove extends TenantModel<InferAttributes<StoreStockMove>, InferCreationAttributes<StoreStockMove>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare storeId: number;
  declare skuId: number;
  declare delta: number;
  declare reason: string;
  declare orderId: number | null;
  declare staffId: number | null;
  declare note: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** A staff member who clerks at one store. */
export class StoreClerk extends TenantModel<InferAttributes<StoreClerk>, InferCreationAttributes<StoreClerk>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare storeId: number;
  declare staffId: number;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** An order a store serves, and the units it took from the store's stock (given back once if the order is cancelled unpaid). */
export class StoreOrder extends TenantModel<InferAttributes<StoreOrder>, InferCreationAttributes<StoreOrder>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare storeId: number;
  declare orderId: number;
  declare kind: StoreOrderKind;
  declare lines: StoreLine[];
  declare released: CreationOptional<boolean>;
  declare releasedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

const ref = () => ({ type: DataTypes.INTEGER, allowNull: false });

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  Store.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      name: { type: DataTypes.STRING(64), allowNull: false },
      province: { type: DataTypes.STRING(32), allowNull: false },
      city: { type: DataTypes.STRING(32), allowNull: false },
      district: { type: DataTypes.STRING(32), allowNull: false },
      detail: { type: DataTypes.STRING(255), allowNull: false },
      hours: { type: DataTypes.STRING(64), allowNull: false },
      phone: { type: DataTypes.STRING(32), allowNull: false },
      lat: { type: DataTypes.DOUBLE, allowNull: true },
      lng: { type: DataTypes.DOUBLE, allowNull: true },
      pickup: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      deliveryRadiusM: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      deliveryFee: moneyColumn('deliveryFee'),
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      walkInCustomerId: { type: DataTypes.INTEGER, allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'stores' },
  );
  StoreStock.init(
    { id: idColumn(), tenantId: tenantIdColumn(), storeId: ref(), skuId: ref(), stock: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 }, ...timestamps() },
    { sequelize, tableName: 'store_stocks' },
  );
  StoreStockMove.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      storeId: ref(),
      skuId: ref(),
      delta: { type: DataTypes.INTEGER, allowNull: false },
      reason: { type: DataTypes.STRING(32), allowNull: false },
      orderId: { type: DataTypes.INTEGER, allowNull: true },
      staffId: { type: DataTypes.INTEGER, allowNull: true },
      note: { type: DataTypes.STRING(255), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'store_stock_moves' },
  );
  StoreClerk.init({ id: idColumn(), tenantId: tenantIdColumn(), storeId: ref(), staffId: ref(), ...timestamps() }, { sequelize, tableName: 'store_clerks' });
  StoreOrder.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      storeId: ref(),
      orderId: ref(),
      kind: { type: DataTypes.STRING(16), allowNull: false },
      lines: jsonColumn<StoreLine[]>('lines', []),
      released: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      releasedAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'store_orders' },
  );
}
